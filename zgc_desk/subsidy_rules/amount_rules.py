"""The vocabulary of amounts a rule file may use (``amount: {rule: ...}``): small named functions.

Each rule turns an eligible item into its amount before the caps per firm, with a sentence stating
the figures used. The loader checks a policy's ``amount`` section against :data:`AMOUNT_RULES`
(argument names, parameter types, the item's amount fields), so a rule file can only say what is
defined here; a new way of computing an amount is a new function here, never per-policy code.

- ``fixed``: a sum per item (or per office), the original form (``per_item``, ``fee_cap``);
- ``share_of_amount``: a share of one of the item's amounts (e.g. the interest paid on a loan),
  optionally only its IP-secured part, at a rate capped at a multiple of the one-year loan prime
  rate in force on the loan's start date (the rate counted is at most LPR × ``rate_cap``);
- ``share_of_costs``: a share of the sum of listed costs (valuation, guarantee, other fees...).

Amounts are whole yuan, rounded down so that a cap is never exceeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from zgc_desk.i18n import N_, _

if TYPE_CHECKING:
    from zgc_desk.subsidy_rules.evaluation import Evaluation

FIELD_LABELS = {
    "interest_paid_cny": N_("interest paid"),
    "principal_cny": N_("principal"),
    "valuation_fee_cny": N_("valuation fee"),
    "guarantee_fee_cny": N_("guarantee fee"),
    "insurance_fee_cny": N_("insurance premium"),
    "other_cost_cny": N_("other financing costs"),
    "official_fees_cny": N_("official fees paid"),
}


@dataclass(frozen=True)
class AmountArg:
    """``kind`` is ``parameter`` (the name of a parameter of one of ``param_types``) or ``fields``
    (item amount fields, per source in ``facts.AMOUNT_FIELDS``)."""

    kind: str
    param_types: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Computed:
    """An amount before the caps per firm; ``ok`` is false when the facts needed are missing."""

    amount: int
    detail: str
    ok: bool = True


@dataclass(frozen=True)
class AmountRuleSpec:
    name: str
    label: str
    func: Callable | None  # None for ``fixed`` (computed in amounts.py with the fee cap)
    args: dict[str, AmountArg] = field(default_factory=dict)


_CAPS = {"item_cap": AmountArg("parameter", ("cap_money",), required=False),
         "firm_cap": AmountArg("parameter", ("cap_money",), required=False)}

AMOUNT_RULES: dict[str, AmountRuleSpec] = {}


def amount_rule(name: str, label: str, args: dict[str, AmountArg]):
    def register(func):
        AMOUNT_RULES[name] = AmountRuleSpec(name, label, func, {**args, **_CAPS})
        return func
    return register


AMOUNT_RULES["fixed"] = AmountRuleSpec("fixed", N_("A fixed sum per item"), None, {
    "per_item": AmountArg("parameter", ("money", "money_by_office")),
    "fee_cap": AmountArg("parameter", ("cap_ratio",), required=False), **_CAPS})


def _yuan(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def money(amount) -> str:
    from zgc_desk.subsidy_rules.amounts import money as format_money

    return format_money(int(amount))


def percent(value) -> str:
    """3.45 -> "3.45%" (as rates are written in the notices; trailing zeros dropped)."""
    text = f"{Decimal(str(value)).quantize(Decimal('0.0001')).normalize():f}"
    return f"{text}%"


def field_label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name))


def _share_value(ev: Evaluation, name: str) -> Decimal | None:
    value = ev.parameter(name)
    return None if value is None or value.value is None else Decimal(str(value.value))


def _secured_part(ev: Evaluation, amount: Decimal, args) -> tuple[Decimal, str]:
    """Only the IP-secured share of a combined loan, when the rule says so."""
    if not args.secured_share:
        return amount, ""
    applies = ev.parameter(args.secured_share)
    if applies is None or not applies.value or ev.item.ip_share_pct >= 100:
        return amount, ""
    share = Decimal(ev.item.ip_share_pct) / 100
    return amount * share, _(" × IP-secured share {share}%").format(share=ev.item.ip_share_pct)


def rate_cap(ev: Evaluation, multiple_name: str) -> tuple[Decimal | None, str, bool]:
    """The highest rate counted for the item's loan: LPR in force on its start date × the multiple.

    Returns (capped rate or None, the facts in words, whether it could be computed). The LPR value
    is recorded among the decision's sources (its announcement date and document).
    """
    item = ev.item
    multiple = ev.parameter(multiple_name)
    if multiple is None or multiple.value is None:
        return None, _("no rate cap in force"), True
    if item.start_date is None:
        return None, _("no loan start date recorded: the loan prime rate that applies cannot be found"), False
    lpr = ev.lpr_on(item.start_date)
    if lpr is None:
        return None, _("no one-year loan prime rate known for {date}").format(date=item.start_date.isoformat()), False
    cap = Decimal(str(lpr.value)) * Decimal(str(multiple.value))
    words = _("one-year LPR {lpr} announced {announced} (in force on the loan's start {start}) × {multiple} = "
              "{cap}").format(lpr=percent(lpr.value), announced=lpr.effective_from.isoformat(),
                              start=item.start_date.isoformat(), multiple=multiple.value, cap=percent(cap))
    return cap, words, True


@amount_rule("share_of_amount", N_("A share of an amount, at a capped rate"), {
    "share": AmountArg("parameter", ("cap_ratio",)),
    "of": AmountArg("fields"),
    "rate_cap": AmountArg("parameter", ("multiple",), required=False),
    "secured_share": AmountArg("parameter", ("bool",), required=False),
})
def share_of_amount(ev: Evaluation, args) -> Computed:
    name = args.of[0]
    recorded = getattr(ev.item, name)
    share = _share_value(ev, args.share)
    if recorded is None:
        return Computed(0, _("no {field} recorded").format(field=field_label(name)), False)
    if share is None:
        return Computed(0, _("no share in force"), False)
    base, secured = _secured_part(ev, Decimal(recorded), args)
    words = _("{field} {amount}{secured} × {share}").format(field=field_label(name), amount=money(recorded),
                                                              secured=secured, share=f"{share:.0%}")
    amount = base * share
    if args.rate_cap:
        rate = ev.item.annual_rate_pct
        if rate is None or rate <= 0:
            return Computed(0, _("no annual rate recorded for the loan"), False)
        cap, cap_words, ok = rate_cap(ev, args.rate_cap)
        if not ok:
            return Computed(0, cap_words, False)
        if cap is not None and Decimal(str(rate)) > cap:
            amount = amount * cap / Decimal(str(rate))
            words += _(" × capped rate {cap} / actual rate {rate} ({how})").format(
                cap=percent(cap), rate=percent(rate), how=cap_words)
        elif cap is not None:
            words += _("; actual rate {rate} counted in full, not above {how}").format(rate=percent(rate), how=cap_words)
    total = _yuan(amount)
    return Computed(total, f"{words} = {money(total)}")


@amount_rule("share_of_costs", N_("A share of listed costs"), {
    "share": AmountArg("parameter", ("cap_ratio",)),
    "of": AmountArg("fields"),
})
def share_of_costs(ev: Evaluation, args) -> Computed:
    share = _share_value(ev, args.share)
    if share is None:
        return Computed(0, _("no share in force"), False)
    parts = [(name, getattr(ev.item, name)) for name in args.of]
    counted = [(name, value) for name, value in parts if value]
    if not counted:
        listed = ", ".join(field_label(name) for name in args.of)
        return Computed(0, _("no costs recorded ({listed})").format(listed=listed), False)
    costs = sum(value for _name, value in counted)
    total = _yuan(Decimal(costs) * share)
    shown = " + ".join(f"{field_label(name)} {money(value)}" for name, value in counted)
    return Computed(total, _("({costs}) = {sum} × {share} = {total}").format(
        costs=shown, sum=money(costs), share=f"{share:.0%}", total=money(total)))
