"""``python -m training define-trial`` and ``trials``: a definition is chained once, a bad one is one error line (exit
2) and writes nothing, and the list shows the enrolments so far."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitoring.records.db import make_engine, session_factory
from monitoring.records.trials import trial_definitions
from training.cli import app

runner = CliRunner()
DEFINE = [
    "define-trial",
    *("--id", "eq-2027", "--kind", "equivalence", "--office", "0301", "--office", "1103"),
    *("--starts-on", "2027-01-01", "--ends-on", "2027-12-31"),
    *("--protocol", "OSF registration 10.17605/OSF.IO/EXAMPLE", "--target", "400", "--by", "D990001"),
]


def test_a_trial_is_defined_once_and_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("PROFILING_DATABASE_URL", url)
    defined = runner.invoke(app, DEFINE)
    assert defined.exit_code == 0, defined.output
    assert "trial eq-2027 defined: equivalence at 0301, 1103, 2027-01-01 to 2027-12-31" in defined.output
    again = runner.invoke(app, DEFINE)
    assert again.exit_code == 2 and "defined already" in again.output
    backwards = runner.invoke(app, [*DEFINE[:2], "eq-back", *DEFINE[3:12], "2026-12-31", *DEFINE[13:]])
    assert backwards.exit_code == 2 and "ends_on must not be before starts_on" in backwards.output
    listed = runner.invoke(app, ["trials"])
    assert listed.exit_code == 0 and "0 of 400 enrolled" in listed.output and "defined by D990001" in listed.output
    engine = make_engine(url)
    assert [t.trial_id for t in trial_definitions(session_factory(engine))] == ["eq-2027"]
    engine.dispose()
