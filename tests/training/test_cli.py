from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from training.cli import app

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
