"""Synthetic data, training, evaluation and promotion of the risk model."""
