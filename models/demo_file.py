"""The demo population file's case columns: what ``training.demo`` writes and ``monitoring.demo`` reads.

Beside the profile, the identity number, office, counsellor, consent, label and the decision each suggested level
would get, a demo row holds what happens to its case after the decision, should it get there (documented in
:mod:`training.demo`). One list, here, because training writes the file and monitoring reads it, and neither may import
the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CASE_COLUMNS: tuple[str, ...] = (
    "provisional_level",
    "approver_id",
    "approval_days",
    "return_reason",
    "redecision_days",
    "reviewer_id",
    "objection_channel",
    "objection_days",
    "objection_text",
    "objection_step",
    "review_outcome",
    "review_days",
    "review_justification",
    "review_reason",
    "extract_date",
)
"""The columns of the rest of each case."""
DOCUMENTATION_COLUMNS: tuple[str, ...] = ("considered_factors", "jobseeker_wishes", "follow_up_channel")
"""The counsellor's documentation of the first decision (``;``-separated factor codes, free text, a channel), all
empty for an undocumented decision."""
TRIAL_COLUMNS: tuple[str, ...] = ("trial_consent", "trial_office", "marks_equivalent")
"""The demo's equivalence trial: whether the jobseeker consents to take part in trials, whether the office is one of
the trial's, and whether the counsellor judges two levels equally suitable for this person (the suggested one and the
one the counsellor hesitates toward) and so asks for a draw when the case is eligible."""


@dataclass(frozen=True)
class DemoTrialDefinition:
    """What a data scientist states to define the demo's trial (its offices come from the rows)."""

    trial_id: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    protocol_reference: str
    target_sample_size: int


DEMO_TRIAL = DemoTrialDefinition(
    trial_id="demo-equivalence-2025",
    kind="equivalence",
    starts_on=dt.date(2025, 3, 1),
    ends_on=dt.date(2025, 10, 31),
    protocol_reference="Demo protocol: equally suitable follow-up levels (not a registered trial)",
    target_sample_size=400,
)
"""The demo's trial definition (its offices are the rows' ``trial_office`` ones); outcomes of its period exist at the
demo's extract date."""
