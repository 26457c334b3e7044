"""The policy trade-off for people: one Markdown page and one plot per grouping (:mod:`training.policy_tradeoff`).

English only: an artefact for the data scientists and managers who choose a policy, not a page for counsellors or
jobseekers. Plots use matplotlib's object API (``Figure``), which needs no global backend or pyplot state.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from models.groups import GROUPINGS
from models.policy import SUGGESTABLE_LEVELS

RATE_TITLES = {"selection_rate": "Selection rate", "tpr": "True positive rate", "fpr": "False positive rate"}
SOURCE_STYLES = {"model": "-", "p_opt": "--"}


def write_report(
    tradeoff_summary: pd.DataFrame,
    groups: pd.DataFrame,
    suppressed: pd.DataFrame,
    gaps: pd.DataFrame,
    *,
    out: Path,
    report_file: str,
    heading: str,
    population: str,
) -> list[Path]:
    """Write the Markdown page and the plots into ``out`` (created); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    plots = [_plot(groups, grouping, out / f"policy_{grouping}.png") for grouping in GROUPINGS]
    page = out / report_file
    page.write_text(markdown(tradeoff_summary, groups, suppressed, gaps, heading=heading, population=population))
    table = out / "policy_groups.csv"
    groups.to_csv(table, index=False)
    return [page, table, *plots]


def markdown(
    summary: pd.DataFrame,
    groups: pd.DataFrame,
    suppressed: pd.DataFrame,
    gaps: pd.DataFrame,
    *,
    heading: str,
    population: str,
) -> str:
    """The page: how to read it, thresholds and shares per capacity, the largest gaps, then every group."""
    sources = summary["source"].unique().tolist()
    lines = [
        f"# {heading}",
        "",
        f"Population: {population}. Capacities are `tailored,situational`, the largest shares of registrants "
        "suggested specially tailored and situational follow-up; the rest get standard. *Selected* means suggested "
        "specially tailored follow-up (the highest suggestable level); a positive is a registrant still without work "
        "at the horizon. Rates carry 95 % Wilson intervals.",
    ]
    if "p_opt" in sources:
        lines.append(
            "`p_opt` rows use the true probability instead of the model's risk, with thresholds from the same "
            "capacities: a gap `p_opt` shows as well comes from different base rates, not from the model."
        )
    shares = [f"share_{level.value}" for level in SUGGESTABLE_LEVELS]
    lines += [
        "",
        "## Thresholds, shares and accuracy",
        "",
        _table(summary, ["capacity", "source", "standard_below", "tailored_from", *shares, "precision", "recall"]),
    ]
    lines += ["", "## Gaps between the highest and the lowest group", "", _largest_gaps(gaps)]
    lines += ["", "## Per group", ""]
    for capacity, part in groups.groupby("capacity", sort=False):
        ordered = part.sort_values(["grouping", "group", "source"], kind="stable")
        lines += [f"### Capacity {capacity}", "", _group_table(ordered), ""]
    if len(suppressed):
        names = ", ".join(f"{row.grouping}: {row.group}" for row in suppressed.itertuples())
        lines += [f"Suppressed (fewer than the minimum group size): {names}.", ""]
    lines += ["Plots: " + ", ".join(f"`policy_{grouping}.png`" for grouping in GROUPINGS) + "."]
    return "\n".join(lines) + "\n"


def _largest_gaps(gaps: pd.DataFrame) -> str:
    """Per capacity, rate and grouping, the gap of each source side by side (and the model's extreme groups)."""
    wide = gaps.pivot_table(index=["capacity", "rate", "grouping"], columns="source", values="gap", sort=False)
    wide.columns = [f"gap_{source}" for source in wide.columns]
    extremes = gaps[gaps["source"] == "model"].set_index(["capacity", "rate", "grouping"])[["highest", "lowest"]]
    table = wide.join(extremes).reset_index()
    return _table(table, ["capacity", "rate", "grouping", *wide.columns, "highest", "lowest"])


def _group_table(part: pd.DataFrame) -> str:
    """One row per group and source: size, base rate and each rate with its interval."""
    rows = part.assign(base_rate=part["positives"] / part["n"])
    for rate in RATE_TITLES:
        rows[rate] = [
            f"{value:.3f} [{lower:.3f}, {upper:.3f}]" if not np.isnan(value) else "n/a"
            for value, lower, upper in zip(rows[rate], rows[f"{rate}_lower"], rows[f"{rate}_upper"], strict=True)
        ]
    return _table(rows.astype({"n": int}), ["grouping", "group", "source", "n", "base_rate", *RATE_TITLES])


def _table(frame: pd.DataFrame, columns: list[str]) -> str:
    header = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in frame[columns].itertuples(index=False)]
    return "\n".join([header, *body])


def _cell(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _plot(groups: pd.DataFrame, grouping: str, path: Path) -> Path:
    """Each rate per group against the capacity: the model solid with its intervals, ``p_opt`` dashed."""
    part = groups[groups["grouping"] == grouping]
    capacities = list(dict.fromkeys(groups["capacity"]))
    x = np.arange(len(capacities))
    fig = Figure(figsize=(15, 4.5))
    axes = fig.subplots(1, len(RATE_TITLES), sharey=False)
    colours = {group: f"C{i % 10}" for i, group in enumerate(sorted(part["group"].unique()))}
    for ax, (rate, title) in zip(axes, RATE_TITLES.items(), strict=True):
        for (group, source), rows in part.groupby(["group", "source"], sort=True):
            rows = rows.set_index("capacity").reindex(capacities)
            style = SOURCE_STYLES.get(str(source), ":")
            ax.plot(x, rows[rate], style, color=colours[group], marker="o", markersize=3, label=f"{group} ({source})")
            if source == "model":
                ax.fill_between(x, rows[f"{rate}_lower"], rows[f"{rate}_upper"], color=colours[group], alpha=0.12)
        ax.set(title=title, xlabel="Capacity (tailored,situational)", xticks=x, xticklabels=capacities)
    axes[-1].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.02, 0.5))
    fig.suptitle(f"Specially tailored follow-up by {grouping.replace('_x_', ' × ').replace('_', ' ')}")
    fig.savefig(path, dpi=100, bbox_inches="tight")
    return path


def summary_lines(summary: pd.DataFrame) -> list[str]:
    """One line per capacity and source, for the command's printout."""
    shares = [f"share_{level.value}" for level in SUGGESTABLE_LEVELS]
    return [
        f"capacity {row['capacity']} ({row['source']}): standard_below {row['standard_below']:.4f}, tailored_from "
        f"{row['tailored_from']:.4f}; shares standard/situational/tailored "
        + "/".join(f"{row[share]:.1%}" for share in shares)
        + f"; tailored precision {row['precision']:.3f}, recall {row['recall']:.3f}"
        for row in summary.to_dict("records")
    ]
