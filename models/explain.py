"""SHAP contributions grouped into human-readable factors, ranked, with direction and text.

Contributions are on the model's raw (log-odds) scale, where base value + sum of contributions is exactly the raw
score. Several features that describe one thing (e.g. work history) are summed into one factor, so a counsellor reads
a handful of reasons rather than twenty numbers.

:meth:`Explainer.reasons` ranks and words one row (the service); :meth:`Explainer.top_factors` and :func:`directions`
rank many rows at once (batch scoring). Both put the largest absolute contribution first, ties in the order of
:data:`FACTORS`. They are written apart because ranking one row through the many-row code cost 10 µs more per
assessment (65 against 55 µs for ``reasons``); ``tests/models/test_explain.py`` holds them equal, ties included.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.features import FeatureSpec
from models.formatting import format_value
from models.texts import DIRECTION_TEXTS, FACTOR_LABELS, FIELD_LABELS, Language, text

FACTORS: dict[str, tuple[str, ...]] = {
    "work_history": ("worked_6_of_last_12_months", "months_employed_last_36", "last_occupation"),
    "situation": ("situation",),
    "education": ("education", "education_passed", "education_recognised"),
    "age": ("age",),
    "earlier_spells": ("earlier_spells_last_5_years",),
    "health": ("health_hindrance",),
    "other_hindrance": ("other_hindrance",),
    "benefit": ("benefit",),
    "own_view": ("time_to_work_estimate", "own_assessment"),
    "language_and_residence": ("norwegian_skill", "years_in_norway"),
    "registration_channel": ("registration_channel",),
    "labour_market": ("county", "county_unemployment_rate"),
    "gender": ("gender",),
    "country_background": ("country_background",),
}
"""The features each factor sums, by factor key; the factors' labels are ``models.texts.FACTOR_LABELS``."""

_DIRECTIONS = np.array(["lowers", "raises"])


def directions(contributions: np.ndarray) -> np.ndarray:
    """``"raises"`` where a contribution is positive, else ``"lowers"`` (zero included), element by element.

    Examples
    --------
    >>> directions(np.array([0.2, -0.1, 0.0])).tolist()
    ['raises', 'lowers', 'lowers']
    """
    return _DIRECTIONS[(np.asarray(contributions) > 0).astype(np.intp)]


@dataclass(frozen=True)
class Reason:
    """One factor's share of the estimate, as shown to the counsellor."""

    factor: str
    label: str
    direction: str
    contribution: float
    values: str
    text: str


class Explainer:
    """Groups a feature spec's columns into factors once; then explains rows cheaply."""

    def __init__(self, spec: FeatureSpec) -> None:
        self.spec = spec
        index = {name: i for i, name in enumerate(spec.names)}
        self._groups = [
            (key, [index[f] for f in feats if f in index])
            for key, feats in FACTORS.items()
            if any(f in index for f in feats)
        ]
        self._group_matrix = np.zeros((len(spec.names), len(self._groups)))
        for g, (_, cols) in enumerate(self._groups):
            self._group_matrix[cols, g] = 1.0

    @property
    def factor_names(self) -> list[str]:
        return [key for key, _ in self._groups]

    def factor_contributions(self, contributions: np.ndarray) -> np.ndarray:
        """Sum feature contributions ``(n, n_features)`` into factor contributions ``(n, n_factors)``."""
        return np.asarray(contributions) @ self._group_matrix

    def top_factors(self, contributions: np.ndarray, *, top: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``top`` factors of each row, largest absolute contribution first, ties in the order of :data:`FACTORS`.

        Parameters
        ----------
        contributions
            SHAP contributions on the raw scale, shape ``(n, n_features)`` (without the bias).
        top
            How many factors per row.

        Returns
        -------
        tuple of numpy.ndarray
            The factors' positions in :attr:`factor_names` and their contributions, both ``(n, min(top, n_factors))``.
        """
        by_factor = self.factor_contributions(contributions)
        order = np.argsort(-np.abs(by_factor), axis=1, kind="stable")[:, :top]
        return order, np.take_along_axis(by_factor, order, axis=1)

    def _describe(self, row: np.ndarray, cols: list[int], lang: Language) -> str:
        names = self.spec.names
        return "; ".join(
            f"{text(FIELD_LABELS, names[i], lang)}: {format_value(names[i], self.spec.decode_value(i, row[i]), lang)}"
            for i in cols
        )

    def reasons(self, row: np.ndarray, contributions: np.ndarray, *, lang: Language, top: int = 6) -> list[Reason]:
        """The ``top`` factors of one encoded row, largest absolute contribution first.

        Parameters
        ----------
        row
            The encoded feature row, shape ``(n_features,)``.
        contributions
            SHAP contributions of that row on the raw scale, shape ``(n_features,)`` (without the bias).
        lang
            One of ``models.texts.LANGUAGES``.
        top
            How many factors to return.
        """
        by_factor = self.factor_contributions(contributions[np.newaxis, :])[0]
        order = np.argsort(-np.abs(by_factor), kind="stable")[:top]
        out = []
        for g in order:
            key, cols = self._groups[g]
            value = float(by_factor[g])
            direction = "raises" if value > 0 else "lowers"
            label = text(FACTOR_LABELS, key, lang)
            values = self._describe(row, cols, lang)
            sentence = f"{label}: {text(DIRECTION_TEXTS, direction, lang)} ({values})."
            out.append(Reason(key, label, direction, value, values, sentence))
        return out
