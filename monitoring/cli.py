"""``python -m monitoring demo|report|watch|head|verify|trial-report|export``: thin commands over monitoring."""

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
from models.texts import LANGUAGES, Language

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Records, drift, fairness and audit reports.")


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=2)


def _language(value: str) -> Language:
    """The ``--language`` option as a language of the text module, or a usage error naming the known ones."""
    lang = next((known for known in LANGUAGES if known == value), None)
    if lang is None:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(LANGUAGES)}", param_hint="--language")
    return lang


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
    language: Annotated[str, typer.Option(help="Language of report.html: nb, nn or en.")] = "nb",
) -> None:
    """Write the audit report (drift, fairness, overrides, performance, explanations, chain) for a period."""
    from monitoring.analysis.reference import champion_reference
    from monitoring.analysis.report import build_report
    from monitoring.records.db import make_engine, session_factory

    start, end = (_day(v) if v else None for v in (since, until))
    lang = _language(language)
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
            language=lang,
        )
    except ProfilingError as exc:
        _fail(exc)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.html").write_text(result.html)
    if result.drift_html is not None:
        (out / "drift.html").write_text(result.drift_html)
    (out / "report.json").write_text(json.dumps(result.json, indent=2, default=str))
    typer.echo(
        f"wrote {out / 'report.html'} and {out / 'report.json'}: {result.json['summary']['assessments']} "
        f"assessments, {len(result.json['alerts'])} alert(s)"
    )
    for alert in result.json["alerts"]:
        typer.echo(f"  alert [{alert['kind']}]: {alert['message']}")


_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _duration(value: str) -> dt.timedelta:
    number, unit = value[:-1], value[-1:]
    if unit not in _SECONDS or not number.isdigit() or int(number) == 0:
        raise typer.BadParameter(f"{value!r} is not a duration such as 30s, 15m, 12h or 1d")
    return dt.timedelta(seconds=int(number) * _SECONDS[unit])


@app.command()
def watch(
    every: Annotated[str, typer.Option(help="How often to evaluate: 30s, 15m, 12h, 1d.")] = "1d",
    window: Annotated[str, typer.Option(help="The period each evaluation covers, ending now.")] = "30d",
    once: Annotated[bool, typer.Option("--once", help="Evaluate once and exit.")] = False,
    verify: Annotated[bool, typer.Option(help="Verify the whole decision chain each time.")] = True,
) -> None:
    """Evaluate the alerts on a schedule and store each evaluation (for GET /v1/audit/alerts and /metrics)."""
    import time

    from monitoring.analysis.alerts import watch_once
    from monitoring.analysis.reference import champion_reference
    from monitoring.records.db import make_engine, session_factory, upgrade

    interval, period = _duration(every), _duration(window)
    engine = make_engine(config.database_url())
    while True:
        now = dt.datetime.now(dt.UTC)
        try:
            upgrade(engine)
            reference, horizon = champion_reference()
            row = watch_once(
                session_factory(engine),
                now=now,
                window=period,
                reference=reference,
                horizon_months=horizon,
                verify=verify,
            )
        except ProfilingError as exc:
            if once:
                _fail(exc)
            typer.echo(f"error: {exc}; next evaluation in {every}", err=True)
        else:
            typer.echo(f"{now:%Y-%m-%d %H:%M} UTC, assessments since {row.since:%Y-%m-%d}: {len(row.alerts)} alert(s)")
            for alert in row.alerts:
                typer.echo(f"  alert [{alert['kind']}]: {alert['message']}")
        if once:
            return
        time.sleep(interval.total_seconds())


@app.command("head")
def head_command(
    public_key: Annotated[bool, typer.Option("--public-key", help="Print the public key to publish instead.")] = False,
    verify: Annotated[bool, typer.Option(help="Verify the whole chain first: a broken chain gets no head.")] = True,
) -> None:
    """Print the chain's head signed with PROFILING_HEAD_SIGNING_KEY (JSON), to keep outside the database."""
    from monitoring.records.chain import verify_chain
    from monitoring.records.db import make_engine, session_factory
    from monitoring.records.head import current_head, load_signing_key, public_key_pem, sign_head

    try:
        key = load_signing_key(config.head_signing_key())
        if public_key:
            typer.echo(public_key_pem(key), nl=False)
            return
        sessions = session_factory(make_engine(config.database_url()))
        if verify:
            report = verify_chain(sessions)
            if not report.ok:
                typer.echo(f"the chain does not hold in {len(report.breaks)} place(s): no head signed", err=True)
                raise typer.Exit(code=1)
            seq, hash_ = report.head_seq, report.head_hash
        else:
            link = current_head(sessions)
            seq, hash_ = link.seq, link.hash
        signed = sign_head(head_seq=seq, head_hash=hash_, key=key, now=dt.datetime.now(dt.UTC))
    except ProfilingError as exc:
        _fail(exc)
    typer.echo(json.dumps(signed.as_json(), indent=2))


