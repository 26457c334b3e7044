"""Batch scoring: the same numbers as the service's single-row path, bad rows set aside with their reasons, the same
output whatever the chunk size, clear command-line errors, and nothing written to the records."""

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from models.registry import LoadedModel, load_version
from models.schema import CROSS_FIELD_RULES, PROFILE_FIELDS
from models.texts import ERROR_DETAILS, text
from models.validation import ROW_RULE, profiles_of
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.model_events import adopt_registry_champion
from tests.conftest import Registry
from training.batch_score import (
    NO_FILE,
    REJECTED_COLUMNS,
    TOO_MANY_REASONS,
    open_profiles,
    rejected_path,
    score_file,
)
from training.cli import NO_CHAMPION, app
from training.data import UNKNOWN_FORMAT

runner = CliRunner()


@pytest.fixture(scope="module")
def loaded(registry: Registry) -> LoadedModel:
    return load_version(
        name=registry.name, version=registry.version, tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir
    )


@pytest.fixture()
def profiles(population: pd.DataFrame) -> pd.DataFrame:
    """Profile columns of a varied sample: each level the policy suggests, with and without flags."""
    return population[list(PROFILE_FIELDS)].iloc[::97].head(120).reset_index(drop=True)


def _with_bad_rows(profiles: pd.DataFrame) -> pd.DataFrame:
    """Rows 2, 5 and 13 broken: a bad number, two bad fields at once, and a rule across fields."""
    frame = profiles.copy()
    frame.loc[2, "age"] = 99
    frame.loc[5, "age"] = 12
    frame.loc[5, "education"] = "PHD"
    frame.loc[13, ["country_background", "years_in_norway"]] = ["EU_EOS", np.nan]
    return frame


def test_rows_score_as_the_service_assesses_them(tmp_path: Path, loaded: LoadedModel, profiles: pd.DataFrame) -> None:
    data = tmp_path / "profiles.parquet"
    profiles.to_parquet(data, index=False)
    summary = score_file(open_profiles(data), tmp_path / "scores.parquet", model=loaded, reasons=4)
    scores = pd.read_parquet(summary.out)
    assessments = [loaded.model.assess(profile, lang="en") for profile in profiles_of(profiles)]

    assert len(scores) == len(profiles) == len(assessments)
    assert scores["suggested_level"].nunique() >= 2 and scores["flags"].map(len).gt(0).any()
    assert scores["row"].tolist() == list(range(len(profiles)))
    np.testing.assert_allclose(scores["risk"], [a.risk for a in assessments], rtol=1e-12)
    np.testing.assert_allclose(scores["lower"], [a.lower for a in assessments], rtol=1e-12)
    np.testing.assert_allclose(scores["upper"], [a.upper for a in assessments], rtol=1e-12)
    assert scores["suggested_level"].tolist() == [a.level.value for a in assessments]
    assert [list(flags) for flags in scores["flags"]] == [[f.value for f in a.flags] for a in assessments]
    for k in range(4):
        assert scores[f"reason_{k + 1}_factor"].tolist() == [a.reasons[k].factor for a in assessments]
        assert scores[f"reason_{k + 1}_direction"].tolist() == [a.reasons[k].direction for a in assessments]
        np.testing.assert_allclose(
            scores[f"reason_{k + 1}_contribution"], [a.reasons[k].contribution for a in assessments], atol=1e-12
        )
    assert set(scores["model_name"]) == {loaded.name} and set(scores["model_version"]) == {loaded.version}
    assert set(scores["policy_version"]) == {assessments[0].policy_version}
    assert (summary.scored, summary.rejected) == (len(profiles), 0)


def test_bad_rows_go_to_the_side_file_with_row_and_reason(
    tmp_path: Path, loaded: LoadedModel, profiles: pd.DataFrame
) -> None:
    data = tmp_path / "profiles.csv"
    frame = _with_bad_rows(profiles.head(20)).astype(object)
    frame.loc[8, "age"] = "forty"
    frame.loc[10, "worked_6_of_last_12_months"] = "maybe"  # the column is read as text; only this row is bad
    frame.to_csv(data, index=False)
    summary = score_file(open_profiles(data), tmp_path / "scores.parquet", model=loaded)

    rejected = pd.read_csv(summary.rejected_file, keep_default_na=False)
    assert tuple(rejected.columns) == REJECTED_COLUMNS
    assert rejected[["row", "field", "value"]].values.tolist() == [
        [2, "age", "99"],
        [5, "age", "12"],
        [5, "education", "PHD"],
        [8, "age", "forty"],
        [10, "worked_6_of_last_12_months", "maybe"],
        [13, ROW_RULE, ""],
    ]
    assert rejected["reason"].iloc[0] == rejected["reason"].iloc[1] == "must be a whole number from 16 to 75"
    assert rejected["reason"].iloc[2].startswith("must be one of ")
    assert rejected["reason"].iloc[5] == text(ERROR_DETAILS, CROSS_FIELD_RULES[1], "en")
    scores = pd.read_parquet(summary.out)
    assert scores["row"].tolist() == [row for row in range(20) if row not in (2, 5, 8, 10, 13)]
    assert (summary.rows, summary.scored, summary.rejected) == (20, 15, 5)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_the_chunk_size_does_not_change_the_output(
    suffix: str, tmp_path: Path, loaded: LoadedModel, profiles: pd.DataFrame
) -> None:
    data = tmp_path / f"profiles{suffix}"
    frame = _with_bad_rows(profiles)
    if suffix == ".csv":
        frame.to_csv(data, index=False)
    else:
        frame.to_parquet(data, index=False)
    outputs = []
    for chunk_rows in (7, 1000):
        out = tmp_path / f"scores-{chunk_rows}.parquet"
        score_file(open_profiles(data), out, model=loaded, chunk_rows=chunk_rows)
        outputs.append((pd.read_parquet(out), rejected_path(out).read_text()))
    (chunked, chunked_rejected), (whole, whole_rejected) = outputs
    assert pq.ParquetFile(tmp_path / "scores-7.parquet").metadata.num_row_groups > 1
    pd.testing.assert_frame_equal(chunked, whole)
    assert chunked_rejected == whole_rejected
    assert "\n13,(row),," in whole_rejected  # numbered across chunks: row 13 is the second chunk's seventh


