import os
import shlex
import sys
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from training.cli import app, promote_command

runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)


def test_simulate_writes_the_rows(tmp_path: Path) -> None:
    out = tmp_path / "pop.parquet"
    result = runner.invoke(
        app, ["simulate", "--rows", "500", "--scenario", "downturn", "--seed", "3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out)) == 500
    assert "wrote 500 rows (downturn, seed 3)" in result.output


def test_unknown_scenario_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["simulate", "--rows", "10", "--scenario", "boom", "--out", str(tmp_path / "x.parquet")]
    )
    assert result.exit_code == 2
    assert "scenario must be one of" in result.output


def test_train_on_a_file_with_a_missing_column_names_it(tmp_path: Path, population: pd.DataFrame) -> None:
    path = tmp_path / "bad.csv"
    population.drop(columns=["county"]).head(3000).to_csv(path, index=False)
    result = runner.invoke(app, ["train", "--data", str(path)])
    assert result.exit_code == 2
    assert "missing required columns: county" in result.output
    assert "Traceback" not in result.output


def test_promote_without_any_model_is_a_clear_error() -> None:
    result = runner.invoke(app, ["promote"])
    assert result.exit_code == 2
    assert "error:" in result.output


def test_demo_population_writes_into_the_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)  # where the old default, ./data/demo, would have landed
    result = runner.invoke(app, ["demo-population", "--rows", "300"])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "state" / "demo" / "population.parquet")) == 300
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("where", ["repository", "interpreter", "elsewhere"])
def test_the_promotion_hint_names_this_interpreter_and_parses(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    executable = Path(sys.executable)
    monkeypatch.chdir(
        {"repository": executable.parents[2], "interpreter": executable.parent, "elsewhere": tmp_path}[where]
    )
    words = shlex.split(promote_command("7"))
    assert "/" in words[0], "a bare name would run whichever python the PATH finds first"
    assert os.path.normpath(os.path.join(os.getcwd(), words[0])) == os.path.normpath(executable)
    assert words[1:4] == ["-m", "training", "promote"]
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    params = group.commands["promote"].make_context("promote", words[4:]).params
    assert params["version"] == "7" and params["reason"] and params["review"]


@pytest.mark.slow
def test_train_prints_a_promotion_that_works_as_printed_and_a_second_person_approves(
    tmp_path: Path, population: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "extract.parquet"
    population.to_parquet(data)
    trained = runner.invoke(app, ["train", "--data", str(data), "--members", "0"])
    assert trained.exit_code == 0, trained.output
    hint = trained.stdout.splitlines()[-1]
    assert hint == f"next: {promote_command('1')}"
    monkeypatch.setenv("LOGNAME", "alice")
    promoted = runner.invoke(
        app, [*shlex.split(hint.removeprefix("next: "))[3:], "--max-ece", "1", "--max-group-gap", "1"]
    )
    assert promoted.exit_code == 0, promoted.output
    request = promoted.stdout.splitlines()[-1].split()[1].rstrip(":")
    assert f"approve --request {request}" in promoted.output

    listed = runner.invoke(app, ["promotions"])
    assert "LOOSENED max_ece: 1.0 instead of 0.02 (set by command line)" in listed.output, listed.output
    own = runner.invoke(app, ["approve", "--request", request])
    assert own.exit_code == 2 and "alice asked for this promotion and cannot approve it" in own.output
    monkeypatch.setenv("LOGNAME", "bob")
    approved = runner.invoke(app, ["approve", "--request", request])
    assert approved.exit_code == 0, approved.output
    assert f"version 1 is now champion (request {request})" in approved.output


def test_promote_reads_its_limits_from_the_gate_variables_and_names_a_bad_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PROFILING_GATE_MAX_AUC_REGRESSION", "a little")
    result = runner.invoke(app, ["promote", "--version", "1", "--reason", "r", "--review", "x"])
    assert result.exit_code == 2
    assert "PROFILING_GATE_MAX_AUC_REGRESSION must be a number, got 'a little'" in result.output
