"""What the commands of ``python -m training`` share: how to name this interpreter, how to fail, the records
database, who runs a command, and training one model with its printout.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import NoReturn

import typer
from sqlalchemy.orm import Session, sessionmaker

from models import config
from models.errors import ProfilingError

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


def approve_command(request_id: str) -> str:
    """The approval of a promotion request as a command that runs as printed (by a second data scientist)."""
    return f"{python_command()} -m training approve --request {request_id}"


def fail(exc: ProfilingError | ValueError) -> NoReturn:
    """Print the error as one line and exit with status 2 (no stack trace)."""
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=2)


def records() -> sessionmaker[Session]:
    """The records database the service writes (``PROFILING_DATABASE_URL``), migrated to the newest schema.

    Raises
    ------
    StorageUnavailableError
        When it cannot be reached.
    """
    from monitoring.records.db import make_engine, session_factory, storage_errors, upgrade

    engine = make_engine(config.database_url())
    with storage_errors():
        upgrade(engine)
    return session_factory(engine)


def served_champion(name: str) -> str | None:
    """The version of ``name`` the service serves: the one the records' chain names, not the registry's alias.

    Raises
    ------
    StorageUnavailableError
        When the records database cannot be reached.
    """
    from monitoring.records.model_events import chained_champion

    return chained_champion(records(), model=name)


def login() -> str:
    """Who runs this command: the operating system's login name."""
    return getpass.getuser()


def caller() -> str:
    """What the records name as the writer of a command's events."""
    return f"cli:{login()}"


def train_and_register(
    *,
    data: Path | None,
    rows: int,
    scenario: str,
    seed: int,
    horizon: int,
    members: int,
    protected_as_features: bool,
    policy: Path | None = None,
) -> str:
    """Train and register one model, print its version and test metrics, and return the version.

    ``policy`` is a policy file (:mod:`models.policy_file`), checked before anything is trained; default
    :data:`models.policy_file.DEFAULT_POLICY_FILE`.

    A training set from the records (``dataset --from-records``) brings its own horizon and its description (source,
    period, what was left out, selective labels) into the model card.
    """
    from models.policy_file import default_policy, read_policy
    from training.data import read_table
    from training.pipeline import run_training
    from training.population import simulate_population
    from training.records_dataset import source_of
    from training.train import TrainConfig

    try:
        stated = default_policy() if policy is None else read_policy(policy)
        if data is not None:
            frame = read_table(data)
            source = source_of(frame)
            description = f"file {data.name}" if source is None else f"file {data.name}. {source.describe()}"
            horizon = horizon if source is None else source.horizon_months
        else:
            frame = simulate_population(rows, scenario=scenario, seed=seed, horizon_months=horizon)
            description = f"synthetic population: {rows} rows, scenario {scenario}, seed {seed}, horizon {horizon}"
        result = run_training(
            frame,
            champion=served_champion(config.model_name()),
            config=TrainConfig(
                seed=seed,
                members=members,
                horizon_months=horizon,
                protected_as_features=protected_as_features,
                policy=stated,
            ),
            name=config.model_name(),
            tracking_uri=config.tracking_uri(),
            artifact_root=None if os.environ.get("MLFLOW_TRACKING_URI") else config.artifact_root(),
            cache_dir=config.model_cache_dir(),
            data_description=description,
        )
    except (ProfilingError, ValueError) as exc:
        fail(exc)
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
