"""Tools → Exchange rates… through the real window on the demo database (issue 14: totals in CNY only
where a rate is entered): a rate set in the dialog is one undoable operation, and the Due list's month
heading and the dashboard's fee box then show the yuan equivalent, naming the rate and its date; a bad
rate is refused in plain words and changes nothing. The rate 7.1234 is the test's own input.

The demo's US patent (granted 2023-05-16, small entity) owes its 3.5-year fee in November 2026:
USD 860 (37 CFR 1.20(e)) and, paid late, the USD 216 surcharge (1.20(h))."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ui_helpers import wait_idle

from zgc_desk.services.rates import list_rates


def _window(make_window):
    from zgc_desk.ui.contrib import dashboard, deadlines, rates

    return make_window(contributions=[dashboard, deadlines, rates])


def _dialog(window):
    window.action("exchange_rates").trigger()
    from zgc_desk.ui.dialogs.rates_dialog import RatesDialog

    dialogs = [w for w in window.findChildren(RatesDialog) if w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _month_headings(page):
    model = page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_rate_set_in_the_dialog_shows_in_yuan_and_is_undone(qtbot, demo_db, make_window, english):
    window = _window(make_window)
    wait_idle(qtbot, window)
    window.show_page("due")
    due = window.pages["due"]
    qtbot.waitUntil(lambda: due.data is not None and not window.ctx.tasks.busy, timeout=10000)
    assert not any("≈" in h for h in _month_headings(due))  # no rate: per currency only

    dialog = _dialog(window)
    dialog.currency.setText("USD")
    dialog.rate.setText("seven")
    assert not dialog.set_rate()
    assert window.ctx.dialogs.messages and "Rate:" in window.ctx.dialogs.messages[-1]
    assert list_rates() == {}
    dialog.rate.setText("7.1234")
    dialog.as_of.setDate(dialog.as_of.date().fromString("2026-11-20", "yyyy-MM-dd"))
    dialog.source.setText("PBOC central parity")
    assert dialog.set_rate()
    assert list_rates()["USD"].as_of == dt.date(2026, 11, 20)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "7.1234"

    qtbot.waitUntil(lambda: any("≈" in h for h in _month_headings(due)), timeout=10000)
    heading = next(h for h in _month_headings(due) if "≈" in h)
    assert "converted at your rates: USD 1 = CNY 7.1234 (rate of 2026-11-20)" in heading
    dialog.close()

    window.show_page("dashboard")
    board = window.pages["dashboard"]
    board.refresh()
    qtbot.waitUntil(lambda: board.data is not None and board.data.fees_ahead_converted is not None, timeout=10000)
    wait_idle(qtbot, window)
    assert "rate of 2026-11-20" in board.sections["fees"].text()
    shots = os.environ.get("ZGC_SCREENSHOTS")
    if shots:
        from PySide6.QtWidgets import QApplication

        from zgc_desk.ui.app import install_fonts

        install_fonts(QApplication.instance())
        window.show_page("due")
        wait_idle(qtbot, window)
        Path(shots).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(shots) / "due_rates_en.png"))
        dialog = _dialog(window)
        dialog.grab().save(str(Path(shots) / "rates_dialog_en.png"))
        dialog.close()

    window.ctx.edits.undo()  # Ctrl+Z takes the rate back; the headings go back to per currency
    assert list_rates() == {}
    window.show_page("due")  # a page out of sight reloads when shown
    qtbot.waitUntil(lambda: not any("≈" in h for h in _month_headings(due)), timeout=10000)
