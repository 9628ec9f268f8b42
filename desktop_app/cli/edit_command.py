"""``banjar-enroll edit ID|NIK [--json FILE|-] [--draft] [--correct-nik NEW]``: the form's
edit, for IT staff and scripts.

The change is a partial JSON object (``domain.enrollment_patch``): only the fields it names
change, ``null`` clears one. The result goes through the store's one edit path
(``EnrollmentStore.update``), the one the form saves through: the same validation, the same
draft rule (kept as a draft only with ``--draft``, and only with a valid NIK), the same check
that no other record holds the NIK, one history entry with the officer, the device and each
field's old and new value. An edit of a synced, refused or disputed record makes it ready
again, based on the office revision it came from, so the next sync sends it (as the form does).

A NIK is changed only on purpose, with ``--correct-nik``: the form's question "new person or a
correction of this one?" asked on the command line. A NIK in the JSON that differs from the
record's is refused rather than taken as a correction; a new person is ``enroll``'s work.
"""

import argparse
import sys
from typing import Any

from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.cli.enroll_command import read_json_input
from desktop_app.cli.list_show_command import find
from desktop_app.domain.enrollment import Enrollment, EnrollmentStatus
from desktop_app.domain.enrollment_patch import apply_change, names_other_nik
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.nik import parse_nik
from desktop_app.domain.validation import check_enrollment
from desktop_app.store.enrollments import (
    DuplicateNik,
    EnrollmentRefused,
    EnrollmentStore,
    StaleRevision,
)
from desktop_app.store.records import StoredEnrollment


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    parser = commands.add_parser(
        "edit", parents=parents,
        help="change a saved enrollment with the form's rules (a partial JSON object, or a "
             "NIK correction)")
    parser.add_argument("key", metavar="ID|NIK", help="the enrollment's id or the person's NIK")
    parser.add_argument("--json", dest="input", metavar="FILE|-",
                        help="JSON object of the fields to change (names as in the README; "
                             "null clears a field); - reads stdin")
    parser.add_argument("--draft", action="store_true",
                        help="keep the record as a draft when the change leaves errors "
                             "(a valid NIK is still required)")
    parser.add_argument("--correct-nik", metavar="NEW",
                        help="correct this person's NIK to NEW (the history keeps the old one)")
    parser.set_defaults(handler=run)


class _Refused(Exception):
    """The edit has errors (per field) and nothing was written."""

    def __init__(self, issues: list[FieldIssue] | tuple[FieldIssue, ...]) -> None:
        super().__init__("refused")
        self.issues = tuple(issues)


def _corrected_nik(stored: StoredEnrollment, new: str | None) -> str:
    """The NIK the edited record will hold: the record's own, or ``--correct-nik``'s when that
    is a valid NIK (refused with the NIK's own message otherwise)."""
    if new is None:
        return stored.record.nik
    parsed = parse_nik(new, today=stored.enrolled_on)
    if not parsed.is_valid:
        raise _Refused([i for i in parsed.issues if i.is_error])
    return parsed.nik


