"""Cost of the audit report (drift + fairness + overrides + performance) over many records.

    .venv/bin/python bench/monitoring_scale.py [--rows 100000 300000 1000000]

For each size, in a fresh subprocess: simulate that many registrations with simulated counsellors' decisions and
outcomes, bulk-load them into a SQLite records file (not timed), then time `build_report` without chain verification
(reading the records, drift with Evidently, fairness with fairlearn, overrides, performance). The risk is the exact
probability of a baseline model, so the reference is a baseline sample; the records drift to `refugee_inflow` halfway.
The report runs in its own process, so ``peak_mb`` is the report's own peak memory. One line per size; the last
line is the largest: ``rows=… seconds=… peak_mb=… html_mb=…`` (``html_mb``: size of ``report.html``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
from _sizes import peak_mb, run_each_size
from sqlalchemy import insert

from models.policy import PolicyConfig, suggest_level
from models.schema import PROFILE_FIELDS
from monitoring.analysis.report import build_report
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.tables import AssessmentRow, DecisionRow, OutcomeRow
from training.counsellors import simulate_decisions
from training.population import simulate_population, true_probability


def _population(rows: int) -> pd.DataFrame:
    half = rows // 2
    frame = pd.concat(
        [simulate_population(half, seed=1), simulate_population(rows - half, scenario="refugee_inflow", seed=2)],
        ignore_index=True,
    )
    frame["risk"] = true_probability(frame, scenario="baseline")
    config = PolicyConfig()
    frame["suggested_level"] = [
        suggest_level(r, reduced_work_capacity=h == "JA", hindrance_reported=h != "NEI", config=config).value
        for r, h in zip(frame["risk"], frame["health_hindrance"], strict=True)
    ]
    decisions = simulate_decisions(frame, frame["suggested_level"].to_numpy(), seed=1)
    return frame.join(decisions)


def _load(frame: pd.DataFrame, url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    profiles = frame[list(PROFILE_FIELDS)].astype(object).where(frame[list(PROFILE_FIELDS)].notna(), None)
    profiles["registration_date"] = frame["registration_date"].dt.date.astype(str)
    ids = [str(uuid.uuid4()) for _ in range(len(frame))]
    created = [now - dt.timedelta(minutes=int(m)) for m in np.arange(len(frame))[::-1] // 4]
    assessments = [
        {
            "id": i,
            "created_at": c,
            "request_id": "bench",
            "caller": "bench",
            "person_key": "0" * 64,
            "office": o,
            "counsellor": k,
            "consent": True,
            "model_name": "bench",
            "model_version": "1",
            "policy_version": "bench",
            "profile": p,
            "risk": r,
            "lower": r,
            "upper": r,
            "suggested_level": s,
            "flags": [],
            "base_value": 0.0,
            "shap": None,
            "reasons": [],
            "language": "nb",
            "content_hash": "0" * 64,
        }
        for i, c, o, k, p, r, s in zip(
            ids,
            created,
            frame["office"].astype(str),
            frame["counsellor_id"].astype(str),
            profiles.to_dict("records"),
            frame["risk"],
            frame["suggested_level"],
            strict=True,
        )
    ]
    decisions = [
        {
            "seq": n + 1,
            "id": str(uuid.uuid4()),
            "assessment_id": i,
            "created_at": c,
            "request_id": "bench",
            "caller": "bench",
            "office": a["office"],
            "counsellor": a["counsellor"],
            "decided_level": d,
            "suggested_level": a["suggested_level"],
            "follows_suggestion": d == a["suggested_level"],
            "reason_code": rc,
            "justification": j,
            "supersedes": None,
            "assessment_hash": "0" * 64,
            "prev_hash": "0" * 64,
            "hash": "0" * 64,
        }
        for n, (i, c, a, d, rc, j) in enumerate(
            zip(
                ids,
                created,
                assessments,
                frame["decided_level"].astype(str),
                frame["override_reason"],
                frame["justification"],
                strict=True,
            )
        )
    ]
    known = frame["label"].notna().to_numpy()
    outcomes = [
        {
            "id": str(uuid.uuid4()),
            "created_at": now,
            "assessment_id": i,
            "person_key": None,
            "horizon_months": 12,
            "employed": bool(label == 0.0),
            "observed_on": dt.date(2026, 11, 1),
            "source": "bench",
            "caller": "bench",
        }
        for i, label, k in zip(ids, frame["label"], known, strict=True)
        if k
    ]
    with session_factory(engine).begin() as session:
        for table, rows in ((AssessmentRow, assessments), (DecisionRow, decisions), (OutcomeRow, outcomes)):
            for start in range(0, len(rows), 50_000):
                session.execute(insert(table), rows[start : start + 50_000])
    engine.dispose()


def one_run(rows: int) -> None:
    """Load the records in this process, then time the report in a fresh one, so its peak memory is its own."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'records.db'}"
        _load(_population(rows), url)
        out = subprocess.run([sys.executable, __file__, "--report", url], capture_output=True, text=True, check=True)
    print(f"rows={rows} {out.stdout.strip().splitlines()[-1]}")


def report_run(url: str) -> None:
    reference = simulate_population(5000, seed=9)
    reference["risk"] = true_probability(reference, scenario="baseline")
    reference["suggested_level"] = "STANDARD_INNSATS"
    before_mb = peak_mb()
    started = time.perf_counter()
    report = build_report(session_factory(make_engine(url)), since=None, until=None, reference=reference, verify=False)
    seconds = time.perf_counter() - started
    html_mb = len(report.html.encode()) / 1e6
    print(
        f"seconds={seconds:.1f} peak_mb={peak_mb():.0f} start_mb={before_mb:.0f} alerts={len(report.json['alerts'])} "
        f"html_mb={html_mb:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--report", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.report:
        report_run(args.report)
        return
    if args.one:
        one_run(args.one)
        return
    run_each_size(__file__, args.rows)


if __name__ == "__main__":
    main()
