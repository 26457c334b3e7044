"""The FastAPI service: API, authentication, and the counsellor's and auditor's web pages."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so that ``python -m service token`` does not import the whole app (Evidently, MLflow) to print a token.
    if name == "create_app":
        from service.app import create_app

        return create_app
    raise AttributeError(f"module 'service' has no attribute {name!r}")
