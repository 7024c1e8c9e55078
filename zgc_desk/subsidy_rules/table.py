"""A check as readable text for the command line: per firm, per policy, one line per item with the
reasons that matter under it (failed criteria, or how the amount was reached)."""

from __future__ import annotations

import unicodedata

from zgc_desk.i18n import _
from zgc_desk.subsidy_rules.amounts import money as format_money
from zgc_desk.subsidy_rules.results import Decision, PolicyRound, RoundResult

UNVERIFIED_MARK = "*"
_AMOUNT_STEPS = ("amount", "item_cap", "official_fee_cap", "firm_annual_cap")


def width(text: str) -> int:
    """Columns a text takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def money(amount: int, verified: bool) -> str:
    return format_money(amount) + ("" if verified else UNVERIFIED_MARK)


def format_check(result: RoundResult, show_all_reasons: bool = False) -> str:
    lines = [_("Subsidy check, round {year} (as of {date})").format(year=result.round_year,
                                                                   date=result.as_of.isoformat())]
    if not result.verified:
        lines.append(_("{mark} amount or rule not confirmed: it rests on parameters marked unverified (illustrative "
                       "defaults); confirm them against the round's notice before claiming.").format(
            mark=UNVERIFIED_MARK))
    if not result.firms:
        lines.append(_("No firms in this database."))
    for code, firm in result.firms.items():
        lines.append("")
        park = firm.zgc_park or _("outside the Zhongguancun zone")
        lines.append(f"{firm.name}  {code}  {park}")
        for standing in result.policies:
            lines += _policy_block(standing, result.decisions_for(code, standing.id), show_all_reasons)
        lines += _totals(result, code)
        lines += _standing(result, code)
    return "\n".join(lines)


def _policy_block(standing: PolicyRound, decisions: list[Decision], show_all: bool) -> list[str]:
    policy = standing.policy
    head = f"  {policy.id}  {policy.title}"
    if not standing.available:
        reason = decisions[0].reasons[0].detail if decisions else standing.unavailable_reason
        return [head, f"    ✗ {reason}"]
    window = _("dates {start} to {end}, rules in force on {day}").format(
        start=standing.window_start.isoformat(), end=standing.window_end.isoformat(), day=standing.assessed_on.isoformat())
    lines = [f"{head}  ({window})"]
    if not decisions:
        lines.append("    " + _("no items in the round's window"))
        return lines
    for decision in decisions:
        verdict = _("eligible") if decision.eligible else _("not eligible")
        where = f"{decision.office} {decision.matter}".strip()
        date = decision.date.isoformat() if decision.date else ""
        amount = money(decision.amount_cny, decision.verified) if decision.eligible else "-"
        lines.append("    " + "  ".join((pad(where, 24), pad(date, 10), pad(verdict, 12), pad(amount, 14, right=True),
                                         decision.title)))
        for reason in _reasons_shown(decision, show_all):
            mark = "✓" if reason.passed else "✗"
            lines.append(f"        {mark} {reason.detail}")
    return lines


def _reasons_shown(decision: Decision, show_all: bool):
    if show_all:
        return decision.reasons
    if not decision.eligible:
        return decision.failed
    return [r for r in decision.reasons if r.criterion in _AMOUNT_STEPS]


def _totals(result: RoundResult, code: str) -> list[str]:
    total = result.totals[code]
    if not total.per_policy:
        return ["  " + _("Total: nothing to claim in this round")]
    parts = ", ".join(f"{pid} {money(amount, total.verified)}" for pid, amount in total.per_policy.items())
    return ["  " + _("Total: {total} ({parts})").format(total=money(total.total, total.verified), parts=parts)]


def _standing(result: RoundResult, code: str) -> list[str]:
    rows = result.standing.get(code) or []
    if not rows:
        return []
    lines = ["  " + _("Against the action plan's thresholds ({year}, information only):").format(year=rows[0].year)]
    for row in rows:
        verdict = {True: _("met"), False: _("not met"), None: _("cannot tell")}[row.met]
        lines.append(f"    {row.label}: {row.detail} — {verdict} ({row.source})")
    return lines
