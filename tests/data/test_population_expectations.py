"""Data expectations on the synthetic baseline population: the documented targets and the schema's rules."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from models.schema import PROFILE_FIELDS, JobseekerProfile
from training.population import describe_population, simulate_population

EXTRA_COLUMNS = (
    "national_id",
    "latent_language",
    "latent_digital",
    "latent_employability",
    "months_to_work",
    "label",
    "censored",
    "p_opt",
    "office",
    "counsellor_id",
)


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return simulate_population(200_000, seed=0)


@pytest.fixture(scope="module")
def numbers(population: pd.DataFrame) -> dict[str, float]:
    return describe_population(population)


def test_columns_are_the_profile_fields_and_the_extras(population: pd.DataFrame) -> None:
    assert list(population.columns) == [*PROFILE_FIELDS, *EXTRA_COLUMNS]
    assert population["registration_date"].dtype == "datetime64[ns]"
    assert (population["registration_date"] == population["registration_date"].dt.normalize()).all()
    assert population["worked_6_of_last_12_months"].dtype == bool


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("label_mean", 0.20, 0.30),
        ("auc_p_opt", 0.75, 0.82),
        ("age_25_39", 0.38, 0.50),
        ("age_55_plus", 0.07, 0.15),
        ("education_low", 0.20, 0.35),
        ("education_higher", 0.30, 0.45),
        ("outside_eu_eea", 0.20, 0.30),
        ("health_hindrance_yes", 0.10, 0.15),
        ("worked_6_of_12", 0.45, 0.65),
        ("mean_unemployment_rate", 0.015, 0.025),
    ],
)
def test_shares_are_in_the_documented_ranges(numbers: dict[str, float], name: str, low: float, high: float) -> None:
    assert low <= numbers[name] <= high


def test_label_share_matches_mean_p_opt(numbers: dict[str, float]) -> None:
    assert abs(numbers["label_mean"] - numbers["p_opt_mean"]) < 0.005


def _record(row: dict[str, object]) -> dict[str, object]:
    record = {name: row[name] for name in PROFILE_FIELDS}
    for name, value in record.items():
        if isinstance(value, float) and math.isnan(value):
            record[name] = None
    record["registration_date"] = pd.Timestamp(row["registration_date"]).date()
    return record


def test_a_sample_validates_against_the_schema(population: pd.DataFrame) -> None:
    sample = population.sample(2_000, random_state=0)
    for row in sample.to_dict("records"):
        JobseekerProfile.model_validate(_record(row))


def test_fields_are_mutually_consistent(population: pd.DataFrame) -> None:
    norway = population["country_background"] == "NORGE"
    years = population["years_in_norway"]
    assert years[norway].isna().all() and years[~norway].notna().all()
    assert (years[~norway] <= population["age"][~norway]).all()
    assert (population["months_employed_last_36"][population["worked_6_of_last_12_months"]] >= 6).all()
    never = population["situation"] == "ALDRI_HATT_JOBB"
    assert (population["last_occupation"][never] == "INGEN").all()
    assert (population["months_employed_last_36"][never] == 0).all()
    assert (population["months_employed_last_36"][population["benefit"] == "DAGPENGER"] >= 6).all()
    assert population["norwegian_skill"][norway].isna().mean() > 0.9
    assert population["county_unemployment_rate"].between(0.005, 0.3).all()
    assert population["registration_date"].between("2022-01-01", "2026-06-30").all()


def test_health_hindrance_rises_with_age(population: pd.DataFrame) -> None:
    share = (population["health_hindrance"] == "JA").groupby(population["age"] // 10).mean()
    assert np.all(np.diff(share.loc[2:6].to_numpy()) > 0)


def test_optional_items_are_sometimes_missing_and_sometimes_declined(population: pd.DataFrame) -> None:
    for name in ("time_to_work_estimate", "norwegian_skill"):
        assert population[name].isna().mean() > 0.1
        assert (population[name] == "VIL_IKKE_SVARE").mean() > 0.005
