"""What an enrollment receipt says, as a list of blocks that any paper size can lay out.

The wording lives in ``forms/receipt.toml``. This module decides the content: the receipt
number, the place, the participant (the NIK masked), the programmes with the monthly
contribution and any PP 50/2025 discount, the period and the total, who pays, the officer,
the consent statement, signature lines, how to check one's status, and the QR. The declared
income is never on a receipt. Painting the blocks (``desktop_app.receipts``) is Qt's job.

Every month on a receipt reads the same way, as people say it: "Desember 2026", or
"Des 2026" on the narrow rolls; a period of one month is that month alone.
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from desktop_app.assets import form_file
from desktop_app.domain.consent import consent_texts
from desktop_app.domain.contribution import ContributionQuote
from desktop_app.domain.contribution_summary import short_month_name
from desktop_app.domain.display import format_date
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.funding import FundingSource
from desktop_app.domain.messages import Text, format_rupiah
from desktop_app.domain.months import YearMonth
from desktop_app.domain.occupations import find_occupation
from desktop_app.domain.receipt_number import mask_nik
from desktop_app.domain.wilayah import find_area


@dataclass(frozen=True)
class Heading:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Notice:
    """Boxed and bold: what the receipt is not, or that it is a copy."""

    text: str


@dataclass(frozen=True)
class Section:
    title: str


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    strong: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Signatures:
    participant_label: str
    participant_name: str
    officer_label: str
    officer_name: str


@dataclass(frozen=True)
class QrCode:
    text: str
    caption: str


Block = Heading | Notice | Section | Field | Paragraph | Signatures | QrCode


@dataclass(frozen=True)
class ReceiptFacts:
    """Everything one printed receipt is made from."""

    number: str
    copy_number: int  # 0: the original; 1..: a reprint (SALINAN)
    printed_on: date
    first_printed_on: date
    enrolled_on: date
    record: Enrollment
    quote: ContributionQuote | None
    officer_name: str
    officer_code: str
    code_text: str  # the signed QR text (receipt_code)
    app_version: str


@cache
def _wording() -> dict:
    return tomllib.loads(form_file("receipt.toml").read_text(encoding="utf-8"))


def receipt_text(key: str, language: str, **values: object) -> str:
    entry = _wording()["text"][key]
    return Text(entry["id"], entry["en"]).in_language(language).format(**values)


def month_name(month: YearMonth, language: str, *, short: bool = False) -> str:
    """``Desember 2026``; ``Des 2026`` when ``short``."""
    if short:
        return f"{short_month_name(month).in_language(language)} {month.year}"
    names, index = _wording()["months"], month.month - 1
    return f"{Text(names['id'][index], names['en'][index]).in_language(language)} {month.year}"


def period_text(first: YearMonth, last: YearMonth, count: int, language: str, *,
                short: bool = False) -> str:
    """``Desember 2026 s.d. Februari 2027 (3 bulan)``, or ``Desember 2026 (1 bulan)``."""
    if first == last:
        return receipt_text("one_month", language, month=month_name(first, language,
                                                                     short=short))
    return receipt_text("months", language, first=month_name(first, language, short=short),
                        last=month_name(last, language, short=short), count=count)


def _consent_version(version: str, language: str, short: bool) -> str:
    """A consent text is named by the month it was published (``2026-01``): said as the
    receipt's other months are. Another kind of name is printed as it is."""
    try:
        return month_name(YearMonth.parse(version), language, short=short)
    except ValueError:
        return version


def _choice_label(choices: str, code: str, language: str) -> str:
    for choice in enrollment_form().choices(choices):
        if choice.code == code:
            return choice.label.in_language(language)
    return code


def _place(record: Enrollment, language: str) -> list[Block]:
    desa = find_area(record.desa_code)
    kecamatan = find_area(record.desa_code[:6])
    return [
        Field(receipt_text("banjar", language), record.banjar),
        Field(receipt_text("desa", language), desa.name if desa else record.desa_code),
        Field(receipt_text("kecamatan", language),
              kecamatan.name if kecamatan else record.desa_code[:6]),
    ]