@pytest.fixture()
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, registry: Registry) -> str:
    """The command line pointed at the session's registry and at a migrated, empty records database; its URL."""
    root = logging.getLogger()  # the command sends its log lines to the runner's stderr, closed after the test
    monkeypatch.setattr(root, "handlers", root.handlers[:])
    monkeypatch.setattr(root, "level", root.level)
    url = f"sqlite:///{tmp_path / 'records.db'}"
    engine = make_engine(url)
    upgrade(engine)
    adopt_registry_champion(
        session_factory(engine), model=registry.name, tracking_uri=registry.tracking_uri, by="data-scientist"
    )
    engine.dispose()
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PROFILING_DATABASE_URL", url)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.tracking_uri)
    monkeypatch.setenv("PROFILING_MODEL_NAME", registry.name)
    return url


def _record_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            names = sa.inspect(connection).get_table_names()
            return {
                name: connection.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar_one()
                for name in names
                if name != "alembic_version"
            }
    finally:
        engine.dispose()


def test_the_command_scores_with_the_champion_and_records_nothing(
    cli_env: str, tmp_path: Path, registry: Registry, profiles: pd.DataFrame
) -> None:
    data = tmp_path / "profiles.parquet"
    _with_bad_rows(profiles).to_parquet(data, index=False)
    before = _record_counts(cli_env)
    assert before and "assessments" in before
    out = tmp_path / "scores.parquet"
    result = runner.invoke(app, ["score", "--data", str(data), "--out", str(out), "--reasons", "2"])
    assert result.exit_code == 0, result.output
    assert f"scored {len(profiles) - 3} of {len(profiles)} rows with {registry.name} version {registry.version}" in (
        result.stdout
    )
    assert "reason_2_factor" in pd.read_parquet(out).columns and "reason_3_factor" not in pd.read_parquet(out).columns
    assert _record_counts(cli_env) == before


def test_the_command_scores_only_with_a_champion_the_records_name(
    cli_env: str, tmp_path: Path, registry: Registry, profiles: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("PROFILING_DATABASE_URL", empty)
    profiles.to_parquet(tmp_path / "profiles.parquet", index=False)
    out = tmp_path / "scores.parquet"
    result = runner.invoke(app, ["score", "--data", str(tmp_path / "profiles.parquet"), "--out", str(out)])
    assert result.exit_code == 2
    assert f"error: {NO_CHAMPION.format(name=registry.name)}" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--data", "{tmp}/absent.csv"], NO_FILE.format(path="{tmp}/absent.csv")),
        (["--data", "{tmp}/profiles.parquet", "--model-version", "99"], "could not download test-risk version 99"),
        (["--data", "{tmp}/profiles.parquet", "--reasons", "40"], TOO_MANY_REASONS.format(most="{most}", asked=40)),
        (["--data", "{tmp}/profiles.txt"], UNKNOWN_FORMAT.format(path="{tmp}/profiles.txt")),
    ],
    ids=["missing file", "unknown version", "too many reasons", "unknown format"],
)
def test_the_command_names_what_is_wrong(
    arguments: list[str], message: str, cli_env: str, tmp_path: Path, profiles: pd.DataFrame, loaded: LoadedModel
) -> None:
    profiles.to_parquet(tmp_path / "profiles.parquet", index=False)
    (tmp_path / "profiles.txt").write_text("age\n30\n")
    out = tmp_path / "scores.parquet"
    given = [arg.format(tmp=tmp_path) for arg in arguments]
    result = runner.invoke(app, ["score", *given, "--out", str(out)])
    assert result.exit_code == 2
    most = len(loaded.model.explainer.factor_names)
    assert f"error: {message.format(tmp=tmp_path, most=most)}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not rejected_path(out).exists()
