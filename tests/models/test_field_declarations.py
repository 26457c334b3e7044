"""Every profile field is declared once: its purpose, legal basis and whether (and how) a person can change it."""

from __future__ import annotations

import pytest

from models.errors import ConfigurationError
from models.features import FeatureSpec
from models.field_declarations import (
    BLANK_DECLARATION,
    CHANGEABLE_FIELDS,
    FIELD_DECLARATIONS,
    UNDECLARED,
    Becomes,
    FieldDeclaration,
    Fixed,
    GrowsWithTime,
    ProfileValue,
    StepsUp,
    require_declared,
)
from models.schema import PROFILE_FIELDS, PROTECTED_ATTRIBUTES
from tests.conftest import NEVER_PROPOSED


def test_every_profile_field_is_declared_once_in_the_schemas_order() -> None:
    assert tuple(FIELD_DECLARATIONS) == PROFILE_FIELDS


def test_every_feature_of_every_feature_set_is_declared() -> None:
    require_declared(FeatureSpec.default(protected_as_features=True).names)


@pytest.mark.parametrize("name", PROFILE_FIELDS)
def test_each_declaration_states_a_purpose_a_legal_basis_and_a_change_rule_or_why_not(name: str) -> None:
    declaration = FIELD_DECLARATIONS[name]
    assert len(declaration.purpose) > 20 and "GDPR Art." in declaration.legal_basis
    assert (declaration.change is None) != (declaration.fixed is None)
    assert declaration.describe_change()


def test_protected_personal_health_and_self_reported_fields_are_never_changeable() -> None:
    assert set(PROTECTED_ATTRIBUTES) <= NEVER_PROPOSED
    assert not NEVER_PROPOSED & set(CHANGEABLE_FIELDS)
    assert all(FIELD_DECLARATIONS[name].fixed is not None for name in NEVER_PROPOSED)
    assert FIELD_DECLARATIONS["health_hindrance"].fixed is Fixed.HEALTH_OR_HINDRANCE
    assert FIELD_DECLARATIONS["own_assessment"].fixed is Fixed.OWN_ANSWER


def test_the_changeable_fields_are_the_ones_a_person_can_act_on() -> None:
    assert set(CHANGEABLE_FIELDS) == {
        "education",
        "education_passed",
        "education_recognised",
        "worked_6_of_last_12_months",
        "months_employed_last_36",
        "norwegian_skill",
    }


def test_the_change_rules_move_one_way_within_their_limits() -> None:
    education = FIELD_DECLARATIONS["education"].change
    skill = FIELD_DECLARATIONS["norwegian_skill"].change
    months = FIELD_DECLARATIONS["months_employed_last_36"].change
    recognised = FIELD_DECLARATIONS["education_recognised"].change
    assert education is not None and skill is not None and months is not None and recognised is not None
    assert education.alternatives("GRUNNSKOLE") == ("VIDEREGAENDE_GRUNNUTDANNING",)
    assert education.alternatives("HOYERE_UTDANNING_5_ELLER_MER") == ()
    assert skill.alternatives("DARLIG") == ("MIDDELS", "GODT") and skill.alternatives("GODT") == ()
    assert skill.alternatives(None) == skill.alternatives("VIL_IKKE_SVARE") == ()  # declining is never "improved"
    assert months.alternatives(0) == (3, 6, 12) and months.alternatives(30) == (33, 36)
    assert recognised.alternatives("VET_IKKE") == ("JA",) and recognised.alternatives("JA") == ()


def test_the_declared_grid_stays_small() -> None:
    """The counterfactual search scores the whole grid in one batch; its size bounds the search's time."""
    widest: dict[str, ProfileValue] = {
        "education": "INGEN_UTDANNING",
        "education_passed": "NEI",
        "education_recognised": "NEI",
        "worked_6_of_last_12_months": False,
        "months_employed_last_36": 0,
        "norwegian_skill": "DARLIG",
    }
    size = 1
    for name, value in widest.items():
        change = FIELD_DECLARATIONS[name].change
        assert change is not None
        size *= len(change.alternatives(value)) + 1
    assert size == 192


def test_a_feature_without_a_declaration_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=UNDECLARED.format(name="shoe_size")):
        require_declared(["age", "shoe_size"])
    partial = {name: d for name, d in FIELD_DECLARATIONS.items() if name != "county"}
    with pytest.raises(ConfigurationError, match="'county'"):
        require_declared(FeatureSpec.default().names, declarations=partial)


@pytest.mark.parametrize(("purpose", "basis"), [("", "GDPR Art. 6(1)(e)"), ("A purpose.", "  ")])
def test_a_declaration_needs_a_purpose_and_a_legal_basis(purpose: str, basis: str) -> None:
    with pytest.raises(ConfigurationError, match=BLANK_DECLARATION):
        FieldDeclaration(purpose, basis, fixed=Fixed.PAST)


@pytest.mark.parametrize(
    "rules",
    [{}, {"change": Becomes(True, (False,)), "fixed": Fixed.PAST}],
)
def test_a_field_is_either_changeable_or_fixed(rules: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        FieldDeclaration("A purpose.", "GDPR Art. 6(1)(e)", **rules)  # type: ignore[arg-type]


def test_the_rules_describe_themselves_for_the_model_card() -> None:
    assert "at most 1 step" in StepsUp(("A", "B")).describe()
    assert "up to 36" in GrowsWithTime(by=(3,), maximum=36).describe()
    assert FIELD_DECLARATIONS["age"].describe_change() == "never proposed: who the person is"
