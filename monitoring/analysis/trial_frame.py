"""A trial's report from the records, as Markdown for people and as a section of the audit report (obligation:
post-market monitoring; Meld. St. 33 § 7.3.2).

:func:`trial_frame` joins each enrolment (:func:`monitoring.records.trials.trial_enrolments`: the draw, or the display
arm of the assessment) with its assessment as the reports see it (:func:`monitoring.analysis.frames.assessment_frame`:
profile, risk, suggestion, latest decision and the outcome at the horizon), and :func:`build_trial_report` hands it to
the pure functions of :mod:`monitoring.analysis.trials`. An assessment is read whenever it was made before the last
draw, since a draw can come long after its assessment (a returned decision); so the frame reads every assessment up to
then, seconds for a million records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from models.formatting import format_number, format_value
from models.texts import (
    FIELD_LABELS,
    LEVEL_TEXTS,
    METRIC_LABELS,
    MISSING_VALUE,
    TRIAL_TEXTS,
    VALUE_LABELS,
    Language,
    text,
)
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.frames import assessment_frame
from monitoring.analysis.trials import BLIND_FIRST, DISPLAY, SHOWN, TrialReport, stratum_of, trial_report
from monitoring.records.trials import (
    Enrolment,
    TrialDefinition,
    trial_definition,
    trial_definitions,
    trial_enrolments,
)

ALL_CASES = "all"
"""The one stratum of a display trial."""
_SHARE, _DECIMAL = "override_rate", "fairness_gap"
"""The number rules (``models.formatting.NUMBER_FORMATS``) of a share or a difference of shares (a percentage with one
decimal), and of an SMD, alpha and power (three decimals)."""


def trial_frame(sessions: sessionmaker[Session], trial: TrialDefinition, *, horizon_months: int = 12) -> pd.DataFrame:
    """One row per enrolled case: the enrolment, its ``stratum``, and its assessment's columns with the outcome."""
    enrolments = pd.DataFrame(
        [dataclasses.asdict(e) for e in trial_enrolments(sessions, trial.trial_id)],
        columns=[field.name for field in dataclasses.fields(Enrolment)],
    )
    if enrolments.empty:
        return enrolments.assign(stratum=None, label=np.nan, suggested_level=None, decided_level=None)
    until = enrolments["drawn_at"].max() + dt.timedelta(seconds=1)
    cases = assessment_frame(sessions, until=until, horizon_months=horizon_months).drop(columns="office")
    frame = enrolments.merge(cases, left_on="assessment_id", right_on="id", how="left")
    frame["stratum"] = ALL_CASES if trial.kind == DISPLAY else frame["options"].map(stratum_of)
    return frame


def _about(trial: TrialDefinition) -> dict[str, Any]:
    about = dataclasses.asdict(trial)
    return about | {"kind": trial.kind.value, "decision_point": trial.decision_point.value}


def build_trial_report(
    sessions: sessionmaker[Session],
    trial_id: str,
    *,
    difference: float = 0.05,
    baseline: float | None = None,
    horizon_months: int = 12,
) -> TrialReport:
    """The report of one trial (:func:`monitoring.analysis.trials.trial_report`) from the records.

    Raises
    ------
    RecordNotFoundError
        When no trial has this id.
    InvalidInputError
        When ``baseline`` and ``difference`` are not shares.
    StorageUnavailableError
        When the database cannot be reached.
    """
    trial = trial_definition(sessions, trial_id)
    frame = trial_frame(sessions, trial, horizon_months=horizon_months)
    shares = {"difference": difference} | ({} if baseline is None else {"baseline": baseline})
    return trial_report(
        frame, kind=trial.kind.value, target_sample_size=trial.target_sample_size, about=_about(trial), **shares
    )


