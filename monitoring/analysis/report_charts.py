"""The audit report's charts, one function per chart (obligation: transparency of monitoring to its readers).

Each function takes the report's JSON records, the report's words in the reader's language (``words``, from
:data:`models.texts.REPORT_TEXTS`) and a function that turns a code into its label (``name``), and returns a matplotlib
:class:`~matplotlib.figure.Figure` built with the object API (no pyplot state, no global backend). :func:`svg` turns a
figure into inline SVG with its text kept as text, so the report stays one self-contained file and a chart costs tens of
kilobytes whatever the number of records.

The funnel plot is the chart for comparing offices without ranking them (source requirements §8.6 item 18, trust
reform): each office's override rate against its number of decisions, with binomial control limits around the overall
rate. A small office far from the mean is often inside its wide limits; only a point outside the 99.8 % limits is more
than chance would explain.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from scipy.stats import norm

from models.explain import FACTORS

FUNNEL_COVERAGES: tuple[float, ...] = (0.95, 0.998)
"""Two-sided coverage of the funnel plot's inner and outer control limits."""
FOREST_METRICS: tuple[str, ...] = ("override_rate", "tpr", "fpr", "calibration_gap", "auc")
"""The fairness metrics drawn as forest plots, when the report has intervals for them."""
FOREST_GROUPINGS: tuple[str, ...] = ("gender", "age_group", "country_background")
"""Groupings shown in the forest plots; the intersections stay in the table under them."""
WIDTH = 7.2
"""Figure width in inches: the printable width of an A4 page with margins."""
_COLOURS = ("#0b5394", "#b45f06", "#38761d", "#741b47", "#434343", "#990000")
_SVG_FONTTYPE = "none"
"""Text stays text in the SVG: a tenth of the size of glyph paths, and searchable."""

Name = Callable[[str], str]


def funnel_limits(rate: float, n: np.ndarray, *, coverage: float) -> tuple[np.ndarray, np.ndarray]:
    """Control limits of a proportion ``rate`` observed over ``n`` trials: ``rate ± z √(rate (1 − rate) / n)``.

    The normal approximation to the binomial, clipped to [0, 1], as funnel plots for institutional comparisons use it
    (Spiegelhalter 2005); ``z`` is the standard normal quantile of ``(1 + coverage) / 2``.

    Examples
    --------
    >>> low, high = funnel_limits(0.2, np.array([100.0]), coverage=0.95)
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.1216, 0.2784)
    """
    z = float(norm.ppf(0.5 + coverage / 2))
    half = z * np.sqrt(rate * (1.0 - rate) / np.asarray(n, dtype=np.float64))
    return np.clip(rate - half, 0.0, 1.0), np.clip(rate + half, 0.0, 1.0)


def funnel_plot(offices: Sequence[Mapping[str, Any]], overall: Mapping[str, Any], words: Mapping[str, str]) -> Figure:
    """Override rate per office (``office``, ``n``, ``rate``) against its decisions, with the funnel's limits.

    Offices outside the outer limits are drawn filled, the others hollow; none is named (the table under the chart
    lists them by code).
    """
    n = np.array([row["n"] for row in offices], dtype=np.float64)
    rate = np.array([row["rate"] for row in offices], dtype=np.float64)
    centre = float(overall["rate"])
    figure = Figure(figsize=(WIDTH, 3.4))
    axes = figure.subplots()
    grid = np.linspace(max(1.0, n.min(initial=1.0) * 0.8), max(n.max(initial=2.0) * 1.05, 2.0), 200)
    axes.axhline(centre, color=_COLOURS[4], linewidth=1, label=words["overall_rate"])
    for coverage, style, key in zip(FUNNEL_COVERAGES, ("--", ":"), ("limit_95", "limit_998"), strict=True):
        low, high = funnel_limits(centre, grid, coverage=coverage)
        axes.plot(grid, low, style, color=_COLOURS[0], linewidth=1, label=words[key])
        axes.plot(grid, high, style, color=_COLOURS[0], linewidth=1)
    low, high = funnel_limits(centre, n, coverage=FUNNEL_COVERAGES[-1])
    outside = (rate < low) | (rate > high)
    axes.scatter(
        n[~outside], rate[~outside], s=14, facecolors="none", edgecolors=_COLOURS[4], label=words["office_point"]
    )
    axes.scatter(n[outside], rate[outside], s=18, color=_COLOURS[5], label=words["outside"])
    axes.set_xlabel(words["decisions"])
    axes.set_ylabel(words["override_rate"])
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    _legend(axes, loc="upper right", frameon=False)
    return figure


