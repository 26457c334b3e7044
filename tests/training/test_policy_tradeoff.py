"""The policy trade-off: group rates and shares against a direct NumPy computation, the ``p_opt`` table on synthetic
data, refusals of a bad grid that write nothing, and the artifacts on the model version's MLflow run."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from mlflow.tracking import MlflowClient
from typer.testing import CliRunner

from models.capacity import HINDRANCE_MESSAGE, SUM_MESSAGE, policy_inputs, thresholds_for_capacities
from models.errors import InvalidInputError
from models.groups import GROUP_SEPARATOR, GROUPINGS, group_attributes
from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, PolicyConfig, suggest_columns
from models.registry import LoadedModel
from models.risk_model import RiskModel
from tests.conftest import Registry
from training.cli import app
from training.data import LABEL, OPTIMUM
from training.policy_tradeoff import (
    ARTIFACT_PATH,
    CAPACITY_MESSAGE,
    MIN_GROUP_SIZE,
    REPORT_FILE,
    Capacity,
    Tradeoff,
    parse_grid,
    run_policy_tradeoff,
    tradeoff,
)

GRID = [Capacity(0.10, 0.40), Capacity(0.05, 0.55)]
TAILORED = FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value
Z_95 = 1.959963984540054
runner = CliRunner()


@pytest.fixture(scope="module")
def scored(
    splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], small_model: RiskModel
) -> tuple[pd.DataFrame, dict[str, np.ndarray], Tradeoff]:
    test = splits[2]
    risk = small_model.score_matrix(small_model.spec.encode_frame(test))[0]
    scores = {"model": risk, OPTIMUM: test[OPTIMUM].to_numpy(dtype=np.float64)}
    return test, scores, tradeoff(test, scores, GRID)


def _levels(profiles: pd.DataFrame, risk: np.ndarray, row: pd.Series) -> np.ndarray:
    config = PolicyConfig(standard_below=row["standard_below"], tailored_from=row["tailored_from"])
    return suggest_columns(profiles, risk=risk, lower=risk, upper=risk, config=config).levels


def test_thresholds_shares_and_accuracy_follow_suggest_columns(
    scored: tuple[pd.DataFrame, dict[str, np.ndarray], Tradeoff],
) -> None:
    profiles, scores, result = scored
    hindrance, reduced = policy_inputs(profiles)
    label = profiles[LABEL].to_numpy() == 1
    assert len(result.summary) == len(GRID) * len(scores)
    for row in result.summary.to_dict("records"):
        risk, capacity = scores[row["source"]], GRID[[str(c) for c in GRID].index(row["capacity"])]
        expected = thresholds_for_capacities(
            risk, hindrance=hindrance, reduced_capacity=reduced, tailored=capacity[0], situational=capacity[1]
        )
        assert (row["standard_below"], row["tailored_from"]) == tuple(expected)
        levels = _levels(profiles, risk, pd.Series(row))
        for level in SUGGESTABLE_LEVELS:
            assert row[f"share_{level.value}"] == pytest.approx(np.mean(levels == level.value))
        assert row[f"share_{TAILORED}"] <= capacity.tailored
        selected = levels == TAILORED
        assert row["precision"] == pytest.approx(np.sum(selected & label) / np.sum(selected))
        assert row["recall"] == pytest.approx(np.sum(selected & label) / np.sum(label))


def test_group_rates_and_intervals_equal_a_direct_computation(
    scored: tuple[pd.DataFrame, dict[str, np.ndarray], Tradeoff],
) -> None:
    profiles, scores, result = scored
    attributes = group_attributes(profiles)
    label = profiles[LABEL].to_numpy() == 1
    summary = result.summary.set_index(["source", "capacity"])
    assert len(result.groups) > len(GRID) * len(scores) * len(GROUPINGS)
    assert (result.groups["n"] >= MIN_GROUP_SIZE).all()
    for row in result.groups.to_dict("records"):
        selected = _levels(profiles, scores[row["source"]], summary.loc[(row["source"], row["capacity"])]) == TAILORED
        values = row["group"].split(GROUP_SEPARATOR)
        member = np.logical_and.reduce(
            [
                attributes[column].to_numpy() == value
                for column, value in zip(GROUPINGS[row["grouping"]], values, strict=True)
            ]
        )
        assert row["n"] == member.sum()
        assert row["selection_rate"] == pytest.approx(selected[member].mean())
        assert row["tpr"] == pytest.approx(selected[member & label].mean())
        assert row["fpr"] == pytest.approx(selected[member & ~label].mean())
        n, p = member.sum(), selected[member].mean()
        centre = (p + Z_95**2 / (2 * n)) / (1 + Z_95**2 / n)
        half = Z_95 / (1 + Z_95**2 / n) * np.sqrt(p * (1 - p) / n + Z_95**2 / (4 * n**2))
        assert (row["selection_rate_lower"], row["selection_rate_upper"]) == pytest.approx(
            (centre - half, centre + half)
        )


def test_gaps_are_the_spread_of_the_published_groups(
    scored: tuple[pd.DataFrame, dict[str, np.ndarray], Tradeoff],
) -> None:
    _, _, result = scored
    assert len(result.gaps) == len(GRID) * 2 * len(GROUPINGS) * 3
    for gap in result.gaps.to_dict("records"):
        part = result.groups[
            (result.groups["source"] == gap["source"])
            & (result.groups["capacity"] == gap["capacity"])
            & (result.groups["grouping"] == gap["grouping"])
        ].set_index("group")[gap["rate"]]
        assert gap["gap"] == pytest.approx(part.max() - part.min())
        assert part[gap["highest"]] == part.max() and part[gap["lowest"]] == part.min()


def _run(registry_uri: str, small_model: RiskModel) -> tuple[LoadedModel, MlflowClient]:
    """The small model as a loaded version whose run is a fresh one in a throwaway store."""
    client = MlflowClient(tracking_uri=registry_uri)
    run = client.create_run(client.create_experiment("policy"))
    client.set_terminated(run.info.run_id)
    return LoadedModel("policy-test", "1", run.info.run_id, small_model, "registry", Path()), client


@pytest.mark.slow
def test_the_synthetic_population_gets_the_p_opt_table_and_the_run_its_artifacts(
    tmp_path: Path, small_model: RiskModel
) -> None:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    loaded, client = _run(uri, small_model)
    out = tmp_path / "out"
    done = run_policy_tradeoff(loaded=loaded, grid=GRID, data=None, rows=3000, out=out, tracking_uri=uri)
    assert set(done.summary["source"]) == {"model", OPTIMUM}
    page = (out / REPORT_FILE).read_text()
    assert "| 0.1,0.4 | p_opt |" in page and "| 0.1,0.4 | model |" in page
    assert set(pd.read_csv(out / "policy_groups.csv")["source"]) == {"model", OPTIMUM}
    assert {path.name for path in out.iterdir()} == {path.name for path in done.files}
    assert sum(path.suffix == ".png" for path in done.files) == len(GROUPINGS)
    logged = {Path(a.path).name for a in client.list_artifacts(loaded.run_id, ARTIFACT_PATH)}
    assert logged == {path.name for path in done.files}


def test_a_file_without_the_true_probability_has_no_p_opt_table(
    tmp_path: Path, small_model: RiskModel, population: pd.DataFrame
) -> None:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    loaded, _ = _run(uri, small_model)
    data = tmp_path / "extract.parquet"
    population.drop(columns=[OPTIMUM]).head(4000).to_parquet(data, index=False)
    done = run_policy_tradeoff(
        loaded=loaded, grid=GRID[:1], data=data, rows=3000, out=tmp_path / "out", tracking_uri=uri
    )
    assert set(done.summary["source"]) == {"model"}
    assert "p_opt" not in (tmp_path / "out" / REPORT_FILE).read_text()


def test_a_capacity_the_population_cannot_hold_writes_and_logs_nothing(tmp_path: Path, small_model: RiskModel) -> None:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    loaded, client = _run(uri, small_model)
    out = tmp_path / "out"
    with pytest.raises(InvalidInputError, match=r"capacity 0\.05,0\.1: more registrants report a hindrance"):
        run_policy_tradeoff(
            loaded=loaded, grid=[*GRID, Capacity(0.05, 0.10)], data=None, rows=3000, out=out, tracking_uri=uri
        )
    assert not out.exists()
    assert client.list_artifacts(loaded.run_id) == []
    assert HINDRANCE_MESSAGE.startswith("more registrants report a hindrance")


@pytest.mark.parametrize(
    "capacities, message",
    [
        (["0.6,0.5"], SUM_MESSAGE),
        (["abc"], CAPACITY_MESSAGE),
        (["0.1"], CAPACITY_MESSAGE),
        (["1.2,0.1"], "capacity 1.2,0.1: each capacity must be a share"),
        (["0.1,0.4", "0.10,0.40"], "capacity 0.1,0.4 is given twice"),
    ],
    ids=["sum", "text", "one-number", "share", "twice"],
)
def test_a_bad_grid_is_a_clear_error_that_writes_nothing(
    capacities: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(InvalidInputError, match=message[:30]):
        parse_grid(capacities)
    out = tmp_path / "out"
    options = [word for capacity in capacities for word in ("--capacity", capacity)]
    result = runner.invoke(app, ["policy", "--model-version", "1", *options, "--out", str(out)])
    assert result.exit_code == 2
    assert "error: " in result.output and message[:30] in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not (tmp_path / "data").exists()


@pytest.mark.slow
def test_the_command_prints_writes_and_logs_on_the_version_run(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()  # the command sends its log lines to the runner's stderr, closed after the test
    monkeypatch.setattr(root, "handlers", root.handlers[:])
    monkeypatch.setattr(root, "level", root.level)
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.tracking_uri)
    monkeypatch.setenv("PROFILING_MODEL_NAME", registry.name)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["policy", "--model-version", registry.version, "--capacity", "0.1,0.4", "--rows", "3000", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "capacity 0.1,0.4 (model): standard_below" in result.output
    assert "capacity 0.1,0.4 (p_opt): standard_below" in result.output
    client = MlflowClient(tracking_uri=registry.tracking_uri)
    run_id = client.get_model_version(registry.name, registry.version).run_id
    assert run_id is not None and f"logged on run {run_id}" in result.output
    logged = {Path(a.path).name for a in client.list_artifacts(run_id, ARTIFACT_PATH)}
    assert REPORT_FILE in logged and logged == {path.name for path in out.iterdir()}
