"""``banjar-enroll visit start|list``: the banjar visits enrollments belong to."""

import argparse
from datetime import date

from desktop_app.cli.context import CommandContext, CommandError, bounded, past_day
from desktop_app.store.visits import VisitRefused, list_visits, start_visit


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    visit = commands.add_parser("visit", parents=parents,
                                help="start or list banjar visits (kunjungan)")
    actions = visit.add_subparsers(dest="visit_action", required=True, metavar="ACTION")
    start = actions.add_parser("start", parents=parents,
                               help="record a visit; prints its id for enroll --visit")
    start.add_argument("--desa", required=True, metavar="CODE",
                       help="10-digit desa/kelurahan code, e.g. 5171041004 (Tonja)")
    start.add_argument("--banjar", required=True, help="the banjar, e.g. \"Br. Kaja\"")
    start.add_argument("--date", type=past_day, metavar="YYYY-MM-DD",
                       help="the visit's date (default today)")
    start.set_defaults(handler=run_start)
    listing = actions.add_parser("list", parents=parents, help="the latest visits")
    listing.add_argument("--limit", type=bounded(1, 1000), default=20, metavar="N")
    listing.set_defaults(handler=run_list)


def run_start(args: argparse.Namespace, context: CommandContext) -> int:
    officer = context.officer()
    try:
        visit = start_visit(context.engine, desa_code=args.desa, banjar=args.banjar,
                            visit_date=args.date or date.today(), officer_id=officer.id)
    except VisitRefused as refused:
        raise CommandError(" ".join(context.issue_line(i) for i in refused.issues)) from None
    if context.json_output:
        context.print_json(visit.to_json())
    else:
        data = visit.to_json()
        print(f"{visit.id}  {visit.visit_date:%d-%m-%Y}  {visit.banjar}, "
              f"{data['desa_name'] or visit.desa_code}")
        for issue in visit.warnings:
            print("  " + context.issue_line(issue))
    return 0


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    visits = list_visits(context.engine, limit=args.limit)
    if context.json_output:
        context.print_json({"items": [v.to_json() for v in visits]})
        return 0
    for visit in visits:
        data = visit.to_json()
        print(f"{visit.id}  {visit.visit_date:%d-%m-%Y}  {visit.banjar[:24]:<24}  "
              f"{(data['desa_name'] or visit.desa_code)[:20]:<20}  {visit.enrollments}")
    return 0
