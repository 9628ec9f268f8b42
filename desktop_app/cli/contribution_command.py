"""``banjar-enroll contribution``: the month-by-month contribution and the total."""

import argparse
from datetime import date
from typing import Any

from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.domain.contribution import current_rates, quote_contribution
from desktop_app.domain.contribution_summary import contribution_sentence
from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.messages import FieldIssue, Text, format_rupiah
from desktop_app.domain.months import YearMonth
from desktop_app.domain.occupations import find_occupation, occupations
from desktop_app.domain.typed_values import read_month, read_rupiah
from desktop_app.domain.validation import INCOME_LIMIT


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    parser = commands.add_parser(
        "contribution", parents=parents,
        help="price a payment month by month (with the PP 50/2025 discount where it applies)")
    parser.add_argument("--income", required=True, metavar="RUPIAH",
                        help="declared monthly income in whole rupiah, typed as in the form: "
                             "2000000, 2.000.000, Rp2.000.000,00 or 2 jt")
    parser.add_argument("--months", type=int, required=True, metavar="M",
                        help="months paid for: " + ", ".join(
                            str(m) for m in current_rates().payment_month_choices))
    parser.add_argument("--jht", action="store_true", help="include the optional JHT programme")
    parser.add_argument("--occupation", default="lainnya", metavar="CODE",
                        help="occupation code (its sector decides the discount window), e.g. "
                             "sopir, petani, pemangku; default lainnya")
    parser.add_argument("--funding", default="mandiri", choices=[str(f) for f in FundingSource],
                        help="who pays; default mandiri")
    parser.add_argument("--start", metavar="MM/YYYY",
                        help="first month covered, typed as in the form (06/2026, 2026-06, "
                             "Jun 2026); default this month")
    parser.set_defaults(handler=run)


def _typed(option: str, read: tuple[Any, FieldIssue | None], context: CommandContext) -> Any:
    """An option's value read by the form's own rule, or its problem as the command's error."""
    value, issue = read
    if issue is not None:
        raise CommandError(f"{option}: {issue.message.in_language(context.language)}")
    return value


def run(args: argparse.Namespace, context: CommandContext) -> int:
    income = _typed("--income", read_rupiah(args.income, "monthly_income"), context)
    start = _typed("--start", read_month(args.start, "first_month"), context)
    occupation = find_occupation(args.occupation)
    if occupation is None:
        raise CommandError(context.say(Text(
            f"pekerjaan {args.occupation!r} tidak dikenal; pilihan: " + ", ".join(occupations()),
            f"unknown occupation {args.occupation!r}; choices: " + ", ".join(occupations()))))
    if income is None or not 0 < income <= INCOME_LIMIT:
        raise CommandError(context.say(Text(
            f"--income harus lebih dari Rp0 dan paling banyak {format_rupiah(INCOME_LIMIT)}",
            f"--income must be more than Rp0 and at most {format_rupiah(INCOME_LIMIT)}")))
    choices = current_rates().payment_month_choices
    if args.months not in choices:
        listed = ", ".join(str(c) for c in choices)
        raise CommandError(context.say(Text(f"--months harus salah satu dari {listed}",
                                            f"--months must be one of {listed}")))
    programs = (*REQUIRED_PROGRAMS, Program.JHT) if args.jht else REQUIRED_PROGRAMS
    try:
        quote = quote_contribution(monthly_income=income, programs=programs,
                                   months=args.months,
                                   first_month=start or YearMonth.of(date.today()),
                                   sector=occupation.sector, funding=FundingSource(args.funding))
    except ValueError:  # a month before the first rates in force, or past year 9999
        earliest = current_rates().schedules[0].effective_from
        raise CommandError(context.say(Text(
            f"tidak ada tarif iuran untuk bulan itu; --start paling awal {earliest}",
            f"there are no contribution rates for those months; --start {earliest} or "
            "later"))) from None
    if context.json_output:
        context.print_json(quote.to_json())
        return 0
    header = [context.say(Text("Bulan", "Month")), *(str(p) for p in programs),
              context.say(Text("Jumlah", "Total"))]
    print("  ".join(f"{h:>12}" for h in header))
    for month in quote.months:
        cells = [str(month.month)]
        for charge in month.charges:
            mark = "*" if charge.discount_name else " "
            cells.append(format_rupiah(charge.amount) + mark)
        cells.append(format_rupiah(month.total))
        print("  ".join(f"{c:>12}" for c in cells))
    print(f"{context.say(Text('Total', 'Total'))}: {format_rupiah(quote.total)}"
          + (f" ({context.say(Text('tanpa potongan', 'without discount'))} "
             f"{format_rupiah(quote.full_total)})" if quote.full_total != quote.total else ""))
    discounts = {c.discount_name for m in quote.months for c in m.charges if c.discount_name}
    if discounts:
        print("* " + context.say(Text("potongan ", "discount ")) + ", ".join(sorted(discounts)))
    print(contribution_sentence(quote).in_language(context.language))
    if quote.due_from_participant == 0:
        print(context.say(Text(f"Dibayar oleh {args.funding}; peserta membayar Rp0.",
                               f"Paid by {args.funding}; the participant pays Rp0.")))
    return 0
