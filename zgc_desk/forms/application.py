"""An application form's content, computed once from the rule results and the field map; the Excel
and PDF writers only lay it out (docs/development.md, practice 8: computation apart from presentation).

Cell values are typed: dates stay ``datetime.date``, amounts are whole yuan (``int``), the rest is
text. ``cn_money`` and ``cn_date`` give the Chinese forms' wording for the PDF and the prose lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zgc_desk.forms.fieldmap import Column, FormMap
from zgc_desk.subsidy_rules.results import Decision, FirmTotal, PolicyRound


def cn_money(amount: int | float | None) -> str:
    """``¥1,234.00`` — the way amounts are written on Chinese forms."""
    return "" if amount is None else f"¥{amount:,.2f}"


def cn_date(day: dt.date | None) -> str:
    """``2026年11月25日`` for prose; table cells use ISO dates."""
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


@dataclass
class FirmLineValue:
    label: str
    value: str
    input: bool  # a blank for the applicant (bank name, account)


@dataclass
class Row:
    index: int
    cells: list  # one typed value per column of the form
    verified: bool
    label: str  # how the attachments list names the item, e.g. "1　US 17/440,118"
    decision: Decision


@dataclass
class Application:
    form: FormMap
    policy_id: str
    policy_title: str
    basis: str
    round_year: int
    window: tuple[dt.date | None, dt.date | None]
    as_of: dt.date
    firm_name: str
    firm_code: str
    firm_lines: list[FirmLineValue]
    rows: list[Row] = field(default_factory=list)
    column_totals: dict[int, int] = field(default_factory=dict)  # column index -> sum
    total_claimed: int = 0  # after every cap (the firm's total for this policy)
    statement: str | None = None  # why there is nothing to claim
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (item label, document)

    @property
    def verified(self) -> bool:
        return all(row.verified for row in self.rows)

    @property
    def subtitle(self) -> str:
        start, end = self.window
        return self.form.text("subtitle", year=self.round_year, start=cn_date(start) or "—",
                              end=cn_date(end) or "—", date=cn_date(self.as_of))

    @property
    def amount_column(self) -> int:
        """The column the claimed total sits under: the last summed column."""
        summed = [i for i, column in enumerate(self.form.columns) if column.total]
        return summed[-1] if summed else len(self.form.columns) - 1


def _note(form: FormMap, decision: Decision) -> str:
    parts = []
    if not decision.verified:
        parts.append(form.text("unverified_mark"))
    nominal = decision.amount_before_cap
    if nominal is not None and nominal > decision.amount_cny:
        parts.append(form.text("capped_note", nominal=cn_money(nominal)))
    return "；".join(parts)


AMOUNT_STEPS = frozenset({"amount", "item_cap", "official_fee_cap", "firm_annual_cap"})


def _reasons(decision: Decision, amounts: bool) -> str:
    return "；".join(r.detail for r in decision.reasons
                    if (r.criterion in AMOUNT_STEPS) == amounts and r.criterion != "policy_available")


def _row_value(form: FormMap, name: str, decision: Decision, index: int):
    if name == "index":
        return index
    if name == "reasons":
        return _reasons(decision, amounts=False)
    if name == "computation":
        return _reasons(decision, amounts=True)
    return _note(form, decision)


def cell_value(form: FormMap, column: Column, decision: Decision, index: int):
    """The typed value of one cell (see the field map's column types)."""
    namespace, _dot, name = column.source.partition(".")
    if namespace == "row":
        value = _row_value(form, name, decision, index)
    elif namespace == "item":
        value = getattr(decision.item, name, None) if decision.item is not None else None
    else:
        value = getattr(decision, name, None)
    if column.type in ("int", "money"):
        return None if value is None or value == "" else int(value)
    if column.type == "date":
        return value if isinstance(value, dt.date) else None
    if column.type == "list":
        return "；".join(value) if isinstance(value, list | tuple) else str(value or "")
    if column.type == "office":
        return form.office_name(str(value or ""))
    return "" if value is None else str(value)


def _row_label(index: int, decision: Decision) -> str:
    office = f"{decision.office} " if decision.office and decision.office not in ("CN", "WO") else ""
    return f"{index}　{office}{decision.matter}"


def _unavailable_zh(policy_round: PolicyRound) -> str:
    """Why the policy is closed in the round, in Chinese whatever the interface language."""
    value = policy_round.policy.parameter("available").at(policy_round.assessed_on)
    if value is not None and value.why is not None:
        return f"{value.why.zh}（{value.source.citation()}）"
    return "本年度无适用的政策规则"


def _basis(policy_round: PolicyRound) -> str:
    basis = policy_round.policy.basis
    head = f"{basis.document}（{basis.number}）" if basis.number else basis.document
    return f"{head}{basis.article}"


def build_application(form: FormMap, policy_round: PolicyRound, decisions: list[Decision],
                      total: FirmTotal | None, firm: dict, as_of: dt.date) -> Application:
    """Everything the form shows, for one firm, one policy and one round.

    ``decisions`` are the firm's decisions under the policy (eligible ones become rows, in the
    order given); ``firm`` maps the firm's field names to values.
    """
    policy = policy_round.policy
    app = Application(
        form=form, policy_id=policy.id, policy_title=policy.title.zh, basis=_basis(policy_round),
        round_year=policy_round.round_year, window=(policy_round.window_start, policy_round.window_end),
        as_of=as_of, firm_name=str(firm.get("name") or ""), firm_code=str(firm.get("credit_code") or ""),
        firm_lines=[FirmLineValue(line.label, "" if line.input else str(firm.get(line.source) or ""), line.input)
                    for line in form.firm_block],
    )
    eligible = [d for d in decisions if d.eligible]
    for index, decision in enumerate(eligible, start=1):
        cells = [cell_value(form, column, decision, index) for column in form.columns]
        app.rows.append(Row(index, cells, decision.verified, _row_label(index, decision), decision))
    for i, column in enumerate(form.columns):
        if column.total:
            app.column_totals[i] = sum(row.cells[i] or 0 for row in app.rows)
    claimed = sum(d.amount_cny for d in eligible)
    app.total_claimed = total.per_policy.get(policy.id, claimed) if total is not None else claimed
    if not policy_round.available:
        app.statement = form.text("unavailable", year=policy_round.round_year, reason=_unavailable_zh(policy_round))
    elif not app.rows:
        app.statement = form.text("no_items", year=policy_round.round_year)
    app.attachments = _attachments(form, policy.attachments, app.rows)
    return app


def _attachments(form: FormMap, required, rows: list[Row]) -> list[tuple[str, str]]:
    """The policy's documents: per claimed item, except the firm's own (listed once, first)."""
    names = [text.zh for text in required]
    firm_level = [name for name in names if name in form.firm_attachments]
    per_item = [name for name in names if name not in form.firm_attachments]
    out = [(form.text("firm_level"), name) for name in firm_level]
    for row in rows:
        out.extend((row.label, name) for name in per_item)
    return out
