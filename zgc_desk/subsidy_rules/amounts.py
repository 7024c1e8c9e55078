"""The money steps after the criteria: amount per item (by the policy's amount rule), the cap per
item, the official-fee cap, the per-firm cap.

Each step adds a reason (``amount``, ``item_cap``, ``official_fee_cap``, ``firm_annual_cap``) saying what it did
and with which figures. Amounts are whole yuan, rounded down so a cap is never exceeded.
"""

from __future__ import annotations

import math
from functools import lru_cache

from zgc_desk.i18n import _, current_language, format_money
from zgc_desk.subsidy_rules.amount_rules import AMOUNT_RULES, Computed
from zgc_desk.subsidy_rules.evaluation import Evaluation, record_source
from zgc_desk.subsidy_rules.loader import FeeTable
from zgc_desk.subsidy_rules.results import Reason


@lru_cache(maxsize=4096)
def _money_in(amount: int, language: str) -> str:
    return format_money(amount)


def money(amount: int) -> str:
    """``format_money`` remembered per language: babel parses its locale on every call, and a check of
    a large portfolio formats the same few amounts thousands of times."""
    return _money_in(amount, current_language())


def _unverified(value) -> str:
    return "" if value.verified else " — " + _("unverified")


def _fixed(ev: Evaluation) -> Computed:
    """The per-item amount before caps; for per-office amounts, the item's office or 'other'."""
    name = ev.policy.amount.per_item
    value = ev.parameter(name)
    if value is None:
        return Computed(0, _("no amount in force on {date}").format(date=ev.assessed_on), False)
    if isinstance(value.value, dict):
        office = ev.item.office if ev.item.office in value.value else "other"
        amount = value.value[office]
        which = ev.item.office if ev.item.office in value.value else _("other offices")
        return Computed(amount, _("{amount} for {office} ({source}){unverified}").format(
            amount=money(amount), office=which, source=value.source.citation(), unverified=_unverified(value)))
    return Computed(value.value, _("{amount} per item ({source}){unverified}").format(
        amount=money(value.value), source=value.source.citation(), unverified=_unverified(value)))


def compute_amount(ev: Evaluation) -> Computed:
    """The item's amount by the policy's amount rule, before any cap (remembered on ``ev``)."""
    if ev.computed is None:
        rule = ev.policy.amount
        ev.computed = _fixed(ev) if rule.rule == "fixed" else AMOUNT_RULES[rule.rule].func(ev, rule)
    return ev.computed


def nominal_amount(ev: Evaluation) -> int:
    return compute_amount(ev).amount


def amount_reason(ev: Evaluation) -> Reason:
    computed = compute_amount(ev)
    rule = ev.policy.amount
    detail = computed.detail
    if rule.rule != "fixed" and computed.ok:
        share = ev.parameter(rule.share)
        detail = _("{detail} ({source}){unverified}").format(
            detail=detail, source=share.source.citation(), unverified=_unverified(share))
    return Reason("amount", computed.ok, detail)


def apply_item_cap(ev: Evaluation, amount: int) -> tuple[int, Reason | None]:
    """Limit ``amount`` to the policy's cap per item, if it has one."""
    name = ev.policy.amount.item_cap
    if not name:
        return amount, None
    value = ev.parameter(name)
    if value is None or value.value is None:
        return amount, Reason("item_cap", True, _("no cap per item in force on {date}").format(date=ev.assessed_on))
    capped = min(amount, value.value)
    detail = _("cap per item: {cap} ({source}){unverified}").format(
        cap=money(value.value), source=value.source.citation(), unverified=_unverified(value))
    if capped < amount:
        detail += _("; amount reduced from {before} to {after}").format(before=money(amount), after=money(capped))
    return capped, Reason("item_cap", True, detail)


