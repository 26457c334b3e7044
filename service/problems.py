"""One place that turns errors into ``application/problem+json`` answers (RFC 9457).

Validation errors name each field and the reason but never echo the submitted value (it may be an identity number).
Anything unexpected is a 500 with a request id to quote, and the details go to the log only. Each answer carries a
stable ``code`` for its kind; its title, its detail and each field's reason are in the language the request's
``Accept-Language`` prefers: the title from :data:`models.texts.PROBLEM_TITLES`, a domain error's detail from its key
(:meth:`models.errors.ProfilingError.detail`), a field's reason from :data:`models.texts.VALIDATION_REASONS` by
pydantic's error type. A validation error of a type without a text there, and a domain error raised with a plain
message (none that a request can reach), keep their English message.
"""

from __future__ import annotations

import logging
import string
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from models.errors import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    ModelUnavailableError,
    ProfilingError,
    RecordNotFoundError,
    StorageUnavailableError,
    keyed_cause,
)
from models.texts import PROBLEM_DETAILS, PROBLEM_TITLES, VALIDATION_REASONS, Language, text
from service.deps import request_language

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": (
        "An error answer (RFC 9457 problem details): `code` names the kind of problem and does not change with the "
        "language; `title` is in the language `Accept-Language` prefers; `errors` names each field that did not "
        "validate."
    ),
    "type": "object",
    "required": ["type", "code", "title", "status", "detail", "instance", "request_id"],
    "properties": {
        "type": {"type": "string"},
        "code": {"type": "string", "enum": list(PROBLEM_TITLES)},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": ["string", "null"]},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "in", "reason"],
                "properties": {"field": {"type": "string"}, "in": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
_PROBLEM_CONTENT = {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
_ANSWERS: dict[int, tuple[str, str | None]] = {
    400: ("The body cannot be read (not UTF-8 text)", None),
    401: ("No valid bearer token (missing, malformed, expired or wrongly signed)", "WWW-Authenticate"),
    403: ("The token's role or office does not allow this", None),
    404: ("No such record", None),
    409: (
        "Conflicts with an existing record (an Idempotency-Key reused for a different request) or with the case's "
        "state, which the detail names",
        None,
    ),
    413: ("The request body is too large", None),
    422: ("Invalid request: each field that did not validate, and why", None),
    429: ("Too many requests for this token; retry after the given seconds", "Retry-After"),
    503: ("The records database or the model is unavailable; retry after the given seconds", "Retry-After"),
}


def answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of the problem answers a route can give, for its decorator or router."""
    documented: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        description, header = _ANSWERS[code]
        documented[code] = {"description": description, "content": _PROBLEM_CONTENT}
        if header:
            documented[code]["headers"] = {header: {"schema": {"type": "string"}}}
    return documented


_DOMAIN: list[tuple[type[ProfilingError], int, str]] = [
    (InvalidInputError, status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_input"),
    (RecordNotFoundError, status.HTTP_404_NOT_FOUND, "not_found"),
    (ConflictError, status.HTTP_409_CONFLICT, "conflict"),
    (ForbiddenError, status.HTTP_403_FORBIDDEN, "forbidden"),
    (ModelUnavailableError, status.HTTP_503_SERVICE_UNAVAILABLE, "model_unavailable"),
    (StorageUnavailableError, status.HTTP_503_SERVICE_UNAVAILABLE, "storage_unavailable"),
]
_HTTP: dict[int, str] = {
    status.HTTP_400_BAD_REQUEST: "bad_request",
    status.HTTP_401_UNAUTHORIZED: "unauthorized",
    status.HTTP_403_FORBIDDEN: "forbidden",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_409_CONFLICT: "conflict",
    status.HTTP_413_CONTENT_TOO_LARGE: "content_too_large",
    status.HTTP_429_TOO_MANY_REQUESTS: "too_many_requests",
    status.HTTP_503_SERVICE_UNAVAILABLE: "service_unavailable",
}
"""The code of an HTTP error by its status (``error`` for any other)."""


def problem(request: Request, status_code: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    """A problem answer of kind ``code`` (a key of ``PROBLEM_TITLES``), titled in the request's language."""
    body = {
        "type": "about:blank",
        "code": code,
        "title": text(PROBLEM_TITLES, code, request_language(request)),
        "status": status_code,
        "detail": detail,
        "instance": request.url.path,
        "request_id": getattr(request.state, "request_id", None),
        **extra,
    }
    headers = {"Retry-After": "5"} if status_code == status.HTTP_503_SERVICE_UNAVAILABLE else None
    return JSONResponse(body, status_code=status_code, media_type=MEDIA_TYPE, headers=headers)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):
        return await _unexpected(request, exc)
    lang = request_language(request)
    errors = [
        {
            # a JSON syntax error's location is a character offset, not a field
            "field": str(e["loc"][0]) if e["type"] == "json_invalid" else _field(e["loc"]),
            "in": str(e["loc"][0]),
            "reason": _reason(e, lang),
        }
        for e in exc.errors()
    ]
    detail = text(PROBLEM_DETAILS, "fields_invalid", lang).format(count=len(errors))
    return problem(request, status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_request", detail, errors=errors)


def _reason(error: dict[str, Any], lang: Language) -> str:
    """Why a field did not validate, in ``lang``: a keyed domain error's detail for a ``value_error`` raised from one,
    the text of the error's type filled in from its context (a limit, the allowed values: never the input), or
    pydantic's English message when there is no text for the type or its context lacks a placeholder.
    """
    context = error.get("ctx") or {}
    if error["type"] == "value_error":
        keyed = keyed_cause(context.get("error"))
        return str(error["msg"]) if keyed is None else keyed.detail(lang)
    if error["type"] not in VALIDATION_REASONS:
        return str(error["msg"])
    template = text(VALIDATION_REASONS, error["type"], lang)
    if not {name for _, name, _, _ in string.Formatter().parse(template) if name} <= set(context):
        return str(error["msg"])
    return template.format(**context)


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc[1:]) or str(loc[0])


async def _http(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        return await _unexpected(request, exc)
    response = problem(request, exc.status_code, _HTTP.get(exc.status_code, "error"), str(exc.detail))
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    if exc.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.headers["Allow"] = _allowed_methods(request)
    return response


def _allowed_methods(request: Request) -> str:
    """Every method of the path, across routes: Starlette's 405 names only the first route that matched the path (one
    path, ``/v1/assessments``, has its list and its create in two routes).
    """
    methods = {
        method
        for route in request.app.routes
        if isinstance(route, APIRoute) and route.path_regex.match(request.url.path)
        for method in route.methods or ()
    }
    return ", ".join(sorted(methods))


async def _domain(request: Request, exc: Exception) -> JSONResponse:
    for kind, status_code, code in _DOMAIN:
        if isinstance(exc, kind):
            if status_code >= 500:
                logger.warning("unavailable", extra={"error": str(exc), "path": request.url.path})
            return problem(request, status_code, code, exc.detail(request_language(request)))
    return await _unexpected(request, exc)


async def _unstorable(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value the schema let through (PostgreSQL: a NUL character, a string too long). Not a
    # 500, and not logged with the statement's parameters, which may hold a justification.
    orig = getattr(exc, "orig", None)
    logger.warning("value refused by the database", extra={"path": request.url.path, "error": type(orig).__name__})
    detail = text(PROBLEM_DETAILS, "value_unstorable", request_language(request))
    return problem(request, status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_input", detail)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.error("unexpected error", exc_info=exc, extra={"path": request.url.path})
    detail = text(PROBLEM_DETAILS, "internal_error", request_language(request))
    return problem(request, status.HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", detail)


def _document(app: FastAPI) -> None:
    """Validation errors are problems too: FastAPI documents its 422 as ``application/json`` with its own shape."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = PROBLEM_SCHEMA
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                if "422" in operation.get("responses", {}):
                    operation["responses"]["422"] = answers(422)[422]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    _document(app)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ProfilingError, _domain)
    app.add_exception_handler(DataError, _unstorable)
    app.add_exception_handler(Exception, _unexpected)
