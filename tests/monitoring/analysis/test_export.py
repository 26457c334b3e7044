"""The evaluation export: its rows and columns against the records, the per-export key, what it must not hold, the
minimum cell size on the quasi-identifiers, the data sheet, and the refusals that write nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from models.errors import InvalidInputError
from models.national_id import contains_national_id
from models.risk_model import Assessment
from models.rule import profile_rule_outcome
from models.schema import JobseekerProfile
from monitoring.analysis.export import (
    ALL_SUPPRESSED,
    COLUMNS,
    EMPTY_PERIOD,
    QUASI_IDENTIFIERS,
    SUPPRESSED,
    export_evaluation,
)
from monitoring.analysis.frames import assessment_frame
from monitoring.cli import app as monitoring_cli
from monitoring.records.assessments import AssessmentRow
from monitoring.records.decisions import record_decision
from monitoring.records.kinds import display_arm
from monitoring.records.outcomes import record_outcome
from monitoring.records.tables import DecisionRow
from monitoring.records.trials import define_trial, draw
from tests.conftest import changed

AssessmentFactory = Callable[..., AssessmentRow]
SINCE, UNTIL = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
K = 10
JUSTIFICATION = "Trenger tolk i samtalene, avtalt med jobbsøker 12. november."
DISPLAY_SEED = "0" * 31 + "1"


@dataclass(frozen=True)
class Records:
    sessions: sessionmaker[Session]
    url: str
    in_period: list[AssessmentRow]
    rare: list[AssessmentRow]
    """Two people of a combination no one else shares: left out whatever is generalised."""
    merged: list[AssessmentRow]
    """Two small offices' people, kept once their office is generalised."""
    rule_outcome: str


def _at(day: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC)


@pytest.fixture()
def records(
    sessions: sessionmaker[Session],
    database_url: str,
    make_assessment: AssessmentFactory,
    model_output: Callable[..., Assessment],
    example_profile: JobseekerProfile,
) -> Records:
    define_trial(
        sessions,
        trial_id="eq-oslo",
        kind="equivalence",
        eligible_offices=["0301"],
        starts_on=SINCE,
        ends_on=dt.date(2026, 11, 30),
        protocol_reference="OSF 2026-11",
        target_sample_size=100,
        actor="D990001",
        caller="D990001",
        at=_at(1),
    )
    define_trial(
        sessions,
        trial_id="display-0312",
        kind="display",
        eligible_offices=["0312"],
        starts_on=SINCE,
        ends_on=dt.date(2026, 11, 30),
        protocol_reference="OSF 2026-12",
        target_sample_size=100,
        actor="D990001",
        caller="D990001",
        at=_at(1),
    )
    in_period = [
        make_assessment(
            person_key=f"{i % 30:064x}",
            office="0301",
            at=_at(2 + i % 20),
            trial_consent=True,
            assessment=model_output(risk=0.1 + i / 100),
        )
        for i in range(40)
    ]
    in_period += [make_assessment(person_key=f"{100 + i:064x}", office="0312", at=_at(3)) for i in range(11)]
    displayed = make_assessment(
        person_key=f"{200:064x}",
        office="0312",
        at=_at(4),
        trial_consent=True,
        display_trial="display-0312",
        display_seed=DISPLAY_SEED,
        blind_first=display_arm(DISPLAY_SEED) == "blind_first",
    )
    merged = [make_assessment(person_key=f"{300 + i:064x}", office=f"{5001 + i % 2}", at=_at(5)) for i in range(11)]
    older = changed(example_profile, gender="MANN", age=62)
    rare = [make_assessment(person_key=f"{400 + i:064x}", profile=older, at=_at(6)) for i in range(2)]
    make_assessment(person_key=f"{500:064x}", consent=False, assessment=None, at=_at(7))
    make_assessment(person_key=f"{600:064x}", at=dt.datetime(2026, 10, 30, tzinfo=dt.UTC))
    drawn = in_period[0]
    arm = draw(
        sessions,
        assessment_id=drawn.id,
        trial_id="eq-oslo",
        options=["SITUASJONSBESTEMT_INNSATS", "STANDARD_INNSATS"],
        actor="Z990001",
        office="0301",
        at=_at(2),
    ).event.payload["drawn"]
    decide = {"request_id": "r", "caller": "Z990001", "office": "0301", "counsellor": "Z990001"}
    departs = {} if arm == drawn.suggested_level else {"reason_code": "OTHER", "justification": JUSTIFICATION}
    record_decision(sessions, assessment_id=drawn.id, decided_level=arm, at=_at(25), **decide, **departs)
    for row in in_period[1:20]:
        record_decision(sessions, assessment_id=row.id, decided_level=str(row.suggested_level), at=_at(25), **decide)
    for row in in_period[20:25]:
        level, reason = "SPESIELT_TILPASSET_INNSATS", "LANGUAGE_OR_DIGITAL_BARRIERS"
        record_decision(
            sessions,
            assessment_id=row.id,
            decided_level=level,
            reason_code=reason,
            justification=JUSTIFICATION,
            at=_at(25),
            **decide,
        )
    for i, row in enumerate(in_period[:15]):
        record_outcome(
            sessions,
            horizon_months=12,
            employed=i % 3 == 0,
            observed_on=dt.date(2026, 11, 30),
            source="test",
            caller="I990001",
            assessment_id=row.id,
        )
    in_period += [displayed, *merged, *rare]
    return Records(sessions, database_url, in_period, rare, merged, profile_rule_outcome(example_profile).value)


