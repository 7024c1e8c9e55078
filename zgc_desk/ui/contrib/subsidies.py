"""The Subsidies and Policies pages and the document actions (Tools menu: Fill application…,
Session report…). The widgets live in ``zgc_desk.ui.subsidies``; they are imported when first
used so that the window starts fast."""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec, PageSpec


def _subsidies(ctx):
    from zgc_desk.ui.subsidies.page import SubsidiesPage

    return SubsidiesPage(ctx)


def _policies(ctx):
    from zgc_desk.ui.subsidies.policies_page import PoliciesPage

    return PoliciesPage(ctx)


def _has_firm(ctx) -> bool:
    return ctx.firm_id is not None


def _fill_application(ctx):
    from zgc_desk.ui.subsidies.fill_dialog import FillApplicationDialog

    if ctx.firm_id is None:
        return None
    page = getattr(ctx.window, "pages", {}).get("subsidies")
    if hasattr(page, "fill_application"):
        return page.fill_application()  # with the round and policy chosen there
    dialog = FillApplicationDialog(ctx, ctx.firm_id)
    dialog.open()
    return dialog


def _session_report(ctx):
    from zgc_desk.ui.subsidies.report import write_session_report

    return write_session_report(ctx)


PAGES = [
    PageSpec("subsidies", N_("Subsidies"), "subsidy", _subsidies, order=70),
    PageSpec("policies", N_("Policies"), "policy", _policies, order=75),
]

ACTIONS = [
    ActionSpec("fill_application", "tools", N_("&Fill application…"), _fill_application, icon="form", order=100,
               enabled=_has_firm, tip=N_("Fill in a subsidy policy's application form for this firm (Excel or PDF)")),
    ActionSpec("session_report", "tools", N_("&Session report…"), _session_report, icon="report", order=110,
               enabled=_has_firm, tip=N_("Write this firm's session report (PDF): portfolio, deadlines, subsidies")),
]
