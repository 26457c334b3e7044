"""``python -m monitoring demo|report``: thin commands over the monitoring package."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from models import config
from models.errors import ProfilingError
from models.logs import configure_logging

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Records, drift, fairness and audit reports.")


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=2)


@app.callback()
def _main() -> None:
    configure_logging()


@app.command()
def demo(
    population: Annotated[Path | None, typer.Option(help="A file from `python -m training demo-population`.")] = None,
) -> None:
    """Fill the records with simulated months of assessments, decisions and outcomes (for a fresh install)."""
    import pandas as pd

    from models.registry import load_champion
    from monitoring.demo import check_demo_frame, load_demo
    from monitoring.records.db import make_engine, session_factory, upgrade

    path = population or config.demo_population_path()
    if not path.exists():
        _fail(
            FileNotFoundError(f"{path} does not exist: make it with `python -m training demo-population --out {path}`")
        )
    try:
        frame = pd.read_parquet(path)
        check_demo_frame(frame, str(path))
        champion = load_champion(
            name=config.model_name(), tracking_uri=config.tracking_uri(), cache_dir=config.model_cache_dir()
        )
        engine = make_engine(config.database_url())
        upgrade(engine)
        step = max(1, len(frame) // 10)

        def progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                typer.echo(f"  {done}/{total} registrations replayed", err=True)

        summary = load_demo(
            session_factory(engine),
            population=frame,
            champion=champion,
            person_secret=config.person_key_secret(),
            progress=progress,
        )
    except ProfilingError as exc:
        _fail(exc)
    typer.echo(
        f"recorded {summary.assessments} assessments, {summary.decisions} decisions and {summary.outcomes} "
        f"outcomes from {summary.first} to {summary.last} with {champion.name} version {champion.version}"
    )


def _day(value: str) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


@app.command()
def report(
    out: Annotated[Path, typer.Option(help="Folder for report.html and report.json.")],
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD), exclusive.")] = None,
    office: Annotated[str | None, typer.Option(help="Only this office.")] = None,
    verify: Annotated[bool, typer.Option(help="Verify the whole decision chain.")] = True,
) -> None:
    """Write the audit report (drift, fairness, overrides, performance, explanations, chain) for a period."""
    from monitoring.analysis.reference import champion_reference
    from monitoring.analysis.report import build_report
    from monitoring.records.db import make_engine, session_factory

    start, end = (_day(v) if v else None for v in (since, until))
    try:
        reference, horizon = champion_reference()
        result = build_report(
            session_factory(make_engine(config.database_url())),
            since=start,
            until=end,
            office=office,
            reference=reference,
            horizon_months=horizon,
            verify=verify,
        )
    except ProfilingError as exc:
        _fail(exc)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.html").write_text(result.html)
    (out / "report.json").write_text(json.dumps(result.json, indent=2, default=str))
    typer.echo(
        f"wrote {out / 'report.html'} and {out / 'report.json'}: {result.json['summary']['assessments']} "
        f"assessments, {len(result.json['alerts'])} alert(s)"
    )
    for alert in result.json["alerts"]:
        typer.echo(f"  alert: {alert}")


def main() -> None:
    app(prog_name=f"{Path(sys.executable).name} -m monitoring")
