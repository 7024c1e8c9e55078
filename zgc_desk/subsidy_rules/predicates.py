"""The vocabulary of criteria a rule file may use: small named pure functions.

Each predicate takes an :class:`Evaluation` (the firm, the item, the round and the parameters in
force) and its arguments from the rule file, and returns ``(passed, detail)`` where ``detail``
states the facts used. The loader checks names and arguments against :data:`PREDICATES`, so a
rule file can only say what is defined here; a new kind of condition is a new function here,
never per-policy code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zgc_desk.i18n import N_, _
from zgc_desk.subsidy_rules.facts import EVIDENCE_FIELDS, LENDER_TYPES
from zgc_desk.vocab import PATENT_KINDS, PATENT_STATUSES, TRADEMARK_STATUSES

if TYPE_CHECKING:
    from zgc_desk.subsidy_rules.evaluation import Evaluation

FIELD_LABELS = {
    "filing_date": N_("filing date"),
    "grant_date": N_("grant date"),
    "isr_date": N_("international search report date"),
    "registration_date": N_("registration date"),
    "grant_no": N_("grant number"),
    "official_fees_cny": N_("official fees paid"),
    "madrid_no": N_("international registration number"),
    "settled_on": N_("settlement date"),
    "start_date": N_("loan start date"),
    "pledge_registered_on": N_("pledge registration date"),
    "pledge_registration_no": N_("pledge registration number"),
    "interest_paid_cny": N_("interest paid"),
    "annual_rate_pct": N_("annual rate"),
}
LENDER_LABELS = {"bank": N_("Bank"), "guarantor": N_("Guarantee institution"), "other": N_("Other lender")}
KIND_LABELS = {**PATENT_KINDS, "trademark": N_("Trademark")}
STATUS_LABELS = {**PATENT_STATUSES, **TRADEMARK_STATUSES}
ITEM_KINDS = tuple(KIND_LABELS)
ITEM_STATUSES = tuple(STATUS_LABELS)


@dataclass(frozen=True)
class ArgSpec:
    """An argument: ``kind`` is ``choices`` (list from ``allowed``), ``choice`` (one of ``allowed``),
    ``policies`` (a list of policy ids, loaded or not) or ``parameter`` (the name of a parameter of
    type ``param_type``)."""

    kind: str
    allowed: tuple[str, ...] = ()
    param_type: str = ""
    required: bool = True


@dataclass(frozen=True)
class PredicateSpec:
    name: str
    label: str  # N_ label, translated where shown
    func: Callable
    args: dict[str, ArgSpec] = field(default_factory=dict)
    group: bool = False  # evaluated after the item criteria of all the firm's items (caps on counts)


PREDICATES: dict[str, PredicateSpec] = {}


def predicate(name: str, label: str, args: dict[str, ArgSpec] | None = None, group: bool = False):
    def register(func):
        PREDICATES[name] = PredicateSpec(name, label, func, args or {}, group)
        return func
    return register


def field_label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name))


def iso(value) -> str:
    return value.isoformat() if value else ""


def same_name(a: str, b: str) -> bool:
    """Names compared as a clerk would: full-width and half-width alike, spaces ignored."""
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()
    return norm(a) == norm(b)


# ---- the firm ----------------------------------------------------------------------------------

@predicate("firm_in_zone", N_("Firm registered in the Zhongguancun zone"))
def firm_in_zone(ev: Evaluation, args: dict) -> tuple[bool, str]:
    park = ev.firm.zgc_park
    if park:
        return True, _("registered in the sub-park {park}").format(park=park)
    return False, _("no Zhongguancun sub-park recorded for the firm (outside the zone)")


@predicate("firm_is_sme", N_("Firm is a small or medium-sized enterprise"))
def firm_is_sme(ev: Evaluation, args: dict) -> tuple[bool, str]:
    if ev.firm.is_sme:
        return True, _("the firm is recorded as an SME")
    return False, _("the firm is not recorded as an SME")


@predicate("firm_is_hnte", N_("Firm is a high and new technology enterprise"))
def firm_is_hnte(ev: Evaluation, args: dict) -> tuple[bool, str]:
    firm, on = ev.firm, ev.assessed_on
    if not firm.is_hnte:
        return False, _("the firm is not recorded as a high and new technology enterprise")
    if firm.hnte_valid_until and firm.hnte_valid_until < on:
        return False, _("the HNTE certificate expired on {date}, before {on}").format(
            date=iso(firm.hnte_valid_until), on=iso(on))
    return True, _("HNTE certificate valid on {on}").format(on=iso(on))


@predicate("firm_not_blacklisted", N_("Firm not on a credit blacklist"))
def firm_not_blacklisted(ev: Evaluation, args: dict) -> tuple[bool, str]:
    if ev.firm.blacklisted:
        return False, _("the firm is recorded as on a credit blacklist (joint punishment of dishonest firms)")
    return True, _("the firm is not recorded on a credit blacklist")


@predicate("firm_is_first_applicant", N_("Firm is the first applicant"))
def firm_is_first_applicant(ev: Evaluation, args: dict) -> tuple[bool, str]:
    applicants = ev.item.applicants
    if not applicants:
        return True, _("no applicants recorded; the firm is taken as the sole applicant — check the certificate")
    if same_name(applicants[0], ev.firm.name):
        return True, _("first applicant: {name}").format(name=applicants[0])
    return False, _("the first applicant is {first}, not {firm} (applicants: {all})").format(
        first=applicants[0], firm=ev.firm.name, all="; ".join(applicants))


# ---- the item ----------------------------------------------------------------------------------

@predicate("item_kind_is", N_("Kind of item supported"),
           {"kinds": ArgSpec("choices", ITEM_KINDS)})
def item_kind_is(ev: Evaluation, args: dict) -> tuple[bool, str]:
    kind = ev.item.kind
    label = _(KIND_LABELS.get(kind, kind))
    wanted = ", ".join(_(KIND_LABELS[k]) for k in args["kinds"])
    if kind in args["kinds"]:
        return True, _("kind: {kind}").format(kind=label)
    return False, _("kind {kind} is not supported (supported: {wanted})").format(kind=label, wanted=wanted)


@predicate("item_status_in", N_("Status of the item"),
           {"statuses": ArgSpec("choices", ITEM_STATUSES)})
def item_status_in(ev: Evaluation, args: dict) -> tuple[bool, str]:
    status = ev.item.status
    label = _(STATUS_LABELS.get(status, status)) if status else _("not recorded")
    if status in args["statuses"]:
        return True, _("status: {status}").format(status=label)
    wanted = ", ".join(_(STATUS_LABELS[s]) for s in args["statuses"])
    return False, _("status {status} is not accepted (accepted: {wanted})").format(status=label, wanted=wanted)


@predicate("item_date_in_window", N_("Date within the round's window"))
def item_date_in_window(ev: Evaluation, args: dict) -> tuple[bool, str]:
    name = ev.policy.items.date_field
    value = ev.item.date(name)
    label = field_label(name)
    if value is None:
        return False, _("no {label} recorded").format(label=label)
    if value > ev.as_of:
        return False, _("{label} {date} is after the as-of date {as_of}").format(
            label=label, date=iso(value), as_of=iso(ev.as_of))
    start, end = ev.window
    if start <= value <= end:
        return True, _("{label} {date} is within {start} to {end}").format(
            label=label, date=iso(value), start=iso(start), end=iso(end))
    return False, _("{label} {date} is outside the round's window {start} to {end}").format(
        label=label, date=iso(value), start=iso(start), end=iso(end))


@predicate("item_date_while_available", N_("Date while the policy was in force"))
def item_date_while_available(ev: Evaluation, args: dict) -> tuple[bool, str]:
    name = ev.policy.items.date_field
    value = ev.item.date(name)
    label = field_label(name)
    if value is None:
        return False, _("no {label} recorded").format(label=label)
    in_force = ev.parameter("available", on=value)
    if in_force is None:
        first = ev.policy.parameter("available").values[0].effective_from
        return False, _("{label} {date} is before the policy began on {start}").format(
            label=label, date=iso(value), start=iso(first))
    if in_force.value:
        return True, _("{label} {date}: the policy was in force that day ({source})").format(
            label=label, date=iso(value), source=in_force.source.citation())
    return False, _("{label} {date}: {why} ({source}, from {start})").format(
        label=label, date=iso(value), why=str(in_force.why or ""), source=in_force.source.citation(),
        start=iso(in_force.effective_from))


@predicate("item_not_abnormal", N_("Not an abnormal patent application"))
def item_not_abnormal(ev: Evaluation, args: dict) -> tuple[bool, str]:
    if ev.item.abnormal:
        return False, _("recorded as an abnormal patent application (非正常专利申请)")
    return True, _("not recorded as an abnormal application")


@predicate("evidence_present", N_("Evidence on record"),
           {"field": ArgSpec("choice", EVIDENCE_FIELDS)})
def evidence_present(ev: Evaluation, args: dict) -> tuple[bool, str]:
    name = args["field"]
    value = getattr(ev.item, name)
    label = field_label(name)
    if value in (None, ""):
        return False, _("no {label} recorded").format(label=label)
    if hasattr(value, "isoformat") and value > ev.as_of:
        return False, _("{label} {date} is after the as-of date {as_of}").format(
            label=label, date=iso(value), as_of=iso(ev.as_of))
    return True, _("{label}: {value}").format(label=label, value=iso(value) if hasattr(value, "isoformat") else value)


@predicate("first_foreign_filing", N_("The firm's first foreign invention filing"))
def first_foreign_filing(ev: Evaluation, args: dict) -> tuple[bool, str]:
    item = ev.item
    if item.filing_date is None:
        return False, _("no filing date recorded")
    earlier = [other for other in ev.portfolio.items_of("overseas", ev.firm.code)
               if other.kind == "invention" and other.filing_date and other.filing_date < item.filing_date]
    if not earlier:
        return True, _("no earlier foreign invention filing of the firm on record (this one: {office} {number}, "
                       "filed {date})").format(office=item.office, number=item.number, date=iso(item.filing_date))
    first = min(earlier, key=lambda other: (other.filing_date, other.office, other.number))
    return False, _("not the first: the firm filed {office} {number} on {date}").format(
        office=first.office, number=first.number, date=iso(first.filing_date))


@predicate("not_claimed_before", N_("Not funded before (no double funding)"),
           {"policies": ArgSpec("policies"), "match": ArgSpec("choice", ("item", "firm"))})
def not_claimed_before(ev: Evaluation, args: dict) -> tuple[bool, str]:
    policies = args["policies"]
    claims = ev.claims_for_item(policies) if args["match"] == "item" else ev.claims_for_firm(policies)
    if not claims:
        what = _("this item") if args["match"] == "item" else _("the firm")
        return True, _("no claim recorded for {what} under {policies}").format(what=what, policies=", ".join(policies))
    found = "; ".join(_("{policy} round {year} {number} {office} ({status}, {amount} CNY)").format(
        policy=c.policy, year=c.round_year, number=c.matter_no, office=c.office, status=c.status,
        amount=c.amount_cny).replace("  ", " ") for c in claims)
    return False, _("already claimed: {claims}").format(claims=found)


@predicate("count_within_cap", N_("Within the cap on the number supported"),
           {"per": ArgSpec("choice", ("family", "firm")), "max": ArgSpec("parameter", param_type="cap_count")},
           group=True)
def count_within_cap(group: list[Evaluation], args: dict) -> list[tuple[bool, str]]:
    """A group predicate: ``group`` holds the firm's items that meet every other criterion.

    The most valuable items are counted first (amount, then date), as a firm would choose them;
    items of the same family or firm already claimed under this policy in any round count too.
    """
    if not group:
        return []
    limits = [ev.parameter(args["max"]) for ev in group]  # recorded on every decision as a source
    limit = limits[0].value if limits[0] else None
    order = sorted(range(len(group)), key=lambda i: (-(group[i].nominal or 0), iso(group[i].item_date),
                                                    group[i].item.office, group[i].item.number))
    used: dict[str, list[str]] = {}
    answers: list[tuple[bool, str]] = [(True, "")] * len(group)
    for i in order:
        ev = group[i]
        key = ev.item.family if args["per"] == "family" else ev.firm.code
        taken = used.setdefault(key, ev.claimed_in_group(args["per"]))
        here = f"{ev.item.office} {ev.item.number}".strip()
        scope = (_("family {family}").format(family=key) if args["per"] == "family"
                 else _("the firm"))
        if limit is None or len(taken) < limit:
            taken.append(here)
            answers[i] = (True, _("{item} is number {n} of at most {limit} for {scope}").format(
                item=here, n=len(taken), limit=limit if limit is not None else "∞", scope=scope))
        else:
            answers[i] = (False, _("{scope} already has {limit} supported ({taken}); at most {limit}").format(
                scope=scope, limit=limit, taken=", ".join(taken)))
    return answers


# ---- pledge loans (知识产权质押融资) ----------------------------------------------------------------

# GB 32100-2015: characters 3-8 of the unified social credit code are the registering authority's
# administrative division code; Beijing's begin with 11.
_BEIJING_DIVISION = "11"


@predicate("firm_registered_in_beijing", N_("Firm registered in Beijing"))
def firm_registered_in_beijing(ev: Evaluation, args: dict) -> tuple[bool, str]:
    code = ev.firm.code
    division = code[2:8]
    if division.startswith(_BEIJING_DIVISION):
        return True, _("credit code {code}: registration division {division} is in Beijing (GB 32100-2015)").format(
            code=code, division=division)
    return False, _("credit code {code}: registration division {division} is not in Beijing (11xxxx, "
                    "GB 32100-2015)").format(code=code, division=division)


@predicate("firm_revenue_at_most", N_("Firm's annual revenue within the limit"),
           {"max": ArgSpec("parameter", param_type="cap_money")})
def firm_revenue_at_most(ev: Evaluation, args: dict) -> tuple[bool, str]:
    from zgc_desk.subsidy_rules.amount_rules import money

    limit = ev.parameter(args["max"])
    if limit is None or limit.value is None:
        return True, _("no revenue limit in force")
    revenue = ev.firm.revenue_cny
    if revenue is None:
        return False, _("the firm's revenue of last year is not recorded (limit {limit})").format(
            limit=money(limit.value))
    if revenue <= limit.value:
        return True, _("revenue {revenue}, not above {limit}").format(revenue=money(revenue), limit=money(limit.value))
    return False, _("revenue {revenue} is above the limit of {limit}").format(
        revenue=money(revenue), limit=money(limit.value))


def lender_label(kind: str) -> str:
    return _(LENDER_LABELS.get(kind, kind)) if kind else _("not recorded")


@predicate("lender_type_in", N_("Pledgee of an accepted type"),
           {"types": ArgSpec("parameter", param_type="lender_types")})
def lender_type_in(ev: Evaluation, args: dict) -> tuple[bool, str]:
    accepted = ev.parameter(args["types"])
    wanted = tuple(accepted.value) if accepted is not None else LENDER_TYPES
    item = ev.item
    shown = ", ".join(lender_label(k) for k in wanted)
    if item.lender_type in wanted:
        return True, _("pledgee {lender}: {kind} (accepted: {accepted})").format(
            lender=item.lender, kind=lender_label(item.lender_type), accepted=shown)
    return False, _("pledgee {lender} is of the type {kind}; accepted in this round: {accepted}").format(
        lender=item.lender, kind=lender_label(item.lender_type), accepted=shown)


@predicate("pledge_registered", N_("Pledge registered with the registration authority"))
def pledge_registered(ev: Evaluation, args: dict) -> tuple[bool, str]:
    item = ev.item
    if not item.pledge_registered_on:
        return False, _("no pledge registration date recorded")
    if item.pledge_registered_on > ev.as_of:
        return False, _("pledge registration date {date} is after the as-of date {as_of}").format(
            date=iso(item.pledge_registered_on), as_of=iso(ev.as_of))
    if not item.pledge_registration_no:
        return False, _("pledge registered on {date}, but no registration number recorded").format(
            date=iso(item.pledge_registered_on))
    return True, _("pledge registered on {date}, number {number}").format(
        date=iso(item.pledge_registered_on), number=item.pledge_registration_no)


@predicate("pledge_before_settlement", N_("Pledge created no later than the loan's settlement"),
           {"applies": ArgSpec("parameter", param_type="bool")})
def pledge_before_settlement(ev: Evaluation, args: dict) -> tuple[bool, str]:
    rule = ev.parameter(args["applies"])
    item = ev.item
    if rule is None or not rule.value:
        return True, _("not required in this round ({source})").format(
            source=rule.source.citation() if rule else "—")
    if not item.pledge_registered_on or not item.settled_on:
        return False, _("the pledge registration date and the settlement date are both needed")
    if item.pledge_registered_on <= item.settled_on:
        return True, _("pledge registered {registered}, loan settled {settled}").format(
            registered=iso(item.pledge_registered_on), settled=iso(item.settled_on))
    return False, _("pledge registered {registered}, after the loan was settled on {settled} ({source})").format(
        registered=iso(item.pledge_registered_on), settled=iso(item.settled_on), source=rule.source.citation())


@predicate("rate_within_lpr_multiple", N_("Loan rate not above the loan prime rate × a multiple"),
           {"multiple": ArgSpec("parameter", param_type="multiple")})
def rate_within_lpr_multiple(ev: Evaluation, args: dict) -> tuple[bool, str]:
    from decimal import Decimal

    from zgc_desk.subsidy_rules.amount_rules import percent, rate_cap

    rate = ev.item.annual_rate_pct
    if rate is None:
        return False, _("no annual rate recorded for the loan")
    cap, words, ok = rate_cap(ev, args["multiple"])
    if not ok:
        return False, words
    if cap is None or Decimal(str(rate)) <= cap:
        return True, _("annual rate {rate}, not above {how}").format(rate=percent(rate), how=words)
    return False, _("annual rate {rate} is above {how}").format(rate=percent(rate), how=words)