@app.command("verify")
def verify_command(
    head: Annotated[Path | None, typer.Option(help="A head printed earlier by `head` (JSON file).")] = None,
    public_key: Annotated[
        str | None,
        typer.Option(help="Checks the head's signature (path, PEM or base64); default PROFILING_HEAD_PUBLIC_KEY."),
    ] = None,
) -> None:
    """Verify every record and the chain; with --head, also that the chain still holds a published head."""
    from monitoring.records.chain import verify_chain
    from monitoring.records.db import make_engine, session_factory
    from monitoring.records.head import PublishedHead, check_head, verification_key

    try:
        published = PublishedHead.from_json(json.loads(head.read_text())) if head else None
        sessions = session_factory(make_engine(config.database_url()))
        report = verify_chain(sessions)
        check = None
        if published is not None:
            key = verification_key(public=public_key or config.head_public_key(), private=config.head_signing_key())
            check = check_head(sessions, published, chain_head_seq=report.head_seq, public_key=key)
    except (OSError, json.JSONDecodeError, ProfilingError) as exc:
        _fail(exc)
    typer.echo(
        f"chain {'holds' if report.ok else 'BROKEN'}: {report.checked} decisions, {report.events_checked} events and "
        f"{report.assessments_checked} assessments checked; head_seq={report.head_seq} head_hash={report.head_hash}"
    )
    for found in report.breaks:
        typer.echo(f"  break at seq {found.seq}: {found.problem} {found.decision_id or found.event_id}")
    if check is not None:
        signed = "signature checked" if check.signature_checked else "no signature"
        typer.echo(
            f"published head seq {check.head.head_seq} ({check.head.time or 'no time'}, {signed}): {check.status.value}"
            f"; the chain now ends at seq {check.chain_head_seq}, hash there now {check.hash_now or 'none'}"
        )
    if not report.ok or (check is not None and not check.ok):
        raise typer.Exit(code=1)


@app.command("trial-report")
def trial_report_command(
    trial: Annotated[str, typer.Option(help="The trial's id.")],
    out: Annotated[Path | None, typer.Option(help="FILE.md or FILE.json; Markdown to stdout without.")] = None,
    difference: Annotated[float, typer.Option(help="Difference in the share in work to detect.")] = 0.05,
    baseline: Annotated[float | None, typer.Option(help="Share in work in the reference arm (default 0.74).")] = None,
    language: Annotated[str, typer.Option(help="Language of the Markdown: nb, nn or en.")] = "nb",
) -> None:
    """Write a trial's report: enrolment and power, balance, outcome by arm, and a display trial's decisions."""
    from monitoring.analysis.trial_frame import build_trial_report, trial_markdown
    from monitoring.records.db import make_engine, session_factory

    lang = _language(language)
    if out is not None and out.suffix not in (".md", ".json"):
        raise typer.BadParameter(f"{out} must end in .md or .json", param_hint="--out")
    try:
        sessions = session_factory(make_engine(config.database_url()))
        result = build_trial_report(sessions, trial, difference=difference, baseline=baseline)
    except ProfilingError as exc:
        _fail(exc)
    page = trial_markdown(result, lang)
    if out is None:
        typer.echo(page)
        return
    out.write_text(json.dumps(result.json, indent=2, default=str) if out.suffix == ".json" else page)
    typer.echo(f"wrote {out}: {result.json['enrolled']} enrolled, {len(result.alerts)} alert(s)")


@app.command("export")
def export_command(
    since: Annotated[str, typer.Option(help="First day (YYYY-MM-DD), inclusive.")],
    until: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD), exclusive.")],
    out: Annotated[Path, typer.Option(help="FILE.parquet; its data sheet is written beside it as FILE.md.")],
    min_cell_size: Annotated[int | None, typer.Option(help="Fewest rows per combination of quasi-identifiers.")] = None,
) -> None:
    """Write a de-identified evaluation export for researchers (Parquet) and its data sheet (Markdown)."""
    from monitoring.analysis.export import DEFAULT_MIN_CELL_SIZE, export_evaluation
    from monitoring.analysis.reference import champion_reference
    from monitoring.records.db import make_engine, session_factory

    try:
        _, horizon = champion_reference()
        summary = export_evaluation(
            session_factory(make_engine(config.database_url())),
            since=_day(since).date(),
            until=_day(until).date(),
            out=out,
            horizon_months=horizon,
            min_cell_size=min_cell_size or DEFAULT_MIN_CELL_SIZE,
        )
    except ProfilingError as exc:
        _fail(exc)
    typer.echo(
        f"wrote {summary.parquet} ({summary.rows} rows, {summary.persons} persons) and {summary.data_sheet}; "
        f"{summary.suppressed_rows} rows left out in small cells"
    )


def main() -> None:
    app(prog_name=f"{Path(sys.executable).name} -m monitoring")
