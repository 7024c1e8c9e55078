"""A property of undo (zgc_desk/operations): over any sequence of operations, undos and redos, an
undo gives back the database exactly as it was before the step, and a redo exactly as after it —
every table, row for row, on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from operations_helpers import build_portfolio, tables_of

from zgc_desk import services
from zgc_desk.db import close_database, open_database
from zgc_desk.models import Firm, Patent, SubsidyClaim
from zgc_desk.numbers import cn_check_character
from zgc_desk.services import subsidies

NUMBERS = [f"20211034440{i}.{cn_check_character(f'20211034440{i}')}" for i in range(4)]


def _pick(model, index: int):
    rows = list(model.select().order_by(model.id))
    return rows[index % len(rows)] if rows else None


def add_patent(index: int) -> None:
    firm = _pick(Firm, index)
    if firm is not None:
        services.create_record("patent", {"application_no": NUMBERS[index % len(NUMBERS)], "kind": "invention",
                                          "title": f"方法{index}", "filing_date": "2021-03-05"}, firm_id=firm.id)


def edit_patent(index: int) -> None:
    patent = _pick(Patent, index)
    if patent is not None:
        services.update_record("patent", patent.id, {"title": f"改名{index}", "annuity_paid_through": index % 9 + 1})


def delete_patent(index: int) -> None:
    patent = _pick(Patent, index)
    if patent is not None:
        services.delete_record("patent", patent.id)


def delete_firm(index: int) -> None:
    firm = _pick(Firm, index)
    if firm is not None:
        services.delete_record("firm", firm.id)


def claim(index: int) -> None:
    patent = _pick(Patent, index)
    if patent is not None:
        subsidies.record_claim(patent.firm_id, "invention_grant", 2020 + index % 3, patent.application_no,
                               amount_cny=1000 * index, claimed_on=dt.date(2024, 1, 2))


def unclaim(index: int) -> None:
    row = _pick(SubsidyClaim, index)
    if row is not None:
        subsidies.delete_claim(row.id)


def setting(index: int) -> None:
    services.set_setting("lead_days", {"default": 30 + index})


OPERATIONS = [add_patent, edit_patent, delete_patent, delete_firm, claim, unclaim, setting]
STEPS = st.lists(st.one_of(
    st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 20)),
    st.just(("undo", 0)), st.just(("redo", 0))), max_size=14)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_undo_and_redo_give_back_the_states_before_and_after_each_step(steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "property.db"
        open_database(path)
        try:
            build_portfolio()
            _run(path, steps)
        finally:
            close_database()


def _run(path: Path, steps) -> None:
    done: list[tuple[dict, dict]] = []  # (before, after) of each step taken here that can be undone
    undone: list[tuple[dict, dict]] = []  # ... and of each undone, last undone last
    for action, index in steps:
        state = tables_of(path)
        if action == "undo":
            if not done:
                continue  # the set-up's own steps are below; the property is about the steps taken here
            before, after = done.pop()
            assert state == after
            services.undo()
            assert tables_of(path) == before
            undone.append((before, after))
        elif action == "redo":
            if not undone:
                continue
            before, after = undone.pop()
            services.redo()
            assert tables_of(path) == after
            done.append((before, after))
        else:
            label = services.next_undo()
            try:
                action(index)
            except services.UserError:  # refused (a number already taken...): nothing changed
                assert tables_of(path) == state and services.next_undo() == label
                continue
            new_state = tables_of(path)
            if new_state != state:
                done.append((state, new_state))
                undone.clear()  # a new step ends what could be redone
                assert services.next_redo() is None
