"""A patent's standing beyond its recorded status, as the record list and the firm profile show it.

A patent recorded as in force (``granted``) whose annual fee went unpaid past its grace period has
lapsed as of that fee's due date (Implementing Regulations 2023 Art. 115); a restoration request can
save it within 2 months of CNIPA's notice (Art. 6 ¶2). The deadline engine says when
(``deadlines.patents.patent_standing``); this puts it into plain values for the front ends — the same
computation the Due list and the start-up summary use, so that all four agree. Conversely a patent in
force with no paid-through year has its earlier years assumed paid, and the user is asked to confirm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from zgc_desk.deadlines import PatentFacts
from zgc_desk.deadlines.engine import make_context
from zgc_desk.deadlines.patents import patent_standing as engine_standing
from zgc_desk.i18n import _, format_date
from zgc_desk.models import database
from zgc_desk.services.browse import firm_counts
from zgc_desk.services.records import fetch_rows


@dataclass(frozen=True)
class PatentStanding:
    patent_id: int
    number: str
    title: str
    recorded_status: str
    as_of: dt.date
    lapsed_year: int | None = None  # the patent year whose annual fee went unpaid
    lapsed_on: dt.date | None = None  # that fee's due date: lapsed as of it
    grace_end: dt.date | None = None  # the last day it could have been paid late
    restore_by: dt.date | None = None  # earliest end of the restoration window
    assumed_paid_through: int | None = None  # in force on record, no paid-through year: assumed paid to this

    @property
    def lapsed(self) -> bool:
        return self.lapsed_on is not None

    @property
    def restorable(self) -> bool:
        """Whether a restoration request is still possible (the only thing left to do)."""
        return self.restore_by is not None and self.as_of <= self.restore_by

    @property
    def status(self) -> str:
        """The status to show: ``lapsed`` when the fee lapsed it, else the recorded one."""
        return "lapsed" if self.lapsed else self.recorded_status


def _day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _facts(row: dict) -> PatentFacts:
    return PatentFacts(id=row["id"], firm_id=row.get("firm") or row.get("firm_id") or 0, firm_code="",
                       number=row.get("application_no") or "", right=row.get("kind") or "invention",
                       title=row.get("title") or "", filing_date=_day(row["filing_date"]),
                       priority_date=_day(row.get("priority_date")), grant_date=_day(row.get("grant_date")),
                       status=row.get("status") or "", paid_through=row.get("annuity_paid_through"),
                       reduction_pct=row.get("fee_reduction_pct") or 0)


def standing_of_row(row: dict, as_of: dt.date, ctx=None) -> PatentStanding:
    """The standing of one patent given as a row of model fields (``records.fetch_rows``)."""
    ctx = ctx or make_context(as_of)
    base = dict(patent_id=row["id"], number=row.get("application_no") or "", title=row.get("title") or "",
                recorded_status=row.get("status") or "", as_of=as_of)
    if row.get("status") != "granted" or not row.get("filing_date"):
        return PatentStanding(**base)
    found = engine_standing(_facts(row), ctx)
    return PatentStanding(**base, lapsed_year=found.lapsed_year, lapsed_on=found.lapsed_on,
                          grace_end=found.grace_end, restore_by=found.restore_by,
                          assumed_paid_through=found.assumed_paid_through)


def standings(rows: Iterable[dict], as_of: dt.date) -> dict[int, PatentStanding]:
    ctx = make_context(as_of)
    return {row["id"]: standing_of_row(row, as_of, ctx) for row in rows}


def patent_standing(patent_id: int, as_of: dt.date) -> PatentStanding:
    rows = fetch_rows("patent", [patent_id])
    if patent_id not in rows:
        from zgc_desk.services.records import NotFound

        raise NotFound(_("No such patent: {id}").format(id=patent_id))
    return standing_of_row(rows[patent_id], as_of)


def list_rows(kind: str, ids: Iterable[int], as_of: dt.date) -> dict[int, dict]:
    """Rows for a record list: the model fields and, for patents, ``standing`` (a PatentStanding)
    that the status and paid-through columns read (``zgc_desk.columns``)."""
    rows = fetch_rows(kind, ids)
    if kind == "patent":
        for record_id, standing in standings(rows.values(), as_of).items():
            rows[record_id]["standing"] = standing
    return rows


# ---- words ------------------------------------------------------------------------------------

def standing_sentence(standing: PatentStanding) -> str:
    """Why a patent is shown as lapsed (or its fees as assumed paid), and what is left to do."""
    if standing.lapsed:
        text = _("Lapsed as of {date}: the annual fee for patent year {year} was not paid by the end of its grace "
                 "period on {grace_end} (Implementing Regulations Art. 115).").format(
            date=format_date(standing.lapsed_on, "iso"), year=standing.lapsed_year,
            grace_end=format_date(standing.grace_end, "iso"))
        if standing.restorable:
            return text + " " + _("The one thing left to do: a restoration request, possible until about {date} "
                                  "(2 months from CNIPA's notice, Art. 6 ¶2).").format(
                date=format_date(standing.restore_by, "iso"))
        return text + " " + _("The window to request restoration ended about {date}.").format(
            date=format_date(standing.restore_by, "iso"))
    if standing.assumed_paid_through is not None:
        return _("Assumed paid: in force on record, no paid-through year recorded — annual fees up to patent year "
                 "{year} taken as paid. Please confirm the paid-through year.").format(
            year=standing.assumed_paid_through)
    return ""


# ---- a firm's portfolio -----------------------------------------------------------------------

@dataclass
class FirmPatentStanding:
    """What the firm profile shows: counts by the status to show, and the patents to look at."""

    counts: dict[str, dict[str, int]]  # as ``browse.firm_counts``, patents by their shown status
    lapsed: list[PatentStanding] = field(default_factory=list)  # recorded in force, lapsed by an unpaid fee
    assumed: list[PatentStanding] = field(default_factory=list)  # in force, earlier fees only assumed paid


_GRANTED_SQL = ('SELECT id, firm_id, application_no, kind, title, filing_date, priority_date, grant_date, status, '
                'annuity_paid_through, fee_reduction_pct FROM patent WHERE status = \'granted\' AND firm_id = {param} '
                'ORDER BY application_no')
_GRANTED_KEYS = ("id", "firm_id", "application_no", "kind", "title", "filing_date", "priority_date", "grant_date",
                 "status", "annuity_paid_through", "fee_reduction_pct")


def firm_patent_standing(firm_id: int, as_of: dt.date) -> FirmPatentStanding:
    """The firm's record counts with every fee-lapsed patent counted as lapsed, and those patents
    (restorable first, then by number) and the ones whose fees are only assumed paid."""
    counts = firm_counts(firm_id)
    sql = _GRANTED_SQL.format(param=database.param)
    rows = [dict(zip(_GRANTED_KEYS, values, strict=True)) for values in database.execute_sql(sql, (firm_id,))]
    found = standings(rows, as_of).values()
    lapsed = sorted((s for s in found if s.lapsed), key=lambda s: (not s.restorable, s.number))
    assumed = [s for s in found if not s.lapsed and s.assumed_paid_through is not None]
    if lapsed:
        by_status = dict(counts["patent"])
        by_status["granted"] = by_status.get("granted", 0) - len(lapsed)
        by_status["lapsed"] = by_status.get("lapsed", 0) + len(lapsed)
        counts = {**counts, "patent": {k: n for k, n in by_status.items() if n}}
    return FirmPatentStanding(counts, lapsed, assumed)
