"""The office's answer for a pushed record (``MergeOutcome``), as people read it.

The wire and ``--json`` keep the codes (``accepted``, ``merged``, ``conflict``, ``rejected``);
text output names them in the reader's language with these words, the ones the desktop's sync
dialog uses.
"""

from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.messages import Text

OUTCOME_LABELS = {
    MergeOutcome.ACCEPTED: Text("diterima", "accepted"),
    MergeOutcome.MERGED: Text("digabung dengan data kantor", "merged with the office's record"),
    MergeOutcome.CONFLICT: Text("menunggu pemeriksaan", "waiting for review"),
    MergeOutcome.REJECTED: Text("ditolak", "rejected"),
}


def outcome_label(code: str) -> Text:
    """The words for an outcome code; a code this version does not know reads as itself."""
    try:
        return OUTCOME_LABELS[MergeOutcome(code)]
    except ValueError:
        return Text(code, code)
