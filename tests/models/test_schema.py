import datetime as dt

import pytest
from pydantic import ValidationError

from models.errors import keyed_cause
from models.schema import _EXAMPLE_PROFILE, CROSS_FIELD_RULES, JobseekerProfile
from models.texts import ERROR_DETAILS, text


def _errors(**changes: object) -> list[dict[str, object]]:
    with pytest.raises(ValidationError) as info:
        JobseekerProfile.model_validate({**_EXAMPLE_PROFILE, **changes})
    return info.value.errors()


def test_the_documented_example_is_valid() -> None:
    profile = JobseekerProfile.model_validate(_EXAMPLE_PROFILE)
    assert profile.age == 34


def test_optional_items_may_be_missing_or_declined() -> None:
    missing = {k: v for k, v in _EXAMPLE_PROFILE.items() if k not in ("time_to_work_estimate", "norwegian_skill")}
    assert JobseekerProfile.model_validate(missing).norwegian_skill is None
    declined = JobseekerProfile.model_validate({**_EXAMPLE_PROFILE, "norwegian_skill": "VIL_IKKE_SVARE"})
    assert declined.norwegian_skill == "VIL_IKKE_SVARE"


def test_unknown_category_names_the_field() -> None:
    errors = _errors(education="PHD")
    assert errors[0]["loc"] == ("education",)


def test_wrong_type_names_the_field() -> None:
    assert _errors(age="thirty")[0]["loc"] == ("age",)


def test_out_of_range_number_is_refused() -> None:
    assert _errors(months_employed_last_36=40)[0]["loc"] == ("months_employed_last_36",)


def test_missing_required_field_is_named() -> None:
    body = {k: v for k, v in _EXAMPLE_PROFILE.items() if k != "situation"}
    with pytest.raises(ValidationError) as info:
        JobseekerProfile.model_validate(body)
    assert info.value.errors()[0]["loc"] == ("situation",)


def test_unknown_field_is_refused() -> None:
    assert _errors(shoe_size=44)[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"country_background": "NORGE"}, CROSS_FIELD_RULES[0]),
        ({"years_in_norway": None}, CROSS_FIELD_RULES[1]),
        ({"years_in_norway": 40.0}, CROSS_FIELD_RULES[2]),
        ({"months_employed_last_36": 3, "worked_6_of_last_12_months": True}, CROSS_FIELD_RULES[3]),
    ],
)
def test_cross_field_rules(changes: dict[str, object], rule: str) -> None:
    [error] = _errors(**changes)
    assert text(ERROR_DETAILS, rule, "en") in str(error["msg"])
    keyed = keyed_cause(error["ctx"]["error"])  # type: ignore[index]
    assert keyed is not None and keyed.key == rule  # so the service words it in the request's language


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("worked_6_of_last_12_months", 0, id="a-number-for-a-boolean"),
        pytest.param("worked_6_of_last_12_months", "true", id="text-for-a-boolean"),
        pytest.param("age", "34", id="text-for-an-integer"),
        pytest.param("age", True, id="a-boolean-for-an-integer"),
        pytest.param("age", 34.5, id="a-fraction-for-an-integer"),
        pytest.param("years_in_norway", "4.5", id="text-for-a-number"),
        pytest.param("county_unemployment_rate", False, id="a-boolean-for-a-number"),
        pytest.param("registration_date", 0, id="a-number-for-a-date"),
        pytest.param("registration_date", "1762041600", id="a-unix-time-for-a-date"),
    ],
)
def test_no_value_is_coerced_across_json_types(field: str, value: object) -> None:
    """What lax pydantic would take, and the JSON Schema does not allow."""
    assert _errors(**{field: value})[0]["loc"] == (field,)


def test_json_numbers_stay_numbers() -> None:
    """A whole number is a valid JSON Schema ``number``, and ``34.0`` a valid ``integer``."""
    profile = JobseekerProfile.model_validate({**_EXAMPLE_PROFILE, "years_in_norway": 4, "age": 34.0})
    assert (profile.years_in_norway, profile.age) == (4.0, 34)
    assert isinstance(profile.age, int)


def test_dates_are_read_from_iso_strings_and_dates() -> None:
    from_text = JobseekerProfile.model_validate({**_EXAMPLE_PROFILE, "registration_date": "2026-11-02"})
    from_date = JobseekerProfile.model_validate({**_EXAMPLE_PROFILE, "registration_date": dt.date(2026, 11, 2)})
    assert from_text.registration_date == from_date.registration_date == dt.date(2026, 11, 2)
