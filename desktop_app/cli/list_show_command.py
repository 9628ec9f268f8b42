"""``banjar-enroll list`` and ``banjar-enroll show ID|NIK``: what this laptop holds."""

import argparse
import uuid

from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.domain.banjar import canonical_banjar_name
from desktop_app.domain.display import display_value
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.messages import Text, format_rupiah
from desktop_app.domain.nik import normalize_number
from desktop_app.domain.validation import check_enrollment
from desktop_app.store.enrollments import EnrollmentNotFound, EnrollmentStore
from desktop_app.store.records import StoredEnrollment
from desktop_app.store.search import EnrollmentQuery, count_enrollments, search_enrollments

MAX_LIMIT = 10_000
MAX_OFFSET = 10**9
NEAR_MARK = "≈"  # before a name found by a near spelling (listed after the exact matches)


def add_parsers(commands: argparse._SubParsersAction, parents: list) -> None:
    listing = commands.add_parser("list", parents=parents,
                                  help="list enrollments, searching by NIK prefix or name")
    listing.add_argument("--search", default="", metavar="TEXT",
                         help="NIK prefix (digits) or words of the name (word prefixes, then "
                              "near spellings)")
    listing.add_argument("--status", choices=[str(s) for s in EnrollmentStatus])
    listing.add_argument("--visit", type=uuid.UUID, metavar="VISIT_ID",
                         help="only the enrollments of this visit")
    listing.add_argument("--banjar", metavar="NAME", help="only this banjar (any spelling)")
    listing.add_argument("--limit", type=int, default=50, metavar="N",
                         help="at most N rows (default 50)")
    listing.add_argument("--offset", type=int, default=0, metavar="N", help="skip N rows")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", parents=parents,
                               help="one enrollment with its warnings and history")
    show.add_argument("key", metavar="ID|NIK", help="the enrollment's id or the person's NIK")
    show.set_defaults(handler=run_show)


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    if not (1 <= args.limit <= MAX_LIMIT and 0 <= args.offset <= MAX_OFFSET):
        raise CommandError(context.say(Text(
            f"--limit harus 1 sampai {MAX_LIMIT} dan --offset 0 sampai {MAX_OFFSET}",
            f"--limit must be 1 to {MAX_LIMIT} and --offset 0 to {MAX_OFFSET}")))
    query = EnrollmentQuery(text=args.search,
                            status=EnrollmentStatus(args.status) if args.status else None,
                            visit_id=args.visit,
                            banjar=canonical_banjar_name(args.banjar) if args.banjar else None)
    rows = search_enrollments(context.engine, query, limit=args.limit, offset=args.offset)
    total = count_enrollments(context.engine, query)
    if context.json_output:
        context.print_json({"total": total, "offset": args.offset,
                            "items": [r.to_json() for r in rows]})
        return 0
    for row in rows:
        mark = NEAR_MARK if row.near_spelling else " "
        print(f"{row.nik}  {mark} {row.full_name[:32]:<32}  {row.banjar[:20]:<20}  "
              f"{row.status:<8}  {row.id}")
    print(context.say(Text(f"{len(rows)} dari {total} data", f"{len(rows)} of {total} records")))
    if any(row.near_spelling for row in rows):
        print(context.say(Text(f"{NEAR_MARK} ejaan nama yang mirip dengan yang dicari",
                               f"{NEAR_MARK} a near spelling of the name searched for")))
    return 0


def find(context: CommandContext, key: str) -> StoredEnrollment:
    store = EnrollmentStore(context.engine)
    try:
        return store.get(uuid.UUID(key))
    except ValueError:
        found = store.find_by_nik(normalize_number(key))
    except EnrollmentNotFound:
        found = None
    if found is None:
        raise CommandError(context.say(Text(
            f"tidak ada data dengan id atau NIK {key} di laptop ini",
            f"no enrollment with id or NIK {key} on this laptop")))
    return found


def run_show(args: argparse.Namespace, context: CommandContext) -> int:
    stored = find(context, args.key)
    history = EnrollmentStore(context.engine).history(stored.id)
    if context.json_output:
        context.print_json({**stored.to_json(), "history": history})
        return 0
    language = context.language
    print(f"{stored.record.full_name} — {stored.status} "
          f"({context.say(Text('revisi', 'revision'))} {stored.revision}) {stored.id}")
    for section in enrollment_form().sections:
        print(f"[{section.label.in_language(language)}]")
        for field in section.fields:
            value = display_value(stored.record, field, language)
            print(f"  {field.label.in_language(language)}: {value}")
    checked = check_enrollment(stored.record, on=stored.enrolled_on)
    if checked.quote is not None:
        print(f"  {context.say(Text('Iuran', 'Contribution'))}: "
              f"{format_rupiah(checked.quote.total)} ({stored.record.payment_months} "
              f"{context.say(Text('bulan', 'months'))})")
    for warning in stored.warnings:
        print("  " + context.issue_line(warning))
    print(f"[{context.say(Text('Riwayat', 'History'))}]")
    for entry in history:
        print(f"  {entry['changed_at']}  r{entry['revision']} {entry['action']}: "
              + ", ".join(sorted(entry["changes"])))
    return 0
