"""Notice services: link a notice to its matter, load notices as deadline facts, mark a notice
answered, request an extension of its period (with the fee), and the notice types for the front
ends. Every change goes through the record services (validated, one transaction, change-logged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from zgc_desk.db import id_chunks
from zgc_desk.deadlines.engine import make_context
from zgc_desk.deadlines.notice_types import default_notice_rules
from zgc_desk.deadlines.notices import NoticeFacts, compute
from zgc_desk.i18n import _, current_language
from zgc_desk.models import Firm, Notice, OverseasFiling, Patent, PCTApplication, Trademark, database
from zgc_desk.services.changes import Changed
from zgc_desk.services.errors import UserError, ValidationError

# kind -> (model, number field, title field)
MATTERS = {
    "patent": (Patent, "application_no", "title"),
    "pct": (PCTApplication, "pct_no", "title"),
    "overseas": (OverseasFiling, "application_no", "application_no"),
    "trademark": (Trademark, "registration_no", "mark"),
}


def _labels() -> dict[str, str]:
    from zgc_desk.schema import FIELD_BY_KEY

    return {key: _(f.label) for key, f in FIELD_BY_KEY["notice"].items()}


def today() -> dt.date:
    """The date a dispatch date may not pass; only this function reads the clock (tests set it)."""
    return dt.date.today()


def find_matter(firm_id: int, number: str) -> tuple[str, int, str] | None:
    """(kind, id, office) of the firm's matter with this normalised number, searched in the order
    patent, PCT, trademark, overseas filing."""
    for kind in ("patent", "pct", "trademark", "overseas"):
        model, number_field, _title = MATTERS[kind]
        columns = [model.id, model.office] if kind == "overseas" else [model.id]
        row = (model.select(*columns)
               .where((model.firm == firm_id) & (getattr(model, number_field) == number)).tuples().first())
        if row:
            return kind, row[0], row[1] if kind == "overseas" else "CN"
    return None


def link_matter(data: dict, firm_id: int) -> None:
    """Fill ``matter_kind`` and ``matter_id`` of a notice's model values, refusing a matter not in
    the database, a type that cannot concern that matter, a dispatch date after today and an
    extension the type does not allow."""
    errors: dict[str, str] = {}
    number = data.get("matter_no")
    found = find_matter(firm_id, number) if number else None
    if number and found is None:
        errors["matter_no"] = _("no patent, PCT application, overseas filing or trademark numbered {number} "
                                "in this firm").format(number=number)
    rules = default_notice_rules()
    kind = rules.types.get(data.get("notice_type") or "")
    if found is not None and kind is not None and found[0] not in kind.matters:
        errors["notice_type"] = _("a {notice} cannot concern a {matter}").format(
            notice=kind.label(current_language()), matter=_matter_label(found[0]))
    dispatched = data.get("dispatch_date")
    if dispatched is not None and dispatched > today():
        errors["dispatch_date"] = _("dispatch date {date} is in the future").format(date=dispatched.isoformat())
    months = data.get("extension_months") or 0
    if kind is not None and months and dispatched is not None:
        rule = kind.rule(dispatched)
        if rule is None or not rule.get("extensible"):
            errors["extension_months"] = _("the period of a {notice} cannot be extended").format(
                notice=kind.label(current_language()))
    if errors:
        raise ValidationError(errors, _labels())
    data["matter_kind"], data["matter_id"] = found[0], found[1]


def _matter_label(kind: str) -> str:
    from zgc_desk.vocab import RECORD_KINDS

    return _(RECORD_KINDS[kind])


# ---- deadline facts ----------------------------------------------------------------------------

def _titles(kind: str, ids: set[int]) -> dict[int, tuple[str, str]]:
    """id -> (title, office) of matters of one kind."""
    model, _number, title_field = MATTERS[kind]
    out: dict[int, tuple[str, str]] = {}
    office = model.office if kind == "overseas" else None
    columns = [model.id, getattr(model, title_field)] + ([office] if office is not None else [])
    for chunk in id_chunks(ids):
        for row in model.select(*columns).where(model.id.in_(chunk)).tuples():
            out[row[0]] = (row[1] or "", row[2] if office is not None else "CN")
    return out


def load_notice_facts(firm_id: int | None = None, matters_of: set[int] | None = None) -> list[NoticeFacts]:
    """Every notice (of one firm or all) as plain facts, in a few bulk queries, by id.
    ``matters_of`` (notice ids): only the notices of the matters these notices concern (the
    groups ``deadlines.notices.by_matter`` makes, whose ids they are)."""
    sql = ("SELECT n.id, n.firm_id, f.credit_code, n.matter_kind, n.matter_id, n.matter_no, n.notice_type, "
           "n.dispatch_date, n.delivery, n.stated_due, n.extension_months, n.answered_on "
           "FROM notice n JOIN firm f ON f.id = n.firm_id")
    where, params = [], []
    if firm_id is not None:
        where.append(f"n.firm_id = {database.param}")
        params.append(firm_id)
    rows = []
    if matters_of is None:
        rows = database.execute_sql(_where(sql, where) + " ORDER BY n.id", tuple(params)).fetchall()
    else:
        found: set[int] = set()
        for chunk in id_chunks(matters_of):
            # the asked notices' matters first, then their notices' ids by the (firm, matter) index
            # alone (it covers the query: asked for the other columns too, SQLite picks the firm
            # index and reads every notice of the firm, a third of a second for a hundred)
            found.update(nid for (nid,) in database.execute_sql(
                "SELECT n.id FROM notice n JOIN (SELECT DISTINCT firm_id, matter_no FROM notice WHERE id IN "
                f"({', '.join([database.param] * len(chunk))})) g "
                "ON g.firm_id = n.firm_id AND g.matter_no = n.matter_no", tuple(chunk)).fetchall())
        for chunk in id_chunks(found):  # ascending chunks, each in id order: every notice once, by id
            in_chunk = f"n.id IN ({', '.join([database.param] * len(chunk))})"
            rows += database.execute_sql(_where(sql, [*where, in_chunk]) + " ORDER BY n.id",
                                         (*params, *chunk)).fetchall()
    wanted: dict[str, set[int]] = {}
    for row in rows:
        if row[4] is not None:
            wanted.setdefault(row[3], set()).add(row[4])
    titles = {kind: _titles(kind, ids) for kind, ids in wanted.items()}
    day = _day
    out = []
    for (nid, fid, code, matter_kind, matter_id, number, notice_type, dispatched, delivery, stated,
         extension, answered) in rows:
        title, office = titles.get(matter_kind, {}).get(matter_id, ("", "CN"))
        out.append(NoticeFacts(
            id=nid, firm_id=fid, firm_code=code, matter=number, matter_kind=matter_kind,
            matter_id=matter_id if matter_id in titles.get(matter_kind, {}) else None,
            title=title, notice_type=notice_type, dispatch_date=day(dispatched), delivery=delivery or "electronic",
            stated_due=day(stated), extension_months=extension or 0, answered_on=day(answered),
            matter_office=office))
    return out


def _where(sql: str, conditions: list[str]) -> str:
    return sql + (" WHERE " + " AND ".join(conditions) if conditions else "")


def _day(text) -> dt.date | None:
    if not text:
        return None
    return text if isinstance(text, dt.date) else dt.date.fromisoformat(str(text)[:10])


def notice_facts(notice_id: int) -> NoticeFacts:
    notice = Notice.get_or_none(Notice.id == notice_id)
    if notice is None:
        raise UserError(_("Notice {id} no longer exists").format(id=notice_id))
    return next(f for f in load_notice_facts(notice.firm_id) if f.id == notice_id)


# ---- marking answered, extensions --------------------------------------------------------------

def mark_answered(notice_id: int, answered_on: dt.date, outcome: str | None = None) -> Changed:
    """Record that the notice was answered on ``answered_on`` (its deadline becomes done)."""
    from zgc_desk.services.records import update_record

    values: dict = {"answered_on": answered_on}
    if outcome is not None:
        values["outcome"] = outcome
    return update_record("notice", notice_id, values)


def clear_answered(notice_id: int) -> Changed:
    from zgc_desk.services.records import update_record

    return update_record("notice", notice_id, {"answered_on": None})


@dataclass(frozen=True)
class ExtensionOffer:
    """What extending a notice's period by ``months`` would give and cost."""

    notice_id: int
    months: int  # months added by this request
    total_months: int  # extension after the request
    due_now: dt.date
    due_after: dt.date
    fee_cny: int
    fee_verified: bool
    source: str
    as_of: dt.date  # the day of the request


