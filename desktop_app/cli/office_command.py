"""``banjar-enroll office ...``: run the office sync service and manage it from a terminal:
devices, canonical records, the conflict review queue, batch files from USB sticks."""

import argparse
import os
import uuid
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app.atomic_files import write_bytes_whole
from desktop_app.cli.context import CommandContext, CommandError, bounded
from desktop_app.domain.form_definition import field_label
from desktop_app.domain.messages import Text
from desktop_app.domain.sync_outcomes import outcome_label
from desktop_app.office.database import (
    DATABASE_URL_VARIABLE,
    REFERENCE_VARIABLE,
    SYNC_LOG_VARIABLE,
    OfficeDatabaseUnavailable,
    default_office_url,
    open_office_database,
)

# The service's modules (FastAPI, the intake) are imported by the actions that need them, so
# the laptop's commands and its desktop application do not pay for them at start.

DEFAULT_PORT = 8765


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    office = commands.add_parser("office", parents=parents,
                                 help="the central office: sync service, devices, conflicts")
    office.add_argument("--db", metavar="URL", default=os.environ.get(DATABASE_URL_VARIABLE),
                        help="office database: sqlite:///FILE or postgresql+psycopg://... "
                             f"(default ${DATABASE_URL_VARIABLE}, else {default_office_url()})")
    db_after = argparse.ArgumentParser(add_help=False)  # also after the action's name
    db_after.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                          help="the office database (see `office --help`)")
    parents = [*parents, db_after]
    actions = office.add_subparsers(dest="office_action", required=True, metavar="ACTION")
    serve = actions.add_parser("serve", parents=parents, help="run the sync service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=bounded(1, 65535), default=DEFAULT_PORT)
    serve.add_argument("--workers", type=bounded(1, 64), default=1,
                       help="uvicorn worker processes (PostgreSQL for more than one)")
    serve.add_argument("--reference", type=Path, metavar="DIR",
                       help="folder with the office's banjar.csv and contribution_rates.toml, "
                            "sent to the laptops (default: the copies shipped with the app)")
    serve.add_argument("--log", type=Path, metavar="FILE",
                       help="append the sync log (one JSON line per batch and per refused "
                            "record, no personal data) to FILE (default: standard error)")
    serve.set_defaults(handler=run_serve)
    add = actions.add_parser("add-device", parents=parents,
                             help="a one-time code for registering a laptop")
    add.add_argument("--officer", required=True, help="the officer who will use the laptop")
    add.add_argument("--area", default="", metavar="KECAMATAN",
                     help="6-digit kecamatan code whose records the laptop pulls (default all)")
    add.set_defaults(handler=run_add_device)
    revoke = actions.add_parser("revoke-device", parents=parents,
                                help="end a laptop's access at once")
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    revoke.set_defaults(handler=run_revoke_device)
    actions.add_parser("devices", parents=parents,
                       help="registered laptops").set_defaults(handler=run_devices)
    listing = actions.add_parser("list", parents=parents, help="canonical records")
    listing.add_argument("--nik", default="", help="a NIK or its first digits")
    listing.add_argument("--limit", type=bounded(1, 10_000), default=100, metavar="N")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", parents=parents, help="one record with its history")
    show.add_argument("nik", metavar="NIK")
    show.set_defaults(handler=run_show)
    conflicts = actions.add_parser("conflicts", parents=parents,
                                   help="conflicts waiting for review")
    conflicts.add_argument("--all", action="store_true", help="resolved ones too")
    conflicts.set_defaults(handler=run_conflicts)
    resolve = actions.add_parser("resolve", parents=parents, help="settle one conflict")
    resolve.add_argument("conflict_id", metavar="ID",
                         help="the conflict's id, or any unique start of it (4 or more "
                              "characters, as git takes a commit's)")
    resolve.add_argument("--keep", choices=["office", "incoming"],
                         help="one side for every disputed field")
    resolve.add_argument("--field", action="append", default=[], metavar="NAME=SIDE",
                         help="one field: NAME=office or NAME=incoming (repeatable)")
    person = resolve.add_mutually_exclusive_group()
    person.add_argument("--same-person", dest="same_person", action="store_const", const=True,
                        help="a same-person item: one person, keep one record (the other "
                             "becomes a tombstone merged into it)")
    person.add_argument("--different-people", dest="same_person", action="store_const",
                        const=False, help="a same-person item: two people, refuse the NIK "
                                          "correction and keep both records")
    resolve.add_argument("--by", default=os.environ.get("USER", "supervisor"),
                         help="who decides (default: the login name)")
    resolve.set_defaults(handler=run_resolve)
    verify = actions.add_parser("verify-receipt", parents=parents,
                                help="tell a genuine enrollment receipt from a forged one")
    verify.add_argument("code", metavar="CODE_OR_QR_TEXT",
                        help="the text of the receipt's QR code (BE1*...), or its number")
    verify.set_defaults(handler=run_verify_receipt)
    check = actions.add_parser("check-list", parents=parents,
                               help="check a worker list (.xlsx) against the office's records")
    check.add_argument("file", type=Path, metavar="FILE.xlsx")
    check.add_argument("--sheet", metavar="NAME", help="only this sheet")
    check.add_argument("--mapping", type=Path, metavar="FILE",
                       help='TOML with [columns] "Column header" = "field"')
    check.set_defaults(handler=run_check_list)
    export = actions.add_parser("export", parents=parents,
                                help="the office's records, recap, conflicts and coverage to "
                                     "Excel")
    export.add_argument("file", type=Path, metavar="FILE.xlsx")
    export.set_defaults(handler=run_export)
    batch = actions.add_parser("import", parents=parents,
                               help="apply a laptop's batch file and write the reply")
    batch.add_argument("file", type=Path, metavar="FILE")
    batch.add_argument("--reply", type=Path, required=True, metavar="REPLY",
                       help="where to write the reply for the laptop")
    batch.set_defaults(handler=run_import)


@cache
def _engine(url: str | None, language: str) -> Engine:
    try:
        return open_office_database(url)
    except OfficeDatabaseUnavailable as failure:
        raise CommandError(failure.text.in_language(language)) from None


def _office(args: argparse.Namespace, context: CommandContext) -> Engine:
    """The office database named by ``--db`` (migrated once per run)."""
    return _engine(args.db, context.language)


def _uuid(text: str, what: str, context: CommandContext) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise CommandError(context.say(Text(f"{what} bukan sebuah id: {text!r}",
                                            f"{what} is not an id: {text!r}"))) from None


def _out(context: CommandContext, data: Any, text_lines: list[str]) -> int:
    if context.json_output:
        context.print_json(data)
    else:
        for line in text_lines:
            print(line)
    return 0


# the words the office's records and review queue store, as a person reads them
_ACTIONS = {"created": Text("dibuat", "created"), "accepted": Text("diterima", "accepted"),
            "merged": Text("digabung", "merged"), "resolved": Text("diputuskan", "resolved")}
_KINDS = {"identity_conflict": Text("konflik identitas", "identity conflict"),
          "money_conflict": Text("konflik uang", "money conflict"),
          "nik_correction": Text("koreksi NIK", "NIK correction"),
          "same_person": Text("satu orang di dua data", "same person under two records")}
_STATUSES = {"open": Text("menunggu", "open"), "resolved": Text("diputuskan", "resolved"),
             "superseded": Text("digantikan", "superseded")}


def _word(words: dict[str, Text], code: str, context: CommandContext) -> str:
    return words[code].in_language(context.language) if code in words else code


def run_serve(args: argparse.Namespace, context: CommandContext) -> int:
    import uvicorn

    url = args.db or default_office_url()
    if args.workers > 1 and url.startswith("sqlite"):
        raise CommandError(context.say(Text(
            "beberapa worker memerlukan PostgreSQL (--db postgresql+psycopg://...)",
            "several workers need PostgreSQL (--db postgresql+psycopg://...)")))
    _engine(url, context.language).dispose()  # migrate once, and fail here with a clear message
    os.environ[DATABASE_URL_VARIABLE] = url
    if args.reference is not None:
        if not args.reference.is_dir():
            raise CommandError(context.say(Text(f"--reference {args.reference} bukan folder",
                                                f"--reference {args.reference} is not a folder")))
        os.environ[REFERENCE_VARIABLE] = str(args.reference.resolve())
    if args.log is not None:
        os.environ[SYNC_LOG_VARIABLE] = str(args.log.resolve())
    uvicorn.run("desktop_app.office.service:app_from_environment", factory=True,
                host=args.host, port=args.port, workers=args.workers, log_level="info")
    return 0


def run_add_device(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.devices import DeviceRefused, add_device

    try:
        code = add_device(_office(args, context), officer_name=args.officer, area_code=args.area)
    except DeviceRefused as bad:
        raise CommandError(context.say(bad.text)) from None
    return _out(context, {"code": code, "officer": args.officer, "area": args.area}, [
        context.say(Text(f"Kode pendaftaran untuk {args.officer}: {code}",
                         f"Registration code for {args.officer}: {code}")),
        context.say(Text("Di laptop: ", "On the laptop: "))
        + "banjar-enroll setup --server URL --code " + code,
        context.say(Text("Kode ini berlaku sekali, dalam 7 hari.",
                         "The code works once, within 7 days."))])


def run_revoke_device(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.devices import revoke_device

    device_id = _uuid(args.device_id, "DEVICE_ID", context)
    try:
        device = revoke_device(_office(args, context), device_id)
    except LookupError:
        raise CommandError(context.say(Text(
            f"tidak ada laptop {device_id}; lihat: office devices",
            f"no device {device_id}; see: office devices"))) from None
    return _out(context, device.to_json(), [context.say(Text(
        f"Akses laptop {device.id} ({device.officer_name}) dicabut.",
        f"Device {device.id} ({device.officer_name}) revoked."))])


def run_devices(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.devices import list_devices

    devices = list_devices(_office(args, context))
    lines = []
    for d in devices:
        synced = f"{d.last_sync_at:%d-%m-%Y %H:%M}" if d.last_sync_at else context.say(Text(
            "belum pernah sinkron", "never synced"))
        revoked = context.say(Text("  DICABUT", "  REVOKED")) if d.revoked_at else ""
        lines.append(f"{d.id}  {d.officer_name[:24]:<24}  {d.app_version:<10}  {synced}"
                     f"{revoked}")
    return _out(context, {"items": [d.to_json() for d in devices]},
                lines or [context.say(Text("Belum ada laptop terdaftar.",
                                           "No laptop has registered yet."))])


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.record_lookup import list_records

    records = list_records(_office(args, context), nik=args.nik, limit=args.limit)
    revision = context.say(Text("revisi", "rev"))
    return _out(context, {"items": records}, [
        f"{r['nik']}  {r['full_name'][:32]:<32}  {revision} {r['revision']}" for r in records]
        or [context.say(Text("Tidak ada data.", "No records."))])


def run_show(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.record_lookup import show_record

    shown = show_record(_office(args, context), args.nik.replace(" ", ""))
    if shown is None:
        raise CommandError(context.say(Text(f"kantor tidak punya data NIK {args.nik}",
                                            f"the office has no record of NIK {args.nik}")))
    lines = [f"{shown['nik']}  {shown['full_name']}  "
             f"{context.say(Text('revisi', 'revision'))} {shown['revision']}"]
    revision = context.say(Text("revisi", "rev"))
    for version in shown["history"]:
        changed = ", ".join(sorted(field_label(name).in_language(context.language)
                                   for name in version["changes"])) or "-"
        lines.append(f"  {revision} {version['revision']}  "
                     f"{_word(_ACTIONS, version['action'], context):<11} "
                     f"{version['officer'] or '-'}  {changed}")
    return _out(context, shown, lines)


def run_conflicts(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.conflicts import list_conflicts

    items = list_conflicts(_office(args, context), status=None if args.all else "open")
    lines = []
    office, incoming = context.say(Text("kantor", "office")), context.say(Text("masuk", "incoming"))
    for item in items:
        lines.append(f"{item['conflict_id']}  {item['nik']}  "
                     f"{_word(_STATUSES, item['status'], context)}  "
                     f"{_word(_KINDS, item['kind'], context)}")
        if item["other_office_id"]:
            lines.append("    " + context.say(Text(
                f"data {item['other_office_id']} dikoreksi ke NIK data {item['office_id']}",
                f"record {item['other_office_id']} corrected onto the NIK of record "
                f"{item['office_id']}")))
        for name in item["fields"]:
            label = field_label(name).in_language(context.language)
            lines.append(f"    [{name}] {label}: {office} {item['office_record'].get(name)!r}"
                         f" / {incoming} {item['incoming_record'].get(name)!r}")
    return _out(context, {"items": items}, lines or [context.say(Text(
        "Tidak ada konflik yang menunggu.", "No conflicts waiting."))])


def run_resolve(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.conflicts import ResolutionRefused, find_conflict_id, resolve_conflict

    fields = {}
    for item in args.field:
        name, _, side = item.partition("=")
        fields[name.strip()] = side.strip()
    if args.keep is None and not fields and args.same_person is None:
        raise CommandError(context.say(Text(
            "sebutkan sisi yang dipakai: --keep office|incoming atau --field NAMA=SISI",
            "say which side to keep: --keep office|incoming or --field NAME=SIDE")))
    engine = _office(args, context)
    try:
        settled = resolve_conflict(engine, find_conflict_id(engine, args.conflict_id),
                                   keep=args.keep, fields=fields, resolved_by=args.by,
                                   today=date.today(), same_person=args.same_person)
    except ResolutionRefused as refused:
        raise CommandError(context.say(refused.text)) from None
    return _out(context, settled, [context.say(Text(
        f"Konflik {settled['conflict_id']} diputuskan oleh {settled['resolved_by']}.",
        f"Conflict {settled['conflict_id']} resolved by {settled['resolved_by']}."))])


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.domain.sync_messages import wire_bytes
    from desktop_app.office.batch_files import BatchFileRefused, import_batch_file

    try:
        folder = os.environ.get(REFERENCE_VARIABLE)
        if folder:  # validated with the reference data the reply sends
            from desktop_app.assets import use_reference_folder
            from desktop_app.domain.reference_data import forget_loaded_reference

            use_reference_folder(Path(folder))
            forget_loaded_reference()
        reply = import_batch_file(_office(args, context), args.file, today=date.today(),
                                  reference=Path(folder) if folder else None)
    except BatchFileRefused as refused:
        raise CommandError(context.say(refused.text)) from None
    try:
        write_bytes_whole(args.reply, wire_bytes(reply))
    except OSError as failure:
        raise CommandError(f"{args.reply}: {failure.strerror}") from None
    outcomes: dict[str, int] = {}
    for answer in reply["answers"]:
        for result in answer["results"]:
            outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    summary = ", ".join(f"{outcome_label(k).in_language(context.language)} {v}"
                        for k, v in sorted(outcomes.items())) or context.say(Text(
        "tidak ada data", "no records"))
    return _out(context, {"reply": str(args.reply), "outcomes": outcomes}, [context.say(Text(
        f"Diterapkan: {summary}. Balasan ditulis ke {args.reply}.",
        f"Applied: {summary}. Reply written to {args.reply}."))])


_VERDICTS = {"genuine": Text("ASLI", "GENUINE"), "forged": Text("PALSU", "FORGED"),
             "unverified": Text("BELUM TERVERIFIKASI", "UNVERIFIED"),
             "mistyped": Text("SALAH KETIK", "MISTYPED")}


def run_verify_receipt(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.receipts import GENUINE, verify_receipt

    answer = verify_receipt(_office(args, context), args.code, today=date.today())
    language = context.language
    lines = [f"{_VERDICTS[answer['verdict']].in_language(language)}: "
             f"{answer['reason'][language]}"]
    if answer.get("number"):
        lines.append(context.say(Text("tanda terima ", "receipt ")) + answer["number"])
    record = answer.get("office_record")
    if record:
        same = context.say(Text("cocok dengan", "matches")) if answer["matches_office_record"] \
            else context.say(Text("berbeda dari", "differs from"))
        lines.append(context.say(Text(
            f"pendaftaran {answer['enrollment_id']}: {record['full_name']} (NIK "
            f"{record['nik']}), data kantor {record['office_id']} revisi {record['revision']}; "
            f"tanda terima {same} data itu",
            f"enrollment {answer['enrollment_id']}: {record['full_name']} (NIK "
            f"{record['nik']}), office record {record['office_id']} revision "
            f"{record['revision']}; the receipt {same} it")))
    candidates = answer.get("candidates") or []
    if candidates:
        lines.append(context.say(Text("Mungkin yang dimaksud:", "Probably meant:"))
                     if len(candidates) == 1 else
                     context.say(Text("Mungkin yang dimaksud (paling mungkin dulu):",
                                      "Probably meant (most likely first):")))
    for candidate in candidates:
        officer = candidate["officer"] or "-"
        lines.append(f"  {candidate['number']}  " + (context.say(Text(
            f"diterbitkan laptop {officer}, dicetak {candidate['prints']} kali",
            f"issued by the laptop of {officer}, printed {candidate['prints']} time(s)"))
            if candidate["issued"] else context.say(Text(
            f"cocok dengan laptop {officer} (belum dilaporkan)",
            f"fits the laptop of {officer} (not reported yet)"))))
    if answer.get("note"):
        lines.append(answer["note"][language])
    _out(context, answer, lines)
    return 0 if answer["verdict"] == GENUINE else 1


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.spreadsheet_export import export_office

    if args.file.suffix.lower() != ".xlsx":
        raise CommandError(context.say(Text(f"{args.file}: nama berkas harus berakhiran .xlsx",
                                            f"{args.file}: the file name must end in .xlsx")))
    try:
        counts = export_office(_office(args, context), args.file)
    except OSError as failure:
        raise CommandError(f"{args.file}: {failure.strerror}") from None
    return _out(context, {"file": str(args.file), **counts}, [context.say(Text(
        f"{counts['records']} data dan {counts['conflicts']} konflik terbuka diekspor ke "
        f"{args.file}",
        f"{counts['records']} records and {counts['conflicts']} open conflicts exported to "
        f"{args.file}"))])


def run_check_list(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.list_check import check_list
    from desktop_app.spreadsheets.workbook_files import WorkbookRefused
    from desktop_app.spreadsheets.worker_lists import read_mapping

    try:
        mapping = read_mapping(args.mapping) if args.mapping else None
        summary = check_list(_office(args, context), args.file, on=date.today(), sheet=args.sheet,
                             mapping=mapping, language=context.language)
    except WorkbookRefused as refused:
        raise CommandError(context.say(refused.text)) from None
    except OSError as failure:
        raise CommandError(f"{failure.filename or args.file}: {failure.strerror}") from None
    return _out(context, summary.to_json(), [
        context.say(Text(
            f"{summary.rows} baris: {summary.enrolled} sudah terdaftar, {summary.other_name} "
            f"NIK terdaftar atas nama lain, {summary.to_enroll} perlu didaftarkan saat "
            f"kunjungan, {summary.refused} ditolak",
            f"{summary.rows} rows: {summary.enrolled} enrolled, {summary.other_name} NIK under "
            f"another name, {summary.to_enroll} to enroll at a visit, {summary.refused} "
            "refused")),
        context.say(Text(f"hasil tiap baris: {summary.result_path}",
                         f"what became of each row: {summary.result_path}"))])
