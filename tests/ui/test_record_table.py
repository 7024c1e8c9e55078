"""The id-holding table model: lazy chunked fetch, precise insert/remove signals, row colours."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from zgc_desk.columns import columns_for
from zgc_desk.models import Patent, Trademark
from zgc_desk.services import list_ids
from zgc_desk.ui.models import record_table
from zgc_desk.ui.models.record_table import ID_ROLE, RecordTableModel

AS_OF = dt.date(2026, 11, 25)


class Signals:
    def __init__(self, model):
        self.log = []
        model.rowsInserted.connect(lambda _p, first, last: self.log.append(("insert", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.log.append(("remove", first, last)))
        model.modelReset.connect(lambda: self.log.append(("reset",)))


@pytest.fixture
def model(qtbot, demo_db):
    model = RecordTableModel("patent", columns_for("patent"), AS_OF)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def test_rows_are_fetched_lazily_in_chunks(model, monkeypatch):
    ids = list_ids("patent")
    fetched = []
    real = record_table.list_rows
    monkeypatch.setattr(record_table, "list_rows",
                        lambda kind, wanted, as_of: fetched.append(len(wanted)) or real(kind, wanted, as_of))
    monkeypatch.setattr(RecordTableModel, "CHUNK", 10)
    model.set_ids(ids)
    assert fetched == []  # nothing read until a row is shown
    assert model.index(12, 0).data() == Patent.get_by_id(ids[12]).application_no
    assert fetched == [10]  # rows 10-19
    model.index(15, 2).data()
    assert fetched == [10]  # cached
    assert model.index(3, 0).data(ID_ROLE) == ids[3]


def test_adds_and_deletes_emit_precise_signals(model):
    ids = list_ids("patent")
    model.set_ids(ids[:10])
    signals = Signals(model)
    model.set_ids(ids[:3] + ids[5:10])
    assert signals.log == [("remove", 3, 4)]
    model.set_ids(ids[:3] + [ids[20]] + ids[5:10] + [ids[21], ids[22]])
    assert signals.log[1:] == [("insert", 3, 3), ("insert", 9, 10)]
    assert model.ids == ids[:3] + [ids[20]] + ids[5:10] + [ids[21], ids[22]]


def test_a_new_order_or_a_big_change_resets(model):
    ids = list_ids("patent")
    model.set_ids(ids[:10])
    signals = Signals(model)
    model.set_ids(list(reversed(ids[:10])))
    assert signals.log == [("reset",)]
    assert model.ids == list(reversed(ids[:10]))


def test_lapsed_rejected_and_expired_rows_are_coloured(qtbot, demo_db):
    model = RecordTableModel("patent", columns_for("patent"), AS_OF)
    lapsed = Patent.get(Patent.status == "lapsed").id
    granted = Patent.get(Patent.status == "granted").id
    model.set_ids([lapsed, granted])
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None

    marks = RecordTableModel("trademark", columns_for("trademark"), AS_OF)
    expired = Trademark.create(firm=Patent.get_by_id(granted).firm, mark="旧标", registration_no="99887766",
                               registration_date=dt.date(2010, 1, 1), expiry_date=dt.date(2019, 12, 31))
    marks.set_ids([expired.id])
    assert marks.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)  # says why it is coloured
    assert marks.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_sorting_asks_the_page_for_a_new_order(model):
    asked = []
    model.sort_requested.connect(lambda field, descending: asked.append((field, descending)))
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert asked == [("title", True)]
