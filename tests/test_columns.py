"""Column specs shared by the lists and the Excel export of a visible list."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.columns import COLUMNS, FIELD_CHOICES, LIST_FILTERS, display_name, display_number, row_state
from zgc_desk.models import MODEL_BY_KIND
from zgc_desk.services import fetch_rows, list_ids

AS_OF = dt.date(2026, 11, 25)


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_every_column_reads_a_model_field_and_sorts_by_it(kind):
    fields = MODEL_BY_KIND[kind]._meta.fields
    keys = [c.key for c in COLUMNS[kind]]
    assert len(keys) == len(set(keys))
    for column in COLUMNS[kind]:
        assert column.key in fields
        assert column.sort_field in fields
    for key in list(FIELD_CHOICES.get(kind, {})) + [key for key, _labels in LIST_FILTERS[kind]]:
        assert key in fields


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_texts_and_values_of_real_rows(demo_db, english, kind):
    if kind == "notice":  # the demo records none: one on its first patent
        from zgc_desk.models import Patent
        from zgc_desk.services.records import create_record

        patent = Patent.select().order_by(Patent.id).first()
        create_record("notice", {"matter_no": patent.application_no, "notice_type": "cn_oa_first",
                                 "dispatch_date": dt.date(2024, 3, 11), "delivery": "paper"}, firm_id=patent.firm_id)
    rows = fetch_rows(kind, list_ids(kind))
    assert rows
    for row in rows.values():
        for column in COLUMNS[kind]:
            assert isinstance(column.text(row), str)
            column.value(row)
        assert display_number(kind, row)
        assert display_name(kind, row).startswith(display_number(kind, row))


def test_dates_show_as_iso_and_labels_are_translated(english):
    by_key = {c.key: c for c in COLUMNS["patent"]}
    row = {"filing_date": dt.date(2021, 3, 5), "status": "lapsed", "abnormal": True, "annuity_paid_through": 12}
    assert by_key["filing_date"].text(row) == "2021-03-05"
    assert by_key["filing_date"].value(row) == dt.date(2021, 3, 5)
    assert by_key["status"].text(row) == "Lapsed"
    assert by_key["abnormal"].text(row) == "Yes"
    assert by_key["annuity_paid_through"].numeric


def test_row_states_colour_dead_rejected_and_expired_records():
    assert row_state("patent", {"status": "lapsed"}, AS_OF) == "dead"
    assert row_state("patent", {"status": "rejected"}, AS_OF) == "rejected"
    assert row_state("patent", {"status": "granted"}, AS_OF) == ""
    assert row_state("trademark", {"status": "registered", "expiry_date": AS_OF - dt.timedelta(days=1)}, AS_OF) == "expired"
    assert row_state("trademark", {"status": "registered", "expiry_date": AS_OF}, AS_OF) == ""
    assert row_state("overseas", {"status": "withdrawn"}, AS_OF) == "dead"
