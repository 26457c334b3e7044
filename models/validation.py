"""Validate a DataFrame of profiles (a training extract, an import, a pyfunc input) against the profile schema.

The checks are derived from :class:`JobseekerProfile` itself (its enums, required fields, bounds and cross-field
rules), so a file and an API request are held to the same rules, and run vectorised so a million rows take seconds.
:func:`check_rows` finds every bad row with its reasons (batch scoring sets bad rows aside and scores the rest);
:func:`validate_frame` refuses a frame with any, naming each bad column with its first bad rows, their values and the
reason. The reasons are in English, the command lines' language (a rule the schema shares is worded by its key's
English text).
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union, cast, get_args, get_origin

import annotated_types
import numpy as np
import pandas as pd
from pydantic import ValidationError

from models.errors import InvalidDataFileError, InvalidInputError
from models.schema import (
    EARLIEST_REGISTRATION_DATE,
    EARLY_DATE,
    FUTURE_DATE,
    JobseekerProfile,
    consistency_violations,
    latest_registration_date,
)

MISSING_COLUMNS = "missing required columns: {columns}"
BAD_VALUES = "invalid values in {count} column(s):\n{details}"
EMPTY = "the data has no rows"


def _base_type(annotation: Any) -> type:
    if get_origin(annotation) in (Union, types.UnionType):
        return cast(type, next(a for a in get_args(annotation) if a is not type(None)))
    return cast(type, annotation)


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    ge = next((float(m.ge) for m in metadata if isinstance(m, annotated_types.Ge)), None)  # type: ignore[arg-type]
    le = next((float(m.le) for m in metadata if isinstance(m, annotated_types.Le)), None)  # type: ignore[arg-type]
    return ge, le


_CSV_BOOLEANS = {"True": True, "TRUE": True, "true": True, "False": False, "FALSE": False, "false": False}
"""The words pandas' CSV reader turns into booleans (when every value in the column is one of them)."""


def _check_column(name: str, column: pd.Series) -> tuple[pd.Series, list[tuple[pd.Series, str]]]:
    """Normalise one column; return it with each rule's mask of bad rows and its reason (masks may be empty)."""
    field = JobseekerProfile.model_fields[name]
    kind = _base_type(field.annotation)
    present = column.notna()
    required = (~present if field.is_required() else pd.Series(False, index=column.index), "required")
    if isinstance(kind, type) and issubclass(kind, Enum):
        allowed = [m.value for m in kind]
        values = column.astype(object).where(present, None)
        return values, [required, (present & ~values.isin(allowed), "must be one of " + ", ".join(allowed))]
    if kind is bool:
        values = column.astype(object)
        if column.dtype == object:  # a CSV column with one bad value is read as text: the rest still says true/false
            values = values.map(lambda value: _CSV_BOOLEANS.get(value, value) if isinstance(value, str) else value)
        wrong = present & ~values.isin([True, False])
        return values.where(~wrong, False).astype(bool), [required, (wrong, "must be true or false")]
    if kind is dt.date:  # the registration date, from EARLIEST_REGISTRATION_DATE to today
        dates = pd.to_datetime(column, errors="coerce")
        return dates.dt.normalize(), [
            required,
            (present & dates.isna(), "must be a date (YYYY-MM-DD)"),
            (dates > pd.Timestamp(latest_registration_date()), str(InvalidInputError(FUTURE_DATE))),
            (
                dates < pd.Timestamp(EARLIEST_REGISTRATION_DATE),
                str(InvalidInputError(EARLY_DATE, earliest=EARLIEST_REGISTRATION_DATE)),
            ),
        ]
    values = pd.to_numeric(column, errors="coerce").astype(np.float64)
    wrong = present & values.isna()
    if kind is int:
        wrong |= present & (values % 1 != 0)
    ge, le = _bounds(field.metadata)
    too_low = (values < ge) if ge is not None else pd.Series(False, index=column.index)
    too_high = (values > le) if le is not None else pd.Series(False, index=column.index)
    wrong |= present & (too_low | too_high)
    whole = "a whole number" if kind is int else "a number"
    reason = f"must be {whole} from {ge:g} to {le:g}" if ge is not None and le is not None else f"must be {whole}"
    return values, [required, (wrong, reason)]


ROW_RULE = "(row)"
"""The field of a problem that breaks a rule across fields (:data:`models.schema.CROSS_FIELD_RULES`)."""
_WHOLE_NUMBERS = ("age", "months_employed_last_36", "earlier_spells_last_5_years")


@dataclass(frozen=True)
class RowProblem:
    """The rows that break one rule: of one field, or of several (``field`` is :data:`ROW_RULE`)."""

    field: str
    reason: str
    rows: pd.Series
    """A boolean mask over the checked frame's index."""


