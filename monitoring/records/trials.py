"""Controlled trials in the chain: their definitions, equivalence draws and display arms (obligations: audit trail,
evaluation; Meld. St. 33 § 7.3.2).

A data scientist defines a trial (:func:`define_trial`: a ``trial_defined`` event on no case): its id, kind, decision
point, eligible offices, period (inclusive, in Norwegian dates), registered protocol and target sample size. Only
jobseekers who consented to trials (``trial_consent`` in the ``assessed`` event) take part.

- An *equivalence* trial: the counsellor marks two or more suggestable levels as equally suitable, and :func:`draw`
  draws one from 128 bits of :mod:`secrets` (``options[int(seed, 16) % len(options)]``, stored with the options, so
  anyone can redo it from the record). A case is drawn once: a repeated request returns the first draw whatever
  options it names, so retrying cannot steer it. The next decision must decide the drawn level
  (:func:`monitoring.records.case_state.check_transition`).
- A *display* trial: at assessment time the service draws the case's arm, ``blind_first`` or ``shown``
  (:func:`display_draw`, 50:50 from its seed), and records trial and seed in the ``assessed`` event, whose
  ``blind_first`` follows the arm. The service keeps the definitions in memory for a few seconds
  (:class:`ActiveTrials`), so the suggestion path reads nothing more per assessment.

Readers get definitions and enrolments from :func:`trial_definitions`, :func:`trial_definition` and
:func:`trial_enrolments`. What this does not guard: two definitions of one id written at the same instant both pass
the duplicate check (each is appended in its own transaction); readers take the first in the chain.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from models.schema import NORWAY
from monitoring.records.case_state import Case, case_of
from monitoring.records.db import storage_errors
from monitoring.records.events import CaseCheck, append_event
from monitoring.records.kinds import (
    DISPLAY_ARMS,
    DecisionPoint,
    EventKind,
    TrialKind,
    checked_payload,
    display_arm,
    drawn_from,
)
from monitoring.records.tables import EventRow

NO_TRIAL = "no_trial"
DUPLICATE_TRIAL = "duplicate_trial"
OVERLAPPING_TRIAL = "overlapping_trial"
NOT_EQUIVALENCE = "not_equivalence_trial"
OUTSIDE_PERIOD = "outside_trial_period"
OFFICE_NOT_ELIGIBLE = "office_not_in_trial"
NO_TRIAL_CONSENT = "no_trial_consent"
DRAWN_IN_ANOTHER_TRIAL = "drawn_in_another_trial"
SEED_BITS = 128
DEFAULT_TTL_SECONDS = 30.0


@dataclass(frozen=True)
class TrialDefinition:
    """A trial as its ``trial_defined`` event holds it, with who defined it and when."""

    trial_id: str
    kind: TrialKind
    decision_point: DecisionPoint
    eligible_offices: tuple[str, ...]
    starts_on: dt.date
    ends_on: dt.date
    protocol_reference: str
    target_sample_size: int
    defined_by: str
    defined_at: dt.datetime

    def active_on(self, day: dt.date) -> bool:
        """Whether ``day`` is within the trial's period (both ends included)."""
        return self.starts_on <= day <= self.ends_on

    def runs_at(self, office: str, day: dt.date) -> bool:
        """Whether the trial is active on ``day`` and ``office`` is eligible."""
        return self.active_on(day) and office in self.eligible_offices


@dataclass(frozen=True)
class Enrolment:
    """One case enrolled in a trial: its arm (an equivalence draw's level, or a display arm), how it was drawn."""

    assessment_id: str
    office: str
    arm: str
    options: tuple[str, ...]
    """The options drawn from: the levels marked equally suitable, or :data:`~monitoring.records.kinds.DISPLAY_ARMS`."""
    drawn: str
    seed: str
    drawn_at: dt.datetime


@dataclass(frozen=True)
class Draw:
    """An equivalence draw's event and whether this request made it (``False``: an earlier request did)."""

    event: EventRow
    new: bool


@dataclass(frozen=True)
class DisplayDraw:
    """A display trial's draw for one case at assessment time: the trial, the seed and the arm it gives."""

    trial_id: str
    seed: str

    @property
    def blind_first(self) -> bool:
        """Whether the arm is ``blind_first``."""
        return display_arm(self.seed) == DISPLAY_ARMS[0]


