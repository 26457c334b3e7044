"""The policy file: reading, every refusal, the resolved policy, and a version that is a hash of the content."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from models.capacity import policy_inputs, thresholds_for_capacities
from models.errors import ConfigurationError, InvalidInputError
from models.policy import FollowUpLevel, PolicyConfig, suggest_columns
from models.policy_file import (
    DEFAULT_POLICY_FILE,
    RESOLVED_FILE,
    STATED_FILE,
    StatedPolicy,
    default_policy,
    parse_policy,
    read_policy,
    resolve_policy,
    write_policy,
)
from training.population import simulate_population

FLAGS = "[flags]\nwide_range = 0.2\nshort_residence_years = 3.0\nrepeat_spells = 2\n"
THRESHOLDS = "[thresholds]\nstandard_below = 0.3\ntailored_from = 0.55\n"
CAPACITIES = "[capacities]\nSPESIELT_TILPASSET_INNSATS = 0.15\nSITUASJONSBESTEMT_INNSATS = 0.45\n"
TAILORED, SITUATIONAL = FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value, FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value


def test_the_default_file_is_todays_policy() -> None:
    stated = default_policy()
    assert stated.thresholds == (0.30, 0.55) and stated.capacities is None
    assert stated.text == DEFAULT_POLICY_FILE.read_text()
    resolved = resolve_policy(stated, profiles=None, risk=None)  # type: ignore[arg-type]  # thresholds need none
    assert resolved == PolicyConfig() and resolved.version == PolicyConfig().version


def test_a_capacity_file_reads_its_shares(tmp_path: Path) -> None:
    path = tmp_path / "capacity.toml"
    path.write_text(CAPACITIES + FLAGS)
    stated = read_policy(path)
    assert stated.thresholds is None and stated.capacities == {TAILORED: 0.15, SITUATIONAL: 0.45}
    assert (stated.wide_range, stated.short_residence_years, stated.repeat_spells) == (0.2, 3.0, 2)
    with_rest = parse_policy(CAPACITIES + "STANDARD_INNSATS = 0.40\n" + FLAGS, source="rest")
    assert with_rest == stated  # the rest, stated, is the same policy


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[thresholds\n", "not a readable TOML policy file"),
        (THRESHOLDS + FLAGS + "owner = 'x'\n", "unknown keys owner in [flags]"),
        ("note = 'x'\n" + THRESHOLDS + FLAGS, "unknown keys note in the file"),
        ("[thresholds]\nstandard_below = 0.3\ntailored_from = 0.55\nmiddle = 0.4\n" + FLAGS, "unknown keys middle"),
        ("[capacities]\nSPESIELT_TILPASSET_INNSATS = 0.15\nSITUASJONSBESTEMT = 0.45\n" + FLAGS, "not follow-up levels"),
        (CAPACITIES + "VARIG_TILPASSET_INNSATS = 0.01\n" + FLAGS, "permanent levels are never suggested"),
        (CAPACITIES + "GRADERT_VARIG_TILPASSET_INNSATS = 0.01\n" + FLAGS, "permanent levels are never suggested"),
        (THRESHOLDS + CAPACITIES + FLAGS, "not both"),
        (FLAGS, "not neither"),
        (THRESHOLDS, "flags must be a table"),
        (THRESHOLDS + "[flags]\nwide_range = 0.2\nrepeat_spells = 2\n", "[flags] lacks short_residence_years"),
        ("[thresholds]\nstandard_below = 0.3\n" + FLAGS, "[thresholds] lacks tailored_from"),
        ("[thresholds]\nstandard_below = 0.6\ntailored_from = 0.55\n" + FLAGS, "0 < standard_below < tailored_from"),
        ("[thresholds]\nstandard_below = 0.3\ntailored_from = 1.0\n" + FLAGS, "0 < standard_below < tailored_from"),
        ("[thresholds]\nstandard_below = 0\ntailored_from = 0.5\n" + FLAGS, "0 < standard_below < tailored_from"),
        ("[thresholds]\nstandard_below = '0.3'\ntailored_from = 0.55\n" + FLAGS, "standard_below must be a number"),
        ("[thresholds]\nstandard_below = true\ntailored_from = 0.55\n" + FLAGS, "standard_below must be a number"),
        ("[thresholds]\nstandard_below = nan\ntailored_from = 0.55\n" + FLAGS, "standard_below must be a number"),
        (THRESHOLDS + FLAGS.replace("wide_range = 0.2", "wide_range = 1.5"), "flags.wide_range = 1.5 must lie in"),
        (THRESHOLDS + FLAGS.replace("= 3.0", "= -1"), "short_residence_years = -1.0 must lie in"),
        (THRESHOLDS + FLAGS.replace("repeat_spells = 2", "repeat_spells = 0"), "repeat_spells must be a whole"),
        (THRESHOLDS + FLAGS.replace("repeat_spells = 2", "repeat_spells = 2.5"), "repeat_spells must be a whole"),
        (THRESHOLDS + FLAGS.replace("repeat_spells = 2", "repeat_spells = true"), "repeat_spells must be a whole"),
        ("[capacities]\nSPESIELT_TILPASSET_INNSATS = 0.15\n" + FLAGS, "[capacities] must give"),
        (CAPACITIES.replace("0.15", "0") + FLAGS, "strictly between 0 and 1"),
        (CAPACITIES.replace("0.45", "1.2") + FLAGS, "strictly between 0 and 1"),
        (CAPACITIES.replace("0.45", "0.9") + FLAGS, "add up to more than all registrants"),
        (CAPACITIES + "STANDARD_INNSATS = 0.3\n" + FLAGS, "must be the rest"),
        ("capacities = 0.5\n" + FLAGS, "capacities must be a table"),
    ],
)
def test_a_file_that_does_not_fit_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=r"^bad\.toml: ") as refused:
        parse_policy(text, source="bad.toml")
    assert message in str(refused.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="not a readable TOML policy file"):
        read_policy(tmp_path / "none.toml")


def _hash_version(content: dict[str, object]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return "policy-" + hashlib.sha256(canonical.encode()).hexdigest()[:12]


def test_the_version_is_the_hash_of_the_content() -> None:
    config = PolicyConfig(capacities={SITUATIONAL: 0.45, TAILORED: 0.15})
    expected = {
        "standard_below": 0.3,
        "tailored_from": 0.55,
        "wide_range": 0.2,
        "short_residence_years": 3.0,
        "repeat_spells": 2,
        "capacities": {TAILORED: 0.15, SITUATIONAL: 0.45},
    }
    assert config.version == _hash_version(expected)
    assert PolicyConfig().version == _hash_version({**expected, "capacities": None})


def test_the_version_is_stable_for_equal_content() -> None:
    one = PolicyConfig(standard_below=0.3, short_residence_years=3, capacities={TAILORED: 0.15, SITUATIONAL: 0.45})
    other = PolicyConfig(standard_below=0.30, short_residence_years=3.0, capacities={SITUATIONAL: 0.45, TAILORED: 0.15})
    assert one.version == other.version
    assert PolicyConfig.from_dict(json.loads(json.dumps(one.to_dict()))).version == one.version
    stated = parse_policy(THRESHOLDS + FLAGS, source="a")
    commented = parse_policy("# a comment changes nothing\n" + FLAGS + THRESHOLDS.replace("0.3", "0.30"), source="b")
    assert resolve_policy(stated, profiles=None, risk=None) == resolve_policy(commented, profiles=None, risk=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"standard_below": 0.31},
        {"tailored_from": 0.56},
        {"wide_range": 0.21},
        {"short_residence_years": 2.0},
        {"repeat_spells": 3},
        {"capacities": {TAILORED: 0.15, SITUATIONAL: 0.45}},
        {"capacities": {TAILORED: 0.15, SITUATIONAL: 0.44}},
    ],
)
def test_the_version_changes_with_any_value(change: dict[str, object]) -> None:
    base = (
        PolicyConfig(capacities={TAILORED: 0.15, SITUATIONAL: 0.45}) if "capacities" not in change else PolicyConfig()
    )
    assert PolicyConfig(**change).version != base.version  # type: ignore[arg-type]


def test_a_stored_version_that_does_not_match_its_content_is_refused() -> None:
    stored = {**PolicyConfig().to_dict(), "standard_below": 0.25}
    with pytest.raises(ConfigurationError, match="does not match its content"):
        PolicyConfig.from_dict(stored)
    legacy = {**PolicyConfig().to_dict(), "version": "2026-11.1"}  # written by hand before versions were hashes
    assert PolicyConfig.from_dict(legacy) == PolicyConfig()


def test_capacities_resolve_on_a_population_to_the_derived_thresholds() -> None:
    population = simulate_population(3_000, seed=3)
    risk = population["p_opt"].to_numpy()
    stated = parse_policy(CAPACITIES.replace("0.15", "0.08") + FLAGS, source="capacity")
    resolved = resolve_policy(stated, profiles=population, risk=risk)
    hindrance, reduced = policy_inputs(population)
    expected = thresholds_for_capacities(
        risk, hindrance=hindrance, reduced_capacity=reduced, tailored=0.08, situational=0.45
    )
    assert (resolved.standard_below, resolved.tailored_from) == expected
    assert resolved.capacities == {TAILORED: 0.08, SITUATIONAL: 0.45}
    assert reduced.mean() > 0.08  # the tailored capacity binds, so the share must reach it
    levels = suggest_columns(population, risk=risk, lower=risk, upper=risk, config=resolved).levels
    n, ties = len(risk), int(np.unique(risk, return_counts=True)[1].max())
    for level, capacity in ((TAILORED, 0.08), (SITUATIONAL, 0.45)):
        assert capacity - (ties + 1) / n <= float(np.mean(levels == level)) <= capacity + 1 / n


def test_capacities_that_cannot_work_on_the_population_are_refused() -> None:
    population = simulate_population(2_000, seed=4)
    tiny = parse_policy(CAPACITIES.replace("0.15", "0.01").replace("0.45", "0.01") + FLAGS, source="tiny")
    with pytest.raises(InvalidInputError, match="report a hindrance"):
        resolve_policy(tiny, profiles=population, risk=population["p_opt"].to_numpy())


def test_the_file_and_its_resolved_form_are_written(tmp_path: Path) -> None:
    stated = default_policy()
    resolved = resolve_policy(stated, profiles=None, risk=None)  # type: ignore[arg-type]
    write_policy(tmp_path, given=stated, resolved=resolved)
    assert (tmp_path / STATED_FILE).read_text() == DEFAULT_POLICY_FILE.read_text()
    assert json.loads((tmp_path / RESOLVED_FILE).read_text()) == resolved.to_dict()
    directly = tmp_path / "direct"
    directly.mkdir()
    write_policy(directly, given=resolved, resolved=resolved)
    assert not (directly / STATED_FILE).exists() and (directly / RESOLVED_FILE).exists()
    assert isinstance(stated, StatedPolicy)
