"""Cost of the whole training job at scale: simulate + validate + train + evaluate + log to MLflow, for each size.

    .venv/bin/python bench/train_scale.py [--rows 100000 300000 1000000]

Each size runs in a fresh subprocess (so peak memory is its own) against a throwaway MLflow store. One line per size;
the last line is the largest: ``rows=… seconds=… peak_mb=…``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _sizes import peak_mb, run_each_size


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
    print(f"rows={rows} seconds={seconds:.1f} peak_mb={peak_mb():.0f} auc={result.metrics['model_auc']:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one)
        return
    run_each_size(__file__, args.rows)


if __name__ == "__main__":
    main()
