"""``python -m training simulate|train|dataset|promote|...``: thin commands over the training package.

The commands of four-eyes promotion live in :mod:`training.cli_governance` and are registered here, on the one app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from models import config
from models.errors import ProfilingError
from models.logs import configure_logging
from training import cli_governance, cli_trials
from training.cli_support import (
    DEFAULT_ROWS,
    fail,
    promote_command,
    python_command,
    served_champion,
    train_and_register,
)

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Simulate data, train, evaluate and promote models.")

RowsOption = Annotated[int, typer.Option(min=1, help="How many jobseekers to simulate.")]
ScenarioOption = Annotated[str, typer.Option(help="baseline, downturn, refugee_inflow or rule_change.")]
SeedOption = Annotated[int, typer.Option(help="Random seed: the same seed gives the same rows.")]
HorizonOption = Annotated[int, typer.Option(min=1, help="Months after registration that define long-term.")]

NO_CHAMPION = (
    "the records name no champion of {name} (the service serves none either): pass --model-version, or promote one "
    "with python -m training promote"
)


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
        fail(exc)
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
        fail(exc)
    out = out or config.demo_population_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(out, index=False)
    typer.echo(f"wrote {len(frame)} demo registrations (baseline, then {switch_to}) to {out}")


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
    policy: Annotated[
        Path | None,
        typer.Option(
            help="A policy file (TOML: thresholds or capacities, and flags); default: models/default_policy.toml."
        ),
    ] = None,
) -> None:
    """Train on synthetic rows (or --data), evaluate against baselines and the optimum, register in MLflow."""
    version = train_and_register(
        data=data,
        rows=rows,
        scenario=scenario,
        seed=seed,
        horizon=horizon,
        members=members,
        protected_as_features=protected_as_features,
        policy=policy,
    )
    typer.echo(f"next: {promote_command(version)}")


@app.command()
def dataset(
    out: Annotated[Path, typer.Option(help="Where to write the training set (.parquet: it carries its source).")],
    since: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="First day of assessments (UTC).")],
    until: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="Day after the last one (exclusive).")],
    from_records: Annotated[
        bool, typer.Option("--from-records", help="Build it from the records database (PROFILING_DATABASE_URL).")
    ] = False,
    horizon: HorizonOption = 12,
) -> None:
    """Build a training set from assessments joined to their outcomes at the horizon (for `train --data`)."""
    from training.cli_support import records
    from training.records_dataset import records_dataset

    if not from_records:
        fail(ValueError("say where the rows come from: --from-records (the only source so far)"))
    if out.suffix != ".parquet":
        fail(ValueError(f"{out} must be a .parquet file: only Parquet keeps the training set's source"))
    try:
        frame, source = records_dataset(records(), since=since.date(), until=until.date(), horizon_months=horizon)
    except ProfilingError as exc:
        fail(exc)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(out, index=False)
    typer.echo(
        f"wrote {source.rows} rows to {out}: {source.assessments} assessments from {source.since} to {source.until}, "
        f"left out {source.without_consent} without consent and {source.censored} censored (no outcome at "
        f"{source.horizon_months} months)"
    )


app.command("promote")(cli_governance.promote)
app.command("set-policy")(cli_governance.set_policy)
app.command("approve")(cli_governance.approve)
app.command("reject")(cli_governance.reject)
app.command("promotions")(cli_governance.promotions)
app.command("ensure-champion")(cli_governance.ensure_champion)
app.command("define-trial")(cli_trials.define_trial)
app.command("trials")(cli_trials.trials)


@app.command()
def score(
    data: Annotated[Path, typer.Option(help="Profiles to score (.csv or .parquet) in the profile schema.")],
    out: Annotated[Path, typer.Option(help="Where to write the scores (.parquet); bad rows go to OUT.rejected.csv.")],
    reasons: Annotated[int, typer.Option(min=0, help="Reasons (largest factors) per row; 0 skips SHAP.")] = 3,
    model_version: Annotated[
        str | None,
        typer.Option(help="The version to score with (default: the champion the service serves, from the records)."),
    ] = None,
) -> None:
    """Score a file of profiles: risk, range, suggested level, flags and reasons per row. Nothing is recorded."""
    from models.errors import ModelUnavailableError
    from models.registry import load_version
    from training.batch_score import open_profiles, score_file

    name, uri, cache = config.model_name(), config.tracking_uri(), config.model_cache_dir()
    try:
        source = open_profiles(data)
        version = model_version or served_champion(name)
        if version is None:
            raise ModelUnavailableError(NO_CHAMPION.format(name=name))
        loaded = load_version(name=name, version=version, tracking_uri=uri, cache_dir=cache)
        done = score_file(source, out, model=loaded, reasons=reasons, progress=True)
    except (ProfilingError, ValueError) as exc:
        fail(exc)
    typer.echo(
        f"scored {done.scored} of {done.rows} rows with {done.model_name} version {done.model_version} "
        f"(policy {done.policy_version}) into {done.out}; {done.rejected} rejected rows listed in {done.rejected_file}"
    )


@app.command()
def policy(
    model_version: Annotated[str, typer.Option(help="The registered version whose risks the thresholds apply to.")],
    capacity: Annotated[
        list[str], typer.Option(help="Largest shares 'tailored,situational', e.g. 0.15,0.45; repeat for a grid.")
    ],
    data: Annotated[Path | None, typer.Option(help="Labelled profiles (default: a fixed synthetic draw).")] = None,
    rows: Annotated[int, typer.Option(min=1000, help="Registrations of the synthetic draw.")] = 50_000,
    out: Annotated[Path | None, typer.Option(help="Where to write (default: DATA_DIR/policy-tradeoff).")] = None,
) -> None:
    """The accuracy-equity trade-off of a grid of capacities: thresholds, shares, group rates (Markdown, plots)."""
    from models.registry import load_version
    from training.policy_tradeoff import parse_grid, run_policy_tradeoff
    from training.policy_tradeoff_report import summary_lines

    uri, target = config.tracking_uri(), out or config.data_dir() / "policy-tradeoff"
    try:
        grid = parse_grid(capacity)
        loaded = load_version(
            name=config.model_name(), version=model_version, tracking_uri=uri, cache_dir=config.model_cache_dir()
        )
        done = run_policy_tradeoff(loaded=loaded, grid=grid, data=data, rows=rows, out=target, tracking_uri=uri)
    except (ProfilingError, ValueError) as exc:
        fail(exc)
    for line in summary_lines(done.summary):
        typer.echo(line)
    typer.echo(f"wrote {len(done.files)} files to {target}, logged on run {done.run_id}")


def main() -> None:
    app(prog_name=f"{python_command()} -m training")
