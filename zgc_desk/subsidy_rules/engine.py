"""The subsidy engine: every firm × item × policy of one round, with reasons, caps and totals.

Pure: a function of the rule data (:class:`RuleSet`), the facts (:class:`Portfolio`), the round
year and the ``as_of`` date — no database, no clock. Steps for each policy:

1. The round: the ``window`` parameter in force on 1 January of the round year gives the dates
   counted (e.g. the previous calendar year) and the round's assessment day; every other
   parameter is taken as in force on that day.
2. If the policy is not in force on the assessment day, each firm gets one decision (its own code
   as ``matter``) saying so, why, and from which source — no amounts.
3. Otherwise each item of the firm (with its date in the window, unless ``scope="all"``) is checked
   against the policy's criteria in file order; group criteria (caps on counts) come after the
   others, counting only items that meet everything else.
4. Eligible items get their amount, then the official-fee cap, then the per-firm cap of the round.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.dates import add_years
from zgc_desk.i18n import _
from zgc_desk.subsidy_rules.alternatives import mark_alternatives
from zgc_desk.subsidy_rules.amounts import (
    amount_reason,
    apply_fee_cap,
    apply_firm_cap,
    apply_item_cap,
    nominal_amount,
)
from zgc_desk.subsidy_rules.evaluation import Evaluation, RoundContext, record_source
from zgc_desk.subsidy_rules.facts import FirmFacts, Portfolio
from zgc_desk.subsidy_rules.loader import RuleSet
from zgc_desk.subsidy_rules.model import Policy
from zgc_desk.subsidy_rules.predicates import PREDICATES
from zgc_desk.subsidy_rules.results import Decision, FirmTotal, PolicyRound, Reason, RoundResult
from zgc_desk.subsidy_rules.standing import firm_standing

SCOPES = ("round", "all")


def _month_day(year: int, text: str) -> dt.date:
    month, day = (int(part) for part in text.split("-"))
    return dt.date(year, month, day)


def policy_round(policy: Policy, round_year: int) -> PolicyRound:
    """Where a policy stands in a round: assessment day, window, in force or not and why."""
    opening = dt.date(round_year, 1, 1)
    window = policy.parameter("window").at(opening)
    if window is None:
        start = policy.parameter("window").values[0].effective_from
        reason = _("the rule data for this policy starts on {date}; there are no rules for round {year}").format(
            date=start.isoformat(), year=round_year)
        return PolicyRound(policy, round_year, opening, None, None, False, reason, True)
    rule = window.value
    assessed_on = _month_day(round_year, rule["assessed_on"])
    start = _month_day(round_year - rule["years_back"], rule["starts"])
    end = add_years(start, 1) - dt.timedelta(days=1)
    in_force = policy.parameter("available").at(assessed_on)
    if in_force is None:
        first = policy.parameter("available").values[0]
        reason = _("not in force on {date}, the assessment day of round {year}: the policy begins on {start} ({source})"
                   ).format(date=assessed_on.isoformat(), year=round_year, start=first.effective_from.isoformat(),
                            source=first.source.citation())
        return PolicyRound(policy, round_year, assessed_on, start, end, False, reason, first.verified)
    if not in_force.value:
        reason = _("not available in round {year} (assessed on {date}) because {why} — {source}, from {start}").format(
            year=round_year, date=assessed_on.isoformat(), why=str(in_force.why), source=in_force.source.citation(),
            start=in_force.effective_from.isoformat())
        return PolicyRound(policy, round_year, assessed_on, start, end, False, reason, in_force.verified)
    return PolicyRound(policy, round_year, assessed_on, start, end, True, None, in_force.verified)


def evaluate_round(rules: RuleSet, portfolio: Portfolio, round_year: int, as_of: dt.date,
                   firms: list[str] | None = None, policies: list[str] | None = None,
                   scope: str = "round", with_standing: bool = True) -> RoundResult:
    """Check ``firms`` (default: all) under ``policies`` (default: all) for ``round_year``.

    ``scope="round"`` reports the items whose date falls in the round's window (and is not after
    ``as_of``); ``scope="all"`` reports every item of the policy's kind, with the window criterion
    failing for those outside. ``with_standing=False`` leaves the firms' standing out (information
    only; it reads every Chinese patent application).
    """
    if scope not in SCOPES:
        raise ValueError(scope)
    codes = list(firms) if firms is not None else sorted(portfolio.firms)
    rounds = [policy_round(rules.policies[pid], round_year) for pid in (policies or list(rules.policies))]
    decisions: list[Decision] = []
    for standing in rounds:
        for code in codes:
            firm = portfolio.firms[code]
            if standing.available:
                decisions += _evaluate_firm(rules, standing, firm, portfolio, as_of, scope)
            else:
                decisions.append(_unavailable(standing, firm, portfolio, as_of))
    mark_alternatives(decisions, {s.id: s.policy for s in rounds}, [s.id for s in rounds])
    return RoundResult(
        round_year=round_year, as_of=as_of, firms={code: portfolio.firms[code] for code in codes},
        policies=rounds, decisions=decisions, totals=_totals(decisions, codes),
        standing={code: firm_standing(rules, portfolio, code, round_year) for code in codes} if with_standing else {},
    )


def _in_window(standing: PolicyRound, value: dt.date | None, as_of: dt.date) -> bool:
    return value is not None and standing.window_start <= value <= standing.window_end and value <= as_of


def _unavailable(standing: PolicyRound, firm: FirmFacts, portfolio: Portfolio, as_of: dt.date) -> Decision:
    """One decision for the firm: the policy is not available in this round, and why."""
    policy = standing.policy
    detail = standing.unavailable_reason
    if standing.window_start is not None:
        field = policy.items.date_field
        inside = [i for i in portfolio.items_of(policy.items.source, firm.code)
                  if policy.items.selects(i) and _in_window(standing, i.date(field), as_of)]
        if inside:
            listed = ", ".join(f"{i.office} {i.number}".strip() for i in inside[:5])
            more = "" if len(inside) <= 5 else _(" and {n} more").format(n=len(inside) - 5)
            detail += _("; items of the firm that would otherwise count: {items}{more}").format(items=listed, more=more)
    decision = Decision(policy.id, firm.code, firm.code, "firm", standing.round_year,
                        verified=standing.verified, unavailable_reason=standing.unavailable_reason,
                        reasons=[Reason("policy_available", False, detail)])
    in_force = policy.parameter("available").at(standing.assessed_on) or policy.parameter("available").values[0]
    record_source(decision, "available", in_force)
    decision.verified = in_force.verified
    return decision


def _available_reason(ev: Evaluation, standing: PolicyRound) -> Reason:
    value = ev.parameter("available")
    return Reason("policy_available", True, _(
        "round {year} is assessed with the rules in force on {date}; the policy is in force then ({source})").format(
        year=standing.round_year, date=standing.assessed_on.isoformat(), source=value.source.citation()))


def _evaluate_firm(rules: RuleSet, standing: PolicyRound, firm: FirmFacts, portfolio: Portfolio,
                   as_of: dt.date, scope: str) -> list[Decision]:
    policy = standing.policy
    ctx = RoundContext(policy, standing.round_year, as_of, standing.assessed_on,
                       (standing.window_start, standing.window_end), portfolio, rules.lpr)
    field = policy.items.date_field
    items = portfolio.items_of(policy.items.source, firm.code)
    if scope == "round":
        items = [item for item in items if _in_window(standing, item.date(field), as_of)]
    items = [item for item in items if policy.items.selects(item)]
    items = sorted(items, key=lambda i: (i.date(field) or dt.date.max, i.number, i.office))
    evaluations = [_check_item(ctx, standing, firm, item) for item in items]
    _check_groups(policy, evaluations)
    for ev in evaluations:
        _settle(ev, rules)
    apply_firm_cap(evaluations, standing.round_year)
    return [ev.decision for ev in evaluations]


def _check_item(ctx: RoundContext, standing: PolicyRound, firm: FirmFacts, item) -> Evaluation:
    policy = ctx.policy
    decision = Decision(policy.id, firm.code, item.number, item.source, ctx.round_year, office=item.office,
                        title=item.title, date=item.date(policy.items.date_field), item=item)
    ev = Evaluation(ctx, firm, item, decision)
    ev.parameter("window")
    ev.checked = [(-1, _available_reason(ev, standing))]
    for index, criterion in enumerate(policy.criteria):
        spec = PREDICATES[criterion.name]
        if not spec.group:
            passed, detail = spec.func(ev, criterion.args)
            ev.checked.append((index, Reason(criterion.name, passed, detail)))
    return ev


def _passing(ev: Evaluation) -> bool:
    return all(reason.passed for _index, reason in ev.checked)


def _check_groups(policy: Policy, evaluations: list[Evaluation]) -> None:
    """Group criteria count only the items that meet every other criterion."""
    group_criteria = [(i, c) for i, c in enumerate(policy.criteria) if PREDICATES[c.name].group]
    if not group_criteria:
        return
    for ev in evaluations:
        if _passing(ev):
            ev.nominal = nominal_amount(ev)
    for index, criterion in group_criteria:
        group = [ev for ev in evaluations if _passing(ev)]
        for ev, (passed, detail) in zip(group, PREDICATES[criterion.name].func(group, criterion.args), strict=True):
            ev.checked.append((index, Reason(criterion.name, passed, detail)))


def _settle(ev: Evaluation, rules: RuleSet) -> None:
    """Reasons in file order; for an eligible item, its amount after the official-fee cap."""
    decision = ev.decision
    decision.reasons = [reason for _index, reason in sorted(ev.checked, key=lambda pair: pair[0])]
    decision.eligible = all(reason.passed for reason in decision.reasons)
    if not decision.eligible:
        return
    if ev.nominal is None:
        ev.nominal = nominal_amount(ev)
    reason = amount_reason(ev)
    decision.reasons.append(reason)
    if not reason.passed:  # the facts the amount needs are missing: say which, claim nothing
        decision.eligible, decision.amount_cny = False, 0
        return
    decision.amount_before_cap = ev.nominal
    amount, item_reason = apply_item_cap(ev, ev.nominal)
    if item_reason is not None:
        decision.reasons.append(item_reason)
    amount, cap_reason = apply_fee_cap(ev, rules.fees, amount)
    if cap_reason is not None:
        decision.reasons.append(cap_reason)
        if not cap_reason.passed:
            decision.eligible, amount = False, 0
    decision.amount_cny = amount


def _totals(decisions: list[Decision], codes: list[str]) -> dict[str, FirmTotal]:
    totals = {code: FirmTotal(code) for code in codes}
    for decision in decisions:
        if not decision.eligible:
            continue
        total = totals[decision.firm]
        total.per_policy[decision.policy] = total.per_policy.get(decision.policy, 0) + decision.amount_cny
        total.eligible_items[decision.policy] = total.eligible_items.get(decision.policy, 0) + 1
        total.alternatives_cny += decision.amount_cny - decision.counted_cny
        total.verified = total.verified and decision.verified
    return totals
