"""A de-identified evaluation export for researchers (obligations: evaluation of reforms, Meld. St. 33 § 7.3.2; data
minimisation, GDPR Art. 5(1)(c) and 89).

One row per scored assessment registered in a period: the profile's features, the suggestion (level, flags, risk and
range), today's rule in shadow, the decision (the decided level, the treatment; whether it followed the suggestion;
the override reason's code), the trial arms the case was enrolled in, and the outcome at the model's horizon. Beside
the Parquet file a data sheet (Markdown) describes every column, the period, the row count and what was coarsened.

What makes it de-identified, and where that ends:

- The person key is replaced by a key stable only within one export: HMAC-SHA256 of the person key under a random
  salt drawn for this export and never stored, so two exports cannot be joined on it, and neither can the records.
  Assessment ids, counsellors' ids and free text (justifications, wishes, objections) are left out: free text may
  name a person.
- Dates are coarsened to the registration month; the row order is shuffled.
- Age becomes its age group (:func:`models.groups.age_group`), years in Norway a band.
- Rare combinations of the quasi-identifiers :data:`QUASI_IDENTIFIERS` are generalised, in the order of
  :data:`GENERALISATION`, only for the rows whose cell is smaller than ``min_cell_size`` (local recoding), until every
  combination holds at least that many rows; the rows still in smaller cells are left out. The county's
  unemployment rate, which would give away a generalised county or month, is left empty where either was generalised.
- Not covered: the other columns (education, occupation, benefit, ...) are not part of the cell check, so a
  researcher who knows them about a person may narrow a cell further; the export is pseudonymous data under the GDPR,
  for a researcher bound by an agreement, not anonymous data for publication.
- Assessments of jobseekers who declined profiling are left out (the data sheet counts them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.groups import age_group
from models.policy import Flag
from monitoring.analysis.frames import assessment_frame, in_window
from monitoring.analysis.shadow_rule import recorded_rule_outcomes
from monitoring.records.db import storage_errors
from monitoring.records.kinds import TrialKind
from monitoring.records.tables import AssessmentRow
from monitoring.records.trials import trial_definitions, trial_enrolments

DEFAULT_MIN_CELL_SIZE = 10
"""The fewest rows that share one combination of the quasi-identifiers (k of k-anonymity on those columns)."""
QUASI_IDENTIFIERS: tuple[str, ...] = (
    "gender",
    "age_group",
    "country_background",
    "county",
    "office",
    "registration_month",
)
"""The columns someone could know about a person from elsewhere, checked together for small cells."""
SUPPRESSED = "*"
"""The value of a quasi-identifier generalised away."""
GENERALISATION: tuple[tuple[str, str], ...] = (
    ("office", "suppressed"),
    ("county", "suppressed"),
    ("registration_month", "to its quarter (YYYY-Qn)"),
    ("country_background", "suppressed"),
    ("age_group", "suppressed"),
    ("gender", "suppressed"),
)
"""The order in which the quasi-identifiers of the rows in small cells are generalised, and how."""
YEARS_IN_NORWAY_BANDS: tuple[tuple[str, float], ...] = (("under_3", 3.0), ("3_to_9", 10.0), ("10_plus", np.inf))
"""Bands of years in Norway and the value each ends below (3 years is the policy's short residence)."""

EMPTY_PERIOD = "no scored assessments were registered from {since} until {until}: nothing to export"
INVERTED_PERIOD = "the period is inverted or empty: since ({since}) must be before until ({until})"
ALL_SUPPRESSED = "every one of the {rows} rows is in a cell smaller than {k}: nothing can be exported"
BAD_CELL_SIZE = "the minimum cell size must be at least 2"
NOT_WRITABLE = "cannot write {path}: {reason}"

_PROFILE_KEPT = (
    "gender",
    "country_background",
    "education",
    "education_passed",
    "education_recognised",
    "situation",
    "last_occupation",
    "worked_6_of_last_12_months",
    "months_employed_last_36",
    "earlier_spells_last_5_years",
    "benefit",
    "health_hindrance",
    "other_hindrance",
    "time_to_work_estimate",
    "own_assessment",
    "norwegian_skill",
    "registration_channel",
    "county",
    "county_unemployment_rate",
)
COLUMNS: dict[str, str] = {
    "person": "The person, as a key stable only within this export (two rows of one person share it).",
    "registration_month": "Month of registration (YYYY-MM), or its quarter (YYYY-Qn) where generalised.",
    "office": "The NAV office's code, or * where generalised.",
    "age_group": "Age group at registration (under_30, 30_49, 50_plus), or * where generalised.",
    "gender": "Legal gender (protected attribute), or * where generalised.",
    "country_background": "Country background (protected attribute), or * where generalised.",
    "years_in_norway_band": "Years of residence in Norway: under_3, 3_to_9, 10_plus; empty for a Norwegian background.",
    "education": "Highest completed education (registration answer).",
    "education_passed": "Whether the education is passed (JA, NEI, VET_IKKE).",
    "education_recognised": "Whether the education is recognised in Norway (JA, NEI, VET_IKKE).",
    "situation": "The jobseeker's situation at registration.",
    "last_occupation": "Last occupation, STYRK-08 major group.",
    "worked_6_of_last_12_months": "Worked 6 of the last 12 months (employer register).",
    "months_employed_last_36": "Months employed in the last 36 (employer register).",
    "earlier_spells_last_5_years": "Earlier jobseeker spells in the last 5 years.",
    "benefit": "Benefit at registration.",
    "health_hindrance": "Health hindrance reported (JA, NEI, VET_IKKE).",
    "other_hindrance": "Other hindrance reported (JA, NEI, VET_IKKE).",
    "time_to_work_estimate": "The jobseeker's own estimate of the time to work (optional item; empty: not answered).",
    "own_assessment": "The jobseeker's own assessment of their need for follow-up.",
    "norwegian_skill": "Self-reported Norwegian skill (optional item; empty: not answered).",
    "registration_channel": "Registered alone (SELV) or assisted (ASSISTERT).",
    "county": "County of residence, or * where generalised.",
    "county_unemployment_rate": "Unemployment rate in the county; empty where county or month is generalised.",
    "model_version": "The model version that made the suggestion.",
    "policy_version": "The policy (thresholds) version that mapped the risk to the suggested level.",
    "risk": "The model's estimated probability of still being without work at the horizon.",
    "risk_lower": "Lower end of the risk's uncertainty range.",
    "risk_upper": "Upper end of the risk's uncertainty range.",
    "suggested_level": "The suggested follow-up level (innsatsgruppe).",
    **{f"flag_{flag.value.lower()}": f"Whether the suggestion raised the flag {flag.value}." for flag in Flag},
    "rule_outcome": "Today's rule-based profiling, run in shadow and never shown (empty where not recorded).",
    "decided_level": "The follow-up level the counsellor decided, the latest decision (the treatment); empty if none.",
    "follows_suggestion": "Whether the decision followed the suggestion; empty if undecided.",
    "reason_code": "The override reason's code when the decision departed from the suggestion (no free text).",
    "equivalence_trial": "The equivalence trial the case was drawn in, if any.",
    "equivalence_options": "The levels the counsellor marked equally suitable, comma-separated (the draw's stratum).",
    "equivalence_arm": "The level drawn among them (the arm).",
    "display_trial": "The display trial the case was enrolled in, if any.",
    "display_arm": "blind_first (a provisional level before the suggestion) or shown (the suggestion at once).",
    "without_work_at_horizon": "The outcome at the horizon: 1 still without work, 0 in work, empty not yet known.",
}
"""Every column of the export, in order, and what it holds (the data sheet lists them)."""


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: the files, the rows and what de-identification did to them."""

    parquet: Path
    data_sheet: Path
    rows: int
    persons: int
    declined: int
    generalised: dict[str, int]
    suppressed_rows: int


def export_evaluation(
    sessions: sessionmaker[Session],
    *,
    since: dt.date,
    until: dt.date,
    out: Path,
    horizon_months: int = 12,
    min_cell_size: int = DEFAULT_MIN_CELL_SIZE,
) -> ExportSummary:
    """Write the de-identified export of the scored assessments created in ``[since, until)`` and its data sheet.

    Parameters
    ----------
    sessions
        From :func:`monitoring.records.db.session_factory`.
    since, until
        The period: from ``since`` (inclusive) to ``until`` (exclusive), as the audit report counts it.
    out
        The Parquet file; the data sheet is written beside it with the suffix ``.md``.
    horizon_months
        The horizon whose outcomes are exported.
    min_cell_size
        The fewest rows per combination of :data:`QUASI_IDENTIFIERS`.

    Returns
    -------
    ExportSummary

    Raises
    ------
    InvalidInputError
        When the period is inverted or empty, holds no scored assessment, every row would be suppressed, the minimum
        cell size is below 2, or the files cannot be written; nothing is written then.
    StorageUnavailableError
        When the database cannot be reached.
    """
    if min_cell_size < 2:
        raise InvalidInputError(BAD_CELL_SIZE)
    if since >= until:
        raise InvalidInputError(INVERTED_PERIOD.format(since=since, until=until))
    _check_writable(out)
    start, end = (dt.datetime.combine(day, dt.time(), dt.UTC) for day in (since, until))
    frame = assessment_frame(sessions, since=start, until=end, horizon_months=horizon_months)
    scored = frame[frame["risk"].notna()]
    if scored.empty:
        raise InvalidInputError(EMPTY_PERIOD.format(since=since, until=until))
    rows = _rows(sessions, scored, start=start, end=end, salt=secrets.token_bytes(32))
    protected, generalised, suppressed = protect_small_cells(rows, min_cell_size=min_cell_size)
    if protected.empty:
        raise InvalidInputError(ALL_SUPPRESSED.format(rows=len(rows), k=min_cell_size))
    protected = protected.sample(frac=1.0, random_state=np.random.default_rng(secrets.randbits(64)))
    summary = ExportSummary(
        parquet=out,
        data_sheet=out.with_suffix(".md"),
        rows=len(protected),
        persons=int(protected["person"].nunique()),
        declined=len(frame) - len(scored),
        generalised=generalised,
        suppressed_rows=suppressed,
    )
    sheet = data_sheet(summary, since=since, until=until, horizon_months=horizon_months, min_cell_size=min_cell_size)
    _write(protected.reset_index(drop=True), sheet, summary)
    return summary


def _rows(
    sessions: sessionmaker[Session], scored: pd.DataFrame, *, start: dt.datetime, end: dt.datetime, salt: bytes
) -> pd.DataFrame:
    """The export's columns for the scored assessments, before small cells are protected."""
    stmt = in_window(select(AssessmentRow.id, AssessmentRow.person_key, AssessmentRow.flags), start, end, None)
    with storage_errors(), sessions() as session:
        keys = pd.DataFrame(session.execute(stmt).all(), columns=["id", "person_key", "flags"]).set_index("id")
    keys = keys.loc[scored["id"]]
    out = pd.DataFrame(index=scored.index)
    out["person"] = [hmac.new(salt, key.encode(), hashlib.sha256).hexdigest()[:16] for key in keys["person_key"]]
    out["registration_month"] = pd.to_datetime(scored["registration_date"]).dt.strftime("%Y-%m")
    out["office"] = scored["office"].astype(str)
    out["age_group"] = age_group(scored["age"])
    bands = [name for name, _ in YEARS_IN_NORWAY_BANDS]
    years = scored["years_in_norway"].astype(np.float64)
    band = pd.cut(years, [0.0, *(end for _, end in YEARS_IN_NORWAY_BANDS)], right=False, labels=bands)
    out["years_in_norway_band"] = band.astype(object).where(years.notna(), None)
    for name in _PROFILE_KEPT:
        out[name] = scored[name]
    out["model_version"] = scored["model_version"].astype(str)
    out["policy_version"] = scored["policy_version"]
    out["risk"], out["risk_lower"], out["risk_upper"] = scored["risk"], scored["lower"], scored["upper"]
    out["suggested_level"] = scored["suggested_level"]
    raised = [set(flags or ()) for flags in keys["flags"]]
    for flag in Flag:
        out[f"flag_{flag.value.lower()}"] = [flag.value in flags for flags in raised]
    out["rule_outcome"] = scored["id"].map(recorded_rule_outcomes(sessions, since=start, until=end))
    out["decided_level"] = scored["decided_level"]
    out["follows_suggestion"] = scored["follows_suggestion"].astype("boolean")
    out["reason_code"] = scored["reason_code"]
    out = out.join(_arms(sessions, scored["id"]))
    out["without_work_at_horizon"] = scored["label"]
    return out[list(COLUMNS)]


def _arms(sessions: sessionmaker[Session], ids: pd.Series) -> pd.DataFrame:
    """The trial columns of each assessment: the equivalence trial, options and arm, and the display trial and arm."""
    arms = pd.DataFrame(
        None,
        index=ids.index,
        columns=["equivalence_trial", "equivalence_options", "equivalence_arm", "display_trial", "display_arm"],
        dtype=object,
    )
    position = pd.Series(ids.index, index=ids.to_numpy())
    for trial in trial_definitions(sessions):
        prefix = "equivalence" if trial.kind is TrialKind.EQUIVALENCE else "display"
        for enrolment in trial_enrolments(sessions, trial.trial_id):
            if enrolment.assessment_id not in position.index:
                continue
            row = position[enrolment.assessment_id]
            arms.loc[row, [f"{prefix}_trial", f"{prefix}_arm"]] = [trial.trial_id, enrolment.arm]
            if trial.kind is TrialKind.EQUIVALENCE:
                arms.loc[row, "equivalence_options"] = ",".join(enrolment.options)
    return arms


def protect_small_cells(rows: pd.DataFrame, *, min_cell_size: int) -> tuple[pd.DataFrame, dict[str, int], int]:
    """Generalise the quasi-identifiers of the rows in small cells, then leave out the rows still in one.

    Parameters
    ----------
    rows : pandas.DataFrame
        The export's rows with every column of :data:`QUASI_IDENTIFIERS` and ``county_unemployment_rate``.
    min_cell_size : int
        The fewest rows per combination of the quasi-identifiers.

    Returns
    -------
    tuple
        The rows kept (every combination of the quasi-identifiers at least ``min_cell_size`` times), how many rows
        each column was generalised in (:data:`GENERALISATION`), and how many rows were left out.

    Examples
    --------
    >>> rows = pd.DataFrame({"gender": ["KVINNE"] * 3 + ["MANN"], "age_group": "30_49", "country_background": "NORGE",
    ...     "county": "OSLO", "office": ["0301", "0301", "0312", "0301"], "registration_month": "2026-03",
    ...     "county_unemployment_rate": 0.02})
    >>> kept, generalised, left_out = protect_small_cells(rows, min_cell_size=3)
    >>> kept["office"].tolist(), generalised["office"], left_out
    (['*', '*', '*'], 4, 1)
    """
    out = rows.copy()
    generalised = {}
    for column, _ in GENERALISATION:
        small = _in_small_cell(out, min_cell_size)
        generalised[column] = int(small.sum())
        if not small.any():
            continue
        values = out.loc[small, column]
        if column == "registration_month":
            quarters = pd.PeriodIndex(values.where(values != SUPPRESSED), freq="M").asfreq("Q").strftime("%Y-Q%q")
            out.loc[small, column] = quarters
        else:
            out.loc[small, column] = SUPPRESSED
        if column in ("county", "registration_month"):
            out.loc[small, "county_unemployment_rate"] = np.nan
    small = _in_small_cell(out, min_cell_size)
    return out.loc[~small], generalised, int(small.sum())


def _in_small_cell(rows: pd.DataFrame, min_cell_size: int) -> np.ndarray:
    keys = rows[list(QUASI_IDENTIFIERS)].astype(str)
    sizes = keys.groupby(list(QUASI_IDENTIFIERS), sort=False)[QUASI_IDENTIFIERS[0]].transform("size")
    return np.asarray(sizes < min_cell_size)


def data_sheet(
    summary: ExportSummary, *, since: dt.date, until: dt.date, horizon_months: int, min_cell_size: int
) -> str:
    """The data sheet (Markdown) of an export: its period, rows, de-identification and every column."""
    generalised = "\n".join(
        f"- `{column}` {how}: {summary.generalised.get(column, 0)} rows" for column, how in GENERALISATION
    )
    columns = "\n".join(f"| `{name}` | {about} |" for name, about in COLUMNS.items())
    return f"""# Evaluation export: data sheet

- File: `{summary.parquet.name}` (Parquet), one row per scored assessment.
- Period: assessments created from {since} (inclusive) until {until} (exclusive).
- Rows: {summary.rows}; persons: {summary.persons}. Left out: {summary.declined} assessments of jobseekers who
  declined profiling, and {summary.suppressed_rows} rows whose cell stayed below the minimum cell size.
- Outcome horizon: {horizon_months} months.
- Made: {dt.datetime.now(dt.UTC).date()}.

## De-identification
- `person` replaces the person key with HMAC-SHA256 under a random salt drawn for this export and never stored: it
  links the rows of one person within this file only.
- No identity number, person key, assessment id, counsellor id or free text (justifications, wishes, objections).
- Dates are months; rows are in random order; age is an age group; years in Norway a band.
- Minimum cell size k = {min_cell_size} on the quasi-identifiers {", ".join(f"`{c}`" for c in QUASI_IDENTIFIERS)}:
  the rows of smaller cells were generalised, in this order, while their cell stayed small:
{generalised}
- `county_unemployment_rate` is empty where county or month was generalised.
- Other columns are not part of the cell check: this is pseudonymous data for researchers bound by an agreement,
  not anonymous data for publication.

## Columns
| column | what it holds |
| --- | --- |
{columns}
"""


def _check_writable(out: Path) -> None:
    folder = out.parent
    if not folder.is_dir():
        raise InvalidInputError(NOT_WRITABLE.format(path=out, reason=f"{folder} is not a folder"))
    if not os.access(folder, os.W_OK):
        raise InvalidInputError(NOT_WRITABLE.format(path=out, reason=f"{folder} is not writable"))
    for path in (out, out.with_suffix(".md")):
        if path.is_dir():
            raise InvalidInputError(NOT_WRITABLE.format(path=path, reason="it is a folder"))


def _write(rows: pd.DataFrame, sheet: str, summary: ExportSummary) -> None:
    """Both files or neither: each is written beside its place and moved there once both are complete."""
    staged = [path.with_name(f".{path.name}.partial") for path in (summary.parquet, summary.data_sheet)]
    try:
        rows.to_parquet(staged[0], index=False)
        staged[1].write_text(sheet)
        for partial, final in zip(staged, (summary.parquet, summary.data_sheet), strict=True):
            partial.replace(final)
    except OSError as exc:
        raise InvalidInputError(NOT_WRITABLE.format(path=summary.parquet, reason=exc.strerror or exc)) from exc
    finally:
        for partial in staged:
            partial.unlink(missing_ok=True)
