"""Exchange rates the user enters, per currency, to show foreign fees' totals in yuan as well.

No rate is ever assumed: a currency without an entered rate stays in its own currency wherever a
total is shown (``zgc_desk.exchange``). A rate is kept with the day it holds for and an optional note
of its source, in the per-database setting ``exchange_rates`` (so every advisor sharing a database
sees the same rates). Setting or removing one is one undoable operation.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from zgc_desk.changes import Changed
from zgc_desk.errors import UserError
from zgc_desk.exchange import BASE, Rate
from zgc_desk.i18n import N_, _
from zgc_desk.operations import Label, operation
from zgc_desk.services.settings import get_setting, set_setting

SETTING = "exchange_rates"
_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_RATE = Decimal(100_000)  # yuan per unit: far above any currency's (a typo guard, not a rule)


def list_rates() -> dict[str, Rate]:
    """The rates entered, by currency code."""
    stored = get_setting(SETTING) or {}
    out = {}
    for currency, value in stored.items():
        try:
            out[currency] = Rate(currency, Decimal(value["rate"]), dt.date.fromisoformat(value["as_of"]),
                                 value.get("source", ""))
        except (KeyError, TypeError, ValueError, InvalidOperation):
            continue  # a value written by hand that cannot be read is ignored, never guessed
    return dict(sorted(out.items()))


def parse_currency(text: str) -> str:
    currency = (text or "").strip().upper()
    if not _CURRENCY.match(currency):
        raise UserError(_("Currency: expected a three-letter ISO code such as USD or EUR, not “{text}”").format(
            text=text))
    if currency == BASE:
        raise UserError(_("Currency: amounts in yuan need no rate"))
    return currency


def parse_rate(text) -> Decimal:
    """Yuan per unit: a positive number with at most 6 decimals ("7.1234", "7,1234" also accepted)."""
    try:
        value = Decimal(str(text).strip().replace(",", ".")) if not isinstance(text, Decimal) else text
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0 or value > MAX_RATE \
            or value.as_tuple().exponent < -6:
        raise UserError(_("Rate: expected yuan for one unit, a positive number with at most 6 decimals "
                          "(e.g. 7.1234), not “{text}”").format(text=text))
    return value.normalize() if value == value.to_integral() else value


def _save(rates: dict[str, Rate]) -> None:
    set_setting(SETTING, {c: {"rate": str(r.cny_per_unit), "as_of": r.as_of.isoformat(), "source": r.source}
                          for c, r in sorted(rates.items())})


def set_rate(currency: str, rate, as_of: dt.date, source: str = "") -> Changed:
    """Enter or replace the rate of one currency (one undoable operation)."""
    currency, value = parse_currency(currency), parse_rate(rate)
    if not isinstance(as_of, dt.date):
        raise UserError(_("Rate date: expected a date"))
    source = (source or "").strip()
    if len(source) > 200:
        raise UserError(_("Source: at most 200 characters"))
    with operation(Label(N_("Set exchange rate {currency}"), currency=currency)) as op:
        rates = list_rates()
        rates[currency] = Rate(currency, value, as_of, source)
        _save(rates)
    return op.changed


def remove_rate(currency: str) -> Changed:
    """Forget the rate of one currency (one undoable operation): its totals stay in that currency."""
    currency = parse_currency(currency)
    rates = list_rates()
    if currency not in rates:
        raise UserError(_("No rate is entered for {currency}").format(currency=currency))
    with operation(Label(N_("Remove exchange rate {currency}"), currency=currency)) as op:
        del rates[currency]
        _save(rates)
    return op.changed
