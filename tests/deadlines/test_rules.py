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
    ("wrong_type__periods.yaml", "periods.yaml, line 4: 'years' should be int"),
])
def test_broken_rule_files_name_file_line_and_problem(tmp_path, fixture, message):
    with pytest.raises(RuleDataError) as info:
        load_rules(_broken_copy(tmp_path, fixture))
    assert message in str(info.value)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


FEES = (DATA_DIR / "fees.yaml").read_text(encoding="utf-8")
_FIRST_BAND = "value: [[1, 3, 900], [4, 6, 1200]"


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    (_FIRST_BAND, "value: [[1, 3, 900, [4, 6, 1200]", _FIRST_BAND[:12], "expected ',' or ']'"),
    (_FIRST_BAND, "value: [[1, 900], [4, 6, 1200]", _FIRST_BAND[:12], "a band should be [first year, last year"),
    ("      - from: 2024-04-04\n        value: [[1, 3, 900]", "      - value: [[1, 3, 900]", "value: [[1, 3, 900]",
     "missing field 'from'"),
    ("        verified: true\n", "        verified: yes\n", "verified: yes", "expected true or false"),
])
def test_broken_fee_values_name_file_line_and_problem(tmp_path, english, old, new, needle, message):
    """fees.yaml is read as the subsidy rules are (zgc_desk.ruledata): every problem with its line."""
    for path in DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    broken = FEES.replace(old, new, 1)
    assert broken != FEES
    (tmp_path / "fees.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(RuleDataError) as info:
        load_rules(tmp_path)
    line = _line_of(broken, needle)
    text = str(info.value)  # a syntax error also names the line where the unclosed list began
    assert text.startswith("fees.yaml, line ") and f"line {line}" in text and message in text


def test_fee_figures_carry_their_verified_flag():
    rules = default_rules()
    assert rules.fee_table("invention", dt.date(2026, 1, 1)).verified is True
    exam = rules.fee("substantive_examination", dt.date(2020, 1, 1))
    assert exam.amount == 2500 and exam.verified is False  # the 2024 figure assumed back to 2018
    assert rules.fee("substantive_examination", dt.date(2024, 4, 4)).verified is True
    assert rules.fee("substantive_examination", dt.date(2018, 7, 31)) is None


def test_an_unverified_fee_says_so_where_it_is_shown(english):
    """Issue 11 item 5: the exam fee before 2024-04-04 is the 2024 Guide's figure assumed back to
    2018 (fees.yaml verified: false) — the deadline, its JSON record and the Due list's cell say so."""
    from tests.deadlines.conftest import patent
    from zgc_desk.deadlines import compute_deadlines
    from zgc_desk.deadlines.output import deadline_record
    from zgc_desk.services.due_columns import due_columns

    pending = patent(status="pending", filing_date=dt.date(2020, 3, 2))  # request due 2023-03-02
    later = patent(id=2, number="202110000002.2", status="pending", filing_date=dt.date(2022, 3, 2))
    found = {d.matter: d for d in compute_deadlines([pending, later], as_of=dt.date(2023, 1, 1))
             if d.kind == "exam_request"}
    old, new = found[pending.number], found[later.number]
    assert (old.amount_cny, old.amount_verified) == (2500, False)
    assert (new.amount_cny, new.amount_verified) == (2500, True)  # due 2025-03-03, after 2024-04-04
    assert deadline_record(old)["amount_verified"] is False and deadline_record(old)["currency"] == "CNY"
    fee = next(c for c in due_columns(dt.date(2023, 1, 1)) if c.key == "fee")
    assert fee.text(old).endswith("(unverified)") and "unverified" not in fee.text(new)
    assert "fee amount unverified" in deadline_record(old)["basis"]


def test_answers_kept_by_one_rule_data_are_never_served_for_another(tmp_path):
    """The fee-table and surcharge look-ups are kept on the loaded rules; a changed fees.yaml is a new
    rules object with its own answers. Source: fees.yaml (CNIPA annual fees from 2024-04-04, year 10
    of an invention 4,000 yuan); the copy doubles it."""
    from tests.deadlines.conftest import patent
    from zgc_desk.deadlines import compute_deadlines

    shipped = default_rules()
    on = dt.date(2026, 10, 30)
    assert shipped.fee_table("invention", on).amount(10) == 4000  # asked once: now kept
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    fees = data / "fees.yaml"
    fees.write_text(fees.read_text(encoding="utf-8").replace("[10, 12, 4000]", "[10, 12, 8000]", 1), encoding="utf-8")
    changed = load_rules(data)
    assert changed.fee_table("invention", on).amount(10) == 8000
    assert shipped.fee_table("invention", on).amount(10) == 4000

    facts = [patent(grant_date=dt.date(2019, 5, 10), paid_through=9)]  # filed 2017-10-30: year 10 due 2026-10-30

    def year_10(rules):
        found = compute_deadlines(facts, as_of=dt.date(2026, 11, 25), start=on, end=on, rules=rules)
        return next(d for d in found if d.kind == "annuity" and d.year == 10)

    for rules, amount in ((shipped, 4000), (changed, 8000), (shipped, 4000)):
        deadline = year_10(rules)
        assert deadline.amount_cny == amount and deadline.state == "missed"
        # missed on 2026-11-25 (paid on the as-of day, less than one month late): the surcharge of the
        # first month is 0 % (Implementing Regulations Art. 115), so the amount owed is the fee itself
        assert deadline.surcharge_cny == 0


def _lined(value):
    """A loaded value with every mapping's line, in a form that compares."""
    if isinstance(value, dict):
        return ("map", getattr(value, "line", None), [(key, _lined(item)) for key, item in value.items()])
    if isinstance(value, list):
        return [_lined(item) for item in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")) + sorted(BROKEN.glob("*.yaml")),
                         ids=lambda p: p.name)
def test_a_rule_file_reads_alike_through_libyaml_and_the_pure_python_parser(path, monkeypatch):
    from zgc_desk.deadlines import rules

    if rules._CLineLoader is None:
        pytest.skip("this PyYAML was built without libyaml")
    text = path.read_text(encoding="utf-8")
    used = []
    real_load = rules.yaml.load
    monkeypatch.setattr(rules.yaml, "load", lambda text, Loader: used.append(Loader) or real_load(text, Loader))
    fast = _lined(rules._parsed(text))
    assert used == [rules._CLineLoader]  # shipped files go through libyaml
    monkeypatch.setattr(rules, "_CLineLoader", None)
    assert fast == _lined(rules._parsed(text))


@pytest.mark.parametrize("text", ["a:\tvalue\n", "a: {zh: 是否?}\n", "a: [1, 2\nb: 3\n", "a:\n  b: 1\n c: 2\n"])
def test_a_text_at_the_parsers_edges_answers_as_the_pure_python_parser(text, tmp_path, monkeypatch):
    from zgc_desk.deadlines import rules

    path = tmp_path / "periods.yaml"
    path.write_text(text, encoding="utf-8")

    def outcome():
        try:
            return ("read", _lined(rules.load_yaml(path)))
        except RuleDataError as exc:
            return ("refused", str(exc))

    fast = outcome()
    monkeypatch.setattr(rules, "_CLineLoader", None)
    assert fast == outcome()
