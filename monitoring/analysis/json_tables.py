"""Report tables as JSON, the form ``report.json`` gives machines."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def json_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as JSON-ready dicts: native Python types, NaN and missing values as None.

    Examples
    --------
    >>> json_records(pd.DataFrame({"group": ["a", "b"], "n": pd.array([120, None], dtype="Int64"), "x": [0.5, np.nan]}))
    [{'group': 'a', 'n': 120, 'x': 0.5}, {'group': 'b', 'n': None, 'x': None}]
    """
    return [
        {key: None if _missing(value) else value for key, value in row.items()}
        for row in table.to_dict(orient="records")
    ]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT
