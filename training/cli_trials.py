"""``python -m training define-trial`` and ``python -m training trials``: a data scientist defines a controlled trial
in the records (:mod:`monitoring.records.trials`) and lists them; the service draws, the chain records.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from models.errors import ProfilingError
from training.cli_support import caller, fail, login, records


def define_trial(
    trial_id: Annotated[str, typer.Option("--id", help="A short slug, unique: a-z, 0-9 and hyphens.")],
    kind: Annotated[str, typer.Option(help="equivalence (a draw among equally suitable levels) or display.")],
    office: Annotated[list[str], typer.Option(help="An eligible office (4 digits); repeat for several.")],
    starts_on: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="First day (Norwegian date).")],
    ends_on: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="Last day, included.")],
    protocol: Annotated[str, typer.Option(help="Where the protocol is registered (recorded).")],
    target: Annotated[int, typer.Option(help="Enrolments the protocol's power calculation asks for.")],
    by: Annotated[str, typer.Option(help="The data scientist (default: your login name).")] = "",
) -> None:
    """Define a controlled trial at the follow-up decision: it is chained, listed for auditors and active in its
    period at its offices.
    """
    from monitoring.records.trials import define_trial as define

    try:
        trial = define(
            records(),
            trial_id=trial_id,
            kind=kind,
            eligible_offices=office,
            starts_on=starts_on.date(),
            ends_on=ends_on.date(),
            protocol_reference=protocol,
            target_sample_size=target,
            actor=by or login(),
            caller=caller(),
        )
    except ProfilingError as exc:
        fail(exc)
    typer.echo(
        f"trial {trial.trial_id} defined: {trial.kind.value} at {', '.join(trial.eligible_offices)}, "
        f"{trial.starts_on} to {trial.ends_on}, target {trial.target_sample_size}, protocol {trial.protocol_reference}"
    )


def trials() -> None:
    """List the trials defined, with their period, offices, protocol and the enrolments so far."""
    from monitoring.records.trials import trial_definitions, trial_enrolments

    try:
        sessions = records()
        found = [(trial, len(trial_enrolments(sessions, trial.trial_id))) for trial in trial_definitions(sessions)]
    except ProfilingError as exc:
        fail(exc)
    if not found:
        typer.echo("no trials")
    for trial, enrolled in found:
        typer.echo(
            f"{trial.trial_id} ({trial.kind.value}): {trial.starts_on} to {trial.ends_on} at "
            f"{', '.join(trial.eligible_offices)}; {enrolled} of {trial.target_sample_size} enrolled; "
            f"protocol {trial.protocol_reference}; defined by {trial.defined_by}"
        )
