import numpy as np
import pandas as pd
import pytest

from models.errors import InvalidDataFileError
from models.risk_model import RiskModel
from models.schema import _EXAMPLE_PROFILE
from models.validation import EMPTY, profiles_of, validate_frame


def _frame(rows: int = 5) -> pd.DataFrame:
    return pd.DataFrame([_EXAMPLE_PROFILE] * rows)


def test_valid_frame_is_normalised() -> None:
    out = validate_frame(_frame())
    assert out["registration_date"].dtype.kind == "M"
    assert out["age"].dtype == "int64"
    assert out.columns[0] == "age"


def test_missing_columns_are_all_named() -> None:
    with pytest.raises(InvalidDataFileError, match="missing required columns: age, county"):
        validate_frame(_frame().drop(columns=["age", "county"]))


def test_optional_columns_may_be_absent() -> None:
    out = validate_frame(_frame().drop(columns=["norwegian_skill"]))
    assert out["norwegian_skill"].isna().all()


def test_bad_values_name_column_rows_and_reason() -> None:
    frame = _frame(10).astype(object)
    frame.loc[3, "education"] = "PHD"
    frame.loc[5, "age"] = "x"
    frame.loc[7, "age"] = 99
    with pytest.raises(InvalidDataFileError) as info:
        validate_frame(frame)
    message = str(info.value)
    assert "age: 2 bad, must be a whole number from 16 to 75 (first: row 5: 'x'; row 7: 99)" in message
    assert "education: 1 bad, must be one of" in message and "row 3: 'PHD'" in message


def test_cross_field_rule_names_the_row() -> None:
    frame = _frame()
    frame.loc[2, "years_in_norway"] = None
    with pytest.raises(InvalidDataFileError, match=r"\(row\): 1 bad, years_in_norway is required .*row 2"):
        validate_frame(frame)


def test_empty_frame_is_refused() -> None:
    with pytest.raises(InvalidDataFileError, match=EMPTY):
        validate_frame(_frame().head(0))


def test_profiles_of_agrees_with_the_frame_path_on_missing_values(
    population: pd.DataFrame, small_model: RiskModel
) -> None:
    """The small-frame path (MLflow's single-row requests) reads NaN and None as missing, like the batch path."""
    frame = population[[c for c in population.columns if c in _EXAMPLE_PROFILE]].head(200)
    assert frame.isna().any().any()  # the population has missing optional answers
    spec = small_model.spec
    np.testing.assert_array_equal(spec.encode(profiles_of(frame)), spec.encode_frame(validate_frame(frame)))
    with_none = frame.astype(object).where(frame.notna(), None)  # as JSON records arrive
    np.testing.assert_array_equal(spec.encode(profiles_of(with_none)), spec.encode_frame(validate_frame(frame)))


def test_profiles_of_names_the_bad_row() -> None:
    frame = _frame(3)
    frame.loc[2, "age"] = 12
    with pytest.raises(InvalidDataFileError, match="row 2: age"):
        profiles_of(frame)
