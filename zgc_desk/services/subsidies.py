"""Subsidy services: check a round, manage the policies (Policies page, ``zgc-desk policies``), record claims.

Facts are read from the database in a handful of bulk queries (one per table), turned into the
plain facts of :mod:`zgc_desk.subsidy_rules.facts` and handed to the pure engine. Policies come
from the package (the shipped defaults) and from the database's ``policy_file`` table: an edited
or imported policy is kept with the data, so a shared database shares it and a backup restores it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from zgc_desk.changes import Changed, Kind
from zgc_desk.errors import NotFound, UserError, ValidationError
from zgc_desk.gc_pause import collector_paused
from zgc_desk.i18n import N_, _
from zgc_desk.models import (
    Firm,
    OverseasFiling,
    Patent,
    PCTApplication,
    PledgeLoan,
    PolicyFile,
    SubsidyClaim,
    Trademark,
    database,
    split_list,
    utcnow,
)
from zgc_desk.operations import Label, operation
from zgc_desk.services.changes import log_change
from zgc_desk.services.records import find_firm
from zgc_desk.subsidy_rules import overrides
from zgc_desk.subsidy_rules.engine import evaluate_round
from zgc_desk.subsidy_rules.facts import ClaimFacts, FirmFacts, ItemFacts, Portfolio, new_item
from zgc_desk.subsidy_rules.loader import RuleSet, load_rules, read_rule_text, stored_name
from zgc_desk.subsidy_rules.model import POLICY_ID, Policy
from zgc_desk.subsidy_rules.results import Decision, RoundResult

CLAIM_STATUSES = ("claimed", "paid", "refused")
# Decision kinds (item sources) to SubsidyClaim.matter_kind
_MATTER_KINDS = {"cn_patent": "patent", "pct": "pct", "overseas": "overseas", "madrid_designation": "trademark",
                 "trademark": "trademark", "pledge_loan": "pledge_loan", "firm": "firm"}


def stored_texts() -> dict[str, str]:
    """The policy texts kept in the database, by policy id."""
    return {policy_id: text for policy_id, text in PolicyFile.select(PolicyFile.policy_id, PolicyFile.text).tuples()}


def rules() -> RuleSet:
    """The rule data in force for this database (its policies included); raises RuleFileError if broken."""
    return load_rules(stored_texts())


# ---- facts from the database -------------------------------------------------------------------

def _where_firm(model, firm_id: int | None):
    query = model.select()
    return query if firm_id is None else query.where(model.firm == firm_id)


def _fetch(query) -> list[tuple]:
    """Raw rows of a query: peewee's per-value converters cost seconds on 100,000 patents."""
    return database.execute(query).fetchall()


def _date(value):
    """SQLite holds dates as ISO text, which ``date.fromisoformat`` reads directly (a server
    driver hands out dates, which read back as themselves); empty stays as it is."""
    return dt.date.fromisoformat(str(value)[:10]) if value else value


def _names(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    if ";" not in text and "；" not in text:
        return (text.strip(),)
    return tuple(split_list(text))


class _Once(dict):
    """``convert(raw)`` worked out once per distinct text: 100,000 patents share a few thousand dates
    and a few dozen applicant lists. One per load, so that nothing outlives it. Only text and None
    are kept: ``0 == 0.0 == False`` would make two raw values of a misused column share one answer."""

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, raw):
        value = self.convert(raw)
        if raw is None or type(raw) is str:
            self[raw] = value
        return value


def load_portfolio(firm_id: int | None = None, *, with_patents: bool = True) -> Portfolio:
    """The facts of one firm (or all firms), in bulk queries; 100,000 items would start one full
    cycle collection after another (a quarter of the load's time), and facts hold no cycles.
    ``with_patents=False`` leaves the Chinese patents out (most of a large portfolio's load), for
    policies about other items: the overseas filings still carry their Chinese priority's title."""
    with collector_paused():
        return _load_portfolio(firm_id, with_patents)


