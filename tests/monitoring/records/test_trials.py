"""Controlled trials on SQLite and PostgreSQL: definitions, equivalence draws (every refusal writes nothing, a retry
returns the first draw, the draw is redone from its record, the decision must be the drawn level) and display arms
recorded with the assessment, blind-first following them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from scipy import stats
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from monitoring.records.assessments import AssessmentRow
from monitoring.records.case_state import DECISION, NOT_THE_DRAWN_LEVEL, case_of, check_transition
from monitoring.records.chain import verify_chain
from monitoring.records.kinds import (
    DISPLAY_NEEDS_CONSENT,
    DISPLAY_NOT_THE_ARM,
    TRIAL_ENDS_BEFORE_START,
    TRIAL_FEW_OPTIONS,
    TRIAL_NO_OFFICES,
    TRIAL_PERMANENT_OPTION,
    TRIAL_REPEATED_OFFICE,
    TRIAL_REPEATED_OPTION,
    display_arm,
)
from monitoring.records.tables import DecisionRow, EventRow
from monitoring.records.trials import (
    DRAWN_IN_ANOTHER_TRIAL,
    DUPLICATE_TRIAL,
    NO_TRIAL_CONSENT,
    NOT_EQUIVALENCE,
    OFFICE_NOT_ELIGIBLE,
    OUTSIDE_PERIOD,
    ActiveTrials,
    DisplayDraw,
    define_trial,
    display_draw,
    draw,
    trial_definition,
    trial_definitions,
    trial_enrolments,
)
from tests.monitoring.records.cases import COUNSELLOR, OFFICE, PERMANENT, SUGGESTED, CaseWalk

AssessmentFactory = Callable[..., AssessmentRow]
STANDARD, SPECIAL = "STANDARD_INNSATS", "SPESIELT_TILPASSET_INNSATS"
DURING = dt.datetime(2027, 6, 1, 10, tzinfo=dt.UTC)
DATA_SCIENTIST = "D990001"


def _define(sessions: sessionmaker[Session], **overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "trial_id": "eq-2027",
        "kind": "equivalence",
        "eligible_offices": [OFFICE, "1103"],
        "starts_on": dt.date(2027, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "protocol_reference": "OSF-REG 2027/14: likeverdige innsatsgrupper",
        "target_sample_size": 400,
        "actor": DATA_SCIENTIST,
        "caller": DATA_SCIENTIST,
    }
    return define_trial(sessions, **(arguments | overrides))


def _draw(sessions: sessionmaker[Session], assessment_id: str | None = None, **overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "assessment_id": assessment_id,
        "trial_id": "eq-2027",
        "options": [STANDARD, SUGGESTED],
        "actor": COUNSELLOR,
        "office": OFFICE,
        "at": DURING,
    }
    return draw(sessions, **(arguments | overrides))


def _links(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0) + int(
            session.scalar(select(func.count()).select_from(DecisionRow)) or 0
        )


@pytest.fixture()
def consenting(make_assessment: AssessmentFactory) -> Callable[..., str]:
    return lambda **overrides: make_assessment(trial_consent=True, **overrides).id


def test_a_definition_is_stored_and_read_back(sessions: sessionmaker[Session]) -> None:
    defined = _define(sessions)
    assert trial_definitions(sessions) == [defined] and trial_definition(sessions, "eq-2027") == defined
    assert defined.eligible_offices == (OFFICE, "1103") and defined.defined_by == DATA_SCIENTIST
    assert defined.decision_point.value == "follow_up_level" and defined.target_sample_size == 400
    assert defined.active_on(dt.date(2027, 12, 31)) and not defined.active_on(dt.date(2028, 1, 1))
    with pytest.raises(RecordNotFoundError):
        trial_definition(sessions, "unknown")
    assert verify_chain(sessions).ok


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": dt.date(2026, 12, 31)}, str(InvalidInputError(TRIAL_ENDS_BEFORE_START))),
        ({"eligible_offices": []}, str(InvalidInputError(TRIAL_NO_OFFICES))),
        ({"eligible_offices": [OFFICE, OFFICE]}, str(InvalidInputError(TRIAL_REPEATED_OFFICE))),
        ({"target_sample_size": 1}, "payload.target_sample_size"),
        ({"kind": "cluster"}, "payload.kind"),
        ({"trial_id": "Not A Slug"}, "payload.trial_id"),
        ({"protocol_reference": "  "}, "payload.protocol_reference"),
    ],
)
def test_a_bad_definition_is_refused(sessions: sessionmaker[Session], overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        _define(sessions, **overrides)
    assert _links(sessions) == 0


def test_a_duplicate_id_and_an_overlapping_trial_of_the_same_kind_are_conflicts(
    sessions: sessionmaker[Session],
) -> None:
    _define(sessions)
    with pytest.raises(ConflictError, match=str(ConflictError(DUPLICATE_TRIAL, trial_id="eq-2027"))):
        _define(sessions, eligible_offices=["4444"])
    with pytest.raises(ConflictError, match="one equivalence trial per office"):
        _define(sessions, trial_id="eq-late", starts_on=dt.date(2027, 12, 31), ends_on=dt.date(2028, 6, 30))
    _define(sessions, trial_id="display-2027", kind="display")  # another kind at the same offices
    _define(sessions, trial_id="eq-2028", starts_on=dt.date(2028, 1, 1), ends_on=dt.date(2028, 6, 30))
    assert [t.trial_id for t in trial_definitions(sessions)] == ["eq-2027", "display-2027", "eq-2028"]


def test_a_draw_is_redone_from_its_record(sessions: sessionmaker[Session], consenting: Callable[..., str]) -> None:
    _define(sessions)
    made = _draw(sessions, consenting(), options=[SUGGESTED, STANDARD, SPECIAL])
    payload = made.event.payload
    assert made.new and made.event.kind == "trial_draw" and made.event.actor == COUNSELLOR
    assert payload["options"] == sorted([SUGGESTED, STANDARD, SPECIAL]) and len(payload["seed"]) == 32
    assert payload["drawn"] == payload["options"][int(payload["seed"], 16) % 3]  # the contract's formula, by hand
    assert made.event.created_at == DURING
    assert verify_chain(sessions).ok


def test_a_retry_returns_the_first_draw_whatever_it_names(
    sessions: sessionmaker[Session], consenting: Callable[..., str]
) -> None:
    _define(sessions)
    case = consenting()
    first = _draw(sessions, case)
    before = _links(sessions)
    for options in ([STANDARD, SUGGESTED], [SPECIAL, STANDARD, SUGGESTED], [STANDARD]):
        again = _draw(sessions, case, options=options)
        assert not again.new and again.event.id == first.event.id and again.event.payload == first.event.payload
    assert _links(sessions) == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([STANDARD], str(InvalidInputError(TRIAL_FEW_OPTIONS))),
        ([STANDARD, STANDARD], str(InvalidInputError(TRIAL_REPEATED_OPTION))),
        ([STANDARD, PERMANENT], str(InvalidInputError(TRIAL_PERMANENT_OPTION))),
        ([STANDARD, "NOT_A_LEVEL"], "payload.options"),
    ],
)
def test_bad_options_are_refused(
    sessions: sessionmaker[Session], consenting: Callable[..., str], options: list[str], message: str
) -> None:
    _define(sessions)
    case = consenting()
    before = _links(sessions)
    with pytest.raises(InvalidInputError, match=message):
        _draw(sessions, case, options=options)
    assert _links(sessions) == before


def test_an_ineligible_case_is_refused_and_nothing_is_written(
    sessions: sessionmaker[Session], consenting: Callable[..., str], make_assessment: AssessmentFactory
) -> None:
    _define(sessions)
    _define(sessions, trial_id="display-2027", kind="display")
    refusals: list[tuple[dict[str, Any], type[Exception], str]] = [
        ({"trial_id": "unknown"}, RecordNotFoundError, "no trial unknown"),
        (
            {"trial_id": "display-2027"},
            InvalidInputError,
            str(InvalidInputError(NOT_EQUIVALENCE, trial_id="display-2027", trial_kind="display")),
        ),
        # 2027-12-31 23:30 UTC is already 2028 in Norway
        ({"at": dt.datetime(2027, 12, 31, 23, 30, tzinfo=dt.UTC)}, InvalidInputError, "outside its period"),
        ({"at": dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC)}, InvalidInputError, "outside its period"),
        (
            {"assessment_id": consenting(office="5001")},
            InvalidInputError,
            str(InvalidInputError(OFFICE_NOT_ELIGIBLE, office="5001", trial_id="eq-2027")),
        ),
        ({"assessment_id": make_assessment().id}, InvalidInputError, str(InvalidInputError(NO_TRIAL_CONSENT))),
    ]
    case = consenting()
    before = _links(sessions)
    for overrides, error, message in refusals:
        with pytest.raises(error, match=message):
            _draw(sessions, **({"assessment_id": case} | overrides))
    assert _links(sessions) == before
    assert str(
        InvalidInputError(OUTSIDE_PERIOD, trial_id="eq-2027", starts_on="2027-01-01", ends_on="2027-12-31", today="x")
    ).endswith("outside its period")


def test_a_decided_case_is_not_drawn(sessions: sessionmaker[Session], consenting: Callable[..., str]) -> None:
    _define(sessions)
    walk = CaseWalk(sessions, consenting())
    walk.decide(SUGGESTED)
    before = _links(sessions)
    with pytest.raises(ConflictError, match='trial draw cannot be recorded: the case\'s status is "Decided"'):
        _draw(sessions, walk.assessment_id)
    assert _links(sessions) == before


def test_a_case_takes_part_in_one_draw(sessions: sessionmaker[Session], consenting: Callable[..., str]) -> None:
    _define(sessions)
    _define(sessions, trial_id="eq-2028", starts_on=dt.date(2028, 1, 1), ends_on=dt.date(2028, 12, 31))
    case = consenting()
    _draw(sessions, case)
    with pytest.raises(ConflictError, match=str(ConflictError(DRAWN_IN_ANOTHER_TRIAL, trial_id="eq-2027"))):
        _draw(sessions, case, trial_id="eq-2028", at=dt.datetime(2028, 6, 1, tzinfo=dt.UTC))


def test_the_decision_after_a_draw_decides_the_drawn_level(
    sessions: sessionmaker[Session], consenting: Callable[..., str]
) -> None:
    _define(sessions)
    walk = CaseWalk(sessions, consenting())
    drawn = _draw(sessions, walk.assessment_id).event.payload["drawn"]
    other = STANDARD if drawn == SUGGESTED else SUGGESTED

    def rule(level: str) -> Callable[[Any], None]:
        return lambda case: check_transition(case, DECISION, {"decided_level": level})

    before = _links(sessions)
    with pytest.raises(
        ConflictError, match=re.escape(str(ConflictError(NOT_THE_DRAWN_LEVEL, level=drawn, state="undecided")))
    ):
        walk.decide(other, check=rule(other))
    assert _links(sessions) == before
    decision = walk.decide(drawn, check=rule(drawn))
    assert decision.decided_level == drawn and case_of(sessions, assessment_id=walk.assessment_id).state == "decided"


def test_a_display_arm_is_recorded_and_blind_first_follows_it(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    _define(sessions, trial_id="display-2027", kind="display")
    seeds = {"blind_first": "0" * 32, "shown": "0" * 31 + "1"}
    ids = {}
    for arm, seed in seeds.items():
        row = make_assessment(
            trial_consent=True, display_trial="display-2027", display_seed=seed, blind_first=arm == "blind_first"
        )
        ids[arm] = row.id
        assert case_of(sessions, assessment_id=row.id).blind_first is (arm == "blind_first")
    enrolments = trial_enrolments(sessions, "display-2027")
    assert [(e.assessment_id, e.arm, e.seed) for e in enrolments] == [(ids[a], a, s) for a, s in seeds.items()]
    assert all(e.options == ("blind_first", "shown") and e.office == OFFICE for e in enrolments)
    assert trial_enrolments(sessions, "display-2027")[0].drawn_at.tzinfo is not None
    assert verify_chain(sessions).ok


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"trial_consent": True, "display_trial": "display-2027", "display_seed": "0" * 32}, DISPLAY_NOT_THE_ARM),
        ({"display_trial": "display-2027", "display_seed": "0" * 31 + "1"}, DISPLAY_NEEDS_CONSENT),
        ({"trial_consent": True, "display_trial": "display-2027"}, "display_trial and display_seed"),
    ],
)
def test_an_arm_that_does_not_fit_is_refused(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        make_assessment(**fields)  # blind_first false, but the first seed's arm is blind_first
    assert _links(sessions) == 0


def test_trial_consent_alone_is_recorded_and_equivalence_enrolments_are_the_draws(
    sessions: sessionmaker[Session], consenting: Callable[..., str]
) -> None:
    _define(sessions)
    case = consenting()
    assert case_of(sessions, assessment_id=case).latest("assessed").payload["trial_consent"] is True  # type: ignore[arg-type,union-attr]
    made = _draw(sessions, case).event
    (enrolled,) = trial_enrolments(sessions, "eq-2027")
    assert (enrolled.assessment_id, enrolled.arm, enrolled.seed, enrolled.drawn_at) == (
        case,
        made.payload["drawn"],
        made.payload["seed"],
        DURING,
    )


def test_display_draws_are_fair_and_only_where_a_display_trial_runs(sessions: sessionmaker[Session]) -> None:
    trial = _define(sessions, trial_id="display-2027", kind="display")
    today = dt.date(2027, 6, 1)
    assert display_draw([trial], office="5001", today=today) is None
    assert display_draw([trial], office=OFFICE, today=dt.date(2028, 1, 1)) is None
    draws = [display_draw([trial], office=OFFICE, today=today) for _ in range(4_000)]
    assert all(isinstance(d, DisplayDraw) and d.trial_id == "display-2027" for d in draws)
    blind = sum(d.blind_first for d in draws if d is not None)
    assert blind == sum(display_arm(d.seed) == "blind_first" for d in draws if d is not None)
    assert stats.binomtest(blind, len(draws), 0.5).pvalue > 1e-4  # 50:50, independently of how it was computed


def test_active_trials_are_read_once_per_ttl(sessions: sessionmaker[Session]) -> None:
    now = [0.0]
    cache = ActiveTrials(sessions, ttl_seconds=30, clock=lambda: now[0])
    assert cache.current() == ()
    _define(sessions, trial_id="display-2027", kind="display")
    now[0] = 29.0
    assert cache.current() == ()  # not read again within the TTL
    now[0] = 30.0
    assert [t.trial_id for t in cache.current()] == ["display-2027"]
    _define(sessions, trial_id="eq-2027")
    cache.invalidate()
    assert len(cache.current()) == 2
    assert cache.display_draw(office=OFFICE, at=DURING) is not None
