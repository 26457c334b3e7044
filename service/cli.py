"""``python -m service serve|token``: run the API, or mint a token for local use."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from service.auth import Role, mint_token
from service.settings import Settings, get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="The profiling decision-support service.")


def _settings() -> Settings:
    """The settings, or a one-line error per bad environment variable (exit status 2) instead of a traceback."""
    try:
        return get_settings()
    except ValidationError as exc:
        for error in exc.errors():
            where = f"PROFILING_{str(error['loc'][0]).upper()}: " if error["loc"] else ""
            typer.echo(f"error: {where}{error['msg']}", err=True)
        raise typer.Exit(code=2) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (about one per core).")] = 1,
) -> None:
    """Start the API and the web pages."""
    import uvicorn

    settings = _settings()
    typer.echo(
        f"service on http://{host}:{port}/ (API docs: /docs; records: {settings.database_url.split('://')[0]}; "
        f"model: {settings.model_name}@champion)"
    )
    uvicorn.run(
        "service.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        access_log=False,
        proxy_headers=True,
    )


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="counsellor, auditor, data_scientist or system.")],
    office: Annotated[str | None, typer.Option(help="The counsellor's office (4 digits).")] = None,
    subject: Annotated[str, typer.Option(help="Who the token is for (a NAV ident for counsellors).")] = "",
    minutes: Annotated[int | None, typer.Option(min=1, help="Lifetime (default: PROFILING_TOKEN_TTL_MINUTES).")] = None,
    approver: Annotated[
        bool, typer.Option(help="A counsellor who may approve or return decisions on permanent levels.")
    ] = False,
) -> None:
    """Print a signed token for local use."""
    settings = _settings()
    if role is Role.COUNSELLOR and not (office and office.isdigit() and len(office) == 4):
        typer.echo("error: a counsellor's token needs --office with a 4-digit office number", err=True)
        raise typer.Exit(code=2)
    if approver and role is not Role.COUNSELLOR:
        typer.echo("error: --approver is for a counsellor's token", err=True)
        raise typer.Exit(code=2)
    typer.echo(
        mint_token(
            secret=settings.secret("token_secret"),
            role=role,
            subject=subject or f"local-{role.value}",
            office=office,
            ttl_minutes=minutes or settings.token_ttl_minutes,
            approver=approver,
        )
    )


def main() -> None:
    app(prog_name=f"{Path(sys.executable).name} -m service")
