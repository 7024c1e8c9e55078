"""Deadlines of official notices: the last day to answer (``notice_response``) and, for a missed
answer on a Chinese application, the last day to request restoration (``notice_restoration``).

due = service date + the type's period (+ the months of extension granted), or the date the notice
states (+ extension); moved to the next working day by the office's calendar (CNIPA and CNTMO:
the official Chinese calendar). The service date follows the office's rule for the delivery
(post / electronic) in force on the dispatch date, as ``data/notice_types.yaml`` gives it.

A missed answer loses the application's rights once the loss-of-rights notice is served; the
right may then be restored within 2 months of receiving that notice (Implementing Regulations
Art. 6 para 2). Until such a notice is recorded, the window is estimated from the earliest day it
could be served: the day after the missed period ended.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from zgc_desk.deadlines.calendar import Adjusted
from zgc_desk.deadlines.common import Context, add_months, basis, state_of
from zgc_desk.deadlines.model import Deadline
from zgc_desk.deadlines.notice_types import NoticeRules, NoticeType, default_notice_rules
from zgc_desk.deadlines.worded import worded
from zgc_desk.i18n import N_, current_language, ngettext

CN = "CN"
_CHINESE_OFFICES = ("CNIPA", "CNTMO")


@dataclass(frozen=True, slots=True)
class NoticeFacts:
    id: int
    firm_id: int
    firm_code: str
    matter: str  # normalised number of the matter
    matter_kind: str  # patent / pct / overseas / trademark
    matter_id: int | None
    title: str
    notice_type: str
    dispatch_date: dt.date
    delivery: str  # electronic / paper
    stated_due: dt.date | None = None
    extension_months: int = 0
    answered_on: dt.date | None = None
    matter_office: str = CN  # the overseas filing's office for a foreign notice


@dataclass(frozen=True, slots=True)
class MatterNotices:
    """Every notice of one matter (a firm's matter number), by id. Their deadlines are computed,
    and kept (``stored``), together, since they depend on each other: a loss-of-rights notice
    fixes the restoration window of the answer it follows."""

    id: int  # the lowest of the notices' ids: what the group is kept under
    firm_id: int
    notices: tuple[NoticeFacts, ...]


def by_matter(notices: Iterable[NoticeFacts]) -> list[MatterNotices]:
    """``notices`` grouped as ``notice_deadlines`` relates them: by firm and matter number."""
    groups: dict[tuple[int, str], list[NoticeFacts]] = defaultdict(list)
    for facts in notices:
        groups[(facts.firm_id, facts.matter)].append(facts)
    out = []
    for (firm_id, _matter), found in groups.items():
        found.sort(key=_by_id)
        out.append(MatterNotices(found[0].id, firm_id, tuple(found)))
    out.sort(key=_by_id)
    return out


def _by_id(item) -> int:
    return item.id


def matter_notice_deadlines(group: MatterNotices, ctx: Context) -> Iterator[Deadline]:
    return notice_deadlines(group.notices, ctx)


# The worded values of a notice's basis hold the type's key, not the type: a key can be kept with the
# deadline (``worded``) and hashed, and the names are the rule data's when the basis is rendered.
@worded("notice_name")
@dataclass(frozen=True, slots=True)
class NoticeName:
    """A notice type's name, formatted in the language active when the basis is rendered."""

    key: str

    def __format__(self, spec: str) -> str:
        return format(default_notice_rules().types[self.key].label(current_language()), spec)


@worded("months")
@dataclass(frozen=True, slots=True)
class Months:
    """A number of months, worded in the language active when the basis is rendered."""

    count: int

    def __format__(self, spec: str) -> str:
        return format(ngettext("{n} month", "{n} months", self.count).format(n=self.count), spec)


@worded("notice_answer")
@dataclass(frozen=True, slots=True)
class AnswerName:
    """What answering a notice type is (答复, 补正…), in the language active when rendered."""

    key: str

    def __format__(self, spec: str) -> str:
        return format(default_notice_rules().types[self.key].answer_label(current_language()), spec)


@dataclass(frozen=True)
class Computed:
    """The computation behind one notice's deadline (also what the services show and check)."""

    served: dt.date
    service_source: str
    service_days: int
    base: dt.date  # served, or the date stated on the notice
    unadjusted: dt.date
    due: dt.date
    provisional: bool
    stated: bool
    period: tuple[int, str]  # before extension
    source: str
    verified: bool
    extensible: bool
    office: str  # calendar office: CN or the foreign office


def calendar_office(kind: NoticeType, facts: NoticeFacts) -> str:
    if kind.office in _CHINESE_OFFICES:
        return CN
    if kind.office == "ANY":
        return CN if facts.matter_kind != "overseas" else facts.matter_office
    return facts.matter_office


def service_office(kind: NoticeType, facts: NoticeFacts) -> str:
    if kind.office != "ANY":
        return kind.office
    if facts.matter_kind == "trademark":
        return "CNTMO"
    return "FOREIGN" if facts.matter_kind == "overseas" else "CNIPA"


def compute(facts: NoticeFacts, ctx: Context, rules: NoticeRules | None = None) -> Computed | None:
    """When the answer to ``facts`` is due; None when the type or its data is missing (or a type
    that needs the stated date has none)."""
    rules = rules or default_notice_rules()
    kind = rules.types.get(facts.notice_type)
    if kind is None:
        return None
    rule = kind.rule(facts.dispatch_date)
    if rule is None:
        return None
    service = rules.service_rule(service_office(kind, facts), facts.delivery, facts.dispatch_date)
    days = service.get("days", 0) if service is not None else 0
    served = facts.dispatch_date + dt.timedelta(days=days)
    months, day_count = rule.get("months"), rule.get("days")
    extension = facts.extension_months or 0
    if facts.stated_due is not None:
        base, end, period, stated = facts.stated_due, facts.stated_due, (0, "months"), True
    elif kind.needs_stated_due:
        return None
    else:
        stated = False
        base = served
        if day_count is not None:
            end, period = served + dt.timedelta(days=day_count), (day_count, "days")
        else:
            end, period = add_months(served, months), (months, "months")
    if extension:
        end = add_months(end, extension)
    office = calendar_office(kind, facts)
    adjusted = ctx.adjust(office, end)
    return Computed(served=served, service_source=service.source if service else "", service_days=days,
                    base=base, unadjusted=adjusted.unadjusted, due=adjusted.due,
                    provisional=adjusted.provisional, stated=stated, period=period, source=rule.source,
                    verified=rule.verified and (service is None or service.verified),
                    extensible=bool(rule.get("extensible")), office=office)


def notice_deadlines(notices: Iterable[NoticeFacts], ctx: Context,
                     rules: NoticeRules | None = None) -> Iterator[Deadline]:
    rules = rules or default_notice_rules()
    notices = list(notices)
    loss_notices: dict[tuple[int, str], list[tuple[NoticeFacts, Computed]]] = defaultdict(list)
    for facts in notices:
        if facts.notice_type == "cn_loss_of_rights":
            computed = compute(facts, ctx, rules)
            if computed is not None:
                loss_notices[(facts.firm_id, facts.matter)].append((facts, computed))
    for facts in notices:
        computed = compute(facts, ctx, rules)
        if computed is None:
            continue
        yield from _deadlines(facts, computed, ctx, rules, loss_notices.get((facts.firm_id, facts.matter), []))


def restoration_end(facts: NoticeFacts, computed: Computed, ctx: Context, rules: NoticeRules,
                    loss: list[tuple[NoticeFacts, Computed]]) -> tuple[dt.date, bool] | None:
    """The last day to request restoration after missing ``facts``' answer, and whether it comes
    from a recorded loss-of-rights notice (else it is the earliest estimate); None when the answer
    cannot be restored."""
    kind = rules.types[facts.notice_type]
    if not kind.restorable or facts.matter_kind not in ("patent", "pct"):
        return None
    later = [c for f, c in loss if f.dispatch_date > computed.due]
    if later:
        return min(c.due for c in later), True
    months = rules.types["cn_loss_of_rights"].rule(computed.due)
    months = months.get("months", 2) if months is not None else 2
    return ctx.adjust(CN, add_months(computed.due + dt.timedelta(days=1), months)).due, False


def _deadline(facts: NoticeFacts, kind: str, due: dt.date, state: str, why, amount=None) -> Deadline:
    deadline = Deadline(firm=facts.firm_code, firm_id=facts.firm_id, matter=facts.matter,
                        matter_kind=facts.matter_kind, matter_id=facts.matter_id or 0, title=facts.title,
                        kind=kind, office=CN if facts.matter_kind != "overseas" else facts.matter_office,
                        due=due, state=state, amount_cny=amount, basis=why)
    deadline.notice_type = facts.notice_type
    deadline.notice_id = facts.id
    return deadline


def _response_basis(facts: NoticeFacts, c: Computed, kind: NoticeType):
    notes = []
    period = c.period
    if facts.extension_months and (c.stated or period[1] == "months"):
        period = (period[0] + facts.extension_months, "months")
    if c.stated:
        base = N_("date stated on the notice")
    else:
        base = N_("service date")
        if c.service_days:
            notes.append((N_("dispatched {dispatched}, served {days} days later ({source})"),
                          (("dispatched", facts.dispatch_date.isoformat()), ("days", c.service_days),
                           ("source", c.service_source))))
        else:
            notes.append((N_("dispatched and served {dispatched} ({source})"),
                          (("dispatched", facts.dispatch_date.isoformat()), ("source", c.service_source))))
    if facts.extension_months:
        notes.append((N_("including an extension of {period}"), (("period", Months(facts.extension_months)),)))
    if not c.verified:
        notes.append((N_("UNVERIFIED period: check it against the notice"), ()))
    if kind.key == "cn_loss_of_rights":
        notes.append((N_("after force majeure: within 2 months of the obstacle's removal, at most 2 years after "
                         "the period missed (Implementing Regulations Art. 6 para 1)"), ()))
    adjusted = Adjusted(c.due, c.unadjusted, c.provisional)
    return basis(N_("Answer to the notice {notice} ({answer})"), c.source, base, c.base, period, adjusted,
                 notes=notes, rule_params=(("notice", NoticeName(kind.key)), ("answer", AnswerName(kind.key))))


def _deadlines(facts: NoticeFacts, c: Computed, ctx: Context, rules: NoticeRules,
               loss: list[tuple[NoticeFacts, Computed]]) -> Iterator[Deadline]:
    kind = rules.types[facts.notice_type]
    done = facts.answered_on is not None
    restoration = None if done else restoration_end(facts, c, ctx, rules, loss)
    late_until = restoration[0] if restoration else None
    state = state_of(done, ctx.as_of, c.due, late_until)
    amount = kind.fee_cny
    if ctx.in_window(c.due) and ctx.keep(state):
        why = _response_basis(facts, c, kind)
        yield _deadline(facts, "notice_response", c.due, state, why, amount)
    if restoration is None or restoration[1]:
        return  # a recorded loss-of-rights notice yields its own deadline
    end = restoration[0]
    restore_state = state_of(False, ctx.as_of, end)
    if ctx.in_window(end) and ctx.keep(restore_state, c.due):
        loss_kind = rules.types["cn_loss_of_rights"]
        rule = loss_kind.rule(c.due)
        months = rule.get("months", 2) if rule is not None else 2
        why = basis(N_("Last day to request restoration if the loss of rights is notified at once"),
                    rule.source if rule is not None else "", N_("day after the missed period"),
                    c.due + dt.timedelta(days=1), (months, "months"),
                    ctx.adjust(CN, add_months(c.due + dt.timedelta(days=1), months)),
                    notes=[(N_("estimate: the period runs from the day the loss-of-rights notice is served; "
                               "record that notice for the exact date"), ())])
        deadline = _deadline(facts, "notice_restoration", end, restore_state, why, loss_kind.fee_cny)
        deadline.main_due = c.due
        yield deadline
