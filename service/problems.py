"""One place that turns errors into ``application/problem+json`` answers (RFC 9457).

Validation errors name each field and the reason but never echo the submitted value (it may be an identity number).
Anything unexpected is a 500 with a request id to quote, and the details go to the log only.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from models.errors import (
    ConflictError,
    InvalidInputError,
    ModelUnavailableError,
    ProfilingError,
    RecordNotFoundError,
    StorageUnavailableError,
)

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"

_DOMAIN: list[tuple[type[ProfilingError], int, str]] = [
    (InvalidInputError, status.HTTP_422_UNPROCESSABLE_CONTENT, "Invalid input"),
    (RecordNotFoundError, status.HTTP_404_NOT_FOUND, "Not found"),
    (ConflictError, status.HTTP_409_CONFLICT, "Conflict"),
    (ModelUnavailableError, status.HTTP_503_SERVICE_UNAVAILABLE, "No model available"),
    (StorageUnavailableError, status.HTTP_503_SERVICE_UNAVAILABLE, "Records database unavailable"),
]


def problem(request: Request, status_code: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": request.url.path,
        "request_id": getattr(request.state, "request_id", None),
        **extra,
    }
    headers = {"Retry-After": "5"} if status_code == status.HTTP_503_SERVICE_UNAVAILABLE else None
    return JSONResponse(body, status_code=status_code, media_type=MEDIA_TYPE, headers=headers)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            # a JSON syntax error's location is a character offset, not a field
            "field": str(e["loc"][0]) if e["type"] == "json_invalid" else _field(e["loc"]),
            "in": str(e["loc"][0]),
            "reason": e["msg"],
        }
        for e in exc.errors()
    ]
    return problem(
        request,
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        "Invalid request",
        f"{len(errors)} field(s) did not validate",
        errors=errors,
    )


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc[1:]) or str(loc[0])


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    response = problem(request, exc.status_code, _title(exc.status_code), str(exc.detail))
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def _domain(request: Request, exc: Exception) -> JSONResponse:
    for kind, code, title in _DOMAIN:
        if isinstance(exc, kind):
            if code >= 500:
                logger.warning("unavailable", extra={"error": str(exc), "path": request.url.path})
            return problem(request, code, title, str(exc))
    return await _unexpected(request, exc)


async def _unstorable(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value the schema let through (PostgreSQL: a NUL character, a string too long). Not a
    # 500, and not logged with the statement's parameters, which may hold a justification.
    orig = getattr(exc, "orig", None)
    logger.warning("value refused by the database", extra={"path": request.url.path, "error": type(orig).__name__})
    return problem(
        request,
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        "Invalid input",
        "a value cannot be stored: it is too long or contains a NUL character",
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.error("unexpected error", exc_info=exc, extra={"path": request.url.path})
    return problem(
        request,
        status.HTTP_500_INTERNAL_SERVER_ERROR,
        "Internal error",
        "something went wrong on our side; quote the request id when reporting it",
    )


def _title(code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ProfilingError, _domain)
    app.add_exception_handler(DataError, _unstorable)
    app.add_exception_handler(Exception, _unexpected)
