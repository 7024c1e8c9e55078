import datetime as dt

from zgc_desk.schema import clean_record, trademark_expiry

FIRM = "91110108551385082Q"


def patent(**overrides):
    raw = {"firm_credit_code": FIRM, "application_no": "202110344405.7", "kind": "发明", "title": "一种方法",
           "filing_date": "2021-03-05"}
    raw.update(overrides)
    return raw


def test_a_valid_patent_is_cleaned_to_stored_values():
    result = clean_record("patent", patent(applicants="甲公司；乙大学", status="有效", abnormal="否",
                                           fee_reduction_pct="85%"))
    assert result.ok, result.errors
    assert result.values["kind"] == "invention"
    assert result.values["status"] == "granted"
    assert result.values["applicants"] == "甲公司; 乙大学"
    assert result.values["filing_date"] == dt.date(2021, 3, 5)
    assert result.values["abnormal"] is False
    assert result.values["fee_reduction_pct"] == 85


def test_every_bad_field_is_reported_at_once():
    result = clean_record("patent", patent(application_no="202110344405.3", filing_date="2021-02-30",
                                           kind="专利", title=""))
    assert set(result.errors) == {"application_no", "filing_date", "kind", "title"}
    assert result.errors["application_no"].expected == "7"


def test_number_type_must_match_the_kind():
    result = clean_record("patent", patent(kind="实用新型"))
    assert "kind" in result.errors


def test_grant_before_filing_is_refused():
    result = clean_record("patent", patent(grant_date="2020-01-01"))
    assert "grant_date" in result.errors


def test_pct_priority_more_than_14_months_before_filing_is_refused():
    """PCT Rule 26bis.3: a priority up to 2 months beyond the 12 may be restored; beyond that, refused."""
    raw = {"firm_credit_code": FIRM, "pct_no": "PCT/CN2021/075891", "intl_filing_date": "2021-05-06",
           "priority_date": "2020-03-05"}
    assert "priority_date" in clean_record("pct", raw).errors
    raw["priority_date"] = "2020-03-06"
    assert clean_record("pct", raw).ok


def test_text_longer_than_allowed_is_refused():
    assert "title" in clean_record("patent", patent(title="专" * 40000)).errors


def test_partial_cleaning_does_not_require_missing_fields():
    assert clean_record("patent", {"title": "新题目"}, partial=True).ok


def test_trademark_expiry_is_ten_years_less_a_day():
    # The certificate of a mark registered 2017-07-21 reads "2017-07-21 to 2027-07-20".
    assert trademark_expiry(dt.date(2017, 7, 21)) == dt.date(2027, 7, 20)


def test_lists_of_offices_and_classes_are_normalised():
    result = clean_record("trademark", {"firm_credit_code": FIRM, "mark": "甲", "registration_no": "第12345678号",
                                        "nice_classes": "9，42；9", "designations": "us; em；JP"})
    assert result.ok, result.errors
    assert result.values["nice_classes"] == "9; 42"
    assert result.values["designations"] == "US; EM; JP"
    assert result.values["registration_no"] == "12345678"


def test_overlong_lists_are_refused():
    result = clean_record("patent", patent(applicants="；".join(["某某科技有限公司"] * 400)))
    assert "applicants" in result.errors


def test_control_characters_pasted_into_text_are_dropped():
    result = clean_record("patent", patent(title="一种\x07方法\x00", applicants="甲\x1b公司"))
    assert result.values["title"] == "一种方法"
    assert result.values["applicants"] == "甲公司"


def test_a_memo_gives_what_cleaning_each_record_alone_gives_errors_again_on_every_row():
    from zgc_desk.schema import CleanMemo

    rows = [{"name": "甲", "credit_code": code, "employees": employees, "is_sme": sme}
            for code, employees, sme in [("91110108MA01ABCD0X", 1, True), ("91110108MA01ABCD0X", 1.0, 1),
                                         ("bad", True, "是"), ("bad", "3", 0), ("91110108MA01ABCD0X", 1, True)]]
    memo = CleanMemo()
    for raw in rows:
        alone, remembered = clean_record("firm", raw, partial=True), clean_record("firm", raw, partial=True,
                                                                                   memo=memo)
        assert remembered.values == alone.values
        assert {k: (e.message, e.expected) for k, e in remembered.errors.items()} == \
            {k: (e.message, e.expected) for k, e in alone.errors.items()}
    assert "employees" in clean_record("firm", rows[2], partial=True, memo=memo).errors  # True is not the 1 met before


def test_a_memo_stops_remembering_a_column_whose_values_do_not_repeat():
    from zgc_desk.schema import CleanMemo, _MemoColumn

    memo = CleanMemo()
    for number in range(_MemoColumn.TRIAL + 10):
        clean_record("firm", {"name": f"企业{number}", "employees": number % 7}, partial=True, memo=memo)
    columns = memo.columns("firm")
    assert columns["name"].seen is None
    assert len(columns["employees"].seen) == 7


def test_a_memo_cleans_an_unhashable_value_as_it_is():
    from zgc_desk.schema import CleanMemo

    memo = CleanMemo()
    assert clean_record("firm", {"name": ["甲"]}, partial=True, memo=memo).values == \
        clean_record("firm", {"name": ["甲"]}, partial=True).values
