"""The rule data: what ships is complete and sourced; broken files give file, line and problem."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from zgc_desk.deadlines.rules import DATA_DIR, RuleDataError, default_rules, load_rules

BROKEN = Path(__file__).with_name("broken")


def test_shipped_rules_load_with_sources():
    rules = default_rules()
    for tables in rules.fee_tables.values():
        assert all(t.source for t in tables)
    assert rules.fee_table("invention", dt.date(2026, 1, 1)).amount(20) == 8000
    assert rules.fee_table("invention", dt.date(2020, 1, 1)) is None  # before the confirmed table
    assert rules.term_years("design", dt.date(2021, 5, 31)).value == 10
    assert rules.term_years("design", dt.date(2021, 6, 1)).value == 15
    assert rules.reduction_years(dt.date(2019, 6, 30)).value == 6
    assert rules.reduction_years(dt.date(2019, 7, 1)).value == 10
    assert rules.reduction_years(dt.date(2016, 8, 31)) is None


def test_every_office_of_the_guide_table_is_known():
    rules = default_rules()
    assert len(rules.office_months) == 164
    assert rules.office_months["EP"] == (31, 31)
    assert rules.office_months["FR"] == (None, None)
    closed = rules.periods["pct"]["closed_routes"]["regional_office"]
    for code, months in rules.office_months.items():
        if months == (None, None) and code in closed:
            assert closed[code] in rules.office_months


def test_every_closed_route_in_the_csv_has_a_regional_office():
    text = (DATA_DIR / "pct_national_phase_months.csv").read_text(encoding="utf-8")
    closed = {line.split(",")[0] for line in text.splitlines() if "closed" in line}
    assert closed == set(default_rules().periods["pct"]["closed_routes"]["regional_office"])


def _broken_copy(tmp_path, name: str) -> Path:
    for path in DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(BROKEN / name, tmp_path / name.split("__")[1])
    return tmp_path


@pytest.mark.parametrize(("fixture", "message"), [
    ("syntax__fees.yaml", "fees.yaml, line 6: expected ',' or ']'"),
    ("missing_key__fees.yaml", "fees.yaml, line 3: missing key 'valid_from'"),
    ("wrong_type__periods.yaml", "periods.yaml, line 4: 'years' should be int"),
    ("bad_band__fees.yaml", "fees.yaml, line 3: a band should be"),
])
def test_broken_rule_files_name_file_line_and_problem(tmp_path, fixture, message):
    with pytest.raises(RuleDataError) as info:
        load_rules(_broken_copy(tmp_path, fixture))
    assert message in str(info.value)
