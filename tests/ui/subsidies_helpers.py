"""Helpers of the Subsidies, Policies and documents UI tests: the window with this area's pages, a
freshly checked Subsidies page."""

from __future__ import annotations


def open_subsidy_window(make_window):
    """The main window (on the open database) with the Subsidies and Policies pages and scripted dialogs."""
    from zgc_desk.ui.contrib import subsidies as contribution

    return make_window(contributions=[contribution])


def show_subsidies(qtbot, window, year: int | None = None):
    """The Subsidies page, shown and freshly checked (for round ``year`` if given)."""
    page = window.pages["subsidies"]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("subsidies")
        if year is not None:
            page.set_round(year)
        page.refresh()  # only the newest check is shown: exactly one ``loaded``
    return page
