"""The published head: signed, checked later against the chain; truncation after it and a head of another chain are
reported, a wrong signature is refused (SQLite, and PostgreSQL when configured), through the functions and the CLI."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from models.errors import ConfigurationError, InvalidInputError
from models.schema import JobseekerProfile
from monitoring.cli import app as monitoring_cli
from monitoring.records.assessments import AssessmentRow, record_assessment
from monitoring.records.chain import verify_chain
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.head import (
    NO_PUBLIC_KEY,
    NO_SIGNING_KEY,
    WRONG_SIGNATURE,
    HeadStatus,
    PublishedHead,
    check_head,
    load_public_key,
    load_signing_key,
    public_key_pem,
    sign_head,
)
from tests.monitoring.conftest import PERSON, ModelOutput

AssessmentFactory = Callable[..., AssessmentRow]
NOW = dt.datetime(2026, 12, 3, 8, 30, tzinfo=dt.UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))


def _published(sessions: sessionmaker[Session], key: Ed25519PrivateKey = KEY) -> PublishedHead:
    report = verify_chain(sessions)
    assert report.ok
    return sign_head(head_seq=report.head_seq, head_hash=report.head_hash, key=key, now=NOW)


def _check(sessions: sessionmaker[Session], head: PublishedHead, key: Ed25519PrivateKey = KEY) -> HeadStatus:
    chain = verify_chain(sessions)
    return check_head(sessions, head, chain_head_seq=chain.head_seq, public_key=key.public_key()).status


def _remove_newest(engine: Engine, assessment: AssessmentRow) -> None:
    """Delete the newest link (the assessment's ``assessed`` event) and the assessment, as an administrator could."""
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM events WHERE assessment_id = :id"), {"id": assessment.id})
        connection.execute(text("DELETE FROM assessments WHERE id = :id"), {"id": assessment.id})


def test_the_signature_covers_the_canonical_json_of_seq_hash_and_time(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    make_assessment()
    head = _published(sessions)
    assert head.head_seq == 1 and head.time == "2026-12-03T08:30:00+00:00"
    content = f'{{"head_hash":"{head.head_hash}","head_seq":1,"time":"{head.time}"}}'
    KEY.public_key().verify(base64.b64decode(head.signature or ""), content.encode())


def test_a_signed_head_holds_while_the_chain_grows_after_it(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    make_assessment()
    make_assessment()
    head = PublishedHead.from_json(json.loads(json.dumps(_published(sessions).as_json())))
    assert _check(sessions, head) is HeadStatus.HOLDS
    make_assessment()
    assert _check(sessions, head) is HeadStatus.HOLDS


def test_deleting_the_newest_records_is_invisible_inside_but_reported_against_the_head(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, engine: Engine
) -> None:
    make_assessment()
    newest = make_assessment()
    head = _published(sessions)
    _remove_newest(engine, newest)
    after = verify_chain(sessions)
    assert after.ok and after.head_seq == head.head_seq - 1  # the chain alone cannot tell
    chain = verify_chain(sessions)
    check = check_head(sessions, head, chain_head_seq=chain.head_seq, public_key=KEY.public_key())
    assert check.status is HeadStatus.TRUNCATED and not check.ok and check.hash_now is None


def test_the_newest_record_replaced_with_a_recomputed_chain_is_reported_as_rewritten(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, engine: Engine
) -> None:
    make_assessment()
    newest = make_assessment()
    head = _published(sessions)
    _remove_newest(engine, newest)
    make_assessment(office="1103")  # appended properly: the chain holds and has a link at the head's seq again
    assert verify_chain(sessions).ok
    assert _check(sessions, head) is HeadStatus.REWRITTEN


def test_a_head_of_another_chain_is_refused(
    sessions: sessionmaker[Session],
    make_assessment: AssessmentFactory,
    example_profile: JobseekerProfile,
    model_output: ModelOutput,
    tmp_path: Path,
) -> None:
    for _ in range(3):
        make_assessment()
    other_engine = make_engine(f"sqlite:///{tmp_path / 'other' / 'records.db'}")
    upgrade(other_engine)
    other = session_factory(other_engine)
    for index in range(3):  # as many links, other records
        record_assessment(
            other,
            request_id=f"other-{index}",
            caller="counsellor-1",
            person_key=PERSON,
            office="0301",
            counsellor="Z990001",
            consent=True,
            profile=example_profile,
            model_name="jobseeker-risk",
            model_version="3",
            assessment=model_output(),
            language="nb",
        )
    foreign = _published(other)
    assert verify_chain(sessions).head_seq == foreign.head_seq
    assert _check(sessions, foreign) is HeadStatus.REWRITTEN
    with pytest.raises(InvalidInputError, match=WRONG_SIGNATURE):  # signed with another chain's key
        _check(sessions, _published(other, OTHER_KEY))
    other_engine.dispose()


def test_a_wrong_signature_is_refused_and_a_signed_head_needs_a_key(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    make_assessment()
    head = _published(sessions)
    moved = PublishedHead(head.head_seq + 1, head.head_hash, head.time, head.signature)
    for wrong in (moved, PublishedHead(head.head_seq, head.head_hash, head.time, "bm90IGEgc2lnbmF0dXJl")):
        with pytest.raises(InvalidInputError, match=WRONG_SIGNATURE):
            _check(sessions, wrong)
    with pytest.raises(InvalidInputError, match=WRONG_SIGNATURE):
        _check(sessions, head, OTHER_KEY)
    with pytest.raises(InvalidInputError, match="no public key"):
        check_head(sessions, head, chain_head_seq=1, public_key=None)
    unsigned = PublishedHead(head.head_seq, head.head_hash)
    assert check_head(sessions, unsigned, chain_head_seq=1, public_key=None).status is HeadStatus.HOLDS


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ({"head_hash": "a" * 64}, "head_seq is None"),
        ({"head_seq": -1, "head_hash": "a" * 64}, "head_seq is -1"),
        ({"head_seq": 1, "head_hash": "A" * 64}, "head_hash is"),
        ({"head_seq": 1, "head_hash": "a" * 64, "time": "yesterday"}, "time is 'yesterday'"),
        ({"head_seq": 1, "head_hash": "a" * 64, "signature": "c2ln"}, "signature without time"),
    ],
)
def test_a_malformed_head_is_refused_with_the_field(data: dict[str, object], why: str) -> None:
    with pytest.raises(InvalidInputError, match=why):
        PublishedHead.from_json(data)


def test_keys_load_from_a_pem_file_pem_text_or_base64_and_the_public_key_round_trips(tmp_path: Path) -> None:
    pem = KEY.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    raw = KEY.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    path = tmp_path / "head-key.pem"
    path.write_bytes(pem)
    expected = KEY.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    for value in (str(path), pem.decode(), base64.b64encode(raw).decode()):
        loaded = load_signing_key(value).public_key()
        assert loaded.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == expected
    published = load_public_key(public_key_pem(KEY))
    assert published.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == expected
    assert (
        load_public_key(base64.b64encode(expected).decode()).public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        == expected
    )
    with pytest.raises(ConfigurationError, match="is not set"):
        load_signing_key(None)
    with pytest.raises(ConfigurationError, match="neither a readable PEM file nor"):
        load_signing_key("not a key")
    with pytest.raises(ConfigurationError, match="neither a readable PEM file nor"):
        load_signing_key(base64.b64encode(b"short").decode())


def test_the_commands_sign_publish_and_verify_a_head_and_report_truncation(
    database_url: str,
    sessions: sessionmaker[Session],
    make_assessment: AssessmentFactory,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner = CliRunner()
    monkeypatch.setenv("PROFILING_DATABASE_URL", database_url)
    monkeypatch.delenv("PROFILING_HEAD_SIGNING_KEY", raising=False)
    monkeypatch.delenv("PROFILING_HEAD_PUBLIC_KEY", raising=False)
    unset = runner.invoke(monitoring_cli, ["head"])
    assert unset.exit_code == 2 and NO_SIGNING_KEY in unset.output
    key_file = tmp_path / "head-key.pem"
    key_file.write_bytes(
        KEY.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    monkeypatch.setenv("PROFILING_HEAD_SIGNING_KEY", str(key_file))
    public = runner.invoke(monitoring_cli, ["head", "--public-key"])
    assert public.exit_code == 0 and public.output == public_key_pem(KEY)
    public_file = tmp_path / "head-key.pub"
    public_file.write_text(public.output)
    make_assessment()
    newest = make_assessment()
    signed = runner.invoke(monitoring_cli, ["head"])
    assert signed.exit_code == 0, signed.output
    head_file = tmp_path / "head.json"
    head_file.write_text(signed.output)
    assert json.loads(signed.output)["head_seq"] == 2
    monkeypatch.delenv("PROFILING_HEAD_SIGNING_KEY")  # the auditor has the public key only
    unchecked = runner.invoke(monitoring_cli, ["verify", "--head", str(head_file)])
    assert unchecked.exit_code == 2 and NO_PUBLIC_KEY in unchecked.output
    holds = runner.invoke(monitoring_cli, ["verify", "--head", str(head_file), "--public-key", str(public_file)])
    assert holds.exit_code == 0, holds.output
    assert "signature checked): holds" in holds.output
    _remove_newest(engine, newest)
    monkeypatch.setenv("PROFILING_HEAD_PUBLIC_KEY", str(public_file))
    truncated = runner.invoke(monitoring_cli, ["verify", "--head", str(head_file)])
    assert truncated.exit_code == 1, truncated.output
    assert "chain holds" in truncated.output and "signature checked): truncated" in truncated.output