def forest_plot(groups: Sequence[Mapping[str, Any]], words: Mapping[str, str], name: Name) -> Figure:
    """Estimate and interval (``<metric>``, ``<metric>_low``, ``<metric>_high``) per group, one panel per metric.

    Groups are those of :data:`FOREST_GROUPINGS` with a value for the metric; the whole population is the dashed line.
    """
    overall = next((row for row in groups if row.get("grouping") == "overall"), {})
    rows = [row for row in groups if row.get("grouping") in FOREST_GROUPINGS]
    metrics = [m for m in FOREST_METRICS if any(_interval(row, m) for row in rows)]
    figure = Figure(figsize=(WIDTH, 0.9 + 0.22 * max(len(rows), 1) * max(1, (len(metrics) + 1) // 2)))
    if not metrics:
        return figure
    columns = 2 if len(metrics) > 1 else 1
    panels = np.atleast_1d(figure.subplots((len(metrics) + columns - 1) // columns, columns, squeeze=False).ravel())
    for axes, metric in zip(panels, metrics, strict=False):
        shown = [(row, _interval(row, metric)) for row in rows if _interval(row, metric)]
        y = np.arange(len(shown))[::-1]
        estimate = np.array([row[metric] for row, _ in shown], dtype=np.float64)
        bounds = np.array([interval for _, interval in shown], dtype=np.float64)
        axes.errorbar(
            estimate,
            y,
            xerr=[estimate - bounds[:, 0], bounds[:, 1] - estimate],
            fmt="o",
            markersize=3,
            color=_COLOURS[0],
            ecolor=_COLOURS[0],
            elinewidth=1,
            capsize=2,
        )
        if overall.get(metric) is not None:
            axes.axvline(float(overall[metric]), color=_COLOURS[4], linestyle="--", linewidth=1)
        axes.set_yticks(y, [name(str(row["group"])) for row, _ in shown])
        axes.set_title(name(metric), fontsize=8)
    for axes in panels[len(metrics) :]:
        axes.set_axis_off()
    figure.tight_layout()
    return figure


def calibration_plot(curves: Sequence[Mapping[str, Any]], words: Mapping[str, str], name: Name) -> Figure:
    """Observed rate against mean risk per risk bin, one line per group, one panel per protected attribute."""
    groupings = list(dict.fromkeys(str(row["grouping"]) for row in curves))
    figure = Figure(figsize=(WIDTH, 2.8))
    panels = np.atleast_1d(figure.subplots(1, max(len(groupings), 1), squeeze=False).ravel())
    for axes, grouping in zip(panels, groupings, strict=False):
        axes.plot([0, 1], [0, 1], ":", color=_COLOURS[4], linewidth=1, label=words["perfect"])
        part = [row for row in curves if row["grouping"] == grouping]
        for colour, group in zip(_COLOURS, dict.fromkeys(str(row["group"]) for row in part), strict=False):
            points = [row for row in part if row["group"] == group]
            axes.plot(
                [row["mean_risk"] for row in points],
                [row["observed_rate"] for row in points],
                "o-",
                markersize=2.5,
                linewidth=1,
                color=colour,
                label=name(group),
            )
        axes.set_title(name(grouping), fontsize=8)
        axes.set_xlabel(words["mean_risk"])
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        _legend(axes, fontsize=6, frameon=False, loc="upper left")
    panels[0].set_ylabel(words["observed_rate"])
    figure.tight_layout()
    return figure


def performance_plot(
    realised: Sequence[Mapping[str, Any]], estimated: Sequence[Mapping[str, Any]], words: Mapping[str, str]
) -> Figure:
    """AUC by registration month: realised, what the risks promised for the same rows, and estimated (CBPE)."""
    periods = sorted({str(row["period"]) for row in (*realised, *estimated)})
    x = {period: i for i, period in enumerate(periods)}
    figure = Figure(figsize=(WIDTH, 2.8))
    axes = figure.subplots()
    series = (
        (realised, "auc", "o-", _COLOURS[0], words["realised"]),
        (realised, "expected_auc", "--", _COLOURS[4], words["promised"]),
        (estimated, "expected_auc", "s:", _COLOURS[1], words["estimated"]),
    )
    for rows, column, style, colour, label in series:
        points = [(x[str(row["period"])], row[column]) for row in rows if row.get(column) is not None]
        if points:
            axes.plot(*zip(*points, strict=True), style, color=colour, markersize=2.5, linewidth=1, label=label)
    step = max(1, len(periods) // 12)
    axes.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
    axes.set_xlabel(words["month"])
    axes.set_ylabel("AUC")
    _legend(axes, frameon=False, loc="lower left")
    figure.tight_layout()
    return figure


def drift_plot(columns: Sequence[Mapping[str, Any]], words: Mapping[str, str], name: Name) -> Figure:
    """Drift score per variable as a bar, with its threshold as a tick; drifted variables are filled dark."""
    rows = sorted(columns, key=lambda row: float(row["score"] or 0.0))
    figure = Figure(figsize=(WIDTH, 0.6 + 0.2 * max(len(rows), 1)))
    axes = figure.subplots()
    y = np.arange(len(rows))
    scores = [float(row["score"] or 0.0) for row in rows]
    colours = [_COLOURS[5] if row["drifted"] else _COLOURS[0] for row in rows]
    axes.barh(y, scores, color=colours, height=0.6, label=words["score"])
    axes.scatter([row["threshold"] for row in rows], y, marker="|", s=120, color=_COLOURS[4], label=words["limit"])
    axes.set_yticks(y, [name(str(row["name"])) for row in rows])
    axes.set_xlabel(words["score"])
    _legend(axes, frameon=False, loc="lower right")
    figure.tight_layout()
    return figure


def shap_plot(importance: Sequence[Mapping[str, Any]], words: Mapping[str, str], name: Name) -> Figure:
    """Mean |SHAP| per factor (its features' mean |SHAP| summed) and model version, as grouped horizontal bars.

    A factor's sum is an upper bound of the mean |SHAP| of the factor as a whole (its features' contributions can
    cancel within one person); it orders factors as the counsellors' reasons do.
    """
    factor_of = {feature: factor for factor, features in FACTORS.items() for feature in features}
    totals: dict[tuple[str, str], float] = {}
    for row in importance:
        key = (str(row["model_version"]), factor_of.get(str(row["feature"]), str(row["feature"])))
        totals[key] = totals.get(key, 0.0) + float(row["mean_abs_shap"])
    versions = sorted({version for version, _ in totals})
    factors = sorted({factor for _, factor in totals}, key=lambda f: max(totals.get((v, f), 0.0) for v in versions))
    figure = Figure(figsize=(WIDTH, 0.6 + 0.22 * max(len(factors), 1) * max(1, len(versions) / 2)))
    axes = figure.subplots()
    height = 0.8 / max(len(versions), 1)
    for i, (version, colour) in enumerate(zip(versions, _COLOURS, strict=False)):
        values = [totals.get((version, factor), 0.0) for factor in factors]
        axes.barh(np.arange(len(factors)) + i * height, values, height=height, color=colour, label=version)
    axes.set_yticks(np.arange(len(factors)) + height * (len(versions) - 1) / 2, [name(f) for f in factors])
    axes.set_xlabel(words["shap"])
    _legend(axes, frameon=False, loc="lower right", title=name("model_version"))
    figure.tight_layout()
    return figure


def time_to_decision_plot(histogram: Sequence[Mapping[str, Any]], words: Mapping[str, str]) -> Figure:
    """Decisions per band of days from registration to the first decision."""
    figure = Figure(figsize=(WIDTH, 2.4))
    axes = figure.subplots()
    axes.bar([str(row["days"]) for row in histogram], [row["n"] for row in histogram], color=_COLOURS[0])
    axes.set_xlabel(words["days"])
    axes.set_ylabel(words["decisions"])
    figure.tight_layout()
    return figure


def style() -> contextlib.AbstractContextManager[None]:
    """The report's chart style: small type (a chart is scaled to the page's width), text kept as text in SVG."""
    return matplotlib.rc_context(
        {"font.size": 7.0, "legend.fontsize": 6.5, "svg.fonttype": _SVG_FONTTYPE, "svg.hashsalt": "audit-report"}
    )


def svg(figure: Figure) -> str:
    """The figure as an inline ``<svg>`` element (no XML prologue), text kept as text, with no date in it."""
    buffer = io.StringIO()
    with style():
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _legend(axes: Axes, **options: Any) -> None:
    """A legend, when anything drawn has a label (matplotlib warns about an empty one)."""
    if axes.get_legend_handles_labels()[0]:
        axes.legend(**options)


def _interval(row: Mapping[str, Any], metric: str) -> tuple[float, float] | None:
    low, high = row.get(f"{metric}_low"), row.get(f"{metric}_high")
    if row.get(metric) is None or low is None or high is None:
        return None
    return float(low), float(high)
