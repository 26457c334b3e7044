"""Protected groups: age bands at their edges, missing values, every pair of attributes, suppression."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from models.groups import (
    AGE_GROUPS,
    GROUP_COLUMNS,
    GROUPINGS,
    UNKNOWN,
    age_group,
    group_attributes,
    group_name,
    split_small_groups,
)


def test_age_bands_at_their_edges() -> None:
    ages = np.array([0, 16, 29, 29.99, 30, 49, 49.5, 50, 67, 120])
    expected = ["under_30"] * 4 + ["30_49"] * 3 + ["50_plus"] * 3
    assert age_group(ages).tolist() == expected
    assert AGE_GROUPS == ("under_30", "30_49", "50_plus")


def test_missing_values_are_a_group_of_their_own() -> None:
    frame = pd.DataFrame(
        {"age": [np.nan, 40.0], "gender": [None, "MANN"], "country_background": ["NORGE", np.nan]},
        index=[10, 11],
    )
    attributes = group_attributes(frame)
    assert list(attributes.columns) == list(GROUP_COLUMNS)
    assert list(attributes.index) == [10, 11]
    assert attributes.loc[10].tolist() == [UNKNOWN, UNKNOWN, "NORGE"]
    assert attributes.loc[11].tolist() == ["MANN", "30_49", UNKNOWN]


def test_groupings_are_every_attribute_and_every_pair_including_gender_by_age() -> None:
    singles = {(column,) for column in GROUP_COLUMNS}
    pairs = set(itertools.combinations(GROUP_COLUMNS, 2))
    assert set(GROUPINGS.values()) == singles | pairs
    assert GROUPINGS["gender_x_age_group"] == ("gender", "age_group")
    assert all(name == "_x_".join(columns) for name, columns in GROUPINGS.items())


def test_group_names_join_the_values_in_column_order() -> None:
    assert group_name(("MANN", "50_plus")) == "MANN & 50_plus"
    assert group_name(("NORGE",)) == "NORGE"


def test_small_groups_keep_their_name_and_lose_every_count() -> None:
    table = pd.DataFrame(
        {
            "grouping": ["gender", "gender", "gender"],
            "group": ["KVINNE", "MANN", UNKNOWN],
            "n": [100, 250, 99],
            "n_labelled": [40, 200, 12],
        }
    )
    published, suppressed = split_small_groups(table, min_size=100)
    assert published["group"].tolist() == ["KVINNE", "MANN"]
    assert published["n_labelled"].tolist() == [40, 200]
    assert suppressed.to_dict("records") == [{"grouping": "gender", "group": UNKNOWN}]
