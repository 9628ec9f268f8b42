"""``banjar-enroll import FILE.xlsx`` and ``banjar-enroll export FILE.xlsx``: Excel in and out."""

import argparse
import uuid
from pathlib import Path

from desktop_app.cli.context import CommandContext, CommandError, add_visit_options, typed_day
from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.messages import Text
from desktop_app.store.search import EnrollmentQuery


def add_parsers(commands: argparse._SubParsersAction, parents: list) -> None:
    reading = commands.add_parser(
        "import", parents=parents,
        help="import a list of workers from Excel (.xlsx); a result workbook says what became "
             "of each row")
    reading.add_argument("file", type=Path, metavar="FILE.xlsx")
    reading.add_argument("--sheet", metavar="NAME", help="only this sheet (default: every "
                                                         "sheet with NIK and name columns)")
    reading.add_argument("--mapping", type=Path, metavar="FILE",
                         help='TOML with [columns] "Column header" = "field" for headers that '
                              "are not recognised")
    add_visit_options(reading)
    reading.set_defaults(handler=run_import)

    writing = commands.add_parser(
        "export", parents=parents,
        help="export enrollments and a recap to Excel (.xlsx)")
    writing.add_argument("file", type=Path, metavar="FILE.xlsx")
    writing.add_argument("--status", choices=[str(s) for s in EnrollmentStatus])
    writing.add_argument("--visit", type=uuid.UUID, metavar="VISIT_ID")
    writing.add_argument("--from", dest="from_day", type=typed_day, metavar="DD/MM/YYYY",
                         help="enrolled on or after this day (typed as in the form: "
                              "01/11/2026, 01112026 or 2026-11-01)")
    writing.add_argument("--to", dest="to_day", type=typed_day, metavar="DD/MM/YYYY",
                         help="enrolled on or before this day")
    writing.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.spreadsheets.workbook_files import WorkbookRefused
    from desktop_app.spreadsheets.worker_import import import_workers
    from desktop_app.spreadsheets.worker_lists import read_mapping

    officer = context.officer()
    visit, on = context.visit_and_day(args)
    try:
        mapping = read_mapping(args.mapping) if args.mapping else None
        summary = import_workers(
            context.engine, args.file, officer_id=officer.id, on=on, sheet=args.sheet,
            mapping=mapping, visit=visit, language=context.language)
    except WorkbookRefused as refused:
        raise CommandError(context.say(refused.text)) from None
    except OSError as failure:
        raise CommandError(f"{failure.filename or args.file}: {failure.strerror}") from None
    if context.json_output:
        context.print_json(summary.to_json())
    else:
        print(context.say(Text(
            f"{summary.rows} baris: {summary.drafts} draf (lengkapi saat kunjungan), "
            f"{summary.ready} siap, {summary.exists} sudah ada, {summary.refused} ditolak",
            f"{summary.rows} rows: {summary.drafts} drafts (finish them at the visit), "
            f"{summary.ready} ready, {summary.exists} already there, {summary.refused} refused")))
        for title in summary.skipped_sheets:
            print(context.say(Text(f"lembar {title!r} dilewati: tidak ada judul kolom NIK dan Nama",
                                   f"sheet {title!r} skipped: no NIK and name column headers")))
        print(context.say(Text(f"hasil per baris: {summary.result_path}",
                               f"what became of each row: {summary.result_path}")))
    return 1 if summary.refused else 0


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.spreadsheets.laptop_export import export_enrollments

    if args.file.suffix.lower() != ".xlsx":
        raise CommandError(context.say(Text(f"{args.file}: nama berkas harus berakhiran .xlsx",
                                            f"{args.file}: the file name must end in .xlsx")))
    if args.from_day and args.to_day and args.from_day > args.to_day:
        raise CommandError(context.say(Text("--from harus sebelum --to",
                                            "--from must come before --to")))
    query = EnrollmentQuery(status=EnrollmentStatus(args.status) if args.status else None,
                            visit_id=args.visit, enrolled_from=args.from_day,
                            enrolled_to=args.to_day)
    try:
        rows = export_enrollments(context.engine, args.file, query)
    except OSError as failure:
        raise CommandError(f"{args.file}: {failure.strerror}") from None
    if context.json_output:
        context.print_json({"file": str(args.file), "rows": rows})
    else:
        print(context.say(Text(f"{rows} data diekspor: {args.file}",
                               f"{rows} records exported: {args.file}")))
    return 0
