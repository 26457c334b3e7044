"""Batch scoring at scale: ``python -m training score`` against ``mlflow.pyfunc.load_model(...).predict``, same rows.

    .venv/bin/python bench/batch_score.py [--rows 1000000] [--reasons 3] [--rounds 3] [--state DIR]

Sets up throwaway state in a temp dir (or reuses ``--state``): the champion of ``bench/serve.py`` (200k simulated
jobseekers, the size ``ensure-champion`` trains, registered and promoted in a SQLite MLflow store; its model cache
filled once) and ``--rows`` other simulated jobseekers in a Parquet file, profile columns only. Then ``--rounds``
rounds; each runs every target once, in the order below in odd rounds and reversed in even ones (a noisy minute on a
shared machine falls on the targets alike), each in a fresh process so its peak memory (``VmHWM``) is its own:

- ``batch``: the ``score`` command itself (its Typer app, in the child process) with ``--reasons``: load the champion,
  read, check, score with SHAP, policy and reasons, write the Parquet file and the side file;
- ``batch_k0``: the same with ``--reasons 0`` (no SHAP): the like-for-like peer of pyfunc, which gives no reasons;
- ``pyfunc``: ``mlflow.pyfunc.load_model("models:/<name>@champion")`` and ``predict`` on the same rows, read the same
  way in chunks of the same size (risk, range and level; no flags, no reasons, nothing written).

Each target's time runs from before its model load to its last row. One ``round=…`` line per run, one summary line
per target (medians over rounds), a ``targets:`` line, and last: ``rows=… seconds=… rows_per_s=… peak_mb=…
ratio_vs_pyfunc=… pyfunc_rows_per_s=… ratio_k0_vs_pyfunc=… ratio_min=… ratio_max=… rounds=…``: the batch target's
median seconds and rate, its highest peak, and the median over rounds of each round's batch rate over pyfunc's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _sizes import peak_mb

TARGETS = ("batch", "batch_k0", "pyfunc")
MAX_SECONDS = 300
MAX_PEAK_MB = 2048
MIN_RATIO = 3.0


@dataclass(frozen=True)
class Run:
    round_number: int
    target: str
    rows: int
    seconds: float
    peak_mb: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds

    def line(self) -> str:
        return (
            f"round={self.round_number} target={self.target} rows={self.rows} seconds={self.seconds:.1f} "
            f"rows_per_s={self.rows_per_s:.0f} peak_mb={self.peak_mb:.0f}"
        )


def setup(state: Path, rows: int) -> None:
    """The champion, its model cache and the profiles to score, unless ``state`` has them from an earlier run."""
    from serve import NAME, setup_champion

    from models.registry import load_champion
    from models.schema import PROFILE_FIELDS
    from training.population import simulate_population

    state.mkdir(parents=True, exist_ok=True)
    if not (state / "mlflow.db").exists():
        with contextlib.redirect_stdout(sys.stderr):  # MLflow's registration chatter is not a figure
            tracking_uri = setup_champion(state)
        load_champion(name=NAME, tracking_uri=tracking_uri, cache_dir=state / "model-cache")
    data = profiles_path(state, rows)
    if not data.exists():
        simulate_population(rows, seed=11)[list(PROFILE_FIELDS)].to_parquet(data, index=False)


def profiles_path(state: Path, rows: int) -> Path:
    return state / f"profiles-{rows}.parquet"


def one_run(target: str, state: Path, rows: int, reasons: int) -> None:
    """Time one target in this (fresh) process and print its figures as the last line."""
    from serve import NAME

    os.environ.update(
        PROFILING_DATA_DIR=str(state),
        MLFLOW_TRACKING_URI=f"sqlite:///{state / 'mlflow.db'}",
        PROFILING_MODEL_NAME=NAME,
    )
    data = profiles_path(state, rows)
    started = time.perf_counter()
    if target == "pyfunc":
        import mlflow

        from training.batch_score import DEFAULT_CHUNK_ROWS, open_profiles

        model = mlflow.pyfunc.load_model(f"models:/{NAME}@champion")
        for chunk in open_profiles(data).chunks(DEFAULT_CHUNK_ROWS):
            model.predict(chunk)
    else:
        from training.cli import app

        k = reasons if target == "batch" else 0
        out = state / f"scores-{target}.parquet"
        app(["score", "--data", str(data), "--out", str(out), "--reasons", str(k)], standalone_mode=False)
    seconds = time.perf_counter() - started
    print(f"seconds={seconds:.3f} peak_mb={peak_mb():.0f}")


def measure(args: argparse.Namespace, state: Path) -> list[Run]:
    runs = []
    for number in range(1, args.rounds + 1):
        order = TARGETS if number % 2 else TARGETS[::-1]
        for target in order:
            command = [sys.executable, __file__, "--one", target, "--state", str(state), "--rows", str(args.rows)]
            command += ["--reasons", str(args.reasons)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"{target} failed with exit status {done.returncode}:\n{done.stderr[-3000:]}")
            figures = dict(pair.split("=") for pair in done.stdout.strip().splitlines()[-1].split())
            run = Run(number, target, args.rows, float(figures["seconds"]), float(figures["peak_mb"]))
            print(run.line(), flush=True)
            runs.append(run)
    return runs


def summarise(runs: list[Run], reasons: int) -> None:
    by_target = {target: [r for r in runs if r.target == target] for target in TARGETS}
    for target, group in by_target.items():
        rates = [r.rows_per_s for r in group]
        print(
            f"target={target} rows={group[0].rows} seconds={statistics.median(r.seconds for r in group):.1f} "
            f"rows_per_s={statistics.median(rates):.0f} rows_per_s_min={min(rates):.0f} "
            f"rows_per_s_max={max(rates):.0f} peak_mb={max(r.peak_mb for r in group):.0f}"
        )

    def ratios(target: str) -> list[float]:
        return [t.rows_per_s / p.rows_per_s for t, p in zip(by_target[target], by_target["pyfunc"], strict=True)]

    batch, per_round, k0 = by_target["batch"], ratios("batch"), ratios("batch_k0")
    seconds = statistics.median(r.seconds for r in batch)
    peak = max(r.peak_mb for r in batch)
    ratio = statistics.median(per_round)

    def verdict(met: bool) -> str:
        return "met" if met else "MISSED"

    print(
        f"targets: {batch[0].rows} rows with {reasons} reasons in <= {MAX_SECONDS} s: "
        f"{verdict(seconds <= MAX_SECONDS)} (median {seconds:.0f} s); peak <= {MAX_PEAK_MB} MB: "
        f"{verdict(peak <= MAX_PEAK_MB)} ({peak:.0f} MB); >= {MIN_RATIO:g}x pyfunc's rows/s: "
        f"{verdict(ratio >= MIN_RATIO)} (median {ratio:.2f}x; without reasons {statistics.median(k0):.2f}x)"
    )
    print(
        f"rows={batch[0].rows} seconds={seconds:.1f} rows_per_s={statistics.median(r.rows_per_s for r in batch):.0f} "
        f"peak_mb={peak:.0f} ratio_vs_pyfunc={ratio:.2f} "
        f"pyfunc_rows_per_s={statistics.median(r.rows_per_s for r in by_target['pyfunc']):.0f} "
        f"ratio_k0_vs_pyfunc={statistics.median(k0):.2f} ratio_min={min(per_round):.2f} "
        f"ratio_max={max(per_round):.2f} rounds={len(per_round)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reasons", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--state", type=Path, help="keep the champion and the profiles here and reuse them")
    parser.add_argument("--one", choices=TARGETS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one, args.state, args.rows, args.reasons)
        return
    print(
        f"bench/batch_score.py: {args.rows} rows, {args.reasons} reasons; "
        f"{args.rounds} rounds, the targets in alternating order, each run in a fresh process; {os.cpu_count()} cores",
        flush=True,
    )
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    state = args.state or tmp
    try:
        started = time.perf_counter()
        setup(state, args.rows)
        print(f"setup: champion and {args.rows} profiles ready in {time.perf_counter() - started:.0f} s", flush=True)
        summarise(measure(args, state), args.reasons)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
