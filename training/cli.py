"""``python -m training simulate|train|promote``: thin commands over the training package."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from models import config
from models.errors import ProfilingError
from models.logs import configure_logging

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Simulate data, train, evaluate and promote models.")

RowsOption = Annotated[int, typer.Option(min=1, help="How many jobseekers to simulate.")]
ScenarioOption = Annotated[str, typer.Option(help="baseline, downturn, refugee_inflow or rule_change.")]
SeedOption = Annotated[int, typer.Option(help="Random seed: the same seed gives the same rows.")]
HorizonOption = Annotated[int, typer.Option(min=1, help="Months after registration that define long-term.")]

DEFAULT_ROWS = 200_000
"""Synthetic rows of the default model (``train`` and ``ensure-champion``; the README's examples come from it)."""


def python_command() -> str:
    """The running interpreter as a user can type it: ``.venv/bin/python`` from the repository root, else its path."""
    executable = Path(sys.executable)
    try:
        relative = executable.relative_to(Path.cwd())
    except ValueError:
        return str(executable)
    return str(relative) if relative.parent != Path() else f"./{relative}"


def promote_command(version: str) -> str:
    """The promotion of ``version`` as a command that runs as printed (what to record is the user's to fill in)."""
    return (
        f'{python_command()} -m training promote --version {version} --reason "what changed and why" '
        '--review "your review reference"'
    )


def _fail(exc: ProfilingError | ValueError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=2)


@app.callback()
def _main() -> None:
    configure_logging()


@app.command()
def simulate(
    out: Annotated[Path, typer.Option(help="Where to write the rows (.parquet or .csv).")],
    rows: RowsOption = 100_000,
    scenario: ScenarioOption = "baseline",
    seed: SeedOption = 0,
    horizon: HorizonOption = 12,
) -> None:
    """Draw a synthetic population of jobseekers at registration, with outcomes and the exact optimum."""
    from training.population import simulate_population

    try:
        frame = simulate_population(rows, scenario=scenario, seed=seed, horizon_months=horizon)
    except ValueError as exc:
        _fail(exc)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".csv":
        frame.to_csv(out, index=False)
    else:
        frame.to_parquet(out, index=False)
    typer.echo(f"wrote {len(frame)} rows ({scenario}, seed {seed}) to {out}")


@app.command("demo-population")
def demo_population(
    out: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the demo rows (.parquet). Default: demo/population.parquet in PROFILING_DATA_DIR."
        ),
    ] = None,
    rows: RowsOption = 3000,
    seed: SeedOption = 0,
    switch_to: ScenarioOption = "refugee_inflow",
) -> None:
    """Two years of registrations with a scenario change and simulated counsellors, for `python -m monitoring demo`."""
    from training.demo import demo_population as build

    try:
        frame = build(rows, seed=seed, switch_to=switch_to)
    except ValueError as exc:
        _fail(exc)
    out = out or config.demo_population_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(out, index=False)
    typer.echo(f"wrote {len(frame)} demo registrations (baseline, then {switch_to}) to {out}")


def _train(
    *,
    data: Path | None,
    rows: int,
    scenario: str,
    seed: int,
    horizon: int,
    members: int,
    protected_as_features: bool,
) -> str:
    """Train and register one model, print its version and test metrics, and return the version."""
    from training.data import read_table
    from training.pipeline import run_training
    from training.population import simulate_population
    from training.train import TrainConfig

    try:
        if data is not None:
            frame, description = read_table(data), f"file {data.name}"
        else:
            frame = simulate_population(rows, scenario=scenario, seed=seed, horizon_months=horizon)
            description = f"synthetic population: {rows} rows, scenario {scenario}, seed {seed}, horizon {horizon}"
        result = run_training(
            frame,
            config=TrainConfig(
                seed=seed, members=members, horizon_months=horizon, protected_as_features=protected_as_features
            ),
            name=config.model_name(),
            tracking_uri=config.tracking_uri(),
            artifact_root=None if os.environ.get("MLFLOW_TRACKING_URI") else config.artifact_root(),
            cache_dir=config.model_cache_dir(),
            data_description=description,
        )
    except (ProfilingError, ValueError) as exc:
        _fail(exc)
    m = result.metrics
    typer.echo(f"registered {result.name} version {result.version} (run {result.run_id})")
    typer.echo(
        "test split: "
        + " ".join(
            f"{k}={m[k]:.4f}"
            for k in ("model_auc", "model_ece", "rule_auc", "logit_auc", "p_opt_auc", "auc_gap_to_optimum")
            if k in m
        )
    )
    return result.version