def norwegian_today(at: dt.datetime | None = None) -> dt.date:
    """The date in Norway (Europe/Oslo) at ``at`` (now by default): the day a trial's period is checked against."""
    return (at or dt.datetime.now(dt.UTC)).astimezone(NORWAY).date()


def _definition(event: EventRow) -> TrialDefinition:
    payload = event.payload
    return TrialDefinition(
        trial_id=payload["trial_id"],
        kind=TrialKind(payload["kind"]),
        decision_point=DecisionPoint(payload["decision_point"]),
        eligible_offices=tuple(payload["eligible_offices"]),
        starts_on=dt.date.fromisoformat(payload["starts_on"]),
        ends_on=dt.date.fromisoformat(payload["ends_on"]),
        protocol_reference=payload["protocol_reference"],
        target_sample_size=int(payload["target_sample_size"]),
        defined_by=event.actor,
        defined_at=event.created_at,
    )


def trial_definitions(sessions: sessionmaker[Session]) -> list[TrialDefinition]:
    """Every trial defined, in chain order (the first definition of an id counts).

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    stmt = select(EventRow).where(EventRow.kind == EventKind.TRIAL_DEFINED.value).order_by(EventRow.seq)
    with storage_errors(), sessions() as session:
        events = list(session.scalars(stmt))
    found: dict[str, TrialDefinition] = {}
    for event in events:
        found.setdefault(event.payload["trial_id"], _definition(event))
    return list(found.values())


def trial_definition(sessions: sessionmaker[Session], trial_id: str) -> TrialDefinition:
    """One trial's definition.

    Raises
    ------
    RecordNotFoundError
        When no trial has this id.
    StorageUnavailableError
        When the database cannot be reached.
    """
    found = next((trial for trial in trial_definitions(sessions) if trial.trial_id == trial_id), None)
    if found is None:
        raise RecordNotFoundError(NO_TRIAL, trial_id=trial_id)
    return found


def _overlapping(new: TrialDefinition, existing: Sequence[TrialDefinition]) -> None:
    for trial in existing:
        if trial.trial_id == new.trial_id:
            raise ConflictError(DUPLICATE_TRIAL, trial_id=new.trial_id)
    for trial in existing:
        shared = sorted(set(trial.eligible_offices) & set(new.eligible_offices))
        overlaps = trial.starts_on <= new.ends_on and new.starts_on <= trial.ends_on
        if trial.kind is new.kind and shared and overlaps:
            raise ConflictError(OVERLAPPING_TRIAL, trial_kind=new.kind.value, other=trial.trial_id, office=shared[0])


def define_trial(
    sessions: sessionmaker[Session],
    *,
    trial_id: str,
    kind: str,
    eligible_offices: Sequence[str],
    starts_on: dt.date,
    ends_on: dt.date,
    protocol_reference: str,
    target_sample_size: int,
    actor: str,
    caller: str,
    decision_point: str = DecisionPoint.FOLLOW_UP_LEVEL.value,
    request_id: str | None = None,
    at: dt.datetime | None = None,
) -> TrialDefinition:
    """Define a controlled trial: append its ``trial_defined`` event.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    trial_id : str
        A short slug (lower-case letters, digits, hyphens), unique.
    kind : str
        ``"equivalence"`` or ``"display"`` (:class:`~monitoring.records.kinds.TrialKind`).
    eligible_offices : Sequence[str]
        The offices whose cases may take part (4-digit codes, at least one, each once).
    starts_on, ends_on : datetime.date
        The period, both ends included, in Norwegian dates.
    protocol_reference : str
        Where the protocol is registered.
    target_sample_size : int
        The enrolments the protocol's power calculation asks for (at least 2).
    actor, caller : str
        The data scientist, and the token subject or command that writes it.
    decision_point : str, default ``"follow_up_level"``
        The decision the trial is about.
    request_id : str or None
        The request's id, when there is one.
    at : datetime.datetime or None
        When it happened (timezone-aware); now by default.

    Returns
    -------
    TrialDefinition
        The trial as stored.

    Raises
    ------
    InvalidInputError
        Naming the field that does not fit (``payload.<field>``): an unknown kind, no office, an office twice, a
        period that ends before it starts, a target below 2, an id that is not a short slug.
    ConflictError
        When the id is defined already, or a trial of the same kind runs at one of the offices in an overlapping
        period (two trials randomising one decision of one case would confound each other).
    StorageUnavailableError
        When the database cannot be reached.
    """
    payload = {
        "trial_id": trial_id,
        "kind": kind,
        "decision_point": decision_point,
        "eligible_offices": list(eligible_offices),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "protocol_reference": protocol_reference,
        "target_sample_size": target_sample_size,
    }
    _, checked = checked_payload(EventKind.TRIAL_DEFINED, payload)
    proposed = EventRow(payload=checked, actor=actor, created_at=at)
    _overlapping(_definition(proposed), trial_definitions(sessions))
    event = append_event(
        sessions,
        kind=EventKind.TRIAL_DEFINED,
        payload=checked,
        caller=caller,
        actor=actor,
        office=None,
        request_id=request_id,
        at=at,
    )
    return _definition(event)


class _AlreadyDrawn(Exception):
    """Raised under the chain lock to write nothing and return the draw an earlier request made."""

    def __init__(self, event: EventRow) -> None:
        super().__init__(event.id)
        self.event = event


def _earlier_draw(case: Case, trial_id: str) -> EventRow | None:
    earlier = case.latest(EventKind.TRIAL_DRAW)
    if earlier is not None and earlier.payload["trial_id"] != trial_id:
        raise ConflictError(DRAWN_IN_ANOTHER_TRIAL, trial_id=earlier.payload["trial_id"])
    return earlier


def _consented(case: Case) -> bool:
    assessed = case.latest(EventKind.ASSESSED)
    return assessed is not None and bool(assessed.payload.get("trial_consent"))


def _check_eligible(trial: TrialDefinition, case: Case, today: dt.date) -> None:
    if trial.kind is not TrialKind.EQUIVALENCE:
        raise InvalidInputError(NOT_EQUIVALENCE, trial_id=trial.trial_id, trial_kind=trial.kind.value)
    if not trial.active_on(today):
        raise InvalidInputError(
            OUTSIDE_PERIOD, trial_id=trial.trial_id, starts_on=trial.starts_on, ends_on=trial.ends_on, today=today
        )
    if case.office not in trial.eligible_offices:
        raise InvalidInputError(OFFICE_NOT_ELIGIBLE, office=case.office, trial_id=trial.trial_id)
    if not _consented(case):
        raise InvalidInputError(NO_TRIAL_CONSENT)


def draw(
    sessions: sessionmaker[Session],
    *,
    assessment_id: str,
    trial_id: str,
    options: Sequence[str],
    actor: str,
    office: str,
    caller: str | None = None,
    request_id: str | None = None,
    check: CaseCheck | None = None,
    at: dt.datetime | None = None,
) -> Draw:
    """Draw one of the levels the counsellor marked equally suitable, once per case.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_id : str
        The case.
    trial_id : str
        An equivalence trial, active today (in Norway), with the case's office eligible.
    options : Sequence[str]
        Two or more distinct suggestable levels (stored sorted).
    actor, office : str
        The counsellor, and their office.
    caller : str or None
        The token subject or command that writes it (``actor`` by default).
    request_id : str or None
        The request's id, when there is one.
    check : callable or None
        The caller's rule, run on the case first (before anything about the case is told): typically its office.
    at : datetime.datetime or None
        When it happens (timezone-aware); now by default. Its Norwegian date is checked against the period.

    Returns
    -------
    Draw
        The ``trial_draw`` event and ``new=True``; or, when the case was drawn in this trial before, that first draw
        unchanged and ``new=False``, whatever ``options`` this request names.

    Raises
    ------
    RecordNotFoundError
        When the assessment or the trial does not exist.
    InvalidInputError
        When fewer than two options are marked, one is repeated or permanent; when the trial is not an equivalence
        trial, is outside its period, the case's office is not eligible, or the jobseeker did not consent to trials.
    ConflictError
        When the case is decided (or awaiting approval, or under review), or was drawn in another trial.
    StorageUnavailableError
        When the database cannot be reached.
    """
    case = case_of(sessions, assessment_id=assessment_id)
    if check is not None:
        check(case)
    earlier = _earlier_draw(case, trial_id)
    if earlier is not None:
        return Draw(earlier, new=False)
    now = at or dt.datetime.now(dt.UTC)
    _check_eligible(trial_definition(sessions, trial_id), case, norwegian_today(now))
    ordered = sorted(options)
    seed = secrets.token_hex(SEED_BITS // 8)
    payload = {"trial_id": trial_id, "options": ordered, "seed": seed, "drawn": drawn_from(ordered, seed)}

    def not_drawn_since(locked: Case) -> None:
        if check is not None:
            check(locked)
        since = _earlier_draw(locked, trial_id)
        if since is not None:
            raise _AlreadyDrawn(since)

    try:
        event = append_event(
            sessions,
            kind=EventKind.TRIAL_DRAW,
            payload=payload,
            caller=caller or actor,
            actor=actor,
            office=office,
            assessment_id=assessment_id,
            request_id=request_id,
            check=not_drawn_since,
            at=now,
        )
    except _AlreadyDrawn as found:
        return Draw(found.event, new=False)
    return Draw(event, new=True)


def display_draw(trials: Sequence[TrialDefinition], *, office: str, today: dt.date) -> DisplayDraw | None:
    """The arm of a new consenting case in the display trial that runs at ``office`` today, or ``None`` (no trial).

    The seed is 128 bits from :mod:`secrets`; the arm follows from it (:func:`~monitoring.records.kinds.display_arm`).
    """
    trial = next((t for t in trials if t.kind is TrialKind.DISPLAY and t.runs_at(office, today)), None)
    return None if trial is None else DisplayDraw(trial.trial_id, secrets.token_hex(SEED_BITS // 8))


def trial_enrolments(sessions: sessionmaker[Session], trial_id: str) -> list[Enrolment]:
    """Every case enrolled in a trial, in chain order: one per draw (equivalence) or per enrolled assessment (display).

    Raises
    ------
    RecordNotFoundError
        When no trial has this id.
    StorageUnavailableError
        When the database cannot be reached.
    """
    trial = trial_definition(sessions, trial_id)
    if trial.kind is TrialKind.EQUIVALENCE:
        stmt = select(EventRow).where(
            EventRow.kind == EventKind.TRIAL_DRAW.value, EventRow.payload["trial_id"].as_string() == trial_id
        )
    else:
        stmt = select(EventRow).where(
            EventRow.kind == EventKind.ASSESSED.value, EventRow.payload["display_trial"].as_string() == trial_id
        )
    with storage_errors(), sessions() as session:
        events = list(session.scalars(stmt.order_by(EventRow.seq)))
    return [_enrolment(event, trial.kind) for event in events]


def _enrolment(event: EventRow, kind: TrialKind) -> Enrolment:
    payload = event.payload
    if kind is TrialKind.EQUIVALENCE:
        options, seed, drawn = tuple(payload["options"]), payload["seed"], payload["drawn"]
    else:
        options, seed = DISPLAY_ARMS, payload["display_seed"]
        drawn = DISPLAY_ARMS[0] if payload.get("blind_first") else DISPLAY_ARMS[1]
    return Enrolment(
        assessment_id=str(event.assessment_id),
        office=str(event.office),
        arm=drawn,
        options=options,
        drawn=drawn,
        seed=seed,
        drawn_at=event.created_at,
    )


class ActiveTrials:
    """The trial definitions, read at most once per ``ttl_seconds`` per process, for the suggestion path.

    A trial defined through this process is seen at once (:meth:`invalidate`); one defined through another replica
    or the command line within ``ttl_seconds``. Definitions never change, so a stale copy only misses new trials.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sessions = sessions
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._trials: tuple[TrialDefinition, ...] = ()
        self._read_at: float | None = None

    def current(self) -> tuple[TrialDefinition, ...]:
        """Every trial defined, as read at most ``ttl_seconds`` ago.

        Raises
        ------
        StorageUnavailableError
            When they must be read and the database cannot be reached.
        """
        now = self._clock()
        if self._read_at is None or now - self._read_at >= self._ttl:
            with self._lock:
                if self._read_at is None or now - self._read_at >= self._ttl:
                    self._trials = tuple(trial_definitions(self._sessions))
                    self._read_at = now
        return self._trials

    def invalidate(self) -> None:
        """Read the definitions again at the next :meth:`current` (after a trial was defined)."""
        self._read_at = None

    def display_draw(self, *, office: str, at: dt.datetime | None = None) -> DisplayDraw | None:
        """:func:`display_draw` on the current definitions, today in Norway."""
        return display_draw(self.current(), office=office, today=norwegian_today(at))
