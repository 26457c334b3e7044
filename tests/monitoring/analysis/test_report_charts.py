"""The audit report's charts draw what their data says: funnel limits, one interval per group and metric, bars."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer, ErrorbarContainer
from statsmodels.stats.proportion import proportion_confint

from models.texts import REPORT_TEXTS, in_language
from monitoring.analysis import report_charts as charts

WORDS = in_language(REPORT_TEXTS, "en")


def _name(code: str) -> str:
    return f"<{code}>"


@pytest.mark.parametrize("coverage", charts.FUNNEL_COVERAGES)
def test_funnel_limits_are_the_normal_binomial_limits(coverage: float) -> None:
    n = np.array([5, 30, 120, 1000, 25_000], dtype=np.float64)
    low, high = charts.funnel_limits(0.21, n, coverage=coverage)
    expected_low, expected_high = proportion_confint(0.21 * n, n, alpha=1 - coverage, method="normal")
    np.testing.assert_allclose(low, np.clip(expected_low, 0, 1))
    np.testing.assert_allclose(high, np.clip(expected_high, 0, 1))
    assert (low < 0.21).all() and (high > 0.21).all() and np.all(np.diff(high - low) < 0)


def test_funnel_plot_draws_the_limits_around_the_overall_rate_and_marks_offices_outside() -> None:
    offices = [
        {"office": "0301", "n": 400, "rate": 0.20},
        {"office": "1103", "n": 400, "rate": 0.45},  # far outside 99.8 % at n = 400
        {"office": "5001", "n": 12, "rate": 0.42},  # as far from the mean, but a small office: inside
        {"office": "4601", "n": 90, "rate": 0.17},
    ]
    figure = charts.funnel_plot(offices, {"rate": 0.2}, WORDS)
    axes = figure.axes[0]
    limits = {line.get_label(): line for line in axes.get_lines()}
    for coverage, key in zip(charts.FUNNEL_COVERAGES, ("limit_95", "limit_998"), strict=True):
        line = limits[WORDS[key]]
        low, _ = charts.funnel_limits(0.2, line.get_xdata(), coverage=coverage)
        np.testing.assert_allclose(line.get_ydata(), low)
    assert limits[WORDS["overall_rate"]].get_ydata()[0] == pytest.approx(0.2)
    inside, outside = (c for c in axes.collections if isinstance(c, PathCollection))
    assert len(inside.get_offsets()) == 3
    np.testing.assert_allclose(outside.get_offsets(), [[400, 0.45]])


def _group(grouping: str, group: str, **metrics: tuple[float, float, float]) -> dict[str, object]:
    row: dict[str, object] = {"grouping": grouping, "group": group}
    for metric, (value, low, high) in metrics.items():
        row |= {metric: value, f"{metric}_low": low, f"{metric}_high": high}
    return row


def test_forest_plot_has_one_interval_per_group_and_metric() -> None:
    groups = [
        _group("overall", "all", tpr=(0.5, 0.48, 0.52), auc=(0.8, 0.79, 0.81)),
        _group("gender", "KVINNE", tpr=(0.55, 0.5, 0.6), auc=(0.78, 0.75, 0.81)),
        _group("gender", "MANN", tpr=(0.45, 0.4, 0.5), auc=(0.82, 0.8, 0.84)),
        _group("age_group", "under_30", tpr=(0.4, 0.3, 0.5)),  # no AUC: too few outcomes
        _group("gender_x_age_group", "KVINNE & under_30", tpr=(0.4, 0.3, 0.5)),  # intersections: table only
    ]
    figure = charts.forest_plot(groups, WORDS, _name)
    panels = [axes for axes in figure.axes if axes.get_title()]
    assert [axes.get_title() for axes in panels] == ["<tpr>", "<auc>"]
    expected = {"<tpr>": [("<KVINNE>", 0.5, 0.6), ("<MANN>", 0.4, 0.5), ("<under_30>", 0.3, 0.5)]}
    expected["<auc>"] = [("<KVINNE>", 0.75, 0.81), ("<MANN>", 0.8, 0.84)]
    for axes in panels:
        (bars,) = [c for c in axes.containers if isinstance(c, ErrorbarContainer)]
        at = dict(zip(axes.get_yticks(), (tick.get_text() for tick in axes.get_yticklabels()), strict=True))
        drawn = sorted((at[s[0][1]], round(s[0][0], 6), round(s[1][0], 6)) for s in bars.lines[2][0].get_segments())
        assert drawn == sorted(expected[axes.get_title()])
    (overall_line,) = [line for line in panels[0].get_lines() if line.get_linestyle() == "--"]
    assert overall_line.get_xdata()[0] == pytest.approx(0.5)


def test_calibration_plot_draws_one_curve_per_group_and_the_diagonal() -> None:
    curves = [
        {"grouping": g, "group": v, "bin": b, "n": 50, "mean_risk": 0.1 * b + 0.05, "observed_rate": 0.1 * b}
        for g, values in (("gender", ("KVINNE", "MANN")), ("age_group", ("under_30",)))
        for v in values
        for b in range(4)
    ]
    figure = charts.calibration_plot(curves, WORDS, _name)
    by_panel = {axes.get_title(): [line.get_label() for line in axes.get_lines()] for axes in figure.axes}
    assert by_panel == {
        "<gender>": [WORDS["perfect"], "<KVINNE>", "<MANN>"],
        "<age_group>": [WORDS["perfect"], "<under_30>"],
    }
    line = figure.axes[0].get_lines()[1]
    np.testing.assert_allclose(line.get_xdata(), [0.05, 0.15, 0.25, 0.35])


def test_performance_plot_draws_realised_promised_and_estimated_auc_by_month() -> None:
    realised = [{"period": "2025-01", "auc": 0.78, "expected_auc": 0.8}, {"period": "2025-02", "auc": 0.74}]
    estimated = [{"period": "2025-03", "expected_auc": 0.79}]
    axes = charts.performance_plot(realised, estimated, WORDS).axes[0]
    lines = {line.get_label(): list(zip(line.get_xdata(), line.get_ydata(), strict=True)) for line in axes.get_lines()}
    assert lines[WORDS["realised"]] == [(0, 0.78), (1, 0.74)]
    assert lines[WORDS["promised"]] == [(0, 0.8)]
    assert lines[WORDS["estimated"]] == [(2, 0.79)]


def test_drift_plot_draws_each_score_against_its_threshold() -> None:
    columns = [
        {"name": "age", "score": 0.02, "threshold": 0.1, "drifted": False},
        {"name": "years_in_norway", "score": 0.31, "threshold": 0.1, "drifted": True},
        {"name": "risk", "score": 0.12, "threshold": 0.15, "drifted": False},
    ]
    axes = charts.drift_plot(columns, WORDS, _name).axes[0]
    (bars,) = [c for c in axes.containers if isinstance(c, BarContainer)]
    labels = [tick.get_text() for tick in axes.get_yticklabels()]
    assert dict(zip(labels, [bar.get_width() for bar in bars], strict=True)) == {
        "<age>": 0.02,
        "<risk>": 0.12,
        "<years_in_norway>": 0.31,
    }
    (ticks,) = [c for c in axes.collections if isinstance(c, PathCollection)]
    np.testing.assert_allclose(ticks.get_offsets()[:, 0], [0.1, 0.15, 0.1])


def test_shap_plot_sums_features_into_factors_per_model_version() -> None:
    importance = [
        {"model_version": "3", "feature": "norwegian_skill", "mean_abs_shap": 0.1},
        {"model_version": "3", "feature": "years_in_norway", "mean_abs_shap": 0.05},
        {"model_version": "3", "feature": "age", "mean_abs_shap": 0.2},
        {"model_version": "4", "feature": "age", "mean_abs_shap": 0.3},
    ]
    axes = charts.shap_plot(importance, WORDS, _name).axes[0]
    bars = [c for c in axes.containers if isinstance(c, BarContainer)]
    assert [b.get_label() for b in bars] == ["3", "4"]
    labels = [tick.get_text() for tick in axes.get_yticklabels()]
    widths = {(b.get_label(), label): bar.get_width() for b in bars for label, bar in zip(labels, b, strict=True)}
    assert widths[("3", "<language_and_residence>")] == pytest.approx(0.15)
    assert widths[("3", "<age>")] == pytest.approx(0.2) and widths[("4", "<age>")] == pytest.approx(0.3)
    assert widths[("4", "<language_and_residence>")] == 0.0


def test_time_to_decision_plot_has_one_bar_per_band() -> None:
    histogram = [{"days": "0–7", "n": 12}, {"days": "8–14", "n": 5}, {"days": "181+", "n": 1}]
    (bars,) = charts.time_to_decision_plot(histogram, WORDS).axes[0].containers
    assert [bar.get_height() for bar in bars] == [12, 5, 1]


def test_svg_is_inline_markup_with_its_text_as_text() -> None:
    figure = charts.time_to_decision_plot([{"days": "0–7", "n": 3}], WORDS)
    markup = charts.svg(figure)
    assert markup.startswith("<svg") and markup.rstrip().endswith("</svg>")
    assert WORDS["days"] in markup and "<?xml" not in markup
    assert markup == charts.svg(figure)  # no date or random id: the same report gives the same file


def test_each_chart_draws_from_a_single_row_without_a_warning() -> None:
    """A report of one case (a fresh install) still draws: no empty legend, no warning turned error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = [
            charts.funnel_plot([{"office": "0301", "n": 1, "rate": 0.0}], {"rate": 0.0}, WORDS),
            charts.forest_plot([{"grouping": "overall", "group": "all"}], WORDS, _name),
            charts.calibration_plot([], WORDS, _name),
            charts.performance_plot([{"period": "2026-11", "auc": None, "expected_auc": None}], [], WORDS),
            charts.drift_plot([], WORDS, _name),
            charts.shap_plot([], WORDS, _name),
            charts.time_to_decision_plot([{"days": "0–7", "n": 1}], WORDS),
        ]
        assert all(charts.svg(figure).startswith("<svg") for figure in figures)