def _load_portfolio(firm_id: int | None, with_patents: bool = True) -> Portfolio:
    firm_query = Firm.select(Firm.id, Firm.credit_code, Firm.name, Firm.zgc_park, Firm.is_sme, Firm.is_hnte,
                             Firm.hnte_valid_until, Firm.blacklisted, Firm.revenue_cny)
    if firm_id is not None:
        firm_query = firm_query.where(Firm.id == firm_id)
    day, names = _Once(_date), _Once(_names)
    code_of, firms = {}, {}
    for fid, code, name, park, sme, hnte, hnte_until, black, revenue in _fetch(firm_query):
        code_of[fid] = code
        firms[code] = FirmFacts(code, name, park or "", bool(sme), bool(hnte), day[hnte_until], bool(black), revenue)
    items: list[ItemFacts] = []
    titles = _patents(firm_id, code_of, items, day, names) if with_patents else _priority_titles(firm_id)
    pct_titles = _pcts(firm_id, code_of, items, day, names)
    _overseas(firm_id, code_of, items, titles, pct_titles, day, names)
    _trademarks(firm_id, code_of, items, day)
    _pledge_loans(firm_id, code_of, items, day)
    return Portfolio(firms, items, _claims(firm_id, code_of), left_out=frozenset() if with_patents else {"cn_patent"})


def _patents(firm_id, code_of, items, day, names) -> dict[str, str]:
    query = _where_firm(Patent, firm_id).select(
        Patent.firm, Patent.application_no, Patent.kind, Patent.title, Patent.applicants, Patent.filing_date,
        Patent.grant_date, Patent.grant_no, Patent.status, Patent.abnormal, Patent.official_fees_cny,
        Patent.fee_reduction_pct)
    rows = _fetch(query)
    items += [new_item("cn_patent", code_of[fid], number, "CN", kind, title, names[applicants],
                       filing_date=day[filed], grant_date=day[granted], grant_no=grant_no or "", status=status,
                       abnormal=bool(abnormal), family=number, official_fees_cny=fees,
                       fee_reduction_pct=reduction or 0)
              for fid, number, kind, title, applicants, filed, granted, grant_no, status, abnormal, fees, reduction
              in rows]
    return {row[1]: row[3] for row in rows}  # number -> title (the last of a repeated number, as before)


def _priority_titles(firm_id) -> dict[str, str]:
    """``_patents``' number -> title, for the numbers the overseas filings name only (in the same
    order, so that a repeated number gives the same title)."""
    named = OverseasFiling.select(OverseasFiling.cn_application_no).where(OverseasFiling.cn_application_no.is_null(False))
    query = _where_firm(Patent, firm_id).select(Patent.application_no, Patent.title).where(
        Patent.application_no.in_(named)).order_by(Patent.id)
    return dict(_fetch(query))


def _pcts(firm_id, code_of, items, day, names) -> dict[str, str]:
    titles = {}
    query = _where_firm(PCTApplication, firm_id).select(
        PCTApplication.firm, PCTApplication.pct_no, PCTApplication.title, PCTApplication.applicants,
        PCTApplication.intl_filing_date, PCTApplication.isr_date, PCTApplication.cn_priority_no)
    for fid, number, title, applicants, filed, isr, priority_no in _fetch(query):
        titles[number] = title
        items.append(new_item("pct", code_of[fid], number, "WO", "invention", title, names[applicants],
                              filing_date=day[filed], isr_date=day[isr], family=priority_no or number))
    return titles


def _overseas(firm_id, code_of, items, titles, pct_titles, day, names) -> None:
    query = _where_firm(OverseasFiling, firm_id).select(
        OverseasFiling.firm, OverseasFiling.office, OverseasFiling.application_no, OverseasFiling.kind,
        OverseasFiling.applicants, OverseasFiling.filing_date, OverseasFiling.grant_date, OverseasFiling.grant_no,
        OverseasFiling.status, OverseasFiling.pct_no, OverseasFiling.cn_application_no,
        OverseasFiling.official_fees_cny)
    for fid, office, number, kind, applicants, filed, granted, grant_no, status, pct_no, cn_no, fees in _fetch(query):
        family = pct_no or cn_no or f"{office} {number}"
        title = pct_titles.get(pct_no, "") or titles.get(cn_no, "")
        items.append(new_item("overseas", code_of[fid], number, office, kind or "invention", title,
                              names[applicants], filing_date=day[filed], grant_date=day[granted],
                              grant_no=grant_no or "", status=status, family=family, official_fees_cny=fees))


