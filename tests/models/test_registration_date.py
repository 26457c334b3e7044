"""A registration date cannot be later than today in Norway: for a profile sent to the API and for a data file."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from pydantic import ValidationError

from models.errors import InvalidDataFileError
from models.schema import (
    _EXAMPLE_PROFILE,
    EARLIEST_REGISTRATION_DATE,
    EARLY_DATE,
    FUTURE_DATE,
    NORWAY,
    JobseekerProfile,
    latest_registration_date,
)
from models.texts import ERROR_DETAILS, text
from models.validation import validate_frame

FUTURE = text(ERROR_DETAILS, FUTURE_DATE, "en")
EARLY = text(ERROR_DETAILS, EARLY_DATE, "en").format(earliest=EARLIEST_REGISTRATION_DATE)


def _registered(day: dt.date) -> JobseekerProfile:
    return JobseekerProfile.model_validate({**_EXAMPLE_PROFILE, "registration_date": day.isoformat()})


def test_today_in_norway_is_the_latest_date() -> None:
    today = dt.datetime.now(NORWAY).date()
    assert latest_registration_date() in (today, today + dt.timedelta(days=1))  # the latter within minutes of midnight
    assert _registered(today).registration_date == today


@pytest.mark.parametrize("day", [dt.date(2099, 1, 1), dt.date.today() + dt.timedelta(days=2)])
def test_a_future_registration_date_names_the_field(day: dt.date) -> None:
    with pytest.raises(ValidationError) as info:
        _registered(day)
    errors = info.value.errors()
    assert [e["loc"] for e in errors] == [("registration_date",)] and FUTURE in errors[0]["msg"]


def test_a_file_with_a_future_registration_date_is_refused() -> None:
    frame = pd.DataFrame([_EXAMPLE_PROFILE, {**_EXAMPLE_PROFILE, "registration_date": "2099-01-01"}])
    with pytest.raises(InvalidDataFileError, match=re.escape(f"registration_date: 1 bad, {FUTURE} (first: row 1")):
        validate_frame(frame)
    assert len(validate_frame(frame.head(1))) == 1


def test_a_registration_before_the_earliest_date_is_refused_in_a_request_and_in_a_file() -> None:
    assert _registered(EARLIEST_REGISTRATION_DATE).registration_date == EARLIEST_REGISTRATION_DATE
    with pytest.raises(ValidationError, match=re.escape(EARLY)):
        _registered(dt.date(3, 4, 2))
    frame = pd.DataFrame([_EXAMPLE_PROFILE, {**_EXAMPLE_PROFILE, "registration_date": "1999-12-31"}])
    with pytest.raises(InvalidDataFileError, match=re.escape(f"registration_date: 1 bad, {EARLY} (first: row 1")):
        validate_frame(frame)