@app.command()
def train(
    data: Annotated[
        Path | None, typer.Option(help="Your own labelled data (.csv or .parquet) in the profile schema.")
    ] = None,
    rows: RowsOption = DEFAULT_ROWS,
    scenario: ScenarioOption = "baseline",
    seed: SeedOption = 0,
    horizon: HorizonOption = 12,
    members: Annotated[int, typer.Option(min=0, help="Bootstrap models for the uncertainty range.")] = 5,
    protected_as_features: Annotated[
        bool, typer.Option(help="Use gender and country background as features (needs a fairness review).")
    ] = False,
) -> None:
    """Train on synthetic rows (or --data), evaluate against baselines and the optimum, register in MLflow."""
    version = _train(
        data=data,
        rows=rows,
        scenario=scenario,
        seed=seed,
        horizon=horizon,
        members=members,
        protected_as_features=protected_as_features,
    )
    typer.echo(f"next: {promote_command(version)}")


_LIMIT_HELP = "Overrides this gate's limit (default: its PROFILING_GATE_* variable, else models/gates.py)."


@app.command()
def promote(
    version: Annotated[str | None, typer.Option(help="The version to promote (default: the newest).")] = None,
    by: Annotated[str, typer.Option(help="Who promotes (recorded).")] = "",
    reason: Annotated[str, typer.Option(help="Why (recorded).")] = "",
    review: Annotated[str, typer.Option(help="Reference to the legal and ethical review (recorded).")] = "",
    max_auc_gap: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
    max_ece: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
    max_group_gap: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
    max_auc_regression: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
) -> None:
    """Make a version the champion if it passes the gates; otherwise say which failed and exit non-zero."""
    from models.gates import gate_limits
    from training.promote import promote as run_promote

    try:
        gates = gate_limits(
            max_auc_gap_to_optimum=max_auc_gap,
            max_ece=max_ece,
            max_group_calibration_gap=max_group_gap,
            max_auc_regression=max_auc_regression,
        )
        promoted, results = run_promote(
            name=config.model_name(),
            tracking_uri=config.tracking_uri(),
            version=version,
            gates=gates,
            by=by or getpass.getuser(),
            reason=reason,
            review=review,
        )
    except ProfilingError as exc:
        _fail(exc)
    for r in results:
        shown = "" if r.value is None else f"{r.value:.4f}, limit {r.limit}"
        typer.echo(f"  {r.gate}: {r.status} ({'; '.join(part for part in (shown, r.note) if part)})")
    typer.echo(f"{config.model_name()} version {promoted} is now champion")


@app.command("ensure-champion")
def ensure_champion(
    rows: RowsOption = DEFAULT_ROWS,
    seed: SeedOption = 0,
) -> None:
    """Train and promote the default model if the registry has no champion yet (the quick start's first step)."""
    from models.errors import ModelUnavailableError
    from models.registry import champion_version

    try:
        version = champion_version(name=config.model_name(), tracking_uri=config.tracking_uri())
    except ModelUnavailableError as exc:
        _fail(exc)
    if version is not None:
        typer.echo(f"{config.model_name()} has a champion (version {version}); nothing to train")
        return
    typer.echo(f"no champion for {config.model_name()} yet: training the default model on {rows} synthetic rows")
    trained = _train(
        data=None, rows=rows, scenario="baseline", seed=seed, horizon=12, members=5, protected_as_features=False
    )
    promote(
        version=trained,
        by=getpass.getuser(),
        reason="default model of a fresh install",
        review="",
        max_auc_gap=None,
        max_ece=None,
        max_group_gap=None,
        max_auc_regression=None,
    )


@app.command()
def score(
    data: Annotated[Path, typer.Option(help="Profiles to score (.csv or .parquet) in the profile schema.")],
    out: Annotated[Path, typer.Option(help="Where to write the scores (.parquet); bad rows go to OUT.rejected.csv.")],
    reasons: Annotated[int, typer.Option(min=0, help="Reasons (largest factors) per row; 0 skips SHAP.")] = 3,
    model_version: Annotated[
        str | None, typer.Option(help="The version to score with (default: the champion).")
    ] = None,
) -> None:
    """Score a file of profiles: risk, range, suggested level, flags and reasons per row. Nothing is recorded."""
    from models.registry import load_champion, load_version
    from training.batch_score import open_profiles, score_file

    name, uri, cache = config.model_name(), config.tracking_uri(), config.model_cache_dir()
    try:
        source = open_profiles(data)
        if model_version is None:
            loaded = load_champion(name=name, tracking_uri=uri, cache_dir=cache)
        else:
            loaded = load_version(name=name, version=model_version, tracking_uri=uri, cache_dir=cache)
        done = score_file(source, out, model=loaded, reasons=reasons, progress=True)
    except (ProfilingError, ValueError) as exc:
        _fail(exc)
    typer.echo(
        f"scored {done.scored} of {done.rows} rows with {done.model_name} version {done.model_version} "
        f"(policy {done.policy_version}) into {done.out}; {done.rejected} rejected rows listed in {done.rejected_file}"
    )


def main() -> None:
    app(prog_name=f"{python_command()} -m training")
