"""Monthly BPU contributions, priced month by month from the rates in ``resources/``.

The amount depends on the month covered (rate schedules and PP 50/2025 discount windows have
dates), the occupation's sector and the funding source, so a payment of several months that
spans the end of a discount window gets each month priced on its own.
"""

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from desktop_app.assets import reference_file
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.months import YearMonth


@dataclass(frozen=True)
class RateSchedule:
    effective_from: YearMonth
    income_base_minimum: int
    jkk_permille: int
    jkm_flat: int
    jht_permille: int


@dataclass(frozen=True)
class DiscountWindow:
    sectors: frozenset[str]
    except_sectors: frozenset[str]
    first_month: YearMonth
    last_month: YearMonth

    def covers(self, month: YearMonth, sector: str) -> bool:
        in_sector = not self.sectors or sector in self.sectors
        in_sector = in_sector and sector not in self.except_sectors
        return in_sector and self.first_month <= month <= self.last_month


@dataclass(frozen=True)
class Discount:
    name: str
    percent: int
    programs: frozenset[Program]
    excluded_funding: frozenset[FundingSource]
    windows: tuple[DiscountWindow, ...]

    def applies(self, month: YearMonth, sector: str, funding: FundingSource) -> bool:
        return funding not in self.excluded_funding and any(
            w.covers(month, sector) for w in self.windows)


@dataclass(frozen=True)
class Rates:
    payment_month_choices: tuple[int, ...]
    schedules: tuple[RateSchedule, ...]  # oldest first
    discounts: tuple[Discount, ...]

    def schedule_for(self, month: YearMonth) -> RateSchedule:
        current = [s for s in self.schedules if s.effective_from <= month]
        if not current:
            raise ValueError(f"no contribution rates are in force for {month}")
        return current[-1]


def load_rates(path: Path) -> Rates:
    return parse_rates(path.read_text(encoding="utf-8"))


def parse_rates(text: str) -> Rates:
    """Rates from the text of a ``contribution_rates.toml`` (KeyError or ValueError if bad)."""
    data = tomllib.loads(text)
    schedules = sorted(
        (RateSchedule(YearMonth.parse(s["effective_from"]), s["income_base_minimum"],
                      s["jkk_permille"], s["jkm_flat"], s["jht_permille"])
         for s in data["schedule"]),
        key=lambda s: s.effective_from,
    )
    discounts = tuple(
        Discount(
            name=d["name"],
            percent=d["percent"],
            programs=frozenset(Program(p) for p in d["programs"]),
            excluded_funding=frozenset(FundingSource(f) for f in d["excluded_funding"]),
            windows=tuple(
                DiscountWindow(frozenset(w["sectors"]), frozenset(w["except_sectors"]),
                               YearMonth.parse(w["first_month"]), YearMonth.parse(w["last_month"]))
                for w in d["window"]),
        )
        for d in data.get("discount", [])
    )
    return Rates(tuple(data["payment_month_choices"]), tuple(schedules), discounts)


@cache
def current_rates() -> Rates:
    """The rates in force: the office's latest, else those shipped with the application."""
    return load_rates(reference_file("contribution_rates.toml"))


def _rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ProgramCharge:
    program: Program
    full_amount: int  # before any discount
    amount: int  # what is due
    discount_name: str | None

    def to_json(self) -> dict[str, object]:
        return {"program": str(self.program), "full_amount": self.full_amount,
                "amount": self.amount, "discount": self.discount_name}


@dataclass(frozen=True)
class MonthCharge:
    month: YearMonth
    charges: tuple[ProgramCharge, ...]

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.charges)

    @property
    def full_total(self) -> int:
        return sum(c.full_amount for c in self.charges)

    def to_json(self) -> dict[str, object]:
        return {"month": str(self.month), "programs": [c.to_json() for c in self.charges],
                "total": self.total, "full_total": self.full_total}


@dataclass(frozen=True)
class ContributionQuote:
    """The month-by-month breakdown of one payment."""

    months: tuple[MonthCharge, ...]
    funding_source: FundingSource

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)

    @property
    def full_total(self) -> int:
        return sum(m.full_total for m in self.months)

    @property
    def due_from_participant(self) -> int:
        """Zero when the city, the province, the state, the desa adat or a sponsor pays."""
        return self.total if self.funding_source is FundingSource.MANDIRI else 0

    def month_runs(self) -> tuple[tuple[MonthCharge, ...], ...]:
        """Runs of consecutive months priced alike: a discount or a rate may change within
        the period, and the receipt and the spoken price both name each run once."""
        runs: list[list[MonthCharge]] = []
        for month in self.months:
            if runs and runs[-1][-1].charges == month.charges:
                runs[-1].append(month)
            else:
                runs.append([month])
        return tuple(tuple(run) for run in runs)

    def to_json(self) -> dict[str, object]:
        return {"months": [m.to_json() for m in self.months], "total": self.total,
                "full_total": self.full_total, "funding_source": str(self.funding_source),
                "due_from_participant": self.due_from_participant}


def price_month(*, month: YearMonth, monthly_income: int, programs: Iterable[Program],
                sector: str, funding: FundingSource, rates: Rates) -> MonthCharge:
    schedule = rates.schedule_for(month)
    base = Decimal(max(monthly_income, schedule.income_base_minimum))
    full = {
        Program.JKK: _rupiah(base * schedule.jkk_permille / 1000),
        Program.JKM: schedule.jkm_flat,
        Program.JHT: _rupiah(base * schedule.jht_permille / 1000),
    }
    charges = []
    for program in sorted(set(programs), key=list(Program).index):
        amount, discount_name = full[program], None
        for discount in rates.discounts:
            if program in discount.programs and discount.applies(month, sector, funding):
                amount = _rupiah(Decimal(amount) * (100 - discount.percent) / 100)
                discount_name = discount.name
                break
        charges.append(ProgramCharge(program, full[program], amount, discount_name))
    return MonthCharge(month, tuple(charges))


def quote_contribution(*, monthly_income: int, programs: Iterable[Program], months: int,
                       first_month: YearMonth, sector: str, funding: FundingSource,
                       rates: Rates | None = None) -> ContributionQuote:
    """Prices ``months`` consecutive months starting at ``first_month``."""
    rates = rates or current_rates()
    if months not in rates.payment_month_choices:
        choices = ", ".join(str(c) for c in rates.payment_month_choices)
        raise ValueError(f"payment period must be one of {choices} months, not {months}")
    if monthly_income <= 0:
        raise ValueError("declared monthly income must be positive")
    programs = tuple(programs)
    return ContributionQuote(
        tuple(price_month(month=first_month.plus(i), monthly_income=monthly_income,
                          programs=programs, sector=sector, funding=funding, rates=rates)
              for i in range(months)),
        funding,
    )
