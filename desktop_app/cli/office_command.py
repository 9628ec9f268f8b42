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

from desktop_app.cli.context import CommandContext, CommandError, bounded
from desktop_app.domain.messages import Text
from desktop_app.office.database import (
    DATABASE_URL_VARIABLE,
    REFERENCE_VARIABLE,
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
    resolve.add_argument("conflict_id", metavar="ID")
    resolve.add_argument("--keep", choices=["office", "incoming"],
                         help="one side for every disputed field")
    resolve.add_argument("--field", action="append", default=[], metavar="NAME=SIDE",
                         help="one field: NAME=office or NAME=incoming (repeatable)")
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
def _engine(url: str | None) -> Engine:
    try:
        return open_office_database(url)
    except OfficeDatabaseUnavailable as failure:
        raise CommandError(str(failure)) from None


def _uuid(text: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise CommandError(f"{what} is not an id: {text!r}") from None


def _out(context: CommandContext, data: Any, text_lines: list[str]) -> int:
    if context.json_output:
        context.print_json(data)
    else:
        for line in text_lines:
            print(line)
    return 0


def run_serve(args: argparse.Namespace, context: CommandContext) -> int:
    import uvicorn

    url = args.db or default_office_url()
    if args.workers > 1 and url.startswith("sqlite"):
        raise CommandError("several workers need PostgreSQL (--db postgresql+psycopg://...)")
    _engine(url).dispose()  # migrate once, and fail here with a clear message
    os.environ[DATABASE_URL_VARIABLE] = url
    if args.reference is not None:
        if not args.reference.is_dir():
            raise CommandError(f"--reference {args.reference} is not a folder")
        os.environ[REFERENCE_VARIABLE] = str(args.reference.resolve())
    uvicorn.run("desktop_app.office.service:app_from_environment", factory=True,
                host=args.host, port=args.port, workers=args.workers, log_level="info")
    return 0


def run_add_device(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.devices import add_device

    try:
        code = add_device(_engine(args.db), officer_name=args.officer, area_code=args.area)
    except ValueError as bad:
        raise CommandError(str(bad)) from None
    return _out(context, {"code": code, "officer": args.officer, "area": args.area}, [
        f"Registration code for {args.officer}: {code}",
        "On the laptop: banjar-enroll setup --server URL --code " + code,
        "The code works once, within 7 days."])


def run_revoke_device(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.devices import revoke_device

    try:
        device = revoke_device(_engine(args.db), _uuid(args.device_id, "DEVICE_ID"))
    except LookupError as missing:
        raise CommandError(str(missing)) from None
    return _out(context, device.to_json(),
                [f"Device {device.id} ({device.officer_name}) revoked."])


def run_devices(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.devices import list_devices

    devices = list_devices(_engine(args.db))
    lines = [f"{d.id}  {d.officer_name[:24]:<24}  {d.app_version:<10}  "
             f"{d.last_sync_at:%d-%m-%Y %H:%M}" if d.last_sync_at else
             f"{d.id}  {d.officer_name[:24]:<24}  {d.app_version:<10}  never synced"
             for d in devices]
    lines = [line + ("  REVOKED" if d.revoked_at else "") for line, d in zip(lines, devices,
                                                                             strict=True)]
    return _out(context, {"items": [d.to_json() for d in devices]}, lines)


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.records import list_records

    records = list_records(_engine(args.db), nik=args.nik, limit=args.limit)
    return _out(context, {"items": records}, [
        f"{r['nik']}  {r['full_name'][:32]:<32}  rev {r['revision']}" for r in records])


def run_show(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.records import show_record

    shown = show_record(_engine(args.db), args.nik.replace(" ", ""))
    if shown is None:
        raise CommandError(f"the office has no record of NIK {args.nik}")
    lines = [f"{shown['nik']}  {shown['full_name']}  revision {shown['revision']}"]
    for version in shown["history"]:
        changed = ", ".join(sorted(version["changes"])) or "-"
        lines.append(f"  rev {version['revision']}  {version['action']:<9} "
                     f"{version['officer'] or '-'}  {changed}")
    return _out(context, shown, lines)


def run_conflicts(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.conflicts import list_conflicts

    items = list_conflicts(_engine(args.db), status=None if args.all else "open")
    lines = []
    for item in items:
        lines.append(f"{item['conflict_id']}  {item['nik']}  {item['status']}")
        for name in item["fields"]:
            lines.append(f"    {name}: office {item['office_record'].get(name)!r} / incoming "
                         f"{item['incoming_record'].get(name)!r}")
    return _out(context, {"items": items}, lines or ["No conflicts waiting."])


def run_resolve(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.conflicts import ResolutionRefused, resolve_conflict

    fields = {}
    for item in args.field:
        name, _, side = item.partition("=")
        fields[name.strip()] = side.strip()
    if args.keep is None and not fields:
        raise CommandError("say which side to keep: --keep office|incoming or --field NAME=SIDE")
    try:
        settled = resolve_conflict(_engine(args.db), _uuid(args.conflict_id, "ID"),
                                   keep=args.keep, fields=fields, resolved_by=args.by,
                                   today=date.today())
    except ResolutionRefused as refused:
        raise CommandError(str(refused)) from None
    return _out(context, settled, [f"Conflict {settled['conflict_id']} resolved by "
                                   f"{settled['resolved_by']}."])


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.domain.sync_messages import wire_bytes
    from desktop_app.office.batch_files import BatchFileRefused, import_batch_file

    try:
        folder = os.environ.get(REFERENCE_VARIABLE)
        reply = import_batch_file(_engine(args.db), args.file, today=date.today(),
                                  reference=Path(folder) if folder else None)
    except BatchFileRefused as refused:
        raise CommandError(str(refused)) from None
    partial = args.reply.with_name(args.reply.name + ".partial")
    try:
        partial.write_bytes(wire_bytes(reply))
        partial.replace(args.reply)
    except OSError as failure:
        raise CommandError(f"{args.reply}: {failure.strerror}") from None
    outcomes: dict[str, int] = {}
    for answer in reply["answers"]:
        for result in answer["results"]:
            outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "no records"
    return _out(context, {"reply": str(args.reply), "outcomes": outcomes},
                [f"Applied: {summary}. Reply written to {args.reply}."])


_VERDICTS = {"genuine": Text("ASLI", "GENUINE"), "forged": Text("PALSU", "FORGED"),
             "unverified": Text("BELUM TERVERIFIKASI", "UNVERIFIED"),
             "mistyped": Text("SALAH KETIK", "MISTYPED")}


def run_verify_receipt(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.receipts import GENUINE, verify_receipt

    answer = verify_receipt(_engine(args.db), args.code, today=date.today())
    language = context.language
    lines = [f"{_VERDICTS[answer['verdict']].in_language(language)}: "
             f"{answer['reason'][language]}"]
    if answer.get("number"):
        lines.append(context.say("tanda terima ", "receipt ") + answer["number"])
    record = answer.get("office_record")
    if record:
        same = context.say("cocok dengan", "matches") if answer["matches_office_record"] \
            else context.say("berbeda dari", "differs from")
        lines.append(context.say(
            f"pendaftaran {answer['enrollment_id']}: {record['full_name']} (NIK "
            f"{record['nik']}), data kantor {record['office_id']} revisi {record['revision']}; "
            f"tanda terima {same} data itu",
            f"enrollment {answer['enrollment_id']}: {record['full_name']} (NIK "
            f"{record['nik']}), office record {record['office_id']} revision "
            f"{record['revision']}; the receipt {same} it"))
    candidates = answer.get("candidates") or []
    if candidates:
        lines.append(context.say("Mungkin yang dimaksud:", "Probably meant:")
                     if len(candidates) == 1 else
                     context.say("Mungkin yang dimaksud (paling mungkin dulu):",
                                 "Probably meant (most likely first):"))
    for candidate in candidates:
        officer = candidate["officer"] or "-"
        lines.append(f"  {candidate['number']}  " + (context.say(
            f"diterbitkan laptop {officer}, dicetak {candidate['prints']} kali",
            f"issued by the laptop of {officer}, printed {candidate['prints']} time(s)")
            if candidate["issued"] else context.say(
            f"cocok dengan laptop {officer} (belum dilaporkan)",
            f"fits the laptop of {officer} (not reported yet)")))
    if answer.get("note"):
        lines.append(answer["note"][language])
    _out(context, answer, lines)
    return 0 if answer["verdict"] == GENUINE else 1


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.spreadsheet_export import export_office

    if args.file.suffix.lower() != ".xlsx":
        raise CommandError(f"{args.file}: the file name must end in .xlsx")
    try:
        counts = export_office(_engine(args.db), args.file)
    except OSError as failure:
        raise CommandError(f"{args.file}: {failure.strerror}") from None
    return _out(context, {"file": str(args.file), **counts},
                [f"{counts['records']} records and {counts['conflicts']} open conflicts "
                 f"exported: {args.file}"])


def run_check_list(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.office.list_check import check_list
    from desktop_app.spreadsheets.workbook_files import WorkbookRefused
    from desktop_app.spreadsheets.worker_lists import read_mapping

    try:
        mapping = read_mapping(args.mapping) if args.mapping else None
        summary = check_list(_engine(args.db), args.file, on=date.today(), sheet=args.sheet,
                             mapping=mapping, language=context.language)
    except WorkbookRefused as refused:
        raise CommandError(context.say(refused.id_text, str(refused))) from None
    except OSError as failure:
        raise CommandError(f"{failure.filename or args.file}: {failure.strerror}") from None
    return _out(context, summary.to_json(), [
        f"{summary.rows} rows: {summary.enrolled} enrolled, {summary.other_name} NIK under "
        f"another name, {summary.to_enroll} to enroll at a visit, {summary.refused} refused",
        f"what became of each row: {summary.result_path}"])
