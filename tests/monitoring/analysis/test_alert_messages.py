"""Every alert a section raises has its sentence in ALERT_TEXTS in every language, and reads in each with its codes
as labels and its numbers as the language writes them."""

from __future__ import annotations

import pytest

from models.texts import ALERT_TEXTS, LANGUAGES, Text
from monitoring.analysis import alerts, drift, model_events, overrides, performance, shadow_rule, trials
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.fairness import gaps

SECTIONS = {
    "overrides": overrides.ALERT_KEYS,
    "fairness": gaps.ALERT_KEYS,
    "performance": performance.ALERT_KEYS,
    "drift": drift.ALERT_KEYS,
    "shadow_rule": shadow_rule.ALERT_KEYS,
    "model_events": model_events.ALERT_KEYS,
    "trials": trials.ALERT_KEYS,
    "summary": alerts.ALERT_KEYS,
}


@pytest.mark.parametrize("section", SECTIONS)
def test_every_alert_key_of_a_section_has_its_text_in_every_language(section: str) -> None:
    keys = SECTIONS[section]
    assert keys, "each section names the keys it raises"
    for key in keys:
        entry = ALERT_TEXTS[key]
        assert isinstance(entry, Text) and all(getattr(entry, lang).strip() for lang in LANGUAGES), key


def test_every_alert_text_is_raised_by_a_section() -> None:
    raised = [key for keys in SECTIONS.values() for key in keys]
    assert sorted(raised) == sorted(ALERT_TEXTS)


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(KeyError, match="not a key of ALERT_TEXTS"):
        AlertMessage("too_many_overides_overall")


def test_an_alert_reads_with_labels_and_numbers_in_each_language() -> None:
    alert = AlertMessage(
        "suggestion_share_changed",
        {"level": "SITUASJONSBESTEMT_INNSATS", "reference_share": 0.2, "current_share": 0.315, "share_limit": 0.1},
    )
    assert (
        alert.text("en") == "Share of suggestions Situation-dependent follow-up changed from 20% to 31.5% (limit ±10%)."
    )
    assert alert.text("nn") == (
        "Delen forslag om Situasjonsbestemt innsats endra seg frå 20\u00a0% til 31,5\u00a0% (grense ±10\u00a0%)."
    )
    assert AlertMessage.from_dict(alert.as_dict()) == alert
