"""Controlled trials: data scientists define them, auditors (and data scientists) list them, counsellors see the ones
active at their office and ask for an equivalence draw on a case (:mod:`monitoring.records.trials`).

A draw is made once per case: the first request gets 201 with the draw, a repeat 200 with the same draw, whatever
options it names. The assessment route enrols consenting cases in a display trial (:mod:`service.routers.assessments`).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from models.policy import FollowUpLevel
from models.texts import LEVEL_TEXTS, TRIAL_PAGE_TEXTS, Language, text
from monitoring.records.tables import EventRow
from monitoring.records.trials import (
    ActiveTrials,
    Draw,
    TrialDefinition,
    define_trial,
    draw,
    norwegian_today,
    trial_definitions,
)
from service.auth import Principal, Role
from service.deps import Counsellor, DataScientist, LanguageDep, RecordingDep, SessionsDep, require
from service.presenters import json_response
from service.problems import answers
from service.routers.assessments import check_office
from service.schemas import EquivalenceDrawIn, EquivalenceDrawOut, TrialIn, TrialOut

router = APIRouter(prefix="/v1", tags=["trials"], responses=answers(401, 403, 429, 503))
TrialReader = Annotated[Principal, Depends(require(Role.COUNSELLOR, Role.AUDITOR, Role.DATA_SCIENTIST))]


def _out(trial: TrialDefinition) -> TrialOut:
    return TrialOut.model_validate(dataclasses.asdict(trial) | {"active": trial.active_on(norwegian_today())})


def _level_name(level: str, lang: Language) -> str:
    return text(LEVEL_TEXTS, level, lang).partition(":")[0]


def drawn_text(event: EventRow, lang: Language) -> str:
    """Why the level was drawn, in plain language: the counsellor judged the options equally suitable."""
    names = [_level_name(option, lang) for option in event.payload["options"]]
    options = f"{', '.join(names[:-1])} {text(TRIAL_PAGE_TEXTS, 'and', lang)} {names[-1]}"
    return text(TRIAL_PAGE_TEXTS, "drawn_because", lang).format(
        level=_level_name(event.payload["drawn"], lang), options=options
    )


def _draw_out(made: Draw, lang: Language) -> EquivalenceDrawOut:
    event = made.event
    return EquivalenceDrawOut(
        id=event.id,
        seq=event.seq,
        assessment_id=str(event.assessment_id),
        trial_id=event.payload["trial_id"],
        options=event.payload["options"],
        seed=event.payload["seed"],
        drawn=event.payload["drawn"],
        drawn_text=drawn_text(event, lang),
        drawn_at=event.created_at,
        actor=event.actor,
        hash=event.hash,
    )


@router.post("/trials", status_code=status.HTTP_201_CREATED, response_model=TrialOut, responses=answers(400, 409, 413))
async def create_trial(body: TrialIn, request: Request, user: DataScientist, recording: RecordingDep) -> Response:
    """Define a controlled trial (its id is unique; a trial of the same kind may not overlap it at an office)."""

    def record() -> TrialDefinition:
        return define_trial(
            recording.sessions,
            **body.model_dump(),
            actor=user.subject,
            caller=user.subject,
            request_id=recording.request_id,
        )

    trial = await recording.hot_path.run(record)
    trials: ActiveTrials = request.app.state.trials
    trials.invalidate()
    return json_response(_out(trial), status_code=status.HTTP_201_CREATED)


@router.get("/trials")
def list_trials(user: TrialReader, sessions: SessionsDep) -> list[TrialOut]:
    """Every trial defined (auditors, data scientists); a counsellor gets those active today at their office."""
    trials = trial_definitions(sessions)
    if user.role is Role.COUNSELLOR:
        today = norwegian_today()
        trials = [trial for trial in trials if trial.runs_at(user.office or "", today)]
    return [_out(trial) for trial in trials]


@router.post(
    "/assessments/{assessment_id}/equivalence-draw",
    status_code=status.HTTP_201_CREATED,
    response_model=EquivalenceDrawOut,
    responses={
        200: {"description": "The case was drawn before: the first draw, unchanged.", "model": EquivalenceDrawOut},
        **answers(400, 404, 409, 413),
    },
)
async def equivalence_draw(
    assessment_id: str, body: EquivalenceDrawIn, user: Counsellor, recording: RecordingDep, lang: LanguageDep
) -> Response:
    """You judge two or more levels equally suitable for this person: the service draws one, which you then decide.

    Only in an equivalence trial active at your office, for a jobseeker who consented to trials, before a decision.
    """

    def record() -> Draw:
        return draw(
            recording.sessions,
            assessment_id=assessment_id,
            trial_id=body.trial_id,
            options=[FollowUpLevel(option).value for option in body.options],
            actor=user.subject,
            office=user.office or "",
            caller=user.subject,
            request_id=recording.request_id,
            check=lambda case: check_office(case.office, user),
        )

    made = await recording.hot_path.run(record)
    code = status.HTTP_201_CREATED if made.new else status.HTTP_200_OK
    return json_response(_draw_out(made, lang), status_code=code)
