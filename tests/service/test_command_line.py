"""``python -m service``: a bad setting is named in one line with exit status 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from service import cli
from service.settings import get_settings


@pytest.mark.parametrize(
    ("setting", "value", "command", "message"),
    [
        ("PROFILING_ASSESSMENT_THREADS", "-1", ["serve"], "PROFILING_ASSESSMENT_THREADS: Input should be greater"),
        ("PROFILING_MAX_BODY_BYTES", "lots", ["serve"], "PROFILING_MAX_BODY_BYTES: Input should be a valid integer"),
        ("PROFILING_ENVIRONMENT", "production", ["token", "--role", "auditor"], "PROFILING_TOKEN_SECRET must be set"),
        ("PROFILING_GATE_MAX_ECE", "low", ["serve"], "PROFILING_GATE_MAX_ECE must be a number"),
        (
            "PROFILING_MIN_JUSTIFICATION_CHARS",
            "0",
            ["serve"],
            "PROFILING_MIN_JUSTIFICATION_CHARS: Input should be greater",
        ),
        (
            "PROFILING_MIN_JUSTIFICATION_CHARS",
            "twenty",
            ["serve"],
            "PROFILING_MIN_JUSTIFICATION_CHARS: Input should be a valid",
        ),
    ],
)
def test_a_bad_setting_is_one_clear_line(
    setting: str, value: str, command: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PROFILING_TOKEN_SECRET", raising=False)
    monkeypatch.setenv(setting, value)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, command)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