@dataclass(frozen=True)
class TrialSection:
    """The audit report's section: every trial whose period overlaps the report's (and, with an office, runs there)."""

    reports: Sequence[TrialReport]

    @property
    def alerts(self) -> list[AlertMessage]:
        """Each trial's alerts (each names its trial)."""
        return [alert for report in self.reports for alert in report.alerts]

    @property
    def json(self) -> dict[str, Any]:
        """Each trial's report, and the alerts of all of them for the report's summary."""
        about = text(TRIAL_TEXTS, "section_about", "en")
        return {
            "trials": {
                "about": about,
                "trials": [report.json for report in self.reports],
                "alerts": [alert.as_dict() for alert in self.alerts],
            }
        }

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        tables = {}
        for report in self.reports:
            trial_id = report.about["trial_id"]
            tables[f"{trial_id}: {text(TRIAL_TEXTS, 'enrolment', 'en')}"] = report.enrolment
            tables[f"{trial_id}: {text(TRIAL_TEXTS, 'outcome', 'en')}"] = report.outcomes
        return tables


def trial_section(
    sessions: sessionmaker[Session], *, since: dt.datetime | None, until: dt.datetime | None, office: str | None
) -> TrialSection:
    """The reports of the trials that ran in ``[since, until)`` (at ``office``), for the audit report."""
    chosen = [
        trial
        for trial in trial_definitions(sessions)
        if (since is None or trial.ends_on >= since.date())
        and (until is None or trial.starts_on < until.date())
        and (office is None or office in trial.eligible_offices)
    ]
    return TrialSection([build_trial_report(sessions, trial.trial_id) for trial in chosen])


def _share(value: float, lang: Language) -> str:
    return MISSING_VALUE if pd.isna(value) else format_number(_SHARE, value, lang)


def _interval(low: float, high: float, lang: Language) -> str:
    return MISSING_VALUE if pd.isna(low) else f"{_share(low, lang)} – {_share(high, lang)}"