def extension_offer(notice_id: int, months: int, *, as_of: dt.date) -> ExtensionOffer:
    """The extension of ``months`` more months a request made on ``as_of`` would give, and its fee;
    a plain message when the type's period cannot be extended, the maximum would be passed or the
    period has already ended."""
    facts = notice_facts(notice_id)
    rules = default_notice_rules()
    kind = rules.types[facts.notice_type]
    rule = kind.rule(facts.dispatch_date)
    name = kind.label(current_language())
    if rule is None or not rule.get("extensible"):
        raise UserError(_("The period of a {notice} cannot be extended").format(notice=name))
    extension = rules.extension_rule(facts.dispatch_date)
    if extension is None:
        raise UserError(_("No extension rule for notices dispatched on {date}").format(
            date=facts.dispatch_date.isoformat()))
    maximum = extension.get("max_months", 2)
    total = facts.extension_months + months
    if months < 1 or total > maximum:
        raise UserError(_("A period can be extended by at most {max} months in all ({done} already granted)").format(
            max=maximum, done=facts.extension_months))
    ctx = make_context(as_of)
    now = compute(facts, ctx, rules)
    if as_of > now.due:
        raise UserError(_("The period ended on {due}: an extension must be requested before it ends").format(
            due=now.due.isoformat()))
    after = compute(replace(facts, extension_months=total), ctx, rules)
    per_month = extension.get("fee_per_month_again" if facts.extension_months else "fee_per_month_first")
    return ExtensionOffer(notice_id=notice_id, months=months, total_months=total, due_now=now.due,
                          due_after=after.due, fee_cny=per_month * months, fee_verified=extension.verified,
                          source=extension.source, as_of=as_of)


def request_extension(notice_id: int, months: int, *, as_of: dt.date) -> tuple[ExtensionOffer, Changed]:
    """Record an extension of ``months`` more months (checked as :func:`extension_offer` does)."""
    from zgc_desk.services.records import update_record

    with database.atomic():
        offer = extension_offer(notice_id, months, as_of=as_of)
        changed = update_record("notice", notice_id, {"extension_months": offer.total_months})
    return offer, changed


# ---- for the front ends ------------------------------------------------------------------------

def notice_type_choices() -> list[tuple[str, str]]:
    """(key, name in the active language) of every notice type, in the contract's order."""
    rules = default_notice_rules()
    language = current_language()
    return [(key, kind.label(language)) for key, kind in rules.types.items()]


def notices_of_firm(firm_id: int) -> list[dict]:
    """The firm's notices as plain dicts, newest first."""
    firm = Firm.get_or_none(Firm.id == firm_id)
    if firm is None:
        return []
    query = Notice.select().where(Notice.firm == firm_id).order_by(Notice.dispatch_date.desc(), Notice.id.desc())
    return [row for row in query.dicts()]
