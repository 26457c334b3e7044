"""The FastAPI service: API, authentication, and the counsellor's and auditor's web pages."""

from service.app import create_app

__all__ = ["create_app"]
