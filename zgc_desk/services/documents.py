"""Documents the firm hands in or the advisor takes to a session: the application forms (Excel or
PDF) of a policy's round and the session report (PDF). The CLI (``fill``, ``report``) and the window
call these; they run off the GUI thread and report ``progress(done, total)`` if given one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from zgc_desk import vocab
from zgc_desk.dates import add_months
from zgc_desk.deadlines.basis import kind_label, state_label
from zgc_desk.deadlines.kinds import counts_in_totals
from zgc_desk.forms.application import Application, build_application
from zgc_desk.forms.excel import write_workbook
from zgc_desk.forms.fieldmap import form_for
from zgc_desk.forms.pdf import write_pdf
from zgc_desk.forms.session import (
    BlockedLine,
    ClaimLine,
    DeadlineLine,
    FeeYear,
    KindSummary,
    SessionReport,
    YearCounts,
)
from zgc_desk.forms.session_pdf import write_session_report
from zgc_desk.i18n import _
from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication, Trademark
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.errors import UserError
from zgc_desk.services.records import find_firm
from zgc_desk.services.subsidies import check, known_policy
from zgc_desk.subsidy_rules.results import Decision, PolicyRound, RoundResult

Progress = Callable[[int, int], None] | None
FORMATS = {".xlsx": "xlsx", ".pdf": "pdf"}
HORIZON_DAYS = 180
CHART_YEARS = 10
FORECAST_YEARS = 5  # the fees ahead in the session report: a budget holder's horizon
BLOCKED_LINES = 20  # item lines listed under "what blocks"; the rest are counted


class NothingToClaim(UserError):
    """The firm has no eligible item under the policy in the round; the message says why."""


def output_format(path: Path) -> str:
    """``xlsx`` or ``pdf`` from the file name; anything else is a user error."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UserError(_("Cannot tell the format from the file name {name}: use .xlsx (Excel) or .pdf").format(
            name=Path(path).name))
    return FORMATS[suffix]