def official_fees(ev: Evaluation, fees: FeeTable) -> tuple[int | None, str]:
    """Official fees paid to obtain the patent: recorded, else estimated for a CN invention."""
    item = ev.item
    if item.official_fees_cny is not None:
        return item.official_fees_cny, _("official fees recorded: {fees}").format(fees=money(item.official_fees_cny))
    if item.source != "cn_patent" or item.kind != "invention" or item.filing_date is None:
        return None, ""
    total, parts = 0, []
    rate = max(0, min(100, item.fee_reduction_pct or 0))
    for name, parameter in fees.parameters.items():
        value = parameter.at(item.filing_date)
        if value is None:
            return None, ""
        record_source(ev.decision, f"fee:{name}", value)
        amount = value.value
        if name in fees.reducible and rate:
            amount = math.floor(amount * (100 - rate) / 100)
        total += amount
        parts.append(f"{parameter.label} {amount}")
    reduction = _(", after a fee reduction of {rate}%").format(rate=rate) if rate else ""
    return total, _("official fees estimated at {fees} ({parts}{reduction}; surcharges for claims, pages and "
                    "priorities not included)").format(fees=money(total), parts=", ".join(parts),
                                                       reduction=reduction)


def apply_fee_cap(ev: Evaluation, fees: FeeTable, amount: int) -> tuple[int, Reason | None]:
    """Limit ``amount`` to the cap share of the official fees, less other subsidies for the item."""
    name = ev.policy.amount.fee_cap
    if not name:
        return amount, None
    value = ev.parameter(name)
    if value is None or value.value is None:
        return amount, Reason("official_fee_cap", True, _("no cap on official fees in force on {date}").format(
            date=ev.assessed_on))
    paid, how = official_fees(ev, fees)
    if paid is None:
        return 0, Reason("official_fee_cap", False, _(
            "the official fees paid to obtain this patent are not recorded; record them to compute the cap of "
            "{share} of the fees ({source})").format(share=f"{value.value:.0%}", source=value.source.citation()))
    others = [c for c in ev.portfolio.claims_of(ev.firm.code) if c.matter_no == ev.item.number
              and (not c.office or c.office == ev.item.office) and c.policy != ev.policy.id]
    received = sum(c.amount_cny for c in others)
    cap = max(0, math.floor(paid * value.value) - received)
    capped = min(amount, cap)
    detail = _("{how}; all subsidies for one patent may not exceed {share} of them = {cap}").format(
        how=how, share=f"{value.value:.0%}", cap=money(math.floor(paid * value.value)))
    if received:
        detail += _("; other subsidies recorded for it: {received}").format(received=money(received))
    if capped < amount:
        detail += _("; amount reduced from {before} to {after}").format(
            before=money(amount), after=money(capped))
    detail = _("{detail} ({source})").format(detail=detail, source=value.source.citation())
    return capped, Reason("official_fee_cap", capped > 0, detail)


def apply_firm_cap(evs: list[Evaluation], round_year: int) -> None:
    """Share the per-firm cap of the round among the firm's eligible items, in date order.

    Amounts of claims already recorded for the firm under this policy in this round use up the cap
    first. Each item gets a ``firm_annual_cap`` reason; an item left with nothing stays eligible
    (it qualifies; the round's money for the firm is used up) with amount 0.
    """
    eligible = [ev for ev in evs if ev.decision.eligible]
    if not eligible:
        return
    name = eligible[0].policy.amount.firm_cap
    if not name:
        return
    first = eligible[0]
    value = first.parameter(name)
    for ev in eligible[1:]:
        ev.parameter(name)
    if value is None or value.value is None:
        for ev in eligible:
            ev.decision.reasons.append(Reason("firm_annual_cap", True, _("no cap per firm in this round")))
        return
    claimed = sum(c.amount_cny for c in first.portfolio.claims_of(first.firm.code)
                  if c.policy == first.policy.id and c.round_year == round_year)
    left = max(0, value.value - claimed)
    total = claimed + sum(ev.decision.amount_cny for ev in eligible)
    for ev in sorted(eligible, key=lambda e: (e.item_date, e.item.number, e.item.office)):
        before = ev.decision.amount_cny
        ev.decision.amount_cny = min(before, left)
        left -= ev.decision.amount_cny
        detail = _("cap per firm in round {year}: {cap}{unverified}; the firm's items total {total}").format(
            year=round_year, cap=money(value.value), unverified=_unverified(value), total=money(total))
        if claimed:
            detail += _(", of which already claimed: {claimed}").format(claimed=money(claimed))
        if ev.decision.amount_cny < before:
            detail += _("; this item reduced from {before} to {after}").format(
                before=money(before), after=money(ev.decision.amount_cny))
        ev.decision.reasons.append(Reason("firm_annual_cap", True, detail))
