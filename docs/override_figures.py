"""The override figures of docs/population.md: ``.venv/bin/python docs/override_figures.py`` (about 5 s)."""

from __future__ import annotations

import numpy as np

from training.counsellors import simulate_decisions
from training.population import simulate_population

population = simulate_population(200_000, seed=0)
risk = population["p_opt"].to_numpy()
health = (population["health_hindrance"] == "JA").to_numpy()
suggested = np.where(
    (risk < 0.3) & ~health,
    "STANDARD_INNSATS",
    np.where((risk >= 0.55) & health, "SPESIELT_TILPASSET_INNSATS", "SITUASJONSBESTEMT_INNSATS"),
)
decisions = simulate_decisions(population, suggested, seed=0)
overridden = ~decisions["follows_suggestion"].to_numpy()
low_language = (population["latent_language"] < -0.6).to_numpy()
reasons = (decisions["override_reason"].value_counts(normalize=True) * 100).round().astype(int).to_dict()
graded = (decisions["decided_level"] == "GRADERT_VARIG_TILPASSET_INNSATS").mean()
print(
    f"override_pct={overridden.mean() * 100:.1f} low_language_pct={overridden[low_language].mean() * 100:.0f} "
    f"rest_pct={overridden[~low_language].mean() * 100:.0f} graded_permanent_pct={graded * 100:.2f} "
    f"reasons_pct={reasons}"
)
