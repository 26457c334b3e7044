"""Model quality against the exact optimum, and the model-size trade-off behind the default tree size.

Trains on the baseline scenario, then scores held-out rows of every scenario (drawn with another seed and all
labelled) with the model, p_opt, today's rule and logistic regression. Then trains models of several sizes and shows
AUC against the cost of one row's exact TreeSHAP.

    .venv/bin/python bench/model_quality.py [--train-rows 300000] [--test-rows 200000]

Last line: the baseline scenario's figures, ``auc_model=… auc_opt=… auc_gap=… ece=… auc_rule=… auc_logit=…``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from dataclasses import replace

import numpy as np

from training.data import prepare, temporal_split
from training.evaluate import evaluate, interval_coverage
from training.population import SCENARIOS, simulate_population
from training.train import TrainConfig, fit_candidates, fit_risk_model, score_candidates

SIZES = ((8, 4, 0.08), (8, 4, 0.15), (6, 3, 0.15), (15, 5, 0.15), (31, 8, 0.1))


def shap_ms_per_row(model, matrix: np.ndarray, rows: int = 500) -> float:
    """Median of five timings of exact TreeSHAP on single rows, as the service computes it."""
    for i in range(50):  # warm up: the first calls pay for thread pools and caches
        model.contributions(matrix[i : i + 1])
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        for i in range(rows):
            model.contributions(matrix[i : i + 1])
        timings.append((time.perf_counter() - started) / rows * 1000)
    return float(np.median(timings))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-rows", type=int, default=300_000)
    parser.add_argument("--test-rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    config = TrainConfig(seed=args.seed)
    train, calibration, _ = temporal_split(prepare(simulate_population(args.train_rows, seed=args.seed)))
    candidates = fit_candidates(train, calibration, config=config, metadata={})
    future = dt.date(2035, 1, 1)
    results = {}
    for scenario in SCENARIOS:
        test = prepare(simulate_population(args.test_rows, scenario=scenario, seed=args.seed + 1, extract_date=future))
        scored, scores = score_candidates(candidates, test)
        metrics = evaluate(test, scores)
        coverage = interval_coverage(scores["p_opt"], scored["lower"].to_numpy(), scored["upper"].to_numpy())
        results[scenario] = metrics
        print(
            f"scenario={scenario} rows={len(test)} auc_model={metrics['model_auc']:.4f} "
            f"auc_opt={metrics['p_opt_auc']:.4f} auc_rule={metrics['rule_auc']:.4f} "
            f"auc_logit={metrics['logit_auc']:.4f} ece_model={metrics['model_ece']:.4f} "
            f"ece_opt={metrics['p_opt_ece']:.4f} ece_logit={metrics['logit_ece']:.4f} "
            f"range_coverage={coverage:.3f} range_width={(scored['upper'] - scored['lower']).mean():.3f}"
        )

    baseline = prepare(simulate_population(args.test_rows, seed=args.seed + 1, extract_date=future))
    matrix = candidates.model.spec.encode_frame(baseline)
    for leaves, depth, rate in SIZES:
        sized = replace(config, num_leaves=leaves, max_depth=depth, learning_rate=rate, members=0)
        model = fit_risk_model(train, calibration, config=sized, metadata={})
        auc = evaluate(baseline, {"model": model.score_matrix(matrix)[0]})["model_auc"]
        default = (
            " (default)" if (leaves, depth, rate) == (config.num_leaves, config.max_depth, config.learning_rate) else ""
        )
        print(
            f"size leaves={leaves} depth={depth} learning_rate={rate} trees={model.metadata['trees']} auc={auc:.4f} "
            f"shap_ms_per_row={shap_ms_per_row(model, matrix):.3f}{default}"
        )

    m = results["baseline"]
    print(
        f"auc_model={m['model_auc']:.4f} auc_opt={m['p_opt_auc']:.4f} auc_gap={m['auc_gap_to_optimum']:.4f} "
        f"ece={m['model_ece']:.4f} auc_rule={m['rule_auc']:.4f} auc_logit={m['logit_auc']:.4f}"
    )


if __name__ == "__main__":
    main()
