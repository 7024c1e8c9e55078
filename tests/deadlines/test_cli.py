"""``zgc-desk deadlines`` and ``zgc-desk ics`` as real processes on the demo database."""

from __future__ import annotations

import datetime as dt
import json

from icalendar import Calendar

CONTRACT_KEYS = ("firm", "matter", "kind", "office", "due", "state", "amount_cny", "basis")
KINDS = {"annuity", "annuity_grace_end", "priority", "exam_request", "pct_publication", "pct_chapter2",
         "pct_national_phase", "pct_national_phase_late", "trademark_renewal_opens", "trademark_renewal",
         "trademark_grace_end", "subsidy_window", "priority_document", "term_compensation_request", "pct_article19",
         "restoration_request", "notice_response"}  # the contract's kinds (more may be added) and restoration_request


def test_json_follows_the_contract(cli, demo_file):
    result = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records
    for record in records:
        assert list(record)[:8] == list(CONTRACT_KEYS)
        assert record["kind"] in KINDS
        assert record["state"] in ("open", "missed")
        assert record["amount_cny"] is None or isinstance(record["amount_cny"], int)
        assert record["basis"]
        assert record["amount_verified"] in (True, False, None)
        # Chinese fees in yuan; a foreign office's in its currency (ISO 4217)
        assert record["currency"] == "CNY" or record["office"] not in ("", "CN") and len(record["currency"]) == 3
    assert [r["due"] for r in records] == sorted(r["due"] for r in records)
    national = [r for r in records if r["kind"] == "pct_national_phase"]
    assert national and all(r["matter"].startswith("PCT/CN") and r["office"] for r in national)
    answers = [r for r in records if r["kind"] == "notice_response"]  # the demo's open notices
    assert answers and all(r["notice_type"] and isinstance(r["notice_id"], int) for r in answers)


def test_provisional_dates_say_so_in_the_basis(cli, demo_file):
    result = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--json", "--lang", "en")
    records = json.loads(result.stdout)
    provisional = [r for r in records if r["provisional"]]
    assert provisional and all(r["due"] >= "2027-01-01" for r in provisional)
    assert all("PROVISIONAL: no official holiday calendar for 2027" in r["basis"] for r in provisional
               if r["office"] == "CN" and r["due"] < "2028-01-01")
    assert not any(r["provisional"] for r in records if r["due"] < "2026-12-31")
    missed = [r for r in records if r["state"] == "missed"]
    assert missed and all(r["surcharge_cny"] is not None for r in missed)


def test_range_includes_past_deadlines_with_their_state(cli, demo_file):
    result = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--from", "2020-01-01",
                 "--to", "2026-11-24", "--json", "--lang", "en")
    states = {r["state"] for r in json.loads(result.stdout)}
    assert {"done", "lapsed", "missed"} <= states
    assert all("2020-01-01" <= r["due"] <= "2026-11-24" for r in json.loads(result.stdout))


def test_firm_filter_and_table_output(cli, demo_file):
    table = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--firm", "91110108MA01R8KX3B")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert "2027-01-12*" in table.stdout  # provisional dates are starred (no official 2027 calendar yet)
    assert "2026-12-15 " in table.stdout  # a 2026 date, covered by the official calendar: no star
    assert "91110114MA04C7TN8W" not in table.stdout
    assert lines[-1].startswith("*")


def test_unknown_firm_and_bad_date(cli, demo_file):
    unknown = cli("deadlines", "--db", demo_file, "--firm", "914403001922038216")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr and unknown.stderr.strip()
    bad = cli("deadlines", "--db", demo_file, "--from", "2026-13-01")
    assert bad.returncode == 2 and "2026-13-01" in bad.stderr


def test_ics_parses_back_with_alarms_and_stable_uids(cli, demo_file, tmp_path):
    out = tmp_path / "cal" / "deadlines.ics"
    first = cli("ics", "--db", demo_file, "--as-of", "2026-11-25", "--out", out)
    assert first.returncode == 0, first.stderr
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and not list(calendar.walk("VTODO"))
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    again = tmp_path / "again.ics"
    cli("ics", "--db", demo_file, "--as-of", "2026-11-26", "--out", again)
    later = Calendar.from_ical(again.read_bytes())
    assert {str(e["uid"]) for e in later.walk("VEVENT")} & set(uids)
    assert max(int(e["sequence"]) for e in later.walk("VEVENT")) > int(events[0]["sequence"])


def test_kind_option_narrows_to_the_kinds_of_the_table(cli, demo_file):
    result = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--json", "--kind", "annuity",
                 "--kind", "annuity_grace_end")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records and {r["kind"] for r in records} <= {"annuity", "annuity_grace_end"}
    bad = cli("deadlines", "--db", demo_file, "--kind", "no_such_kind")
    assert bad.returncode == 2 and "no_such_kind" in bad.stderr


def test_json_is_streamed_one_record_a_line_with_the_content_of_the_list(cli, demo_file):
    """The streamed output parses to exactly what ``json.dumps`` of the record list said before."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.deadlines.output import deadline_record
    from zgc_desk.i18n import set_language
    from zgc_desk.services.deadlines import list_deadlines

    result = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--from", "2020-01-01", "--json",
                 "--lang", "zh_CN")
    lines = result.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) > 20
    assert all(line.startswith("{") for line in lines[1:-1])
    set_language("zh_CN")
    open_database(demo_file)
    try:
        expected = [deadline_record(d) for d in list_deadlines(as_of=dt.date(2026, 11, 25),
                                                                 start=dt.date(2020, 1, 1))]
    finally:
        close_database()
    assert json.loads(result.stdout) == json.loads(json.dumps(expected, ensure_ascii=False, indent=1))


def test_an_empty_list_is_still_json(cli, demo_file):
    result = cli("deadlines", "--db", demo_file, "--as-of", "2026-11-25", "--from", "1990-01-01",
                 "--to", "1990-01-02", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []
