"""Cost of the whole training job at scale: simulate + validate + train + evaluate + log to MLflow, for each size.

    .venv/bin/python bench/train_scale.py [--rows 100000 300000 1000000]

Each size runs in a fresh subprocess (so peak memory is its own) against a throwaway MLflow store. One line per size;
the last line is the largest: ``rows=… seconds=… peak_mb=…``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one_run(rows: int) -> None:
    from training.pipeline import run_training
    from training.population import simulate_population
    from training.train import TrainConfig

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        frame = simulate_population(rows, seed=0)
        result = run_training(
            frame,
            config=TrainConfig(),
            name="bench-scale",
            tracking_uri=f"sqlite:///{Path(tmp) / 'mlflow.db'}",
            artifact_root=Path(tmp) / "artifacts",
            cache_dir=Path(tmp) / "cache",
            data_description=f"bench {rows}",
        )
    seconds = time.perf_counter() - started
    peak_mb = _peak_mb()
    print(f"rows={rows} seconds={seconds:.1f} peak_mb={peak_mb:.0f} auc={result.metrics['model_auc']:.4f}")


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM; unlike ru_maxrss it does not carry over the parent's across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one)
        return
    for rows in args.rows:
        out = subprocess.run([sys.executable, __file__, "--one", str(rows)], capture_output=True, text=True, check=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
