"""LightGBM's single-row fast path for the serving hot path.

``Booster.predict`` spends about 11 µs per call in Python (parameter strings, array checks, a new predictor object)
before LightGBM's C++ code runs; one assessment makes six calls (SHAP values and five bootstrap members). The C API
``LGBM_BoosterPredictForMatSingleRowFast`` prepares all that once per booster and then predicts one row in one call
(about 5 µs for a raw score here, see ``bench/serve.py --profile``). The predictions are the same numbers: LightGBM's
own code computes both (tested in ``tests/models/test_single_row.py``). The C++ side takes the booster's lock, so one
predictor may be used from several threads; ctypes releases the GIL during the call.

The ctypes bindings are LightGBM's own (``lightgbm.libpath._LIB``); the C functions have been stable since 3.0.
"""

from __future__ import annotations

import ctypes
import weakref

import lightgbm as lgb
import numpy as np
from lightgbm.basic import _c_str, _safe_call
from lightgbm.libpath import _LIB

_PREDICT_RAW_SCORE = 1  # C_API_PREDICT_RAW_SCORE
_PREDICT_CONTRIB = 3  # C_API_PREDICT_CONTRIB
_DTYPE_FLOAT64 = 1  # C_API_DTYPE_FLOAT64
_ALL_ITERATIONS = (0, -1)  # start_iteration, num_iteration: every tree the saved booster holds


class SingleRowPredictor:
    """Raw score (``contributions=False``) or SHAP values plus bias (``True``) of one float64 row of a booster."""

    def __init__(self, booster: lgb.Booster, *, contributions: bool) -> None:
        self._booster = booster  # the handle below borrows the booster: keep it alive as long as this object
        self._columns = booster.num_feature()
        self._width = self._columns + 1 if contributions else 1
        handle = ctypes.c_void_p()
        _safe_call(
            _LIB.LGBM_BoosterPredictForMatSingleRowFastInit(
                booster._handle,
                ctypes.c_int(_PREDICT_CONTRIB if contributions else _PREDICT_RAW_SCORE),
                ctypes.c_int(_ALL_ITERATIONS[0]),
                ctypes.c_int(_ALL_ITERATIONS[1]),
                ctypes.c_int(_DTYPE_FLOAT64),
                ctypes.c_int32(self._columns),
                _c_str("num_threads=1"),
                ctypes.byref(handle),
            )
        )
        self._handle = handle
        weakref.finalize(self, _LIB.LGBM_FastConfigFree, handle)

    def __call__(self, row: np.ndarray) -> np.ndarray:
        """Predict one row of shape ``(n_features,)``; returns shape ``(1,)`` or ``(n_features + 1,)``."""
        values = np.ascontiguousarray(row, dtype=np.float64)
        if values.shape != (self._columns,):
            raise ValueError(f"expected one row of {self._columns} features, got shape {values.shape}")
        out = np.empty(self._width, dtype=np.float64)
        written = ctypes.c_int64()
        _safe_call(
            _LIB.LGBM_BoosterPredictForMatSingleRowFast(
                self._handle,
                values.ctypes.data_as(ctypes.c_void_p),
                ctypes.byref(written),
                out.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
            )
        )
        return out