def _trademarks(firm_id, code_of, items, day) -> None:
    query = _where_firm(Trademark, firm_id).select(
        Trademark.firm, Trademark.mark, Trademark.registration_no, Trademark.filing_date,
        Trademark.registration_date, Trademark.madrid_no, Trademark.designations, Trademark.status)
    for fid, mark, number, filed, registered, madrid_no, designations, status in _fetch(query):
        code, filed, registered = code_of[fid], day[filed], day[registered]
        items.append(new_item("trademark", code, number, "CN", "trademark", mark, filing_date=filed,
                              registration_date=registered, status=status, family=number))
        if madrid_no:
            for office in split_list(designations):
                items.append(new_item("madrid_designation", code, madrid_no, office, "trademark", mark,
                                      filing_date=filed, registration_date=registered, madrid_no=madrid_no,
                                      status=status, family=madrid_no))


def _pledge_loans(firm_id, code_of, items, day) -> None:
    query = _where_firm(PledgeLoan, firm_id).select(
        PledgeLoan.firm, PledgeLoan.loan_no, PledgeLoan.lender, PledgeLoan.lender_type, PledgeLoan.principal_cny,
        PledgeLoan.ip_share_pct, PledgeLoan.annual_rate_pct, PledgeLoan.start_date, PledgeLoan.maturity_date,
        PledgeLoan.settled_on, PledgeLoan.interest_paid_cny, PledgeLoan.valuation_fee_cny, PledgeLoan.guarantee_fee_cny,
        PledgeLoan.insurance_fee_cny, PledgeLoan.other_cost_cny, PledgeLoan.pledge_registered_on,
        PledgeLoan.pledge_registration_no, PledgeLoan.pledged)
    for (fid, number, lender, lender_type, principal, share, rate, start, maturity, settled, interest, valuation,
         guarantee, insurance, other, registered, registration_no, pledged) in _fetch(query):
        items.append(new_item(
            "pledge_loan", code_of[fid], number, "", "pledge_loan", lender, family=number, lender=lender,
            lender_type=lender_type or "bank", principal_cny=principal, ip_share_pct=share or 100,
            annual_rate_pct=rate, start_date=day[start], maturity_date=day[maturity], settled_on=day[settled],
            interest_paid_cny=interest, valuation_fee_cny=valuation, guarantee_fee_cny=guarantee,
            insurance_fee_cny=insurance, other_cost_cny=other, pledge_registered_on=day[registered],
            pledge_registration_no=registration_no or "", pledged=tuple(split_list(pledged))))


def _claims(firm_id, code_of) -> list[ClaimFacts]:
    query = _where_firm(SubsidyClaim, firm_id).select(
        SubsidyClaim.firm, SubsidyClaim.policy, SubsidyClaim.round_year, SubsidyClaim.matter_no, SubsidyClaim.office,
        SubsidyClaim.amount_cny, SubsidyClaim.status)
    return [ClaimFacts(code_of[fid], policy, year, number, office or "", amount or 0, status)
            for fid, policy, year, number, office, amount, status in _fetch(query)]


# ---- checking a round --------------------------------------------------------------------------

def check(as_of: dt.date, round_year: int | None = None, firm: str | int | None = None,
          policies: list[str] | None = None, scope: str = "round", rule_set: RuleSet | None = None) -> RoundResult:
    """Check a round (default: the round of ``as_of``'s year) for one firm (code or id) or all."""
    rule_set = rule_set or rules()
    for policy_id in policies or ():
        known_policy(policy_id, rule_set)
    firm_id = find_firm(firm).id if firm is not None else None
    portfolio = load_portfolio(firm_id)
    return evaluate_round(rule_set, portfolio, round_year or as_of.year, as_of, policies=policies, scope=scope)


def known_policy(policy_id: str, rule_set: RuleSet | None = None) -> Policy:
    """The loaded policy of that id; NotFound naming the loaded ids otherwise."""
    loaded = (rule_set or rules()).policies
    if policy_id not in loaded:
        raise NotFound(_("Unknown policy {id} (loaded: {known})").format(id=policy_id, known=", ".join(loaded)))
    return loaded[policy_id]


# ---- the Policies page -------------------------------------------------------------------------

@dataclass(frozen=True)
class ParameterRow:
    """One dated value of one parameter, as the Policies page lists it."""

    policy: str
    parameter: str
    label: str
    type: str
    effective_from: dt.date
    value: object
    verified: bool
    last_checked: dt.date | None
    source: str  # citation
    document: str
    url: str
    overridden: bool