def _label(code: str, lang: Language) -> str:
    """A level, an arm, a direction, a stratum of levels or a covariate as a person reads it."""
    if code in LEVEL_TEXTS:
        return text(LEVEL_TEXTS, code, lang).split(":")[0]
    if "+" in code:
        return " / ".join(_label(part, lang) for part in code.split("+"))
    if "=" in code:
        name, value = code.split("=", 1)
        return f"{text(FIELD_LABELS, name, lang)}: {text(VALUE_LABELS, value, lang)}"
    if code.endswith("_missing"):
        return f"{text(FIELD_LABELS, code.removesuffix('_missing'), lang)}: {text(TRIAL_TEXTS, 'missing', lang)}"
    return text(TRIAL_TEXTS, code, lang) if code in TRIAL_TEXTS else text(FIELD_LABELS, code, lang)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], lang: Language) -> list[str]:
    head = [text(TRIAL_TEXTS, f"col_{name}", lang) for name in header]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return [*lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _by_stratum(report: TrialReport, header: Sequence[str], rows: Iterable[Sequence[str]], lang: Language) -> list[str]:
    """A table whose first column is the stratum, which a display trial (one stratum) leaves out."""
    if report.kind != DISPLAY:
        return _table(header, rows, lang)
    return _table(header[1:], (row[1:] for row in rows), lang)


def _heading(key: str, lang: Language, *paragraphs: str) -> list[str]:
    return [f"## {text(TRIAL_TEXTS, key, lang)}", "", *(line for paragraph in paragraphs for line in (paragraph, ""))]


def _definition(report: TrialReport, lang: Language) -> list[str]:
    about = report.about
    title = text(TRIAL_TEXTS, "title", lang).format(trial_id=about.get("trial_id", ""))
    lines = [f"# {title}", "", text(TRIAL_TEXTS, f"kind_{report.kind}", lang), ""]
    if about:
        sentence = text(TRIAL_TEXTS, "about", lang).format(
            offices=", ".join(about["eligible_offices"]),
            starts_on=format_value("registration_date", about["starts_on"], lang),
            ends_on=format_value("registration_date", about["ends_on"], lang),
            protocol=about["protocol_reference"],
        )
        lines += [sentence, ""]
    return lines


def _enrolment_and_power(report: TrialReport, lang: Language) -> list[str]:
    power = report.power
    summary = text(TRIAL_TEXTS, "enrolment_summary", lang).format(
        enrolled=int(report.enrolment["enrolled"].sum()), target=power["target_sample_size"]
    )
    rows = (
        (_label(r.stratum, lang), _label(r.arm, lang), str(r.enrolled), str(r.with_outcome))
        for r in report.enrolment.itertuples()
    )
    need = text(TRIAL_TEXTS, "power_summary", lang).format(
        difference=_share(power["difference"], lang),
        baseline=_share(power["baseline"], lang),
        alpha=format_number(_DECIMAL, power["alpha"], lang),
        power=format_number(_DECIMAL, power["power"], lang),
        needed_per_arm=power["needed_per_arm"],
        needed_total=power["needed_total"],
    )
    target = text(TRIAL_TEXTS, "target_enough" if power["target_is_enough"] else "target_short", lang)
    now = text(TRIAL_TEXTS, "detectable", lang).format(
        smallest_arm=power["smallest_arm"], detectable=_share(power["detectable_now"], lang)
    )
    return [
        *_heading("enrolment", lang, summary),
        *_by_stratum(report, ("stratum", "arm", "enrolled", "with_outcome"), rows, lang),
        *_heading("power", lang, f"{need} {target} {now}"),
    ]


def _balance(report: TrialReport, lang: Language) -> list[str]:
    flagged = report.balance[report.balance["imbalanced"]]
    summary = text(TRIAL_TEXTS, "balance_summary", lang).format(imbalanced=len(flagged), compared=len(report.balance))
    rows = (
        (_label(r.stratum, lang), _label(r.arm, lang), _label(r.covariate, lang), format_number(_DECIMAL, r.smd, lang))
        for r in flagged.itertuples()
    )
    return [
        *_heading("balance", lang, summary),
        *(_by_stratum(report, ("stratum", "arm", "covariate", "smd"), rows, lang) if len(flagged) else []),
    ]


def _outcomes(report: TrialReport, lang: Language) -> list[str]:
    table = report.outcomes
    known = table[(table["n"] > 0) & (table["n_reference"] > 0)] if len(table) else table
    if known.empty:
        return _heading("outcome", lang, text(TRIAL_TEXTS, "no_outcomes", lang))
    rows = (
        (
            _label(r.stratum, lang),
            _label(r.arm, lang),
            f"{_share(r.share, lang)} ({r.n})",
            _label(r.reference, lang),
            f"{_share(r.share_reference, lang)} ({r.n_reference})",
            _share(r.difference, lang),
            _interval(r.low, r.high, lang),
        )
        for r in known.itertuples()
    )
    header = ("stratum", "arm", "share", "reference", "share_reference", "difference", "interval")
    return [
        *_heading("outcome", lang, text(TRIAL_TEXTS, "outcome_method", lang)),
        *_by_stratum(report, header, rows, lang),
    ]


def _display(decisions: pd.DataFrame, deviations: pd.DataFrame, lang: Language) -> list[str]:
    override = text(METRIC_LABELS, "override_rate", lang)
    decided = (
        (
            override if r.measure == "override" else _label(r.measure, lang),
            _share(getattr(r, SHOWN), lang),
            _share(getattr(r, BLIND_FIRST), lang),
            _share(r.difference, lang),
            _interval(r.low, r.high, lang),
        )
        for r in decisions.itertuples()
    )
    departed = (
        (
            _label(r.arm, lang),
            _label(r.direction, lang),
            str(r.decided),
            f"{_share(r.share, lang)} ({r.with_outcome})",
            _share(r.difference_from_at, lang),
            _interval(r.low, r.high, lang),
        )
        for r in deviations.itertuples()
    )
    return [
        *_heading("decisions", lang),
        *_table(("measure", SHOWN, BLIND_FIRST, "difference", "interval"), decided, lang),
        *_heading("deviations", lang, text(TRIAL_TEXTS, "deviations_caveat", lang)),
        *_table(("arm", "direction", "decided", "share", "difference_from_at", "interval"), departed, lang),
    ]


def trial_markdown(report: TrialReport, lang: Language = "en") -> str:
    """The report as a Markdown page in ``lang``: definition, enrolment and power, balance, outcome, and for a display
    trial the decisions and the deviations from the suggestion.
    """
    lines = [*_definition(report, lang), *_enrolment_and_power(report, lang), *_balance(report, lang)]
    lines += _outcomes(report, lang)
    if report.decisions is not None and report.deviations is not None:
        lines += _display(report.decisions, report.deviations, lang)
    if report.alerts:
        lines += [*_heading("alerts", lang), *(f"- {alert.text(lang)}" for alert in report.alerts), ""]
    return "\n".join(lines)
