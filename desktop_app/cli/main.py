"""Entry point of ``banjar-enroll`` and ``python -m desktop_app``.

Errors are one clear line on stderr and a non-zero exit; set BANJAR_ENROLL_DEBUG=1 to see the
traceback of an unexpected failure.
"""

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from desktop_app import __version__
from desktop_app.cli import (
    backup_command,
    contribution_command,
    edit_command,
    enroll_command,
    list_show_command,
    nik_command,
    office_command,
    officer_command,
    receipt_command,
    spreadsheet_command,
    sync_command,
    visit_command,
)
from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.store.database import DATABASE_FILE, DatabaseUnavailable, default_data_dir
from desktop_app.store.file_check import damage_in
from desktop_app.store.integrity import DAMAGED_DATABASE_EXIT, DatabaseDamaged, damaged_by

PROGRAM = "banjar-enroll"


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr (exit 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROGRAM,
        description="Banjar Enroll: enrollment of informal workers (BPU) into BPJS "
                    "Ketenagakerjaan. Without a command, starts the desktop application.")
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (your database, read-only; "
                             "then offscreen: a temporary database, one enrollment saved "
                             "through the form, one receipt PDF) and exit")
    parser.add_argument("--data-dir", metavar="DIR",
                        default=os.environ.get("BANJAR_ENROLL_DATA_DIR"),
                        help=f"folder of the local database (default: {default_data_dir()}, "
                             "or $BANJAR_ENROLL_DATA_DIR)")
    parser.add_argument("--lang", choices=["id", "en"],
                        default=os.environ.get("BANJAR_ENROLL_LANG"),
                        help="language of messages: id (Bahasa Indonesia, default) or en; the "
                             "desktop application otherwise uses the language of its settings")
    parser.add_argument("--json", dest="json_output", action="store_true",
                        help="print JSON (documented in the README) instead of text")
    # Commands accept --json and --lang after their name too; SUPPRESS keeps the global ones.
    json_after = argparse.ArgumentParser(add_help=False)
    json_after.add_argument("--json", dest="json_output", action="store_true",
                            default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    json_after.add_argument("--lang", choices=["id", "en"], default=argparse.SUPPRESS,
                            help=argparse.SUPPRESS)
    lang_after = argparse.ArgumentParser(add_help=False)  # enroll's and edit's --json: input
    lang_after.add_argument("--lang", choices=["id", "en"], default=argparse.SUPPRESS,
                            help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=OneLineParser)
    nik_command.add_parser(commands, [json_after])
    enroll_command.add_parser(commands, [lang_after])
    edit_command.add_parser(commands, [lang_after])  # its --json is its input, as enroll's
    list_show_command.add_parsers(commands, [json_after])
    contribution_command.add_parser(commands, [json_after])
    officer_command.add_parser(commands, [json_after])
    visit_command.add_parser(commands, [json_after])
    receipt_command.add_parser(commands, [json_after])
    spreadsheet_command.add_parsers(commands, [json_after])
    sync_command.add_parsers(commands, [json_after])
    office_command.add_parser(commands, [json_after])
    backup_command.add_parser(commands, [json_after])
    return parser


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _run(args: argparse.Namespace) -> int:
    if args.data_dir is not None and not str(args.data_dir).strip():
        raise CommandError("--data-dir (or BANJAR_ENROLL_DATA_DIR) is empty: name a folder")
    if args.self_test:
        from desktop_app.ui.self_test import run_self_test

        return run_self_test(user_data_dir=_data_dir(args))
    data_dir = _data_dir(args)
    if args.command is None:
        # Before Qt loads its X11 platform: a missing system library would abort Qt with a
        # message that names the wrong one. Say which packages to install instead.
        from desktop_app.system_libraries import (
            MISSING_LIBRARIES_EXIT,
            missing_display_libraries,
            missing_libraries_message,
        )

        missing = missing_display_libraries()
        if missing:
            print(missing_libraries_message(missing, args.lang), file=sys.stderr)
            return MISSING_LIBRARIES_EXIT
        from desktop_app.ui.application import run_application

        return run_application(data_dir=data_dir, language=args.lang)
    context = CommandContext(data_dir=data_dir, json_output=args.json_output,
                             language=args.lang or "id")
    return args.handler(args, context)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except (CommandError, DatabaseUnavailable) as failure:
        print(f"{PROGRAM}: {failure}", file=sys.stderr)
        return 1
    except DatabaseDamaged as failure:
        print(f"{PROGRAM}: {failure.text.in_language(args.lang or 'id')}", file=sys.stderr)
        return DAMAGED_DATABASE_EXIT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as failure:  # the last line of defence: one line, never a traceback dump
        # a damaged page of the laptop's file found after the start-up check (export, sync);
        # the office's own database is the office commands' business
        damage = damage_in(failure) if args.command != "office" else None
        if damage is not None:
            refusal = damaged_by(_data_dir(args) / DATABASE_FILE, str(damage))
            print(f"{PROGRAM}: {refusal.text.in_language(args.lang or 'id')}", file=sys.stderr)
            return DAMAGED_DATABASE_EXIT
        if os.environ.get("BANJAR_ENROLL_DEBUG"):
            traceback.print_exc()
        print(f"{PROGRAM}: unexpected failure ({type(failure).__name__}: {failure}); "
              "run again with BANJAR_ENROLL_DEBUG=1 for details", file=sys.stderr)
        return 70