def list_policies() -> list[Policy]:
    return list(rules().policies.values())


@dataclass(frozen=True)
class PolicyInfo:
    """A loaded policy as ``zgc-desk policies`` lists it."""

    id: str
    title: str
    stage: str
    items: str  # the item source, e.g. pledge_loan
    origin: str  # shipped / changed (a database copy of a shipped policy) / added (imported, not shipped)
    verified: bool  # every dated value of every parameter confirmed against its source
    unverified: int  # how many dated values are not
    values: int
    basis: str
    imported_from: str

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "stage": self.stage, "items": self.items, "origin": self.origin,
                "verified": self.verified, "unverified_values": self.unverified, "values": self.values,
                "basis": self.basis, "imported_from": self.imported_from}


def policy_origin(policy: Policy) -> str:
    if not policy.overridden:
        return "shipped"
    return "changed" if policy.shipped else "added"


def policy_infos() -> list[PolicyInfo]:
    origins = dict(PolicyFile.select(PolicyFile.policy_id, PolicyFile.origin).tuples())
    infos = []
    for policy in list_policies():
        values = [value for parameter in policy.parameters.values() for value in parameter.values]
        unverified = sum(1 for value in values if not value.verified)
        infos.append(PolicyInfo(policy.id, str(policy.title), policy.stage, policy.items.source, policy_origin(policy),
                                unverified == 0, unverified, len(values), policy.basis.citation(),
                                origins.get(policy.id, "")))
    return infos


def list_parameters(policy_id: str | None = None) -> list[ParameterRow]:
    rows = []
    for policy in list_policies():
        if policy_id and policy.id != policy_id:
            continue
        for name, parameter in policy.parameters.items():
            for value in parameter.values:
                rows.append(ParameterRow(policy.id, name, str(parameter.label), parameter.type,
                                         value.effective_from, value.value, value.verified, value.last_checked,
                                         value.source.citation(), value.source.document, value.source.url,
                                         policy.overridden))
    return rows


def policy_text(policy_id: str) -> str:
    """The text in force for a policy: the database's copy, else the shipped file."""
    row = PolicyFile.get_or_none(PolicyFile.policy_id == policy_id)
    if row is not None:
        return row.text
    text = overrides.shipped_text(policy_id)
    if text is None:
        known_policy(policy_id)  # raises NotFound naming the loaded ones
    return text


def policy_differences(policy_id: str) -> list[str]:
    """How the database's copy differs from the shipped policy, in words (empty: no copy, or not shipped)."""
    policy = known_policy(policy_id)
    if not (policy.overridden and policy.shipped):
        return []
    shipped = load_rules().policies[policy_id]
    return overrides.changes(shipped, policy)


def policy_text_differences(policy_id: str) -> str:
    """The same as a unified diff of the texts ("" when there is no copy or nothing shipped)."""
    known_policy(policy_id)
    row = PolicyFile.get_or_none(PolicyFile.policy_id == policy_id)
    return overrides.differences(policy_id, row.text) if row is not None else ""


def keep_policy_text(policy_id: str, text: str, origin: str) -> tuple[Policy, Changed]:
    """Keep ``text`` (already checked) as the policy's copy, and check that the whole set still loads."""
    with operation(Label(N_("Change policy {id}"), id=policy_id)) as op:
        row = PolicyFile.get_or_none(PolicyFile.policy_id == policy_id)
        action = "update" if row is not None else "create"
        if row is None:
            row = PolicyFile.create(policy_id=policy_id, text=text, origin=origin)
        else:
            row.text, row.origin, row.updated_at = text, origin or row.origin, utcnow()
            row.save()
        policy = rules().policies[policy_id]  # any problem raises and rolls the write back
        log_change("policy_file", row.id, action, None, summary=policy_id)
    return policy, op.changed


def save_policy_text(policy_id: str, text: str, origin: str = "") -> tuple[Policy, Changed]:
    """Check ``text`` as the rules of ``policy_id`` and keep it in the database."""
    if not isinstance(policy_id, str) or not POLICY_ID.match(policy_id):
        raise NotFound(_("Unknown policy {id}").format(id=policy_id))
    overrides.check_text(text, stored_name(policy_id), expected_id=policy_id)
    return keep_policy_text(policy_id, text, origin)


