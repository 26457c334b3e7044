"""What would have to be different for another suggestion: counterfactuals over the declared changes.

For one profile and one model version, and for each suggestable level other than the profile's own suggestion, the
smallest set of changes to changeable fields (:mod:`models.field_declarations`) after which the model and its policy
would suggest that level, or ``None``: no such set exists within the search space. "Smallest" is the fewest fields
changed, then the fewest steps (the nearest values), then the declarations' order, so the answer is deterministic.

Method: an exhaustive search over the declared grid, scored in one batch by the model itself. Every combination of
the declared alternatives of every changeable field (each field kept, or moved 1, 2, … steps) becomes a candidate
profile, encoded with the one feature encoding (each changed value once), scored with
:meth:`~models.risk_model.RiskModel.score_matrix` (risk and range) and mapped to a level by the model's own policy
(:func:`~models.policy.suggest`, so a level that depends on other fields or flags is decided exactly as in an
assessment). A candidate that breaks the schema's cross-field rules (e.g. "worked 6 of the last 12 months" with fewer
than 6 months employed) is never chosen. The declared grid is small (at most 2 · 2 · 2 · 2 · 4 · 3 = 192 profiles), so
the whole of it is scored: "none found" means none exists in the declared space, not that a sampler gave up.

Why not a library: DiCE (``dice-ml`` 0.12) and alibi (0.9) both install here, but neither fits. alibi's counterfactual
methods need TensorFlow and a differentiable model (``Counterfactual``, ``CounterfactualProto``: gradient searches) or
an autoencoder and a reinforcement-learning agent trained per model (``CounterfactualRL``). DiCE's model-agnostic
methods flip the classifier's class (or move a probability into a range), not a policy level that also depends on
unchangeable fields; directions must be rebuilt for every query as ``permitted_range``; its answer is not guaranteed
minimal, and an empty answer from its random sampler does not mean that none exists. Measured on this machine kind
(2 cores; DiCE in a virtual environment of its own) on an equivalent LightGBM pipeline (100 trees, the six changeable
features, 20 queries): DiCE ``random`` 143 ms a query at the median and 210 ms at the 99th percentile, ``genetic``
0.8–15 s, against a budget of 20 ms at the 99th percentile. The grid search, verification included, took 0.7–1.0 ms
at the median and 4.7–13.4 ms at the 99th percentile (``cf_ms_p99`` in ``bench/serve.py``'s last line) on the same
machine busy with other jobs (load average 3.7–6).

Guarantee: every counterfactual returned is verified before it is returned: its changes are applied to the profile
through the schema (a validated :class:`~models.schema.JobseekerProfile`), the result is scored again with the same
model (:meth:`~models.risk_model.RiskModel.score_profiles`), and only a promised level that this reproduces is
returned. Limit: it is what this model version would suggest, not what would happen, and not an entitlement; changes
are taken one field at a time as declared, while in life they come together with time (a person also grows older).
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass

import numpy as np

from models.field_declarations import FIELD_DECLARATIONS, FieldDeclaration, ProfileValue
from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, suggest
from models.risk_model import RiskModel
from models.schema import JobseekerProfile, consistency_violations

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One field changed from its current value to a proposed one."""

    field: str
    current: ProfileValue
    proposed: ProfileValue


@dataclass(frozen=True)
class Counterfactual:
    """The smallest set of changes after which the model would suggest ``level``, and the risk it would estimate.

    ``changes`` and ``risk`` are ``None`` when no set of declared changes leads to ``level``.
    """

    level: FollowUpLevel
    changes: tuple[Change, ...] | None
    risk: float | None


@dataclass(frozen=True)
class Counterfactuals:
    """The profile's own suggestion under the model, and one :class:`Counterfactual` for each other suggestable
    level (in the order of :data:`~models.policy.SUGGESTABLE_LEVELS`).
    """

    level: FollowUpLevel
    options: tuple[Counterfactual, ...]


@dataclass(frozen=True)
class _Grid:
    """Every combination of the declared changes to one profile, the unchanged profile first (row 0).

    ``profiles`` are copies that are not validated (pydantic's ``model_copy``, about 2 µs each, against 20 µs for a
    validation): the declared alternatives are values of the fields' own types, and :func:`_consistent` applies the
    cross-field rules. ``matrix`` is their encoding: the profile's row with each changed cell set to the encoding of
    that one change, the same numbers as encoding every copy (``tests/models/test_counterfactuals.py``) in a tenth of
    the time.
    """

    changes: list[tuple[Change, ...]]
    steps: list[int]
    profiles: list[JobseekerProfile]
    matrix: np.ndarray