def _contribution(quote: ContributionQuote, language: str, short: bool) -> list[Block]:
    blocks: list[Block] = []
    groups = quote.month_runs()
    for group in groups:
        if len(groups) > 1:
            blocks.append(Paragraph(period_text(group[0].month, group[-1].month, len(group),
                                                language, short=short)))
        for charge in group[0].charges:
            value = format_rupiah(charge.amount)
            if charge.discount_name and charge.amount != charge.full_amount:
                value += " (" + receipt_text("discount", language, name=charge.discount_name,
                                             full=format_rupiah(charge.full_amount)) + ")"
            blocks.append(Field(_choice_label("programs", str(charge.program), language),
                                value))
        blocks.append(Field(receipt_text("per_month", language),
                            format_rupiah(group[0].total)))
    first, last = quote.months[0].month, quote.months[-1].month
    blocks.append(Field(receipt_text("period", language),
                        period_text(first, last, len(quote.months), language, short=short)))
    blocks.append(Field(receipt_text("total", language), format_rupiah(quote.total),
                        strong=True))
    return blocks


def _payer(record: Enrollment, quote: ContributionQuote | None, language: str) -> list[Block]:
    payer = _choice_label("funding_sources", str(record.funding_source), language)
    if record.funding_source is FundingSource.SPONSOR and record.sponsor_name:
        payer = f"{payer}: {record.sponsor_name}"
    due = quote.due_from_participant if quote else 0
    blocks: list[Block] = [Field(receipt_text("paid_by", language), payer),
                           Field(receipt_text("due", language), format_rupiah(due), strong=True)]
    if record.funding_source is not FundingSource.MANDIRI:
        blocks.append(Paragraph(receipt_text("paid_by_note", language, payer=payer)))
    return blocks


def receipt_blocks(facts: ReceiptFacts, language: str = "id", *,
                   short_months: bool = False) -> list[Block]:
    """The receipt, top to bottom; ``short_months`` for a narrow roll (``Des 2026``)."""
    record = facts.record
    occupation = find_occupation(record.occupation)
    occupation_text = occupation.label.in_language(language) if occupation else record.occupation
    if record.occupation_other:
        occupation_text = f"{occupation_text}: {record.occupation_other}"
    blocks: list[Block] = [
        Heading(receipt_text("title", language), receipt_text("subtitle", language)),
        Notice(receipt_text("notice", language)),
    ]
    if facts.copy_number:
        blocks.append(Notice(receipt_text("copy", language) + " — " + receipt_text(
            "copy_note", language, day=format_date(facts.printed_on), number=facts.copy_number,
            first=format_date(facts.first_printed_on))))
    blocks += [
        Field(receipt_text("number", language), facts.number, strong=True),
        Field(receipt_text("date", language), format_date(facts.enrolled_on)),
        *_place(record, language),
        Section(receipt_text("participant", language)),
        Field(receipt_text("name", language), record.full_name, strong=True),
        Field(receipt_text("nik", language), mask_nik(record.nik)),
        Field(receipt_text("birth_date", language), format_date(record.birth_date)),
        Field(receipt_text("occupation", language), occupation_text),
        Field(receipt_text("programs", language),
              ", ".join(str(p) for p in record.programs)),
        Section(receipt_text("contribution", language)),
        *(_contribution(facts.quote, language, short_months) if facts.quote else []),
        *_payer(record, facts.quote, language),
        Field(receipt_text("officer", language), f"{facts.officer_name} ({facts.officer_code})"),
    ]
    consent = consent_texts().versions.get(record.consent.text_version)
    if consent is not None:  # the text the participant agreed to, as it was read out
        version = _consent_version(consent.version, language, short_months)
        blocks += [Section(receipt_text("consent", language, version=version)),
                   Paragraph(consent.text.in_language("id"))]
    blocks += [
        Signatures(receipt_text("signature_participant", language), record.full_name,
                   receipt_text("signature_officer", language), facts.officer_name),
        QrCode(facts.code_text, receipt_text("qr_caption", language)),
        Paragraph(receipt_text("check_status", language)),
        Paragraph(receipt_text("footer", language, printed=format_date(facts.printed_on),
                               version=facts.app_version)),
    ]
    return blocks
