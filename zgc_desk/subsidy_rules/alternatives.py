"""One item, one funding: when the same item (a loan, a patent) is eligible under policies that
exclude each other, only one of them can pay it.

Which policies exclude each other is read from the rule files themselves: a policy whose
``not_claimed_before`` criterion (``match: item``) names another policy cannot fund an item that
policy funded, and so the two are alternatives for that item. Before any claim is recorded both
answer "eligible"; counting both would overstate what the firm can get. The larger amount counts
(the one a firm would choose; on a tie, the policy listed first), the other is marked as its
alternative and left out of every total, while still shown with its own amount.
"""

from __future__ import annotations

from zgc_desk.subsidy_rules.model import Policy
from zgc_desk.subsidy_rules.results import Decision


def exclusive_policies(policies: dict[str, Policy]) -> dict[str, frozenset[str]]:
    """For each policy, the policies it may not fund an item together with (symmetric)."""
    pairs: dict[str, set[str]] = {pid: set() for pid in policies}
    for pid, policy in policies.items():
        for criterion in policy.criteria:
            if criterion.name != "not_claimed_before" or criterion.args.get("match") != "item":
                continue
            for other in criterion.args.get("policies", ()):
                if other != pid and other in policies:
                    pairs[pid].add(other)
                    pairs[other].add(pid)
    return {pid: frozenset(others) for pid, others in pairs.items()}


def mark_alternatives(decisions: list[Decision], policies: dict[str, Policy], order: list[str]) -> None:
    """Set ``alternative_to`` on each eligible decision that another, counted, policy excludes."""
    exclusive = exclusive_policies(policies)
    rank = {pid: i for i, pid in enumerate(order)}
    by_item: dict[tuple[str, str, str], list[Decision]] = {}
    for decision in decisions:
        if decision.eligible and exclusive.get(decision.policy):
            by_item.setdefault((decision.firm, decision.office, decision.matter), []).append(decision)
    for group in by_item.values():
        if len(group) < 2:
            continue
        counted: list[Decision] = []
        for decision in sorted(group, key=lambda d: (-d.amount_cny, rank.get(d.policy, len(rank)))):
            chosen = next((c for c in counted if c.policy in exclusive[decision.policy]), None)
            if chosen is None:
                counted.append(decision)
            else:
                decision.alternative_to = chosen.policy