def _grid(profile: JobseekerProfile, model: RiskModel, declarations: dict[str, FieldDeclaration]) -> _Grid:
    per_field: list[list[Change]] = []
    for name, declaration in declarations.items():
        if declaration.change is not None:
            current = getattr(profile, name)
            if alternatives := declaration.change.alternatives(current):
                per_field.append([Change(name, current, value) for value in alternatives])
    # choice[i, j]: 0 keeps field j in combination i, k moves it to its k-th alternative (k steps away)
    choice = np.array(list(itertools.product(*(range(len(field) + 1) for field in per_field))), dtype=np.intp)
    changes = [tuple(per_field[j][k - 1] for j, k in enumerate(row) if k) for row in choice.tolist()]
    profiles = [profile.model_copy(update={c.field: c.proposed for c in cs}) if cs else profile for cs in changes]
    spec = model.spec
    matrix = np.repeat(spec.encode_profile(profile), len(choice), axis=0)
    for j, field in enumerate(per_field):
        if field[0].field in spec.names:
            column = spec.names.index(field[0].field)
            alone = [spec.encode_profile(profile.model_copy(update={c.field: c.proposed}))[0, column] for c in field]
            matrix[:, column] = np.array([matrix[0, column], *alone])[choice[:, j]]
    return _Grid(changes, choice.sum(axis=1).tolist(), profiles, matrix)


def _consistent(profiles: list[JobseekerProfile]) -> np.ndarray:
    """Which profiles keep the schema's cross-field rules (:func:`~models.schema.consistency_violations`)."""
    broken = consistency_violations(
        country_background=np.array([p.country_background.value for p in profiles]),
        years_in_norway=np.array([np.nan if p.years_in_norway is None else p.years_in_norway for p in profiles]),
        age=np.array([p.age for p in profiles]),
        months_employed_last_36=np.array([p.months_employed_last_36 for p in profiles]),
        worked_6_of_last_12_months=np.array([p.worked_6_of_last_12_months for p in profiles]),
    )
    return np.logical_not(np.vstack(list(broken.values())).any(axis=0))


def _applied(profile: JobseekerProfile, changes: tuple[Change, ...]) -> JobseekerProfile:
    """``profile`` with ``changes`` applied, validated by the schema like any profile the service takes."""
    return JobseekerProfile.model_validate({**profile.model_dump(), **{c.field: c.proposed for c in changes}})


def counterfactuals(
    profile: JobseekerProfile,
    model: RiskModel,
    *,
    declarations: dict[str, FieldDeclaration] = FIELD_DECLARATIONS,
) -> Counterfactuals:
    """The smallest verified set of declared changes that moves ``model``'s suggestion to each other level.

    Parameters
    ----------
    profile
        The profile as it was assessed (for a stored assessment: the stored profile).
    model
        The model version that assessed it, with its own policy.
    declarations
        Which fields may change and how.

    Returns
    -------
    Counterfactuals
        The profile's own suggested level and, for each other suggestable level, its counterfactual.
    """
    grid = _grid(profile, model, declarations)
    risk, lower, upper = model.score_matrix(grid.matrix)
    levels = [
        suggest(p, risk=r, lower=lo, upper=hi, config=model.policy).level
        for p, r, lo, hi in zip(grid.profiles, risk, lower, upper, strict=True)
    ]
    own = levels[0]
    best: dict[FollowUpLevel, tuple[Change, ...]] = {}
    for i in sorted(np.flatnonzero(_consistent(grid.profiles)), key=lambda i: (len(grid.changes[i]), grid.steps[i], i)):
        best.setdefault(levels[i], grid.changes[i])
    found = [(level, best[level]) for level in SUGGESTABLE_LEVELS if level != own and level in best]
    verified = {cf.level: cf for cf in _verified(profile, model, found)}
    options = tuple(
        verified.get(level, Counterfactual(level, None, None)) for level in SUGGESTABLE_LEVELS if level != own
    )
    return Counterfactuals(own, options)


def _verified(
    profile: JobseekerProfile, model: RiskModel, found: list[tuple[FollowUpLevel, tuple[Change, ...]]]
) -> list[Counterfactual]:
    """The found counterfactuals that, applied to ``profile`` and scored again by ``model``, give their level."""
    if not found:
        return []
    rescored = model.score_profiles([_applied(profile, changes) for _, changes in found])
    verified = []
    for (level, changes), got, risk in zip(found, rescored["suggested_level"], rescored["risk"], strict=True):
        if got == level.value:
            verified.append(Counterfactual(level, changes, float(risk)))
        else:
            logger.error("a counterfactual did not reproduce its level; not shown", extra={"level": level.value})
    return verified