def _decisions(records: Records) -> list[DecisionRow]:
    with records.sessions() as session:
        return list(session.scalars(select(DecisionRow)))


def _export(records: Records, out: Path, **kw: object) -> pd.DataFrame:
    export_evaluation(records.sessions, since=SINCE, until=UNTIL, out=out, min_cell_size=K, **kw)  # type: ignore[arg-type]
    return pd.read_parquet(out)


def test_the_rows_and_columns_are_the_records_of_the_period(records: Records, tmp_path: Path) -> None:
    out = tmp_path / "export.parquet"
    summary = export_evaluation(records.sessions, since=SINCE, until=UNTIL, out=out, min_cell_size=K)
    exported = pd.read_parquet(out)

    kept = [row for row in records.in_period if row not in records.rare]
    assert list(exported.columns) == list(COLUMNS)
    assert len(exported) == summary.rows == len(kept)
    assert (summary.declined, summary.suppressed_rows, summary.persons) == (1, 2, exported["person"].nunique())
    assert sorted(exported["risk"]) == sorted(row.risk for row in kept)
    frame = assessment_frame(records.sessions).set_index("id").loc[[row.id for row in kept]]
    assert exported["decided_level"].value_counts().to_dict() == frame["decided_level"].value_counts().to_dict()
    assert exported["reason_code"].value_counts().to_dict() == frame["reason_code"].value_counts().to_dict()
    assert exported["reason_code"].value_counts()["LANGUAGE_OR_DIGITAL_BARRIERS"] == 5
    assert exported["without_work_at_horizon"].value_counts().sort_index().to_dict() == (
        frame["label"].value_counts().sort_index().to_dict()
    )
    assert set(exported["rule_outcome"]) == {records.rule_outcome}
    assert exported["flag_language_barrier"].all() and not exported["flag_work_capacity_assessment"].any()
    assert set(exported["registration_month"]) == {"2026-11"}
    equivalence = exported[exported["equivalence_trial"].notna()]
    assert equivalence[["equivalence_trial", "equivalence_options"]].to_numpy().tolist() == [
        ["eq-oslo", "SITUASJONSBESTEMT_INNSATS,STANDARD_INNSATS"]
    ]
    assert equivalence["equivalence_arm"].iloc[0] == equivalence["decided_level"].iloc[0]
    assert exported["display_arm"].dropna().tolist() == [display_arm(DISPLAY_SEED)]


def test_the_key_holds_within_one_export_only(records: Records, tmp_path: Path) -> None:
    first = _export(records, tmp_path / "first.parquet")
    second = _export(records, tmp_path / "second.parquet")
    per_person = first.groupby("person").size()
    assert (per_person == 2).sum() == 10 and (per_person <= 2).all()  # ten people were assessed twice
    assert set(first["person"]).isdisjoint(second["person"])
    assert sorted(first.groupby("person").size()) == sorted(second.groupby("person").size())


