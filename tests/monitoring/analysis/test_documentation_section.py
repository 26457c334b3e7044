"""The documentation section counts exactly what the records hold: documented decisions by office, the channel, and
each factor's share of the documented."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from monitoring.analysis.documentation import documentation_report
from monitoring.analysis.intervals import wilson_interval
from monitoring.records.assessments import AssessmentRow
from tests.monitoring.records.cases import DOCUMENTED, SUGGESTED, CaseWalk

AssessmentFactory = Callable[..., AssessmentRow]


def test_documented_decisions_channels_and_factors(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    CaseWalk(sessions, make_assessment(office="0301").id).decide(SUGGESTED, documentation=DOCUMENTED)
    digital = DOCUMENTED | {"factors": ["HEALTH"], "channel": "DIGITAL", "wishes": None}
    CaseWalk(sessions, make_assessment(office="0301").id).decide(SUGGESTED, documentation=digital)
    CaseWalk(sessions, make_assessment(office="0301").id).decide(SUGGESTED)
    CaseWalk(sessions, make_assessment(office="4601").id).decide(SUGGESTED)

    result = documentation_report(sessions)
    rows = result.by_office.set_index("office")
    assert rows.loc["all", ["decisions", "documented", "in_person"]].tolist() == [4, 2, 1]
    assert rows.loc["0301", ["decisions", "documented"]].tolist() == [3, 2]
    assert rows.loc["4601", ["decisions", "documented"]].tolist() == [1, 0]
    assert rows.loc["all", "documented_share"] == pytest.approx(0.5)
    assert (rows.loc["all", "documented_low"], rows.loc["all", "documented_high"]) == pytest.approx(
        wilson_interval(2, 4)
    )
    shares = result.factors.set_index("factor")["share_of_documented"]
    assert (shares["HEALTH"], shares["WORK_EXPERIENCE"], shares["LANGUAGE"]) == (1.0, 0.5, 0.0)
    only = documentation_report(sessions, office="4601").by_office.set_index("office")
    assert list(only.index) == ["all", "4601"] and only.loc["all", "documented"] == 0
    assert result.json["documentation"]["overall"]["documented"] == 2
