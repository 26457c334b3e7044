"""``python -m training promote|set-policy|approve|reject|promotions|ensure-champion``: four eyes on the ``champion``
alias.

Registered on the one Typer app in :mod:`training.cli`; each command parses its options, calls one function of
:mod:`training.promotion` or :mod:`monitoring.records.model_events`, and prints the result.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from models import config
from models.errors import ProfilingError
from training.cli_support import DEFAULT_ROWS, approve_command, caller, fail, login, records, train_and_register

_LIMIT_HELP = "Overrides this gate's limit (default: its PROFILING_GATE_* variable, else models/gates.py)."
ByOption = Annotated[str, typer.Option(help="Who you are (recorded; default: your login name).")]
RequestOption = Annotated[str, typer.Option("--request", help="The promotion request's id (see `promotions`).")]


def _gate_lines(gates: Iterable[Mapping[str, Any]]) -> list[str]:
    lines = []
    for g in gates:
        shown = "" if g["value"] is None else f"{g['value']:.4f}, limit {g['limit']}"
        lines.append(f"  {g['gate']}: {g['status']} ({'; '.join(part for part in (shown, g['note']) if part)})")
    return lines


def _loosened_lines(loosened: Iterable[Mapping[str, Any]]) -> list[str]:
    return [
        f"  LOOSENED {item['limit']}: {item['value']} instead of {item['default']} (set by {item['source']})"
        for item in loosened
    ]


def promote(
    version: Annotated[str | None, typer.Option(help="The version to promote (default: the newest).")] = None,
    by: ByOption = "",
    reason: Annotated[str, typer.Option(help="Why (recorded; required).")] = "",
    review: Annotated[str, typer.Option(help="Reference to the legal and ethical review (recorded).")] = "",
    holdout: Annotated[
        Path | None,
        typer.Option(help="Labelled rows (.parquet/.csv) on which to compare this version with the champion."),
    ] = None,
    max_auc_gap: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
    max_ece: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
    max_group_gap: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
    max_auc_regression: Annotated[float | None, typer.Option(help=_LIMIT_HELP)] = None,
) -> None:
    """Ask for a version (a new one, or a former champion: a rollback) to become champion; another person approves."""
    from models.gates import gate_limits
    from training.data import read_table
    from training.promote import loosened_limits
    from training.promotion import Holdout, ask_for_promotion

    overrides = {
        "max_auc_gap_to_optimum": max_auc_gap,
        "max_ece": max_ece,
        "max_group_calibration_gap": max_group_gap,
        "max_auc_regression": max_auc_regression,
    }
    try:
        gates = gate_limits(None, **overrides)
        asked = ask_for_promotion(
            records(),
            name=config.model_name(),
            tracking_uri=config.tracking_uri(),
            cache_dir=config.model_cache_dir(),
            version=version,
            gates=gates,
            loosened=loosened_limits(gates, overrides=overrides),
            reason=reason,
            review=review,
            by=by or login(),
            caller=caller(),
            holdout=None if holdout is None else Holdout(read_table(holdout), f"file {holdout.name}"),
        )
    except ProfilingError as exc:
        fail(exc)
    request = asked.request
    kind = "rollback" if request.rollback else "promotion"
    typer.echo(f"{kind} of {request.model} version {request.version} requested (champion: {request.champion})")
    typer.echo("\n".join([*_gate_lines(request.gates), *_loosened_lines(request.loosened)]))
    typer.echo(f"request {request.id}: a second data scientist approves with: {approve_command(request.id)}")


def set_policy(
    model_version: Annotated[str, typer.Option(help="The version whose trained model gets the new policy.")],
    policy: Annotated[Path, typer.Option(help="The policy file (TOML: thresholds or capacities, and flags).")],
    reason: Annotated[str, typer.Option(help="Why (recorded; required).")],
    review: Annotated[str, typer.Option(help="Reference to the review that decided the policy (recorded; required).")],
    by: ByOption = "",
) -> None:
    """Register the version's model with a new policy as a new version and ask for it to become champion (four eyes)."""
    from models.gates import gate_limits
    from training.set_policy import set_policy as change_policy

    try:
        change = change_policy(
            records(),
            name=config.model_name(),
            tracking_uri=config.tracking_uri(),
            cache_dir=config.model_cache_dir(),
            artifact_root=None if os.environ.get("MLFLOW_TRACKING_URI") else config.artifact_root(),
            source=model_version,
            policy=policy,
            gates=gate_limits(),
            reason=reason,
            review=review,
            by=by or login(),
            caller=caller(),
        )
    except ProfilingError as exc:
        fail(exc)
    request, new = change.asked.request, change.policy
    typer.echo(
        f"registered {request.model} version {change.version}: version {change.source}'s model with policy "
        f"{new.version} (was {change.previous.version})"
    )
    typer.echo(f"  thresholds: standard_below {new.standard_below:.4f}, tailored_from {new.tailored_from:.4f}")
    if new.capacities is not None:
        typer.echo("  from capacities: " + ", ".join(f"{k} {v:.1%}" for k, v in new.capacities.items()))
    typer.echo("  shares on the reference sample: " + ", ".join(f"{k} {v:.1%}" for k, v in change.shares.items()))
    typer.echo("\n".join(_gate_lines(request.gates)))
    typer.echo(f"request {request.id}: a second data scientist approves with: {approve_command(request.id)}")


