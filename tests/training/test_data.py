from pathlib import Path

import pandas as pd
import pytest

from models.errors import InvalidDataFileError
from training.data import NO_LABEL, TOO_FEW, prepare, read_table, temporal_split


def test_unknown_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_text("x")
    with pytest.raises(InvalidDataFileError, match=r"use a \.csv or \.parquet file"):
        read_table(path)


def test_csv_and_parquet_read_the_same(tmp_path: Path, population: pd.DataFrame) -> None:
    sample = population.head(50)
    sample.to_csv(tmp_path / "a.csv", index=False)
    sample.to_parquet(tmp_path / "a.parquet", index=False)
    a = prepare(read_table(tmp_path / "a.csv"), minimum_rows=10)
    b = prepare(read_table(tmp_path / "a.parquet"), minimum_rows=10)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_missing_label_is_explained(population: pd.DataFrame) -> None:
    with pytest.raises(InvalidDataFileError, match="no 'label' column"):
        prepare(population.drop(columns=["label"]))
    assert "label" in NO_LABEL


def test_bad_label_names_rows(population: pd.DataFrame) -> None:
    frame = population.head(2000).copy()
    frame.loc[4, "label"] = 3
    with pytest.raises(InvalidDataFileError, match="first bad rows: 4"):
        prepare(frame)


def test_a_file_with_a_missing_column_names_it(population: pd.DataFrame) -> None:
    with pytest.raises(InvalidDataFileError, match="missing required columns: situation"):
        prepare(population.drop(columns=["situation"]))


def test_too_few_labelled_rows(population: pd.DataFrame) -> None:
    with pytest.raises(InvalidDataFileError, match=TOO_FEW.split("{")[0]):
        prepare(population.head(100))


def test_censored_rows_are_left_out(population: pd.DataFrame) -> None:
    prepared = prepare(population)
    assert len(prepared) == population["label"].notna().sum()


def test_temporal_split_is_ordered_and_disjoint(splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    train, calibration, test = splits
    assert train["registration_date"].max() < calibration["registration_date"].min()
    assert calibration["registration_date"].max() < test["registration_date"].min()
    total = len(train) + len(calibration) + len(test)
    assert 0.55 < len(train) / total < 0.65


def test_split_fractions_follow_the_argument(population: pd.DataFrame) -> None:
    train, _, test = temporal_split(prepare(population), fractions=(0.8, 0.1, 0.1))
    assert len(train) > 7 * len(test)
