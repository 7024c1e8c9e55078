"""``subsidy_window`` deadlines: the day a subsidy round is assessed, for every firm that has
unclaimed eligible items in a policy of that round — money a firm loses by not claiming in time.

The round's day comes from the policy's ``window`` parameter (often unverified: then the deadline
says so, like its amount). One deadline per (firm, policy, round); ``amount_cny`` stays null (it is
the official fee in the contract) and the amount to claim is in the basis and in ``subsidy_cny``.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.deadlines.model import Basis, Deadline
from zgc_desk.i18n import N_
from zgc_desk.models import Firm
from zgc_desk.subsidy_rules.engine import evaluate_round
from zgc_desk.subsidy_rules.engine import policy_round as round_standing
from zgc_desk.subsidy_rules.facts import LeftOut

KIND = "subsidy_window"
RULE = N_("Subsidy round {round}: claim {policy}")
BASE = N_("assessment day of the round")
UNVERIFIED_NOTE = N_("UNVERIFIED: the round's date or amounts rest on parameters not yet confirmed; "
                     "check the current notice")


def is_unverified(deadline: Deadline) -> bool:
    """Whether a subsidy round's date or amounts rest on unconfirmed parameters."""
    return any(note == UNVERIFIED_NOTE for note, _params in deadline.basis.notes)


def subsidy_window_deadlines(*, as_of: dt.date, firm_id: int | None, start: dt.date | None,
                             end: dt.date | None, states=None, inputs=None) -> list[Deadline]:
    """``inputs``: the (rule set, portfolio of ``firm_id``) a caller already holds (the dashboard, which
    also reads the firm's standing from them), or None to load them here."""
    from zgc_desk.services.subsidies import load_portfolio, rules

    first = (start or as_of).year
    last = (end or as_of).year
    rule_set = rules() if inputs is None else inputs[0]
    # Which rounds are assessed in the range follows from the policies alone: the portfolio (seconds
    # to load at 100,000 patents) is loaded only when some round falls in it with a state that is
    # wanted (a past round is lapsed: the to-do list never shows it), and only those policies are
    # evaluated.
    in_range = {round_year: [pid for pid, policy in rule_set.policies.items()
                             if _in_range(round_standing(policy, round_year), start, end, as_of, states)]
                for round_year in range(first, last + 1)}
    if not any(in_range.values()):
        return []
    firm_ids = dict(Firm.select(Firm.credit_code, Firm.id).tuples())
    if inputs is not None:
        return _windows(rule_set, inputs[1], in_range, as_of, start, end, states, firm_ids)
    # Once for every round in the range; without the Chinese patents (most of a large portfolio)
    # when no policy in the range is about them. Should a policy's check read them after all, the
    # partial portfolio says so (``LeftOut``) and the whole one is loaded.
    about_patents = any(rule_set.policies[pid].items.source == "cn_patent" for pids in in_range.values() for pid in pids)
    try:
        portfolio = load_portfolio(firm_id, with_patents=about_patents)
        return _windows(rule_set, portfolio, in_range, as_of, start, end, states, firm_ids)
    except LeftOut:
        return _windows(rule_set, load_portfolio(firm_id), in_range, as_of, start, end, states, firm_ids)


def _windows(rule_set, portfolio, in_range, as_of, start, end, states, firm_ids) -> list[Deadline]:
    out: list[Deadline] = []
    for round_year, policies in in_range.items():
        if not policies:
            continue
        result = evaluate_round(rule_set, portfolio, round_year, as_of, policies=policies, with_standing=False)
        for policy_round in result.policies:
            due = policy_round.assessed_on
            if not policy_round.available or (start and due < start) or (end and due > end):
                continue
            out.extend(_policy_deadlines(result, policy_round, as_of, firm_ids, states))
    return out


def _title(result, policy_id: str) -> str:
    return next((str(p.policy.title) for p in result.policies if p.id == policy_id), policy_id)


def _in_range(standing, start: dt.date | None, end: dt.date | None, as_of: dt.date, states) -> bool:
    due = standing.assessed_on
    return (standing.available and not (start and due < start) and not (end and due > end)
            and (states is None or _state(due, as_of) in states))


def _state(assessed_on: dt.date, as_of: dt.date) -> str:
    return "open" if assessed_on >= as_of else "lapsed"


def _policy_deadlines(result, policy_round, as_of, firm_ids, states) -> list[Deadline]:
    by_firm: dict[str, list] = {}
    for decision in result.decisions:
        if decision.policy == policy_round.id and decision.eligible:
            by_firm.setdefault(decision.firm, []).append(decision)
    out = []
    for firm_code, decisions in sorted(by_firm.items()):
        state = _state(policy_round.assessed_on, as_of)
        if states is not None and state not in states:
            continue
        verified = policy_round.verified and all(d.verified for d in decisions)
        total = sum(d.counted_cny for d in decisions)  # an item counted under another policy: there only
        notes = [(N_("{count} eligible items, {amount} yuan to claim"), (("count", len(decisions)),
                                                                         ("amount", f"{total:,}")))]
        alternatives = [d for d in decisions if d.alternative_to]
        if alternatives:
            notes.append((N_("{count} of them also eligible under {policy}, which pays more and excludes this "
                             "policy for the same item: {amount} yuan counted there, not here"),
                          (("count", len(alternatives)),
                           ("policy", ", ".join(sorted({_title(result, d.alternative_to) for d in alternatives}))),
                           ("amount", f"{sum(d.amount_cny for d in alternatives):,}"))))
        if not verified:
            notes.append((UNVERIFIED_NOTE, ()))
        window = policy_round.policy.parameter("window").at(policy_round.assessed_on)
        deadline = Deadline(
            firm=firm_code, firm_id=firm_ids.get(firm_code, 0), matter=firm_code, matter_kind="firm",
            matter_id=firm_ids.get(firm_code, 0), title=str(policy_round.policy.title), kind=KIND, office="",
            due=policy_round.assessed_on, state=state, amount_cny=None,
            basis=Basis(rule=RULE, source=window.source.citation() if window else "", base=BASE,
                        base_date=policy_round.assessed_on, period=(0, "none"), unadjusted=policy_round.assessed_on,
                        notes=tuple(notes),
                        rule_params=(("round", policy_round.round_year), ("policy", str(policy_round.policy.title)))),
            subsidy_cny=total,
        )
        out.append(deadline)
    return out
