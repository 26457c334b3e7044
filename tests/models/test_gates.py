"""The gate limits have one source: defaults, then PROFILING_GATE_* variables, then explicit overrides."""

from __future__ import annotations

import pytest

from models.errors import ConfigurationError
from models.gates import GATE_VARIABLES, GateLimits, gate_limits


def test_the_defaults_hold_without_variables() -> None:
    assert gate_limits({}) == GateLimits()


def test_each_variable_sets_its_limit_and_an_override_wins() -> None:
    environ = {variable: str(0.1 + i / 100) for i, variable in enumerate(GATE_VARIABLES.values())}
    limits = gate_limits(environ, max_ece=0.5)
    assert limits.max_ece == 0.5
    assert [getattr(limits, name) for name in GATE_VARIABLES if name != "max_ece"] == [
        float(environ[variable]) for name, variable in GATE_VARIABLES.items() if name != "max_ece"
    ]


@pytest.mark.parametrize("raw", ["abc", "-0.1", "nan", "inf"])
def test_a_bad_variable_is_a_configuration_error_naming_it(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="PROFILING_GATE_MAX_ECE"):
        gate_limits({"PROFILING_GATE_MAX_ECE": raw})


def test_an_override_must_name_a_limit() -> None:
    with pytest.raises(ConfigurationError, match="max_ecee"):
        gate_limits({}, max_ecee=0.1)
