"""The demo population file's case columns: what ``training.demo`` writes and ``monitoring.demo`` reads.

Beside the profile, the identity number, office, counsellor, consent, label and the decision each suggested level
would get, a demo row holds what happens to its case after the decision, should it get there (documented in
:mod:`training.demo`). One list, here, because training writes the file and monitoring reads it, and neither may import
the other.
"""

from __future__ import annotations

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
