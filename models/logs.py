"""Structured logging for every command and the service: one JSON object per line, with the ``extra`` fields.

Identity numbers never reach a log: callers log pseudonymised keys only; free-text justifications are not logged.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _not_the_cloudpickle_notice(record: logging.LogRecord) -> bool:
    """Drop MLflow's warning that a ``python_model`` object is serialised with CloudPickle.

    The warning is about loading a pickle from an untrusted source; the only pickle logged here is the project's own
    :class:`models.pyfunc.ProfilingPyfunc`, read back from the project's own registry, so on every training run it
    told a newcomer nothing they could act on.
    """
    return "CloudPickle" not in record.getMessage()


def configure_logging(level: str = "INFO") -> None:
    """Send JSON lines to standard error (called by entry points, never at import).

    MLflow configures its own loggers when it is imported, after this runs in a command line: its progress bars and
    INFO chatter (creating tables, validating the input example) are switched off through its environment variables,
    and its CloudPickle notice is filtered where it is logged.
    """
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    os.environ.setdefault("MLFLOW_LOGGING_LEVEL", "WARNING")
    logging.getLogger("mlflow.pyfunc").addFilter(_not_the_cloudpickle_notice)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("alembic", "mlflow", "urllib3", "httpx", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