def _edited(stored: StoredEnrollment, change: Any, nik: str,
            context: CommandContext) -> Enrollment:
    """The record with the change and the NIK applied, or _Refused/CommandError."""
    if names_other_nik(change, stored.record.nik) and names_other_nik(change, nik):
        raise CommandError(Text(
            f"NIK di JSON ({change['nik']}) berbeda dengan NIK data ini ({stored.record.nik}); "
            f"NIK tidak diubah lewat --json. Untuk memperbaiki NIK orang ini: banjar-enroll "
            f"edit {stored.id} --correct-nik NIK_BARU; untuk orang lain: banjar-enroll enroll",
            f"the NIK in the JSON ({change['nik']}) differs from this record's "
            f"({stored.record.nik}); --json does not change the NIK. To correct this person's "
            f"NIK: banjar-enroll edit {stored.id} --correct-nik NEW_NIK; for another person: "
            f"banjar-enroll enroll").in_language(context.language))
    record, issues = apply_change(stored.record, change)
    if issues:
        raise _Refused(issues)
    return record.with_changes(nik=nik)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    if args.input is None and args.correct_nik is None:
        raise CommandError(Text(
            "tidak ada yang diubah: beri --json FILE|- (kolom yang diubah) dan/atau "
            "--correct-nik NIK_BARU",
            "nothing to change: give --json FILE|- (the fields to change) and/or "
            "--correct-nik NEW_NIK").in_language(context.language))
    change = read_json_input(args.input, context) if args.input is not None else {}
    officer = context.officer()
    stored = find(context, args.key)
    store = EnrollmentStore(context.engine)
    try:
        record = _edited(stored, change, _corrected_nik(stored, args.correct_nik), context)
        saved = store.update(stored.id, record, officer_id=officer.id,
                             expected_revision=stored.revision, allow_draft=args.draft)
    except (_Refused, EnrollmentRefused) as refused:
        _print_refusal(stored, refused.issues, args.draft, context)
        return 1
    except DuplicateNik as taken:
        other = taken.existing
        raise CommandError(Text(
            f"NIK {other.record.nik} sudah dipakai data lain di laptop ini: "
            f"{other.record.full_name} ({other.status}) {other.id}; tidak ada yang diubah. "
            f"Buka data itu: banjar-enroll show {other.id}",
            f"NIK {other.record.nik} is already held by another record on this laptop: "
            f"{other.record.full_name} ({other.status}) {other.id}; nothing was changed. "
            f"Open that record: banjar-enroll show {other.id}",
        ).in_language(context.language)) from None
    except StaleRevision:
        raise CommandError(Text(
            f"data {stored.id} berubah saat diedit (mis. oleh sinkronisasi); tidak ada yang "
            "diubah. Lihat perubahannya (banjar-enroll show) lalu jalankan lagi",
            f"record {stored.id} changed while it was edited (for example by a sync); nothing "
            "was changed. See the change (banjar-enroll show) and run again",
        ).in_language(context.language)) from None
    history = store.history(saved.id)
    if context.json_output:
        context.print_json({**saved.to_json(), "history": history})
    else:
        _print_saved(saved, history[-1] if saved.revision != stored.revision else None, context)
    return 0


def _print_refusal(stored: StoredEnrollment, issues: tuple[FieldIssue, ...], draft: bool,
                   context: CommandContext) -> None:
    if context.json_output:
        context.print_json({"id": str(stored.id), "outcome": "refused",
                            "issues": [i.to_json() for i in issues]})
        return
    only_nik = all(i.field == "nik" for i in issues)
    hint = Text("", "") if draft or only_nik else Text(
        " (--draft menyimpannya sebagai draf)", " (--draft keeps it as a draft)")
    print(Text(f"{stored.record.full_name} {stored.id}: DITOLAK, tidak ada yang diubah"
               f"{hint.id}",
               f"{stored.record.full_name} {stored.id}: REFUSED, nothing was changed"
               f"{hint.en}").in_language(context.language), file=sys.stderr)
    for issue in issues:
        print("  " + context.issue_line(issue), file=sys.stderr)


def _print_saved(saved: StoredEnrollment, entry: dict[str, Any] | None,
                 context: CommandContext) -> None:
    """What was saved, or that nothing changed; a draft's remaining errors and the warnings."""
    language = context.language
    head = f"{saved.record.full_name} {saved.id}"
    if entry is None:
        print(Text(f"{head}: tidak ada perubahan; tidak ada yang disimpan ({saved.status}, "
                   f"revisi {saved.revision})",
                   f"{head}: nothing changed; nothing was saved ({saved.status}, revision "
                   f"{saved.revision})").in_language(language))
        return
    fields = ", ".join(sorted(entry["changes"]))
    print(Text(f"{head}: tersimpan ({saved.status}), revisi {saved.revision}; diubah: {fields}",
               f"{head}: saved ({saved.status}), revision {saved.revision}; changed: {fields}")
          .in_language(language))
    if saved.status is EnrollmentStatus.DRAFT:
        for issue in check_enrollment(saved.record, on=saved.enrolled_on).errors:
            print("  " + context.issue_line(issue))
    for warning in saved.warnings:
        print("  " + context.issue_line(warning))
