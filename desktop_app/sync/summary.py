"""One summary of a sync run, made once when the run ends, that every place showing the run
reads: the status bar's line and the result dialog's heading are the same ``headline``, so
they cannot disagree.

The words keep apart what is easily confused: records *sent to* the office (and what it did
with each, in the same words as the CLI) and records *from* the office (new to this laptop or
changed there; the laptop's own records coming back as they were sent are not counted).
"""

from dataclasses import dataclass
from typing import Any

from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.messages import Text
from desktop_app.domain.office_changes import OfficeChange
from desktop_app.domain.sync_outcomes import OUTCOME_LABELS
from desktop_app.store.sync_records import SyncCounts

NOTHING_CHANGED = Text("Sinkron: tidak ada perubahan.", "Sync: nothing changed.")


@dataclass(frozen=True)
class SyncSummary:
    accepted: int = 0
    merged: int = 0
    conflict: int = 0
    rejected: int = 0
    error: int = 0  # records the office failed on alone (logged there with an incident id)
    pulled: int = 0  # office records new to this laptop or changed on it
    # refused records and conflicts, as JSON objects (the CLI's --json prints them as they
    # are): id, nik, full_name, birth_date, outcome, reasons, conflicting, and for a
    # conflict the office's office_full_name and office_birth_date when the office says
    problems: tuple[dict[str, Any], ...] = ()
    office_changes: tuple[OfficeChange, ...] = ()  # this laptop's records the office changed

    @classmethod
    def of(cls, counts: SyncCounts) -> "SyncSummary":
        return cls(accepted=counts.accepted, merged=counts.merged, conflict=counts.conflict,
                   rejected=counts.rejected, error=counts.error, pulled=counts.pulled,
                   problems=tuple(counts.problems),
                   office_changes=tuple(counts.office_changes))

    @property
    def sent(self) -> int:
        return self.accepted + self.merged + self.conflict + self.rejected + self.error

    @property
    def needs_officer(self) -> bool:
        """Something the officer must read: a refusal, a conflict, a record of theirs the
        office changed or decided. Otherwise the status bar's line is enough."""
        return bool(self.problems or self.office_changes)

    @property
    def headline(self) -> Text:
        """The run in one line, naming only what happened (never "0 accepted")."""
        parts: list[Text] = []
        if self.sent:
            outcomes = [Text(f"{n} {OUTCOME_LABELS[o].id}", f"{n} {OUTCOME_LABELS[o].en}")
                        for o, n in ((MergeOutcome.ACCEPTED, self.accepted),
                                     (MergeOutcome.MERGED, self.merged),
                                     (MergeOutcome.CONFLICT, self.conflict),
                                     (MergeOutcome.REJECTED, self.rejected)) if n]
            if self.error:  # each waits and goes again; the problems name the incident
                outcomes.append(Text(f"{self.error} gagal di kantor, dikirim lagi nanti",
                                     f"{self.error} failed at the office, sent again later"))
            parts.append(Text(
                f"{self.sent} data terkirim ke kantor ({', '.join(t.id for t in outcomes)})",
                f"{self.sent} sent to the office ({', '.join(t.en for t in outcomes)})"))
        if self.pulled:
            parts.append(Text(f"{self.pulled} data baru atau berubah dari kantor",
                              f"{self.pulled} new or changed from the office"))
        if self.office_changes:
            count = len(self.office_changes)
            parts.append(Text(f"{count} data Anda diubah atau diputuskan kantor",
                              f"{count} of yours changed or decided by the office"))
        if not parts:
            return NOTHING_CHANGED
        return Text("Sinkron: " + "; ".join(p.id for p in parts) + ".",
                    "Sync: " + "; ".join(p.en for p in parts) + ".")
