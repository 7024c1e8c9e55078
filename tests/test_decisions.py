"""Keep-or-drop decisions (issue 17 item 3): a right the firm decides to stop paying for from a day on.
Its fees from that day are no longer reminded, the forecast shows the portfolio with and without the
decision and what it saves, the workbook carries it, and undo takes it back."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl

from zgc_desk import services
from zgc_desk.demo import CODE_A
from zgc_desk.models import Patent
from zgc_desk.services import records
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.forecast import forecast

AS_OF = dt.date(2026, 11, 25)  # the demo_db fixture's anchor
FEES = ("annuity", "annuity_grace_end")


def _patent_with_fees(firm_id: int) -> Patent:
    """A granted patent of the firm with annual fees in each of the next years."""
    found = list_deadlines(as_of=AS_OF, firm=firm_id, start=AS_OF, end=dt.date(2031, 12, 31), with_decisions=False)
    by_patent: dict[int, int] = {}
    for d in found:
        if d.kind == "annuity" and d.matter_kind == "patent":
            by_patent[d.matter_id] = by_patent.get(d.matter_id, 0) + 1
    return Patent.get_by_id(max(by_patent, key=lambda pid: (by_patent[pid], -pid)))


def _fees_of(patent: Patent, **kwargs) -> list:
    return [d for d in list_deadlines(as_of=AS_OF, firm=patent.firm_id, start=AS_OF, end=dt.date(2031, 12, 31),
                                      **kwargs) if d.matter_id == patent.id and d.matter_kind == "patent"]


def test_fees_from_the_decision_day_are_no_longer_reminded_and_undo_brings_them_back(demo_db):
    firm = records.find_firm(CODE_A)
    patent = _patent_with_fees(firm.id)
    before = _fees_of(patent)
    annuities = sorted(d.due for d in before if d.kind == "annuity")
    assert len(annuities) >= 3
    drop_from = annuities[1]  # the second fee ahead: the first is still paid, the rest not

    services.update_record("patent", patent.id, {"drop_from": drop_from, "drop_reason": "技术已被替代"})
    after = _fees_of(patent)
    assert [d for d in after if d.kind in FEES and d.due >= drop_from] == []
    assert [d.due for d in after if d.kind == "annuity"] == [d for d in annuities if d < drop_from]
    assert len(_fees_of(patent, with_decisions=False)) == len(before)  # still computable, on request
    entry = services.history("patent", patent.id)[-1]
    assert entry["changes"]["drop_from"] == [None, drop_from.isoformat()]

    services.undo()
    assert [d.due for d in _fees_of(patent) if d.kind == "annuity"] == annuities


def test_the_forecast_with_and_without_the_decision_and_what_it_saves(demo_db):
    firm = records.find_firm(CODE_A)
    patent = _patent_with_fees(firm.id)
    drop_from = dt.date(2028, 1, 1)
    whole = forecast(as_of=AS_OF, firm=firm.id, first_year=2027, years=5)
    services.update_record("patent", patent.id, {"drop_from": drop_from})

    decided = forecast(as_of=AS_OF, firm=firm.id, first_year=2027, years=5)
    own = [line for line in whole.lines if line.matter_kind == "patent" and line.matter_id == patent.id]
    expected = {}
    for line in own:
        if line.due >= drop_from and line.amount is not None:
            expected[line.year] = expected.get(line.year, 0) + line.amount
    assert expected and sum(expected.values()) > 0
    assert {t.year: t.amounts.get("CNY", 0) for t in decided.saved if t.amounts} == expected
    for with_, without, saved in zip(decided.totals, whole.totals, decided.saved, strict=True):
        assert with_.amounts.get("CNY", 0) + saved.amounts.get("CNY", 0) == without.amounts.get("CNY", 0)
    assert all(line.matter_id == patent.id for line in decided.dropped)
    as_before = forecast(as_of=AS_OF, firm=firm.id, first_year=2027, years=5, with_decisions=False)
    assert as_before.totals == whole.totals and as_before.dropped == []


def test_the_command_line_and_the_workbook_carry_the_decision(demo_db, capsys, tmp_path):
    from zgc_desk.cli import main
    from zgc_desk.db import open_database
    from zgc_desk.services.transfer import export_workbook

    firm = records.find_firm(CODE_A)
    patent = _patent_with_fees(firm.id)
    number = patent.application_no
    services.update_record("patent", patent.id, {"drop_from": dt.date(2028, 1, 1), "drop_reason": "不再实施"})
    export_workbook(tmp_path / "out.xlsx", CODE_A)
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["专利"]
    header = [str(c.value) for c in sheet[1]]

    def at(name: str) -> int:  # headers read 申请号* (application_no): the Chinese name, then the key
        return next(i for i, text in enumerate(header) if text.startswith(name))

    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[at("申请号")] == number)
    assert row[at("停止缴费日")] == dt.datetime(2028, 1, 1) and row[at("放弃理由")] == "不再实施"

    args = ["forecast", "--db", str(demo_db), "--firm", CODE_A, "--as-of", AS_OF.isoformat(), "--from", "2027"]
    assert main([*args, "--json"]) == 0
    decided = json.loads(capsys.readouterr().out)
    open_database(demo_db)
    assert main([*args, "--json", "--without-decisions"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert not [r for r in decided if r["matter"] == number and r["due"] >= "2028-01-01"]
    assert [r for r in whole if r["matter"] == number and r["due"] >= "2028-01-01"]
    open_database(demo_db)
    assert main(args) == 0
    assert "节省" in capsys.readouterr().out


def test_the_calendar_export_leaves_the_dropped_fees_out(demo_db, capsys, tmp_path):
    """``ics`` as the Due list: a right's fees from the decision day are not in the calendar."""
    from icalendar import Calendar

    from zgc_desk.cli import main
    from zgc_desk.db import open_database

    firm = records.find_firm(CODE_A)
    patent = _patent_with_fees(firm.id)

    def events(name: str) -> list[str]:
        out = tmp_path / name
        open_database(demo_db)
        assert main(["ics", "--db", str(demo_db), "--firm", CODE_A, "--as-of", AS_OF.isoformat(),
                     "--out", str(out)]) == 0
        capsys.readouterr()
        calendar = Calendar.from_ical(out.read_bytes())
        return [(str(e.get("summary")), e.decoded("dtstart")) for e in calendar.walk("VEVENT")]

    before = [e for e in events("before.ics") if patent.application_no in e[0]]
    drop_from = min(day for _summary, day in before if day > AS_OF)  # its next deadline on
    assert [e for e in before if e[1] < drop_from] and [e for e in before if e[1] >= drop_from]
    services.update_record("patent", patent.id, {"drop_from": drop_from})
    after = [e for e in events("after.ics") if patent.application_no in e[0]]
    assert after == [e for e in before if e[1] < drop_from]
