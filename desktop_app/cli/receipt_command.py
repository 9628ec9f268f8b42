"""``banjar-enroll receipt``: enrollment receipts as PDF, one person's or a whole visit's."""

import argparse
import uuid
from datetime import date
from pathlib import Path

from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.cli.list_show_command import find
from desktop_app.domain.messages import Text
from desktop_app.receipts.papers import DEFAULT_PAPER, PAPERS
from desktop_app.store.receipts import NotPrintable, PrintsChanged, visit_enrollment_ids
from desktop_app.store.visits import find_visit


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    receipt = commands.add_parser(
        "receipt", parents=parents,
        help="write enrollment receipts (tanda terima) to a PDF: one person's, or a visit's")
    receipt.add_argument("key", nargs="?", metavar="ID|NIK",
                         help="the enrollment's id or the person's NIK")
    receipt.add_argument("--visit", type=uuid.UUID, metavar="VISIT_ID",
                         help="every printable receipt of this visit, in one PDF")
    receipt.add_argument("--pdf", type=Path, required=True, metavar="FILE",
                         help="the PDF to write (replaced if it exists)")
    receipt.add_argument("--paper", choices=list(PAPERS), default=DEFAULT_PAPER,
                         help=f"paper: a4, a5 (default {DEFAULT_PAPER}), or a 80mm or 58mm "
                              "thermal roll")
    receipt.set_defaults(handler=run_receipt)


def run_receipt(args: argparse.Namespace, context: CommandContext) -> int:
    if (args.key is None) == (args.visit is None):
        raise CommandError(context.say(Text("sebutkan satu: ID|NIK atau --visit VISIT_ID",
                                            "name one: ID|NIK or --visit VISIT_ID")))
    if args.pdf.is_dir() or not args.pdf.parent.is_dir():
        raise CommandError(context.say(Text(
            f"{args.pdf}: folder tidak ada atau nama itu sebuah folder; sebutkan nama berkas "
            "PDF di folder yang ada",
            f"{args.pdf}: the folder does not exist or the name is a folder; name a PDF file "
            "in an existing folder")))
    officer = context.officer()
    if args.visit is not None:
        if find_visit(context.engine, args.visit) is None:
            raise CommandError(context.say(Text(f"tidak ada kunjungan {args.visit} di laptop ini",
                                                f"no visit {args.visit} on this laptop")))
        ids = visit_enrollment_ids(context.engine, args.visit)
        if not ids:
            raise CommandError(context.say(Text(
                "kunjungan ini belum punya data siap cetak (draf tidak dicetak)",
                "this visit has no records ready to print (drafts are not printed)")))
    else:
        ids = [find(context, args.key).id]
    # Qt is loaded only for this command: the others start without it
    from desktop_app.receipts.issue import plan_receipts, record_receipts
    from desktop_app.receipts.render import write_pdf

    today = date.today()
    try:  # the prints are recorded once the PDF is complete, and the PDF kept once they are
        receipts = plan_receipts(context.engine, ids, officer_id=officer.id, today=today)
        pages = write_pdf(receipts, args.pdf, paper=PAPERS[args.paper],
                          language=context.language)
    except NotPrintable as refused:
        raise CommandError(context.say(refused.text)) from None
    except OSError as failure:
        raise CommandError(f"{args.pdf}: {failure.strerror}") from None
    try:
        record_receipts(context.engine, receipts, ids, officer_id=officer.id, today=today)
    except PrintsChanged:
        args.pdf.unlink(missing_ok=True)
        raise CommandError(context.say(Text(
            "nomor tanda terima dipakai cetakan lain pada saat yang sama; cetak lagi",
            "another print took these receipt numbers at the same time; print again"))) from None
    if context.json_output:
        context.print_json({"file": str(args.pdf), "paper": args.paper, "pages": pages,
                            "receipts": [{"number": r.number, "copy": r.copy_number,
                                          "full_name": r.record.full_name,
                                          "code": r.code_text} for r in receipts]})
        return 0
    for receipt in receipts:
        copy = context.say(Text(f" (SALINAN ke-{receipt.copy_number})",
                                f" (copy {receipt.copy_number})")) if receipt.copy_number else ""
        print(f"{receipt.number}{copy}  {receipt.record.full_name}")
    print(context.say(Text(f"{len(receipts)} tanda terima, {pages} halaman: {args.pdf}",
                           f"{len(receipts)} receipts, {pages} pages: {args.pdf}")))
    return 0
