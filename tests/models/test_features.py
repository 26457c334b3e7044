import numpy as np
import pandas as pd

from models.features import MISSING, FeatureSpec
from models.schema import JobseekerProfile
from models.validation import validate_frame
from tests.conftest import changed


def test_protected_attributes_are_not_features_by_default() -> None:
    assert "gender" not in FeatureSpec.default().names
    assert "country_background" not in FeatureSpec.default().names
    assert {"gender", "country_background"} <= set(FeatureSpec.default(protected_as_features=True).names)


def test_single_row_and_batch_give_identical_rows(population: pd.DataFrame) -> None:
    spec = FeatureSpec.default()
    frame = validate_frame(population.head(500))
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    profiles = [JobseekerProfile.model_validate(r) for r in records]
    batch = spec.encode(frame)
    singles = spec.encode(profiles)
    np.testing.assert_array_equal(batch, singles)
    np.testing.assert_array_equal(spec.encode(profiles[3]), batch[3:4])


def test_missing_optional_item_is_its_own_category(profile: JobseekerProfile) -> None:
    spec = FeatureSpec.default()
    row = spec.encode(changed(profile, **{"norwegian_skill": None}))[0]
    index = spec.names.index("norwegian_skill")
    assert spec.decode_value(index, row[index]) == MISSING


def test_spec_round_trips_through_json() -> None:
    spec = FeatureSpec.default(protected_as_features=True)
    assert FeatureSpec.from_dict(spec.to_dict()) == spec


def test_empty_list_gives_empty_matrix() -> None:
    spec = FeatureSpec.default()
    assert spec.encode([]).shape == (0, len(spec.names))