def approve(request: RequestOption, by: ByOption = "") -> None:
    """Approve another data scientist's promotion request: the champion alias moves, and the chain records it."""
    from monitoring.records.model_events import approve_promotion

    try:
        approved = approve_promotion(
            records(), request_id=request, caller=caller(), actor=by or login(), tracking_uri=config.tracking_uri()
        )
    except ProfilingError as exc:
        fail(exc)
    typer.echo(f"{approved.model} version {approved.version} is now champion (request {approved.id})")


def reject(
    request: RequestOption,
    reason: Annotated[str, typer.Option(help="Why (recorded; required).")],
    by: ByOption = "",
) -> None:
    """Reject a promotion request (the requester withdraws one the same way); the champion stays."""
    from monitoring.records.model_events import reject_promotion

    try:
        rejected = reject_promotion(
            records(),
            request_id=request,
            caller=caller(),
            actor=by or login(),
            reason=reason,
            tracking_uri=config.tracking_uri(),
        )
    except ProfilingError as exc:
        fail(exc)
    typer.echo(f"request {rejected.id} for {rejected.model} version {rejected.version} rejected")


def promotions(
    every: Annotated[bool, typer.Option("--all", help="Decided requests too, not only pending ones.")] = False,
) -> None:
    """List promotion requests with their gates and any loosened limit: what an approver reads first."""
    from monitoring.records.model_events import RequestStatus, promotion_requests

    try:
        found = promotion_requests(
            records(), model=config.model_name(), status=None if every else RequestStatus.PENDING
        )
    except ProfilingError as exc:
        fail(exc)
    if not found:
        typer.echo("no promotion requests" if every else "no pending promotion requests")
    for r in found:
        kind = "rollback" if r.rollback else "promotion"
        kind += f" with policy {r.policy_version}" if r.policy_version else ""
        typer.echo(
            f"{r.id} {r.status.value}: {kind} of {r.model} version {r.version} (champion then: {r.champion}), "
            f"asked by {r.requested_by} at {r.requested_at:%Y-%m-%d %H:%M}; reason: {r.reason}; review: {r.review}"
        )
        typer.echo("\n".join([*_gate_lines(r.gates), *_loosened_lines(r.loosened)]))


def ensure_champion(
    rows: Annotated[int, typer.Option(min=1, help="How many jobseekers to simulate.")] = DEFAULT_ROWS,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same rows.")] = 0,
) -> None:
    """Train and promote the default model if the records have no champion yet (the quick start's first step).

    In development the first champion is approved by this process, and the chain says so (``self_approved_bootstrap``);
    elsewhere the promotion is requested, and a second data scientist approves it.
    """
    from models.gates import gate_limits
    from models.registry import champion_version
    from monitoring.records.model_events import chained_champion
    from training.promotion import BOOTSTRAP_REASON, ask_for_promotion, bootstrap_champion, development

    name, uri, cache = config.model_name(), config.tracking_uri(), config.model_cache_dir()
    try:
        sessions = records()
        chained = chained_champion(sessions, model=name)
        registered = champion_version(name=name, tracking_uri=uri)
    except ProfilingError as exc:
        fail(exc)
    if chained is not None:
        typer.echo(f"{name} has a champion (version {chained}); nothing to train")
        return
    if registered is None:
        typer.echo(f"no champion for {name} yet: training the default model on {rows} synthetic rows")
        registered = train_and_register(
            data=None, rows=rows, scenario="baseline", seed=seed, horizon=12, members=5, protected_as_features=False
        )
    else:
        typer.echo(f"the registry's champion {name} version {registered} is not in the records yet: recording it")
    try:
        gates = gate_limits()
        if development():
            asked = bootstrap_champion(
                sessions,
                name=name,
                tracking_uri=uri,
                cache_dir=cache,
                version=registered,
                gates=gates,
                by=login(),
                caller=caller(),
            )
        else:
            asked = ask_for_promotion(
                sessions,
                name=name,
                tracking_uri=uri,
                cache_dir=cache,
                version=registered,
                gates=gates,
                loosened=[],
                reason=BOOTSTRAP_REASON,
                review="",
                by=login(),
                caller=caller(),
            )
    except ProfilingError as exc:
        fail(exc)
    typer.echo("\n".join(_gate_lines(asked.request.gates)))
    if development():
        typer.echo(f"{name} version {registered} is now champion (first champion, self-approved in development)")
    else:
        typer.echo(
            f"request {asked.request.id}: a second data scientist approves with: {approve_command(asked.request.id)}"
        )
