"""``banjar-enroll visit start|list|end|resume``: the banjar visits enrollments belong to.

Starting the same place on the same day again resumes the open visit (and says so), so a
visit's people and cash stay together until it is ended.
"""

import argparse
import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine

from desktop_app.cli.context import CommandContext, CommandError, bounded, past_day
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.messages import Text, format_rupiah
from desktop_app.store.visits import (
    VisitNotFound,
    VisitRefused,
    VisitSummary,
    end_visit,
    list_visits,
    resume_visit,
    start_visit,
)


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    visit = commands.add_parser("visit", parents=parents,
                                help="start, list, end or resume banjar visits (kunjungan)")
    actions = visit.add_subparsers(dest="visit_action", required=True, metavar="ACTION")
    start = actions.add_parser(
        "start", parents=parents,
        help="record a visit (or resume your open visit at that place on that day); prints "
             "its id for enroll --visit")
    start.add_argument("--desa", required=True, metavar="CODE",
                       help="10-digit desa/kelurahan code, e.g. 5171041004 (Tonja)")
    start.add_argument("--banjar", required=True, help="the banjar, e.g. \"Br. Kaja\"")
    start.add_argument("--date", type=past_day, metavar="YYYY-MM-DD",
                       help="the visit's date (default today)")
    start.set_defaults(handler=run_start)
    listing = actions.add_parser(
        "list", parents=parents,
        help="the latest visits: open or ended, people, cash collected, sponsored")
    listing.add_argument("--limit", type=bounded(1, 1000), default=20, metavar="N")
    listing.set_defaults(handler=run_list)
    end = actions.add_parser("end", parents=parents,
                             help="end a visit and print its totals")
    end.add_argument("visit_id", type=uuid.UUID, metavar="VISIT_ID")
    end.set_defaults(handler=run_end)
    resume = actions.add_parser("resume", parents=parents,
                                help="open an ended visit again and print its totals")
    resume.add_argument("visit_id", type=uuid.UUID, metavar="VISIT_ID")
    resume.set_defaults(handler=run_resume)


def run_start(args: argparse.Namespace, context: CommandContext) -> int:
    officer = context.officer()
    try:
        visit = start_visit(context.engine, desa_code=args.desa, banjar=args.banjar,
                            visit_date=args.date or date.today(), officer_id=officer.id)
    except VisitRefused as refused:
        raise CommandError(" ".join(context.issue_line(i) for i in refused.issues)) from None
    if context.json_output:
        context.print_json(visit.to_json())
        return 0
    print(f"{visit.id}  {visit.visit_date:%d-%m-%Y}  {visit.place()}")
    if visit.resumed:
        print("  " + context.say(Text(
            f"dilanjutkan: kunjungan Anda yang masih terbuka di tempat ini pada hari itu "
            f"({visit.enrollments} data), bukan kunjungan baru",
            f"resumed: your open visit at this place on this day ({visit.enrollments} "
            "records), not a new one")))
    for issue in visit.warnings:
        print("  " + context.issue_line(issue))
    return 0


def _state(visit: VisitSummary, context: CommandContext) -> str:
    return (context.say(Text("terbuka", "open")) if visit.is_open
            else context.say(Text("selesai", "ended")))


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    visits = list_visits(context.engine, limit=args.limit, with_totals=True)
    if context.json_output:
        context.print_json({"items": [v.to_json() for v in visits]})
        return 0
    if visits:
        print(context.say(Text(
            f"{'ID':<36}  {'TANGGAL':<10}  {'TEMPAT':<40}  {'ORANG':>6}  {'TUNAI':>12}  "
            f"{'DITANGGUNG':>12}  STATUS",
            f"{'ID':<36}  {'DATE':<10}  {'PLACE':<40}  {'PEOPLE':>6}  {'COLLECTED':>12}  "
            f"{'SPONSORED':>12}  STATE")))
    for visit in visits:
        totals = visit.totals
        print(f"{visit.id}  {visit.visit_date:%d-%m-%Y}  {visit.place()[:40]:<40}  "
              f"{visit.enrollments:>6}  {format_rupiah(totals.collected):>12}  "
              f"{format_rupiah(totals.sponsored):>12}  {_state(visit, context)}")
    return 0


def _print_totals(visit: VisitSummary, context: CommandContext) -> None:
    totals = visit.totals
    print(f"{visit.id}  {visit.visit_date:%d-%m-%Y}  {visit.place()}  ({_state(visit, context)})")
    print("  " + context.say(Text(
        f"{totals.enrollments} orang terdaftar, {totals.counted} siap/terkirim dihitung",
        f"{totals.enrollments} people enrolled, {totals.counted} ready/synced counted")))
    print("  " + context.say(Text("tunai dari peserta (mandiri): ",
                                  "cash from participants (self-paid): "))
          + format_rupiah(totals.collected))
    print("  " + context.say(Text("ditanggung pihak lain: ", "sponsored: "))
          + format_rupiah(totals.sponsored))
    labels = {c.code: c.label for c in enrollment_form().choices("funding_sources")}
    for payer, amount in totals.sponsored_by:
        print(f"    {labels[str(payer)].in_language(context.language)}: "
              f"{format_rupiah(amount)}")


def _run_on_visit(args: argparse.Namespace, context: CommandContext,
                  act: Callable[[Engine, uuid.UUID], VisitSummary]) -> int:
    try:
        visit = act(context.engine, args.visit_id)
    except VisitNotFound as missing:
        raise CommandError(missing.message.in_language(context.language)) from None
    if context.json_output:
        context.print_json(visit.to_json())
    else:
        _print_totals(visit, context)
    return 0


def run_end(args: argparse.Namespace, context: CommandContext) -> int:
    return _run_on_visit(args, context, end_visit)


def run_resume(args: argparse.Namespace, context: CommandContext) -> int:
    return _run_on_visit(args, context, resume_visit)