def test_no_free_text_person_key_or_identity_number(records: Records, tmp_path: Path) -> None:
    exported = _export(records, tmp_path / "export.parquet")
    assert exported["person"].str.fullmatch(r"[0-9a-f]{16}").all()
    texts = exported.select_dtypes(include="object").drop(columns="person")
    cells = {str(value) for value in texts.to_numpy().ravel()}
    keys = {f"{i:064x}" for i in range(700)} | {row.id for row in records.in_period}
    assert len(texts.columns) > 20 and JUSTIFICATION in {row.justification for row in _decisions(records)}
    assert not (cells | set(exported["person"])) & keys
    assert not [cell for cell in cells if JUSTIFICATION[:20] in cell or re.search(r"\d{11}", cell)]
    assert not [cell for cell in cells if contains_national_id(cell)]
    assert not {"person_key", "id", "justification", "counsellor", "age", "registration_date"} & set(exported)


def test_every_combination_of_quasi_identifiers_has_k_rows(records: Records, tmp_path: Path) -> None:
    exported = _export(records, tmp_path / "export.parquet")
    cells = exported.groupby(list(QUASI_IDENTIFIERS), dropna=False).size()
    assert len(cells) >= 2 and cells.min() >= K
    generalised = exported[exported["office"] == SUPPRESSED]
    assert len(generalised) == len(records.merged) and generalised["county"].ne(SUPPRESSED).all()
    assert exported["county_unemployment_rate"].notna().all()  # only the office was generalised


def test_the_data_sheet_lists_every_column(records: Records, tmp_path: Path) -> None:
    _export(records, tmp_path / "export.parquet")
    sheet = (tmp_path / "export.md").read_text()
    listed = re.findall(r"^\| `(\w+)` \|", sheet, flags=re.MULTILINE)
    assert listed == list(COLUMNS) == list(pd.read_parquet(tmp_path / "export.parquet").columns)
    assert f"Rows: {len(records.in_period) - 2}" in sheet and f"k = {K}" in sheet


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        (dt.date(2025, 1, 1), dt.date(2025, 2, 1), EMPTY_PERIOD.format(since="2025-01-01", until="2025-02-01")),
        (UNTIL, SINCE, "the period is inverted"),
        (SINCE, SINCE, "the period is inverted"),
    ],
)
def test_an_empty_or_inverted_period_writes_nothing(
    records: Records, tmp_path: Path, since: dt.date, until: dt.date, message: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        export_evaluation(records.sessions, since=since, until=until, out=folder / "export.parquet")
    assert list(folder.iterdir()) == []


def test_cells_too_small_for_any_row_write_nothing(records: Records, tmp_path: Path) -> None:
    message = ALL_SUPPRESSED.format(rows=len(records.in_period), k=1000)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        export_evaluation(records.sessions, since=SINCE, until=UNTIL, out=folder / "x.parquet", min_cell_size=1000)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("make", "reason"), [("folder", "it is a folder"), ("file", "is not a folder")])
def test_a_path_that_cannot_be_written_writes_nothing(records: Records, tmp_path: Path, make: str, reason: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    if make == "folder":
        out = folder / "x.parquet"
        out.mkdir()
    else:
        (folder / "file").write_text("")
        out = folder / "file" / "x.parquet"
    with pytest.raises(InvalidInputError, match=reason):
        export_evaluation(records.sessions, since=SINCE, until=UNTIL, out=out)
    assert sorted(p.name for p in folder.rglob("*")) == sorted(["x.parquet"] if make == "folder" else ["file"])


@pytest.mark.slow  # the command looks up the champion's horizon in MLflow: about 9 s
def test_the_command_writes_both_files_or_says_why_not(
    records: Records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILING_DATABASE_URL", records.url)
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "export.parquet"
    runner = CliRunner()
    arguments = ["export", "--since", "2026-11-01", "--until", "2026-12-01", "--out", str(out)]
    done = runner.invoke(monitoring_cli, arguments)
    assert done.exit_code == 0, done.output
    assert out.exists() and out.with_suffix(".md").exists() and "rows" in done.output

    missing = tmp_path / "no-such-folder" / "export.parquet"
    refused = runner.invoke(monitoring_cli, [*arguments[:-1], str(missing)])
    assert refused.exit_code == 2 and "is not a folder" in refused.output
    assert not missing.parent.exists()
