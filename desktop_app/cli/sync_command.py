"""``banjar-enroll setup`` and ``banjar-enroll sync``: register with the office, then push and
pull, over the network or with batch files on a USB stick."""

import argparse
from pathlib import Path

from desktop_app.cli.context import CommandContext, CommandError, bounded
from desktop_app.domain.form_definition import field_label
from desktop_app.domain.messages import Text
from desktop_app.domain.sync_messages import DEFAULT_BATCH_SIZE, MAX_BATCH_RECORDS, SyncFileError
from desktop_app.domain.sync_outcomes import outcome_label
from desktop_app.store.registration import is_server_address
from desktop_app.sync.summary import SyncSummary

# httpx and cryptography load with the actions that use them, not with every command


def add_parsers(commands: argparse._SubParsersAction, parents: list) -> None:
    setup = commands.add_parser("setup", parents=parents,
                                help="register this laptop with the office server")
    setup.add_argument("--server", required=True, metavar="URL",
                       help="the office server, e.g. http://kantor.local:8765")
    setup.add_argument("--code", required=True,
                       help="the one-time code from `banjar-enroll office add-device`")
    setup.set_defaults(handler=run_setup)
    sync = commands.add_parser("sync", parents=parents,
                               help="send waiting records to the office and fetch its changes")
    sync.add_argument("--server", metavar="URL", help="another office server address")
    sync.add_argument("--batch-size", type=bounded(1, MAX_BATCH_RECORDS),
                      default=DEFAULT_BATCH_SIZE, metavar="N",
                      help=f"records per batch (default {DEFAULT_BATCH_SIZE})")
    files = sync.add_mutually_exclusive_group()
    files.add_argument("--export", type=Path, metavar="FILE",
                       help="write the waiting records to a batch file (no network)")
    files.add_argument("--import", dest="reply", type=Path, metavar="REPLY",
                       help="take back the office's reply file")
    sync.set_defaults(handler=run_sync)


def run_setup(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.sync.client import OfficeRefused, OfficeUnreachable
    from desktop_app.sync.run import failure_text, setup_device

    if not is_server_address(args.server):
        raise CommandError(context.say(Text("--server harus diawali http:// atau https://",
                                            "--server must start with http:// or https://")))
    try:
        answer = setup_device(context.engine, server_url=args.server, code=args.code)
    except (OfficeRefused, OfficeUnreachable) as failure:
        text, detail = failure_text(failure)
        raise CommandError(context.say(Text("pendaftaran laptop gagal: ", "registration failed: "))
                           + text.in_language(context.language)
                           + (f" ({detail})" if detail else "")) from None
    if context.json_output:
        context.print_json({"device_id": answer["device_id"], "officer": answer["officer"],
                            "area": answer["area"], "server": args.server})
    else:
        print(context.say(Text(f"Laptop terdaftar di {args.server} untuk {answer['officer']}.",
                               f"Laptop registered with {args.server} for {answer['officer']}.")))
    return 0


def _print_counts(counts: SyncSummary, context: CommandContext) -> None:
    if context.json_output:  # the codes stay as the README documents them
        context.print_json({"accepted": counts.accepted, "merged": counts.merged,
                            "conflict": counts.conflict, "rejected": counts.rejected,
                            "pulled": counts.pulled, "problems": counts.problems})
        return
    language = context.language
    print(counts.headline.in_language(language))  # the line the status bar shows
    for problem in counts.problems:
        reasons = "; ".join(f"{field_label(r['field']).in_language(language)}: "
                            f"{r['message'][language]}" for r in problem["reasons"]) or \
            ", ".join(field_label(name).in_language(language)
                      for name in problem["conflicting"])
        print(f"  {outcome_label(problem['outcome']).in_language(language)}: {problem['nik']}  "
              f"{problem['full_name']}  {reasons}")


def run_sync(args: argparse.Namespace, context: CommandContext) -> int:
    from desktop_app.sync.client import OfficeRefused, OfficeUnreachable
    from desktop_app.sync.run import (
        SyncNotSetUp,
        export_batch_file,
        failure_text,
        import_reply_file,
        sync_now,
    )

    context.officer()
    try:
        if args.export is not None:
            count = export_batch_file(context.engine, args.export, batch_size=args.batch_size)
            if context.json_output:
                context.print_json({"exported": count, "file": str(args.export)})
            else:
                print(context.say(Text(f"{count} data ditulis ke {args.export}",
                                       f"{count} records written to {args.export}")))
            return 0
        if args.reply is not None:
            counts = import_reply_file(context.engine, args.reply)
        else:
            counts = sync_now(context.engine, server_url=args.server,
                              batch_size=args.batch_size)
    except (SyncNotSetUp, SyncFileError, OfficeRefused, OfficeUnreachable) as failure:
        text, detail = failure_text(failure)  # the officer's words; the office's as detail
        raise CommandError(text.in_language(context.language)
                           + (f" ({detail})" if detail else "")) from None
    except OSError as failure:
        raise CommandError(f"{args.export}: {failure.strerror}") from None
    _print_counts(counts, context)
    return 1 if counts.rejected or counts.conflict else 0
