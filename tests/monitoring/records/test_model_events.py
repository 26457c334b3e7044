"""Four eyes on the champion in the records: a request, a second person's approval (never the requester's), the
alias move that only an approval appends, rejections, the quick start's flagged bootstrap, and the reading back."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from monitoring.analysis.model_events import model_events as model_events_frame
from monitoring.records.chain import verify_chain
from monitoring.records.model_events import (
    ALREADY_CHAMPION,
    BOOTSTRAP_NOT_FIRST,
    NOT_PENDING,
    SELF_APPROVAL,
    RequestStatus,
    approve_promotion,
    chained_champion,
    model_events,
    promotion_request,
    promotion_requests,
    request_promotion,
)
from tests.monitoring.records.model_walk import APPROVER, ASKER, MODEL, REGISTRY, Copies, ModelWalk, offline_registry


@pytest.fixture()
def copies(monkeypatch: pytest.MonkeyPatch) -> Copies:
    return offline_registry(monkeypatch)


@pytest.fixture()
def walk(sessions: sessionmaker[Session], copies: Copies) -> ModelWalk:
    return ModelWalk(sessions)


def test_a_request_moves_nothing_until_a_second_person_approves(
    sessions: sessionmaker[Session], walk: ModelWalk, copies: Copies
) -> None:
    request = walk.request("3")
    assert request.status is RequestStatus.PENDING and request.loosened[0]["limit"] == "max_ece"
    assert chained_champion(sessions, model=MODEL) is None
    assert [moved for _, _, moved in copies.made] == [False]  # the request is tagged, the alias stays

    approved = walk.approve(request.id)
    assert (approved.status, approved.decided_by, approved.self_approved_bootstrap) == ("approved", APPROVER, False)
    assert chained_champion(sessions, model=MODEL) == "3"
    version, tags, moved = copies.made[-1]
    assert (version, moved, tags["promoted_by"], tags["approved_by"]) == ("3", True, ASKER, APPROVER)
    assert [e.kind for e in model_events(sessions)] == ["promotion_requested", "promotion_approved", "alias_moved"]
    assert verify_chain(sessions).ok


def test_nobody_approves_their_own_request(sessions: sessionmaker[Session], walk: ModelWalk) -> None:
    request = walk.request("3")
    with pytest.raises(ConflictError, match=str(ConflictError(SELF_APPROVAL, actor=ASKER))):
        walk.approve(request.id, by=ASKER)
    with pytest.raises(ConflictError, match="cannot approve it"):  # another name from the requester's login
        approve_promotion(sessions, request_id=request.id, caller=ASKER, actor="D990009", tracking_uri=REGISTRY)
    assert promotion_request(sessions, request_id=request.id).status is RequestStatus.PENDING
    assert chained_champion(sessions, model=MODEL) is None


def test_a_decided_request_cannot_be_decided_again(sessions: sessionmaker[Session], walk: ModelWalk) -> None:
    rejected = walk.reject(walk.request("3").id)
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "The ECE limit was loosened without a review.")
    decided = ConflictError(NOT_PENDING, request_id=rejected.id, promotion_status="rejected")
    with pytest.raises(ConflictError, match=str(decided)):
        walk.approve(rejected.id)
    assert chained_champion(sessions, model=MODEL) is None
    with pytest.raises(RecordNotFoundError):
        walk.approve("no-such-request")


def test_a_rollback_is_an_approved_move_back(sessions: sessionmaker[Session], walk: ModelWalk) -> None:
    walk.approve(walk.request("1").id)
    walk.approve(walk.request("2", champion="1").id)
    back = walk.approve(walk.request("1", champion="2", rollback=True).id)
    assert back.rollback and chained_champion(sessions, model=MODEL) == "1"
    moves = [(e.payload["version"], e.payload["previous"]) for e in model_events(sessions) if e.kind == "alias_moved"]
    assert moves == [("1", None), ("2", "1"), ("1", "2")]
    with pytest.raises(ConflictError, match=str(ConflictError(ALREADY_CHAMPION, model=MODEL, version="1"))):
        walk.request("1", champion="1")


def test_the_bootstrap_is_for_the_first_champion_only_and_is_flagged(
    sessions: sessionmaker[Session], walk: ModelWalk
) -> None:
    first = walk.request("1", by=ASKER)
    bootstrap = approve_promotion(
        sessions, request_id=first.id, caller=ASKER, actor=ASKER, tracking_uri=REGISTRY, self_approved_bootstrap=True
    )
    assert bootstrap.self_approved_bootstrap and chained_champion(sessions, model=MODEL) == "1"
    second = walk.request("2", by=ASKER, champion="1")
    with pytest.raises(ConflictError, match=str(ConflictError(BOOTSTRAP_NOT_FIRST, model=MODEL, version="1"))):
        approve_promotion(
            sessions,
            request_id=second.id,
            caller=ASKER,
            actor=ASKER,
            tracking_uri=REGISTRY,
            self_approved_bootstrap=True,
        )


def test_a_request_needs_a_reason(sessions: sessionmaker[Session], copies: Copies) -> None:
    with pytest.raises(InvalidInputError, match=r"payload\.reason"):
        request_promotion(
            sessions,
            model=MODEL,
            version="1",
            champion=None,
            rollback=False,
            gates=(),
            loosened=(),
            reason="  ",
            review="",
            caller=ASKER,
            actor=ASKER,
            tracking_uri=REGISTRY,
        )
    assert model_events(sessions) == []


def test_the_audit_frame_lists_every_model_event_with_its_flags(
    sessions: sessionmaker[Session], walk: ModelWalk
) -> None:
    first = walk.request("1")
    approve_promotion(
        sessions, request_id=first.id, caller=ASKER, actor=ASKER, tracking_uri=REGISTRY, self_approved_bootstrap=True
    )
    walk.reject(walk.request("2", champion="1").id)
    frame = model_events_frame(sessions, since=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert list(frame["kind"]) == [
        "promotion_requested",
        "promotion_approved",
        "alias_moved",
        "promotion_requested",
        "promotion_rejected",
    ]
    assert list(frame["self_approved_bootstrap"]) == [False, True, False, False, False]
    assert frame["loosened"].iloc[0] == "max_ece=0.05"
    assert set(frame["request_id"]) == {first.id, frame["request_id"].iloc[3]}
    assert frame["seq"].is_monotonic_increasing
    assert model_events_frame(sessions, until=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).empty
    assert [r.status for r in promotion_requests(sessions, model=MODEL)] == ["approved", "rejected"]
