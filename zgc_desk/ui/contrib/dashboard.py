"""The firm dashboard, first of the pages: what is at risk, what is coming, money to claim, fees ahead."""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import PageSpec


def _dashboard(ctx):
    from zgc_desk.ui.dashboard.page import DashboardPage  # imported late: fast start-up

    return DashboardPage(ctx)


PAGES = [PageSpec("dashboard", N_("Dashboard"), "firm", _dashboard, order=5)]
