"""``banjar-enroll nik check NIK [--birth-date D] [--sex L|P]``: what a NIK says, and its issues."""

import argparse
from datetime import date

from desktop_app.cli.context import CommandContext, typed_day
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.nik import Sex, parse_nik
from desktop_app.domain.validation import check_enrollment


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    nik = commands.add_parser("nik", help="check NIK numbers", parents=parents)
    actions = nik.add_subparsers(dest="nik_action", required=True, metavar="ACTION")
    check = actions.add_parser("check", parents=parents,
                               help="parse a NIK: area, birth date and sex; errors and warnings")
    check.add_argument("nik", help="the 16-digit NIK (spaces, dots and dashes are ignored)")
    check.add_argument("--birth-date", type=typed_day, metavar="DD/MM/YYYY",
                       help="the birth date on the ID card, compared with the NIK (typed as "
                            "in the form: 17/08/1985, 17081985 or 1985-08-17)")
    check.add_argument("--sex", choices=["L", "P"], help="L (laki-laki) or P (perempuan)")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace, context: CommandContext) -> int:
    today = date.today()
    parsed = parse_nik(args.nik, today=today)
    issues: list[FieldIssue] = list(parsed.issues)
    if parsed.info is not None:  # age is checked from the NIK's date when none is typed
        typed = Enrollment(nik=parsed.nik, birth_date=args.birth_date,
                           sex=Sex(args.sex) if args.sex else None)
        checked = check_enrollment(typed, on=today)
        issues += [i for i in checked.issues
                   if i.field in ("birth_date", "sex") and i.code in ("nik_mismatch", "too_young",
                                                                      "over_age", "future")]
    valid = parsed.is_valid and not any(i.is_error for i in issues)
    if context.json_output:
        context.print_json({"nik": parsed.nik, "valid": valid,
                            "info": parsed.info.to_json() if parsed.info else None,
                            "issues": [i.to_json() for i in issues]})
    else:
        if valid:
            verdict = context.say(Text("sah", "valid"))
        elif parsed.is_valid:  # a well-formed NIK whose holder cannot enroll (e.g. under 15)
            verdict = context.say(Text("sah, tetapi tidak dapat didaftarkan",
                                       "valid, but cannot be enrolled"))
        else:
            verdict = context.say(Text("TIDAK SAH", "NOT VALID"))
        print(f"NIK {parsed.nik}: {verdict}")
        if parsed.info:
            info = parsed.info
            sex = context.say(Text("laki-laki", "male") if info.sex is Sex.MALE
                              else Text("perempuan", "female"))
            print(f"  {context.say(Text('Tempat terbit', 'Place of issue'))}: "
                  f"{info.place_of_issue} ({info.district_code})")
            print(f"  {context.say(Text('Tanggal lahir', 'Date of birth'))}: "
                  f"{info.birth_date:%d-%m-%Y}")
            print(f"  {context.say(Text('Jenis kelamin', 'Sex'))}: {sex}")
        for issue in issues:
            print("  " + context.issue_line(issue))
    return 0 if valid else 1
