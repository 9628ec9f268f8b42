"""The contribution said in one sentence, as the officer reads it out to the participant.

``Rp42.000 untuk 3 bulan (Des Rp8.400 dengan potongan PP 50/2025, Jan–Feb Rp16.800 per
bulan)``: the total and the period first, then each run of months priced alike with its
monthly amount and the discount that lowers it. A period priced the same throughout is said
in one breath: ``Rp25.200 untuk 3 bulan (Rp8.400 per bulan dengan potongan PP 50/2025)``.
The form's live price and the ``contribution`` command both say this sentence.
"""

from desktop_app.domain.contribution import ContributionQuote, MonthCharge
from desktop_app.domain.messages import Text, format_rupiah
from desktop_app.domain.months import YearMonth

SHORT_MONTH_NAMES = (
    Text("Jan", "Jan"), Text("Feb", "Feb"), Text("Mar", "Mar"), Text("Apr", "Apr"),
    Text("Mei", "May"), Text("Jun", "Jun"), Text("Jul", "Jul"), Text("Agu", "Aug"),
    Text("Sep", "Sep"), Text("Okt", "Oct"), Text("Nov", "Nov"), Text("Des", "Dec"),
)

_FOR_MONTHS = Text("{total} untuk {count} bulan", "{total} for {count} months")
_FOR_ONE_MONTH = Text("{total} untuk 1 bulan", "{total} for 1 month")
_PER_MONTH = Text("{amount} per bulan", "{amount} a month")
_WITH_DISCOUNT = Text("dengan potongan {name}", "with the {name} discount")


def short_month_name(month: YearMonth) -> Text:
    """``Des`` / ``Dec``: a month within a period that the sentence has already counted."""
    return SHORT_MONTH_NAMES[month.month - 1]


def _discount_words(run: tuple[MonthCharge, ...], language: str) -> list[str]:
    """``dengan potongan PP 50/2025`` for each discount that lowers this run's price."""
    # A discount that changes no amount (a rupiah rounded to nothing) is not worth saying.
    names = sorted({c.discount_name for c in run[0].charges
                    if c.discount_name and c.amount != c.full_amount})
    return [_WITH_DISCOUNT.in_language(language).format(name=name) for name in names]


def _run_price(run: tuple[MonthCharge, ...], language: str) -> str:
    """``Rp8.400 per bulan dengan potongan PP 50/2025``; one month needs no "per bulan"."""
    amount = format_rupiah(run[0].total)
    price = _PER_MONTH.in_language(language).format(amount=amount) if len(run) > 1 else amount
    return " ".join([price, *_discount_words(run, language)])


def _run_months(run: tuple[MonthCharge, ...], language: str) -> str:
    """``Des``, or ``Jan–Feb`` for a run of several months."""
    first = short_month_name(run[0].month).in_language(language)
    if len(run) == 1:
        return first
    return first + "–" + short_month_name(run[-1].month).in_language(language)


def _sentence(quote: ContributionQuote, language: str) -> str:
    count = len(quote.months)
    template = _FOR_ONE_MONTH if count == 1 else _FOR_MONTHS
    head = template.in_language(language).format(total=format_rupiah(quote.total), count=count)
    runs = quote.month_runs()
    if count == 1:  # the total is the month's price: only the discount is left to say
        detail = " ".join(_discount_words(runs[0], language))
    elif len(runs) == 1:
        detail = _run_price(runs[0], language)
    else:
        detail = ", ".join(f"{_run_months(run, language)} {_run_price(run, language)}"
                           for run in runs)
    return f"{head} ({detail})" if detail else head


def contribution_sentence(quote: ContributionQuote) -> Text:
    """The whole payment in words a participant understands when it is read out."""
    return Text(_sentence(quote, "id"), _sentence(quote, "en"))