def set_parameter_value(policy_id: str, parameter: str, effective_from: dt.date, value, source: dict,
                        verified: bool, last_checked: dt.date | None, why: dict | None = None) -> Policy:
    """Add or replace a dated value in the policy's copy in the database (checked before it is saved)."""
    text = overrides.with_value(policy_text(policy_id), policy_id, parameter, effective_from, value, source,
                                verified, last_checked, why)
    return save_policy_text(policy_id, text)[0]


def remove_parameter_value(policy_id: str, parameter: str, effective_from: dt.date) -> Policy:
    text = overrides.without_value(policy_text(policy_id), policy_id, parameter, effective_from)
    return save_policy_text(policy_id, text)[0]


def export_policy(policy_id: str, out: Path) -> Path:
    """Write the policy's text in force (the database's copy, else the shipped file) to ``out``, unchanged."""
    text = policy_text(policy_id)
    from zgc_desk.io.atomic import write_bytes_atomically

    out = Path(out)
    write_bytes_atomically(out, text.encode("utf-8"))  # a recorded temporary beside it, then renamed
    return out


def rules_changed(policy_id: str = "") -> Changed:
    """What a change of the rules in force touched: the policies' parameters, for every firm."""
    return Changed().add(Kind.RULE_PARAMETER, policy_id or 0)


def import_policy(path: Path) -> Policy:
    """Check a policy file and keep it in the database: it adds the policy it names, or replaces the
    one of that id. Nothing changes when the file has a problem (every problem is named with its line)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(_("{path} does not exist").format(path=path))
    text = read_rule_text(path)
    policy = overrides.check_text(text, str(path))  # messages name the imported file
    return keep_policy_text(policy.id, text, path.name)[0]


def remove_policy(policy_id: str) -> tuple[str, Changed]:
    """Remove the database's copy of a policy. A shipped policy goes back to its shipped rules
    ("reverted"); an added one is gone ("removed"). A shipped policy without a copy cannot be removed."""
    policy = known_policy(policy_id)
    with operation(Label(N_("Remove the database's copy of policy {id}"), id=policy_id)) as op:
        row = PolicyFile.get_or_none(PolicyFile.policy_id == policy_id)
        if row is None:
            raise UserError(_("{id} is a shipped policy with no changes kept in this database: there is nothing to "
                              "remove").format(id=policy_id))
        row_id = row.id
        row.delete_instance()
        log_change("policy_file", row_id, "delete", None, summary=policy_id)
    return ("reverted" if policy.shipped else "removed"), op.changed


def revert_policy(policy_id: str) -> bool:
    """Go back to the shipped rules of a policy; True if there was a copy to remove."""
    if PolicyFile.get_or_none(PolicyFile.policy_id == policy_id) is None:
        known_policy(policy_id)
        return False
    remove_policy(policy_id)
    return True


# ---- claims ------------------------------------------------------------------------------------

def _claim_errors(policy: str, round_year: int, amount_cny: int, status: str, new: bool = False) -> dict[str, str]:
    """Problems of a claim's values; a new claim must name a loaded policy (an old one may outlive it)."""
    errors = {}
    if not isinstance(policy, str) or not POLICY_ID.match(policy):
        errors["policy"] = _("expected a policy id such as pledge_interest")
    elif new and policy not in (loaded := rules().policies):
        errors["policy"] = _("expected one of {known}").format(known=", ".join(loaded))
    if not isinstance(round_year, int) or not 2000 <= round_year <= 2100:
        errors["round_year"] = _("expected a year such as 2022")
    if isinstance(amount_cny, bool) or not isinstance(amount_cny, int) or amount_cny < 0:
        errors["amount_cny"] = _("expected a whole number of yuan, 0 or more")
    if status not in CLAIM_STATUSES:
        errors["status"] = _("expected one of {known}").format(known=", ".join(CLAIM_STATUSES))
    return errors


