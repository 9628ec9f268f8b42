"""``banjar-enroll enroll --json FILE|-``: validate and store one or many enrollments.

Each record is its own transaction: a refused record leaves nothing behind and does not stop
the others. Exit status 1 when any record was refused or its NIK is already on this laptop.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.context import CommandContext, CommandError, add_visit_options
from desktop_app.domain.enrollment import enrollment_from_json, json_integer
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.store.enrollments import DuplicateNik, EnrollmentRefused, EnrollmentStore
from desktop_app.store.visits import with_visit_place


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    parser = commands.add_parser(
        "enroll", parents=parents,
        help="validate and store enrollments from a JSON object or array (field names: README)")
    parser.add_argument("--json", dest="input", required=True, metavar="FILE|-",
                        help="JSON file with one record (object) or many (array); - reads stdin")
    parser.add_argument("--draft", action="store_true",
                        help="keep records that are incomplete as drafts instead of refusing "
                             "them (a valid NIK is still required)")
    add_visit_options(parser)
    parser.set_defaults(handler=run)


def read_json_input(source: str, context: CommandContext) -> Any:
    """The JSON document in ``source`` (a file, or ``-`` for stdin); any reading or parsing
    failure is a CommandError saying where and what (shared with ``edit --json``)."""
    try:  # bytes: json.loads reads UTF-8 (or UTF-16) with or without the BOM Windows writes
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as failure:
        raise CommandError(context.say(Text(f"tidak dapat membaca {source}: {failure.strerror}",
                                            f"cannot read {source}: {failure.strerror}"))) from None
    try:
        data = json.loads(raw, parse_int=json_integer)  # a 4,300-digit number: a field error
    except RecursionError:
        raise CommandError(context.say(Text(f"{source}: JSON terlalu dalam bersarang",
                                            f"{source}: JSON nested too deeply"))) from None
    except UnicodeDecodeError as failure:
        raise CommandError(context.say(Text(
            f"{source} bukan teks UTF-8 (byte ke-{failure.start + 1}); simpan ulang sebagai UTF-8",
            f"{source} is not UTF-8 text (byte {failure.start + 1}); save it again as UTF-8")
        )) from None
    except json.JSONDecodeError as failure:
        raise CommandError(context.say(Text(
            f"{source} bukan JSON yang sah (baris {failure.lineno}, kolom {failure.colno}): "
            f"{failure.msg}",
            f"{source} is not valid JSON (line {failure.lineno}, column {failure.colno}): "
            f"{failure.msg}"))) from None
    return data


def _read_records(source: str, context: CommandContext) -> list[Any]:
    data = read_json_input(source, context)
    return data if isinstance(data, list) else [data]


def run(args: argparse.Namespace, context: CommandContext) -> int:
    records = _read_records(args.input, context)
    officer = context.officer()
    visit, on = context.visit_and_day(args)
    store = EnrollmentStore(context.engine)
    results = []
    for index, data in enumerate(records, start=1):
        record, issues = enrollment_from_json(data)
        if visit is not None:
            record = with_visit_place(record, visit)
        result: dict[str, Any] = {"index": index, "nik": record.nik}
        try:
            if issues:
                raise EnrollmentRefused(issues)
            stored = store.create(record, officer_id=officer.id, on=on, allow_draft=args.draft,
                                  visit_id=visit.id if visit else None)
            result |= {"outcome": "stored", "id": str(stored.id), "status": str(stored.status),
                       "nik": stored.record.nik,
                       "issues": [w.to_json() for w in stored.warnings]}
        except EnrollmentRefused as refused:
            result |= {"outcome": "refused", "issues": [i.to_json() for i in refused.issues]}
        except DuplicateNik as duplicate:
            result |= {"outcome": "exists", "id": str(duplicate.existing.id),
                       "nik": duplicate.existing.record.nik, "status":
                           str(duplicate.existing.status), "issues": []}
        results.append(result)
    counts = {outcome: sum(r["outcome"] == outcome for r in results)
              for outcome in ("stored", "refused", "exists")}
    if context.json_output:
        context.print_json({"results": results, **counts})
    else:
        _print_results(results, counts, context)
    return 0 if counts["refused"] == counts["exists"] == 0 else 1


def _print_results(results: list[dict[str, Any]], counts: dict[str, int],
                   context: CommandContext) -> None:
    for result in results:
        head = f"#{result['index']} NIK {result['nik'] or '-'}"
        if result["outcome"] == "stored":
            print(f"{head}: {context.say(Text('tersimpan', 'stored'))} {result['id']} "
                  f"({result['status']})")
        elif result["outcome"] == "exists":
            exists = context.say(Text("sudah terdaftar di laptop ini; buka data itu",
                                      "already enrolled on this laptop; open that record"))
            print(f"{head}: {exists}: banjar-enroll show {result['id']}", file=sys.stderr)
        else:
            print(f"{head}: {context.say(Text('DITOLAK', 'REFUSED'))}", file=sys.stderr)
        stream = sys.stdout if result["outcome"] == "stored" else sys.stderr
        for issue in result["issues"]:
            print("  " + context.issue_line(FieldIssue.from_json(issue)), file=stream)
    print(context.say(Text(
        f"{counts['stored']} tersimpan, {counts['refused']} ditolak, "
        f"{counts['exists']} sudah terdaftar",
        f"{counts['stored']} stored, {counts['refused']} refused, "
        f"{counts['exists']} already enrolled")))