def _step(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# ---- application forms -----------------------------------------------------------------------

def _firm_values(firm: Firm) -> dict:
    return {name: getattr(firm, name) for name in Firm._meta.fields}


@dataclass
class PreparedApplication:
    """An application's content with the rule results it comes from."""

    app: Application
    policy_round: PolicyRound
    decisions: list[Decision]

    def require_claims(self) -> None:
        """Raise :class:`NothingToClaim`, saying why item by item, when the form would be empty."""
        if self.app.statement:
            raise NothingToClaim(self._why_nothing())

    def _why_nothing(self) -> str:
        app, standing = self.app, self.policy_round
        head = _("{firm} has nothing to claim under {policy} in round {year}").format(
            firm=app.firm_name, policy=app.policy_id, year=app.round_year)
        if not standing.available:
            return f"{head}: {standing.unavailable_reason}"
        blocked = [d for d in self.decisions if not d.eligible]
        if not blocked:
            return f"{head}: " + _("no item of the firm is dated within the round's window ({start} to {end})").format(
                start=standing.window_start.isoformat(), end=standing.window_end.isoformat())
        lines = [f"  {_matter(d)}: {'; '.join(r.detail for r in d.failed)}" for d in blocked]
        return head + ":\n" + "\n".join(lines)


def prepare_application(firm, policy: str, year: int | None, as_of: dt.date) -> PreparedApplication:
    """The content of the firm's application under ``policy`` for round ``year`` (default: as_of's)."""
    loaded = known_policy(policy)
    record = find_firm(firm)
    result = check(as_of, year, firm=record.id, policies=[policy])
    policy_round = next(p for p in result.policies if p.id == policy)
    form = form_for(policy, policy_round.round_year, title=loaded.title.zh)
    decisions = result.decisions_for(record.credit_code, policy)
    app = build_application(form, policy_round, decisions, result.totals.get(record.credit_code),
                            _firm_values(record), as_of)
    return PreparedApplication(app, policy_round, decisions)


def fill_application(firm_id, policy: str, year: int | None, out_path: Path, as_of: dt.date,
                     progress: Progress = None, allow_empty: bool = False) -> Path:
    """Write the application form to ``out_path`` (.xlsx or .pdf); returns the path written.

    With nothing eligible, raises :class:`NothingToClaim` naming why, unless ``allow_empty``: then
    the form is written with a clear statement that there is nothing to claim.
    """
    output_format(out_path)  # a bad file name fails before any work
    _step(progress, 0, 3)
    prepared = prepare_application(firm_id, policy, year, as_of)
    _step(progress, 1, 3)
    if not allow_empty:
        prepared.require_claims()
    path = write_application(prepared.app, out_path)
    _step(progress, 3, 3)
    return path


def write_application(app: Application, out_path: Path) -> Path:
    """Write an application's content as Excel or PDF, as the file name says."""
    if output_format(out_path) == "xlsx":
        return write_workbook(app, out_path)
    return write_pdf(app, out_path)


# ---- the session report ----------------------------------------------------------------------

def _status_counts(query, labels: dict[str, str]) -> list[tuple[str, int]]:
    counts = dict(query.tuples())
    ordered = [(key, counts.pop(key)) for key in labels if key in counts] + sorted(counts.items())
    return [(_(labels[key]) if key in labels else key, n) for key, n in ordered]


def portfolio_summary(firm: Firm) -> list[KindSummary]:
    """Counts by kind of right and by status."""
    out = []
    for kind, label in (("invention", _("Invention patents")), ("utility_model", _("Utility models")),
                        ("design", _("Designs"))):
        by_status = _status_counts(Patent.select(Patent.status, fn.COUNT(Patent.id)).where(
            (Patent.firm == firm) & (Patent.kind == kind)).group_by(Patent.status), vocab.PATENT_STATUSES)
        out.append(KindSummary(label, sum(n for _label, n in by_status), by_status))
    pcts = PCTApplication.select().where(PCTApplication.firm == firm)
    searched = pcts.where(PCTApplication.isr_date.is_null(False)).count()
    published = pcts.where((PCTApplication.wo_no != "") | PCTApplication.wo_date.is_null(False)).count()
    out.append(KindSummary(_("PCT applications"), pcts.count(),
                           [(_("search report received"), searched), (_("published"), published)]))
    by_status = _status_counts(OverseasFiling.select(OverseasFiling.status, fn.COUNT(OverseasFiling.id)).where(
        OverseasFiling.firm == firm).group_by(OverseasFiling.status), vocab.PATENT_STATUSES)
    out.append(KindSummary(_("Overseas filings"), sum(n for _label, n in by_status), by_status))
    by_status = _status_counts(Trademark.select(Trademark.status, fn.COUNT(Trademark.id)).where(
        Trademark.firm == firm).group_by(Trademark.status), vocab.TRADEMARK_STATUSES)
    out.append(KindSummary(_("Trademarks"), sum(n for _label, n in by_status), by_status))
    return out


def filings_and_grants(firm: Firm, as_of: dt.date, years: int = CHART_YEARS) -> list[YearCounts]:
    """Chinese patents filed and granted per year, for the ``years`` years up to as_of's."""
    first = as_of.year - years + 1
    filed: dict[int, int] = {}
    granted: dict[int, int] = {}
    query = Patent.select(Patent.filing_date, Patent.grant_date).where(Patent.firm == firm)
    for filing_date, grant_date in query.tuples():
        if filing_date and first <= filing_date.year and filing_date <= as_of:
            filed[filing_date.year] = filed.get(filing_date.year, 0) + 1
        if grant_date and first <= grant_date.year and grant_date <= as_of:
            granted[grant_date.year] = granted.get(grant_date.year, 0) + 1
    return [YearCounts(year, filed.get(year, 0), granted.get(year, 0)) for year in range(first, as_of.year + 1)]


def coming_deadlines(firm: Firm, as_of: dt.date, days: int = HORIZON_DAYS) -> list[DeadlineLine]:
    """Open deadlines of the next ``days`` days, and missed ones that can still be saved."""
    deadlines = list_deadlines(as_of=as_of, firm=firm.id, start=add_months(as_of, -6),
                               end=as_of + dt.timedelta(days=days), states={"open", "missed"})
    return [DeadlineLine(d.due, kind_label(d.kind), d.matter, d.title, d.office, state_label(d.state),
                         d.due < as_of, d.amount_cny, d.surcharge_cny, counts_in_totals(d.kind),
                         d.amount_verified, d.currency or "CNY") for d in deadlines]


def fees_ahead(firm: Firm, as_of: dt.date, years: int = FORECAST_YEARS) -> tuple[list[FeeYear], dict[str, int], int]:
    """The forecast's yearly totals (the Forecast page's and ``zgc-desk forecast``'s own figures), what
    the keep-or-drop decisions save in those years, and how many rights they drop."""
    from zgc_desk.services.forecast import forecast

    result = forecast(as_of=as_of, firm=firm.id, years=years)
    years_ = [FeeYear(t.year, dict(sorted(t.amounts.items(), key=lambda item: (item[0] != "CNY", item[0]))),
                      t.unknown, t.unverified) for t in result.totals]
    saved: dict[str, int] = {}
    for line in result.dropped:
        if line.amount is not None:
            saved[line.currency] = saved.get(line.currency, 0) + line.amount
    return years_, saved, len({(line.matter_kind, line.matter_id) for line in result.dropped})


def _matter(decision: Decision) -> str:
    office = decision.office if decision.office not in ("", "CN", "WO") else ""
    return f"{office} {decision.matter}".strip()


def subsidy_outlook(report: SessionReport, result: RoundResult) -> None:
    """What the firm can claim in the round, and what blocks each other policy or item."""
    titles = {p.id: str(p.policy.title) for p in result.policies}
    item_lines: list[BlockedLine] = []
    for standing in result.policies:
        decisions = result.decisions_for(report.firm_code, standing.id)
        if not standing.available:
            report.blocked.append(BlockedLine(titles[standing.id], "", standing.unavailable_reason or ""))
            continue
        if not decisions:
            report.blocked.append(BlockedLine(titles[standing.id], "", _(
                "no item of the firm is dated within the round's window ({start} to {end})").format(
                start=standing.window_start.isoformat(), end=standing.window_end.isoformat())))
        for d in decisions:
            if d.eligible:
                report.claimable.append(ClaimLine(titles[d.policy], d.round_year, _matter(d), d.office, d.title,
                                                  d.amount_cny, d.verified, titles.get(d.alternative_to or "", "")))
            else:
                item_lines.append(BlockedLine(titles[d.policy], _matter(d), "; ".join(r.detail for r in d.failed)))
    report.blocked.extend(item_lines[:BLOCKED_LINES])
    report.blocked_more = max(0, len(item_lines) - BLOCKED_LINES)


def build_session_report(firm, as_of: dt.date, progress: Progress = None) -> SessionReport:
    record = find_firm(firm)
    report = SessionReport(record.name, record.credit_code, record.zgc_park or "", as_of, as_of.year, HORIZON_DAYS)
    report.kinds = portfolio_summary(record)
    report.years = filings_and_grants(record, as_of)
    _step(progress, 1, 4)
    report.deadlines = coming_deadlines(record, as_of)
    _step(progress, 2, 4)
    subsidy_outlook(report, check(as_of, as_of.year, firm=record.id))
    report.fees_ahead, report.fees_saved, report.rights_dropped = fees_ahead(record, as_of)
    from zgc_desk.services.rates import list_rates

    report.rates = list_rates()  # foreign fees in yuan too, only at the rates the user entered
    _step(progress, 3, 4)
    return report


def check_report_path(out_path: Path) -> None:
    if Path(out_path).suffix.lower() != ".pdf":
        raise UserError(_("The session report is a PDF: give a file name ending in .pdf, not {name}").format(
            name=Path(out_path).name))


def session_report(firm_id, out_path: Path, as_of: dt.date, progress: Progress = None) -> Path:
    """Write the advisor's session report (PDF) for one firm; returns the path written."""
    check_report_path(out_path)
    _step(progress, 0, 4)
    report = build_session_report(firm_id, as_of, progress)
    path = write_session_report(report, out_path)
    _step(progress, 4, 4)
    return path
