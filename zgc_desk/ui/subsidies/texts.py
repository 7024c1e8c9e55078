"""Words and marks the subsidy views share: criterion names, what would make a failed criterion
pass, and how an unverified amount looks (asterisk, colour and a tooltip that says why)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from zgc_desk.i18n import N_, _, format_money
from zgc_desk.subsidy_rules.predicates import PREDICATES

UNVERIFIED_MARK = "*"
UNVERIFIED_COLOUR = QColor("#9a5b00")  # amber, readable on white and on the alternate row colour
UNVERIFIED_BACKGROUND = QColor("#fff4d6")
FAILED_COLOUR = QColor("#b3261e")
PASSED_COLOUR = QColor("#1b6e20")
MUTED_COLOUR = QColor("#6b6b6b")

# Criteria the engine adds itself (not in the predicate vocabulary).
_ENGINE_STEPS = {
    "policy_available": N_("Policy available in the round"),
    "amount": N_("Amount per item"),
    "official_fee_cap": N_("Cap at a share of the official fees"),
    "firm_annual_cap": N_("Cap per firm in the round"),
}

# What a failed criterion needs to pass, in the words of an application guide.
_REQUIREMENTS = {
    "policy_available": N_("Only in a round in which the policy is in force; try another round"),
    "firm_in_zone": N_("The firm must be registered in a Zhongguancun sub-park"),
    "firm_is_sme": N_("The firm must be a small or medium-sized enterprise"),
    "firm_is_hnte": N_("The firm must hold a valid high and new technology enterprise certificate"),
    "firm_not_blacklisted": N_("The firm must not be on a credit blacklist"),
    "firm_is_first_applicant": N_("The firm must be the first patentee (first applicant)"),
    "item_kind_is": N_("Only the kinds of item the policy supports"),
    "item_status_in": N_("The item must have an accepted status (e.g. granted or registered)"),
    "item_date_in_window": N_("The date must fall within the round's window; check another round"),
    "item_date_while_available": N_("The date must fall while the policy was in force"),
    "item_not_abnormal": N_("The item must not be an abnormal patent application"),
    "evidence_present": N_("The evidence must be on record: enter it in the item's record"),
    "first_foreign_filing": N_("Only the firm's first foreign invention filing qualifies"),
    "not_claimed_before": N_("The item must not have been funded before (no double funding)"),
    "count_within_cap": N_("Within the cap on the number supported; another item of the family or firm was counted"),
    "amount": N_("An amount must be in force for the round: enter it on the Policies page"),
    "official_fee_cap": N_("Record the official fees paid to obtain the patent"),
}


def criterion_label(criterion: str) -> str:
    if criterion in PREDICATES:
        return _(PREDICATES[criterion].label)
    return _(_ENGINE_STEPS.get(criterion, criterion))


def requirement(criterion: str) -> str:
    """What would make ``criterion`` pass (the criterion's own name when nothing better is known)."""
    if criterion in _REQUIREMENTS:
        return _(_REQUIREMENTS[criterion])
    return criterion_label(criterion)


def unverified_tip() -> str:
    return _("Unverified: this figure rests on rule parameters not yet confirmed against the round's notice "
             "(illustrative defaults). Confirm them on the Policies page before claiming.")


def money_text(amount: int, verified: bool) -> str:
    """Money with the unverified mark when the amount is not confirmed."""
    return format_money(amount) + ("" if verified else f" {UNVERIFIED_MARK}")


def legend() -> str:
    return _("{mark} Amounts marked so rest on parameters not yet verified (illustrative defaults).").format(
        mark=UNVERIFIED_MARK)
