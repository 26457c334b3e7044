"""Plain ASGI middleware (no per-request task churn): request ids, access log and metrics."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from models.national_id import contains_national_id
from service.metrics import Metrics
from service.problems import problem

logger = logging.getLogger("service.access")


class RequestContext:
    """Sets ``X-Request-ID`` (the caller's, if printable and free of identity numbers, else a new one), then logs and
    counts every request.

    Bodies above ``max_body_bytes`` get a 413 problem: at once when ``Content-Length`` says so, else as soon as the
    streamed body passes the limit (Starlette's own limiter answers in plain text, so it is not used).
    """

    def __init__(self, app: ASGIApp, *, metrics: Metrics, max_body_bytes: int) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")[:128]
        # the caller's id is logged and stored with the records: never one that holds an identity number
        request_id = given if given and given.isprintable() and not contains_national_id(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_code = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        received = 0
        too_large = f"the request body is larger than {self.max_body_bytes} bytes"

        async def receive_with_limit() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                raise HTTPException(413, too_large)
            return message

        try:
            declared = dict(scope["headers"]).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.max_body_bytes:
                response = problem(Request(scope), 413, "content_too_large", too_large)
                await response(scope, receive, send_with_id)
            else:
                await self.app(scope, receive_with_limit, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route: Any = scope.get("route")
            path = getattr(route, "path", "unmatched")
            self.metrics.requests.labels(scope["method"], path, str(status_code)).inc()
            self.metrics.latency.labels(scope["method"], path).observe(elapsed)
            logger.info(
                "request",
                extra={
                    "method": scope["method"],
                    "route": path,
                    "status": status_code,
                    "ms": round(elapsed * 1000, 2),
                    "request_id": request_id,
                },
            )
