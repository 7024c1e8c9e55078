"""Foreign fees in yuan, only at a rate the user entered (issue 14: "totals in CNY only where a rate
is entered — never a made-up rate"). Pure values and arithmetic; the rates themselves are kept by
``zgc_desk.services.rates``.

A rate is yuan per one unit of the currency, as of the day the user says it holds, with an optional
note of where it came from (e.g. the PBOC's central parity of that day). A converted total always
names the rates and their dates, and the currencies it could not convert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from zgc_desk.i18n import _, format_date, format_money, format_rate

BASE = "CNY"


@dataclass(frozen=True)
class Rate:
    currency: str  # ISO 4217, e.g. USD
    cny_per_unit: Decimal  # yuan for one unit of the currency
    as_of: dt.date  # the day the rate holds for, as the user entered it
    source: str = ""  # where it came from, as the user wrote it

    def to_cny(self, amount: int) -> Decimal:
        return Decimal(amount) * self.cny_per_unit


@dataclass(frozen=True)
class Conversion:
    """Yuan plus foreign amounts, the foreign ones converted where a rate is entered."""

    cny: int  # the whole total in yuan (yuan amounts as they are, converted ones rounded once)
    used: tuple[Rate, ...]  # the rates applied, by currency
    missing: tuple[str, ...]  # currencies without a rate: left out of ``cny``

    @property
    def complete(self) -> bool:
        return not self.missing


def convert(cny: int, foreign: dict[str, int], rates: dict[str, Rate]) -> Conversion | None:
    """The total in yuan of ``cny`` yuan and the ``foreign`` amounts (currency -> amount), or None
    when no foreign amount has a rate (then there is nothing converted to show)."""
    used = [rates[c] for c in sorted(foreign) if c in rates and foreign[c]]
    if not used:
        return None
    converted = sum((rate.to_cny(foreign[rate.currency]) for rate in used), Decimal(0))
    total = int((Decimal(cny) + converted).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    missing = tuple(c for c in sorted(foreign) if c not in rates and foreign[c])
    return Conversion(total, tuple(used), missing)


def rate_words(rate: Rate) -> str:
    """"USD 1 = CNY 7.1234 (rate of 2026-11-20)"."""
    return _("{currency} 1 = CNY {cny} (rate of {date})").format(
        currency=rate.currency, cny=format_rate(rate.cny_per_unit), date=format_date(rate.as_of, "iso"))


def conversion_words(conversion: Conversion) -> str:
    """"≈ ¥12,345 in all, converted at your rates: USD 1 = CNY 7.1234 (rate of 2026-11-20)", naming what
    could not be converted."""
    rates = "; ".join(rate_words(rate) for rate in conversion.used)
    text = _("≈ {total} in all, converted at your rates: {rates}").format(
        total=format_money(conversion.cny, BASE), rates=rates)
    if conversion.missing:
        text += _(" (not included, no rate entered: {currencies})").format(currencies=", ".join(conversion.missing))
    return text
