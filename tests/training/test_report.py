"""The model card lists each feature's purpose and legal basis, and whether a person can change it."""

from __future__ import annotations

from models.field_declarations import FIELD_DECLARATIONS
from models.risk_model import RiskModel
from training.report import model_card


def test_the_model_card_lists_each_features_purpose_and_legal_basis(small_model: RiskModel) -> None:
    card = model_card(name="risk", metrics={}, groups=[], shares={}, data="test population", model=small_model)
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in card.splitlines() if line.startswith("| ")}
    assert small_model.spec.names
    for name in small_model.spec.names:
        declared = FIELD_DECLARATIONS[name]
        assert rows[name].startswith(f"| {name} | yes | {declared.purpose} | {declared.legal_basis} | ")
    assert rows["gender"].startswith("| gender | no | ")  # recorded for fairness monitoring, not a feature here
    assert "never proposed: who the person is" in rows["age"]
    assert "can only grow with time" in rows["months_employed_last_36"]
