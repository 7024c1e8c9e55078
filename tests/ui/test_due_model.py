"""The deadline tree model: two levels, and a new answer applied with precise row signals when it
differs by a few rows (selection and expansion stay), with a reset when it differs by many."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from zgc_desk.deadlines import Basis, Deadline
from zgc_desk.services.due_columns import due_columns
from zgc_desk.services.due_list import group_by_month
from zgc_desk.ui.due.model import DeadlineTreeModel, identity

AS_OF = dt.date(2026, 11, 25)


def deadline(n: int, due: dt.date, state: str = "open") -> Deadline:
    basis = Basis("Annual fee for patent year {year}", "Guidelines", "filing date", due, (5, "years"), due,
                  rule_params=(("year", 6),))
    return Deadline("91110108MA01R8KX3B", 1, f"20211031{n:04d}.X", "patent", n, f"title {n}", "annuity", "CN",
                    due, state, 180, basis, year=6)


def many(count: int, start: dt.date = dt.date(2027, 1, 1)) -> list[Deadline]:
    return [deadline(n, start + dt.timedelta(days=n)) for n in range(count)]


def model_over(deadlines) -> DeadlineTreeModel:
    model = DeadlineTreeModel(due_columns(AS_OF), AS_OF)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_groups(group_by_month(deadlines), AS_OF)
    return model


def shown(model) -> list:
    return [identity(d) for d in model.deadlines()]


def record_signals(model) -> list:
    seen = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsRemoved.connect(lambda parent, first, last: seen.append(("removed", parent.isValid(), first, last)))
    model.rowsInserted.connect(lambda parent, first, last: seen.append(("inserted", parent.isValid(), first, last)))
    return seen


def test_groups_and_rows(qtbot):
    items = many(70)  # January to March 2027
    model = model_over(items)
    assert model.rowCount() == 3
    january = model.index(0, 0)
    assert model.rowCount(january) == 31 and model.parent(model.index(5, 2, january)) == january
    assert model.parent(january) == QModelIndex()
    assert model.deadline(model.index(0, 0, january)) is items[0] and model.group(january).key == (2027, 1)
    assert model.deadline(january) is None
    assert shown(model) == [identity(d) for d in items]


def test_a_deadline_done_is_removed_precisely(qtbot):
    items = many(70)
    model = model_over(items)
    seen = record_signals(model)
    persistent = model.index(3, 0, model.index(1, 0))  # a February row stays put
    kept = model.deadline(persistent)
    model.set_groups(group_by_month([d for d in items if d.matter_id != 40]), AS_OF)
    assert seen == [("removed", True, 9, 9)]
    assert model.deadline(persistent) is not None and identity(model.deadline(persistent)) == identity(kept)
    assert 40 not in [d.matter_id for d in model.deadlines()]


def test_rows_and_groups_come_and_go_precisely(qtbot):
    items = many(40)  # January and February
    model = model_over(items)
    seen = record_signals(model)
    earlier = deadline(900, dt.date(2026, 12, 20), "open")
    changed = [earlier] + [d for d in items if d.due.month != 2] + [deadline(901, dt.date(2027, 1, 31))]
    model.set_groups(group_by_month(changed), AS_OF)
    assert "reset" not in seen
    assert ("removed", False, 1, 1) in seen and ("inserted", False, 0, 0) in seen
    assert shown(model) == [identity(d) for d in sorted(changed, key=lambda d: d.due)]


def test_a_large_change_is_one_reset(qtbot):
    model = model_over(many(300))
    seen = record_signals(model)
    model.set_groups(group_by_month(many(10)), AS_OF)
    assert seen == ["reset"] and len(model.deadlines()) == 10


def test_new_states_are_shown_without_moving_rows(qtbot):
    items = many(5)
    model = model_over(items)
    seen = record_signals(model)
    changes = []
    model.dataChanged.connect(lambda first, last: changes.append((first.row(), last.row())))
    items[2] = deadline(2, items[2].due, "missed")
    model.set_groups(group_by_month(items), AS_OF)
    assert seen == [] and changes
    assert model.deadline(model.index(2, 0, model.index(0, 0))).state == "missed"