@dataclass(frozen=True)
class CheckedRows:
    """Every row of a frame checked: its profile columns, normalised, and the problems found."""

    profiles: pd.DataFrame
    """All rows; in a bad row, a bad cell may hold anything (``NaN``, ``None``, ``False``)."""
    problems: list[RowProblem]

    @property
    def bad(self) -> pd.Series:
        """A mask of the rows with at least one problem."""
        bad = pd.Series(False, index=self.profiles.index)
        for problem in self.problems:
            bad |= problem.rows
        return bad

    def valid(self) -> pd.DataFrame:
        """The rows without problems, normalised as :func:`validate_frame` returns them."""
        out = self.profiles.loc[~self.bad] if self.problems else self.profiles
        return out.astype(dict.fromkeys(_WHOLE_NUMBERS, np.int64))


def check_rows(frame: pd.DataFrame) -> CheckedRows:
    """Check every row of ``frame`` against :class:`JobseekerProfile`, reporting bad rows rather than refusing them.

    The rules across fields are checked on the rows whose fields are all good (a bad value makes them meaningless).
    A row may have several problems; the same rules and reasons as :func:`validate_frame`, which uses this.

    Raises
    ------
    InvalidDataFileError
        When required columns are missing (a problem of the whole file, not of rows).
    """
    fields = JobseekerProfile.model_fields
    missing = [name for name, f in fields.items() if f.is_required() and name not in frame.columns]
    if missing:
        raise InvalidDataFileError(MISSING_COLUMNS.format(columns=", ".join(missing)))
    out = pd.DataFrame(index=frame.index)
    problems: list[RowProblem] = []
    for name in fields:
        column = frame[name] if name in frame.columns else pd.Series(None, index=frame.index, dtype=object)
        out[name], checks = _check_column(name, column)
        problems += [RowProblem(name, reason, rows) for rows, reason in checks if rows.any()]
    fields_good = ~CheckedRows(out, problems).bad.to_numpy()
    rules = consistency_violations(
        country_background=out["country_background"].to_numpy(dtype=object),
        years_in_norway=out["years_in_norway"].to_numpy(),
        age=out["age"].to_numpy(),
        months_employed_last_36=out["months_employed_last_36"].to_numpy(),
        worked_6_of_last_12_months=out["worked_6_of_last_12_months"].to_numpy(),
    )
    broken = {rule: mask & fields_good for rule, mask in rules.items()}
    problems += [
        RowProblem(ROW_RULE, str(InvalidInputError(rule)), pd.Series(mask, index=frame.index))
        for rule, mask in broken.items()
        if mask.any()
    ]
    return CheckedRows(out, problems)


def validate_frame(frame: pd.DataFrame, *, examples: int = 3) -> pd.DataFrame:
    """Check every row of ``frame`` against :class:`JobseekerProfile` and return the profile columns, normalised.

    Parameters
    ----------
    frame
        One profile per row; optional columns may be absent. Columns outside the schema are ignored.
    examples
        How many bad rows to name per column and reason.

    Returns
    -------
    pandas.DataFrame
        The profile columns only: codes as strings, missing optional items as ``None``/NaN, dates as datetime64.

    Raises
    ------
    InvalidDataFileError
        Naming each missing column, or each bad column with its first bad rows, their values and the reason.
    """
    checked = check_rows(frame)
    if frame.empty:
        raise InvalidDataFileError(EMPTY)
    if checked.problems:
        details = [_describe(frame, problem, examples) for problem in checked.problems]
        columns = len({problem.field for problem in checked.problems})
        raise InvalidDataFileError(BAD_VALUES.format(count=columns, details="\n".join(details)))
    return checked.valid()


def _describe(frame: pd.DataFrame, problem: RowProblem, examples: int) -> str:
    values = frame.index.to_series() if problem.field == ROW_RULE else frame[problem.field]
    rows = values[problem.rows].head(examples)
    shown = "; ".join(f"row {idx}: {value!r}" for idx, value in rows.items())
    return f"- {problem.field}: {int(problem.rows.sum())} bad, {problem.reason} (first: {shown})"


def profiles_of(frame: pd.DataFrame) -> list[JobseekerProfile]:
    """Validate a few rows one by one, by the API's own model (fast for small frames; errors name row and field).

    Raises
    ------
    InvalidDataFileError
        Naming the first bad row and its fields.
    """
    columns = [name for name in frame.columns if name in JobseekerProfile.model_fields]
    # column by column: pandas' row-wise conversions cost more than scoring the row, even for a single row
    rows = zip(*(frame[name].tolist() for name in columns), strict=True) if columns else [()] * len(frame)
    profiles = []
    for index, row in zip(frame.index, rows, strict=True):
        values = {name: None if pd.isna(value) else value for name, value in zip(columns, row, strict=True)}
        try:
            profiles.append(JobseekerProfile.model_validate(values))
        except ValidationError as exc:
            fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(row)'}: {e['msg']}" for e in exc.errors())
            raise InvalidDataFileError(f"row {index}: {fields}") from exc
    return profiles