def record_claim(firm: str | int, policy: str, round_year: int, matter_no: str, office: str = "",
                 amount_cny: int = 0, status: str = "claimed", claimed_on: dt.date | None = None,
                 note: str = "", matter_kind: str = "patent") -> tuple[int, Changed]:
    """Record a subsidy claimed (or paid, or refused) so the item is never funded twice."""
    errors = _claim_errors(policy, round_year, amount_cny, status, new=True)
    if not str(matter_no).strip():
        errors["matter_no"] = _("required")
    if errors:
        raise ValidationError(errors)
    label = Label(N_("Record claim {item} ({policy} {year})"), item=f"{office} {matter_no}".strip(), policy=policy,
                  year=round_year)
    with operation(label) as op:
        record = find_firm(firm)
        exists = SubsidyClaim.select().where(
            (SubsidyClaim.firm == record.id) & (SubsidyClaim.policy == policy) & (SubsidyClaim.round_year == round_year)
            & (SubsidyClaim.matter_no == matter_no) & (SubsidyClaim.office == office)).exists()
        if exists:
            raise ValidationError({"matter_no": _("{number} is already recorded for {policy} in round {year}").format(
                number=matter_no, policy=policy, year=round_year)})
        claim = SubsidyClaim.create(firm=record, policy=policy, round_year=round_year, matter_kind=matter_kind,
                                    matter_no=matter_no, office=office, amount_cny=amount_cny, status=status,
                                    claimed_on=claimed_on, note=note)
        log_change(Kind.CLAIM, claim.id, "create", record.id,
                   summary=f"{policy} {round_year} {matter_no} {office}".strip())
    return claim.id, op.changed


def claim_decision(decision: Decision, claimed_on: dt.date | None = None, status: str = "claimed") -> tuple[int, Changed]:
    """Record a claim for an eligible decision of a check, with its amount."""
    if not decision.eligible:
        raise ValidationError({"eligible": _("only an eligible item can be claimed")})
    return record_claim(decision.firm, decision.policy, decision.round_year, decision.matter, decision.office,
                        decision.amount_cny, status, claimed_on, matter_kind=_MATTER_KINDS[decision.kind])


def _claim_text(claim: SubsidyClaim) -> Label:
    return Label(N_("claim {item} ({policy} {year})"), item=f"{claim.office} {claim.matter_no}".strip(),
                 policy=claim.policy, year=claim.round_year)


def update_claim(claim_id: int, status: str | None = None, amount_cny: int | None = None) -> Changed:
    with operation() as op:
        claim = SubsidyClaim.get_or_none(SubsidyClaim.id == claim_id)
        if claim is None:
            raise NotFound(_("Claim {id} no longer exists").format(id=claim_id))
        op.label = Label(N_("Edit {what}"), what=_claim_text(claim))
        new_status = claim.status if status is None else status
        new_amount = claim.amount_cny if amount_cny is None else amount_cny
        errors = _claim_errors(claim.policy, claim.round_year, new_amount, new_status)
        if errors:
            raise ValidationError(errors)
        diff = {k: (old, new) for k, old, new in (("status", claim.status, new_status),
                                                   ("amount_cny", claim.amount_cny, new_amount)) if old != new}
        if diff:
            claim.status, claim.amount_cny = new_status, new_amount
            claim.save()
            log_change(Kind.CLAIM, claim.id, "update", claim.firm_id, diff, summary=claim.matter_no)
    return op.changed


def delete_claim(claim_id: int) -> Changed:
    with operation() as op:
        claim = SubsidyClaim.get_or_none(SubsidyClaim.id == claim_id)
        if claim is None:
            raise NotFound(_("Claim {id} no longer exists").format(id=claim_id))
        op.label = Label(N_("Remove {what}"), what=_claim_text(claim))
        firm_id = claim.firm_id
        claim.delete_instance()
        log_change(Kind.CLAIM, claim_id, "delete", firm_id, summary=claim.matter_no)
    return op.changed


def list_claims(firm: str | int | None = None, round_year: int | None = None) -> list[dict]:
    query = SubsidyClaim.select(SubsidyClaim, Firm.credit_code).join(Firm)
    if firm is not None:
        query = query.where(SubsidyClaim.firm == find_firm(firm).id)
    if round_year is not None:
        query = query.where(SubsidyClaim.round_year == round_year)
    return [{"id": c.id, "firm": c.firm.credit_code, "policy": c.policy, "round_year": c.round_year,
             "matter_kind": c.matter_kind, "matter_no": c.matter_no, "office": c.office, "amount_cny": c.amount_cny,
             "status": c.status, "claimed_on": c.claimed_on, "note": c.note}
            for c in query.order_by(SubsidyClaim.round_year, SubsidyClaim.policy, SubsidyClaim.id)]
