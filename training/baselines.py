"""The logistic-regression baseline: a plain, well-understood model on the same profile columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from models.features import MISSING, FeatureSpec


def fit_logistic(frame: pd.DataFrame, label: np.ndarray, *, spec: FeatureSpec) -> Pipeline:
    """One-hot categories, standardised numbers with a missing indicator, L2-regularised logistic regression."""
    categorical = [f.name for f in spec.features if f.is_categorical]
    numeric = [f.name for f in spec.features if not f.is_categorical]
    pipeline = make_pipeline(
        ColumnTransformer(
            [
                ("categories", OneHotEncoder(handle_unknown="ignore"), categorical),
                ("numbers", make_pipeline(SimpleImputer(add_indicator=True), StandardScaler()), numeric),
            ]
        ),
        LogisticRegression(max_iter=500, C=1.0),
    )
    pipeline.fit(_columns(frame, spec), label)
    return pipeline


def predict_logistic(pipeline: Pipeline, frame: pd.DataFrame, *, spec: FeatureSpec) -> np.ndarray:
    return np.asarray(pipeline.predict_proba(_columns(frame, spec))[:, 1])


def _columns(frame: pd.DataFrame, spec: FeatureSpec) -> pd.DataFrame:
    out = frame[spec.names].copy()
    for f in spec.features:
        if f.is_categorical:
            out[f.name] = out[f.name].astype(object).where(out[f.name].notna(), MISSING).astype(str)
        else:
            out[f.name] = out[f.name].astype(np.float64)
    return out
