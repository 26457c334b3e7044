"""The demo's equivalence trial, replayed into the records (obligation: none; it gives the trial report and the audit
report's trials section something to show on a fresh install).

The trial (:data:`models.demo_file.DEMO_TRIAL`) runs in the offices the demo file marks ``trial_office``; it is defined
when the first case that could take part is assessed. A case takes part when its jobseeker agreed to profiling and to
trials (``trial_consent``) and was registered in the trial's period at one of its offices. When the counsellor judges
two levels equally suitable (``marks_equivalent``: the suggested one and the one the simulated counsellor would have
moved to, or the next level when none), the service draws one (:func:`monitoring.records.trials.draw`) and the drawn
level is decided. Which level was drawn comes from the draw's own seed, so the demo's arms are random as a live
trial's are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from models.demo_file import DEMO_TRIAL
from models.policy import SUGGESTABLE_LEVELS, OverrideReason
from monitoring.records.trials import define_trial, draw

DEMO_DATA_SCIENTIST = "D990099"
"""Who defines the demo's trial."""
DRAWN_JUSTIFICATION = "Trukket i forsøket mellom to innsatsgrupper veilederen vurderte som like egnet."
"""The justification of a drawn level that departs from the suggestion."""
_DEFINED_BEFORE = dt.timedelta(minutes=1)


@dataclass
class DemoTrial:
    """The demo's trial over one load: defined once, then a draw per case that asks for one."""

    sessions: sessionmaker[Session]
    offices: tuple[str, ...]
    caller: str
    defined: bool = False

    @classmethod
    def of(cls, sessions: sessionmaker[Session], population: pd.DataFrame, *, caller: str) -> DemoTrial:
        """The trial of a demo population (no case takes part when none of its offices does)."""
        offices = population.loc[population["trial_office"].astype(bool), "office"].astype(str).unique()
        return cls(sessions, tuple(sorted(offices)), caller)

    def takes_part(self, row: dict[str, Any], registered: dt.date) -> bool:
        """Whether a case registered on ``registered`` takes part: consent, in the period, at an office of the trial."""
        period = DEMO_TRIAL.starts_on <= registered <= DEMO_TRIAL.ends_on
        return bool(row["trial_consent"]) and str(row["office"]) in self.offices and period

    def enrol(self, at: dt.datetime) -> bool:
        """Define the trial just before the first case that takes part is assessed at ``at``; whether it did now."""
        if self.defined:
            return False
        define_trial(
            self.sessions,
            trial_id=DEMO_TRIAL.trial_id,
            kind=DEMO_TRIAL.kind,
            eligible_offices=self.offices,
            starts_on=DEMO_TRIAL.starts_on,
            ends_on=DEMO_TRIAL.ends_on,
            protocol_reference=DEMO_TRIAL.protocol_reference,
            target_sample_size=DEMO_TRIAL.target_sample_size,
            actor=DEMO_DATA_SCIENTIST,
            caller=self.caller,
            request_id="demo-trial",
            at=at - _DEFINED_BEFORE,
        )
        self.defined = True
        return True

    def decision(
        self, row: dict[str, Any], *, tag: str, assessment_id: str, suggested: str, decided: str, at: dt.datetime
    ) -> tuple[str, object, object] | None:
        """The drawn level with its reason and justification, when the counsellor marks two levels equally suitable.

        Returns ``None`` when the counsellor does not (the simulated decision stands).
        """
        if not row["marks_equivalent"]:
            return None
        drawn = draw(
            self.sessions,
            assessment_id=assessment_id,
            trial_id=DEMO_TRIAL.trial_id,
            options=sorted({suggested, _hesitates_toward(suggested, decided)}),
            actor=str(row["counsellor_id"]),
            office=str(row["office"]),
            caller=self.caller,
            request_id=f"{tag}-draw",
            at=at,
        ).event.payload["drawn"]
        if drawn == suggested:
            return drawn, None, None
        return drawn, OverrideReason.OTHER.value, DRAWN_JUSTIFICATION


def _hesitates_toward(suggested: str, decided: str) -> str:
    """The other level the counsellor marks: the one decided without the trial, else the next suggestable one."""
    levels = [level.value for level in SUGGESTABLE_LEVELS]
    if decided in levels and decided != suggested:
        return decided
    position = levels.index(suggested)
    return levels[position + 1] if position + 1 < len(levels) else levels[position - 1]
