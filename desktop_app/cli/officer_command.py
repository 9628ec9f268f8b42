"""``banjar-enroll officer set|show``: who is making enrollments on this laptop."""

import argparse

from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.domain.messages import Text
from desktop_app.store.device import device_id
from desktop_app.store.models import Officer
from desktop_app.store.officers import sign_in_officer


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    officer = commands.add_parser("officer", parents=parents,
                                  help="set or show the officer working on this laptop")
    actions = officer.add_subparsers(dest="officer_action", required=True, metavar="ACTION")
    set_officer = actions.add_parser("set", parents=parents,
                                     help="sign in an officer (registered on first use)")
    set_officer.add_argument("--name", required=True, help="the officer's full name")
    set_officer.add_argument("--id", dest="officer_code", required=True, metavar="OFFICER_ID",
                             help="the officer's ID (NIP or BPJS agent number)")
    set_officer.set_defaults(handler=run_set)
    show = actions.add_parser("show", parents=parents, help="the current officer and device")
    show.set_defaults(handler=run_show)


def _print(officer_json: dict, context: CommandContext) -> None:
    if context.json_output:
        context.print_json(officer_json)
    else:
        print(f"{officer_json['name']} ({officer_json['officer_code']}), "
              f"{context.say(Text('perangkat', 'device'))} {officer_json['device_id']}")


def _officer_json(officer: Officer, context: CommandContext) -> dict:
    return {"id": str(officer.id), "name": officer.name, "officer_code": officer.officer_code,
            "device_id": str(device_id(context.engine))}


def run_set(args: argparse.Namespace, context: CommandContext) -> int:
    try:
        officer = sign_in_officer(context.engine, name=args.name, officer_code=args.officer_code)
    except ValueError:
        raise CommandError(context.say(Text("--name dan --id tidak boleh kosong",
                                            "--name and --id cannot be empty"))) from None
    _print(_officer_json(officer, context), context)
    return 0


def run_show(args: argparse.Namespace, context: CommandContext) -> int:
    _print(_officer_json(context.officer(), context), context)
    return 0
