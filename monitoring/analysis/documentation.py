"""Whether needs assessments are documented, and what they weighed (obligation: documentation of the assessment; the
source documents found it missing, which is why no better model can be trained on today's decisions).

For the decisions on the cases assessed in a period, by office: how many carry a ``documentation`` record (the share,
with a Wilson interval), how many of those say the jobseeker prefers in-person follow-up, and how often each factor
was considered. A documentation record follows its decision in the chain (:mod:`monitoring.records.decisions`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.policy import ConsideredFactor, FollowUpChannel
from models.texts import CONSIDERED_FACTOR_TEXTS, text
from monitoring.analysis.frames import in_window
from monitoring.analysis.intervals import wilson_interval
from monitoring.analysis.json_tables import json_records
from monitoring.analysis.oversight import per_office
from monitoring.records.db import storage_errors
from monitoring.records.decisions import DOCUMENTATION, DOCUMENTS_DECISION
from monitoring.records.tables import AssessmentRow, DecisionRow

ABOUT = (
    "How many decisions document the needs assessment (the factors considered, the jobseeker's wishes, the preferred "
    "channel), and what the documented ones weighed."
)
"""The sentence that opens the section."""


@dataclass(frozen=True)
class DocumentationResult:
    """``by_office``: ``decisions``, ``documented`` with ``documented_share`` and its interval, ``in_person`` with
    ``in_person_share`` (of the documented); ``factors``: each factor's share of the documented decisions.
    """

    by_office: pd.DataFrame
    factors: pd.DataFrame

    @property
    def json(self) -> dict[str, Any]:
        return {
            "documentation": {
                "about": ABOUT,
                "overall": json_records(self.by_office)[0],
                "by_office": json_records(self.by_office.iloc[1:]),
                "factors": json_records(self.factors),
            }
        }

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        labels = {code: text(CONSIDERED_FACTOR_TEXTS, code, "en") for code in self.factors["factor"]}
        return {"by office": self.by_office, "factors considered": self.factors.replace({"factor": labels})}


def documentation_report(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
    confidence: float = 0.95,
) -> DocumentationResult:
    """The documentation of the decisions on the cases assessed in ``[since, until)`` (and at ``office``).

    Raises
    ------
    InvalidInputError
        If ``confidence`` is not in (0, 1).
    StorageUnavailableError
        When the database cannot be reached.
    """
    query = in_window(
        select(AssessmentRow.office, DOCUMENTATION.payload)
        .select_from(DecisionRow)
        .join(AssessmentRow, DecisionRow.assessment_id == AssessmentRow.id)
        .outerjoin(DOCUMENTATION, DOCUMENTS_DECISION),
        since,
        until,
        office,
    )
    with storage_errors(), sessions() as session:
        rows = pd.DataFrame(session.execute(query).all(), columns=["office", "payload"])
    return DocumentationResult(
        by_office=per_office(rows, lambda group: _counts(group, confidence)),
        factors=_factors(rows["payload"].dropna()),
    )


def _counts(rows: pd.DataFrame, confidence: float) -> dict[str, Any]:
    payloads = rows["payload"].dropna()
    documented = len(payloads)
    in_person = int(sum(p["channel"] == FollowUpChannel.IN_PERSON for p in payloads))
    low, high = wilson_interval(documented, len(rows), confidence=confidence)
    in_person_low, in_person_high = wilson_interval(in_person, documented, confidence=confidence)
    return {
        "decisions": len(rows),
        "documented": documented,
        "documented_share": documented / len(rows) if len(rows) else float("nan"),
        "documented_low": low,
        "documented_high": high,
        "in_person": in_person,
        "in_person_share": in_person / documented if documented else float("nan"),
        "in_person_low": in_person_low,
        "in_person_high": in_person_high,
    }


def _factors(payloads: pd.Series) -> pd.DataFrame:
    considered = [factor for payload in payloads for factor in payload["factors"]]
    counts = pd.Series(considered, dtype=object).value_counts()
    return pd.DataFrame(
        {
            "factor": [factor.value for factor in ConsideredFactor],
            "considered": [int(counts.get(factor.value, 0)) for factor in ConsideredFactor],
            "share_of_documented": [
                counts.get(factor.value, 0) / len(payloads) if len(payloads) else float("nan")
                for factor in ConsideredFactor
            ],
        }
    )
