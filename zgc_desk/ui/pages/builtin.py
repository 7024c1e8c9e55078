"""The pages every window has. Other areas add or replace pages from ``zgc_desk/ui/contrib/``
(see ``zgc_desk.ui.registry``)."""

from __future__ import annotations

from zgc_desk.i18n import N_, _
from zgc_desk.ui.registry import PageSpec


def _profile(ctx):
    from zgc_desk.ui.pages.profile import ProfilePage

    return ProfilePage(ctx)


def _records(kind: str, title: str):
    def factory(ctx):
        from zgc_desk.ui.pages.records import RecordListPage

        return RecordListPage(ctx, kind, _(title))
    return factory


def _due(ctx):
    from zgc_desk.ui.pages.coming import ComingPage

    return ComingPage(ctx, _("Due list"), "due", _(
        "The Due list will show every deadline of this firm's portfolio in date order, each with its "
        "due date after holiday adjustment, the official fee where known, and the rule it comes from."), [
        _("annual fees, with the six-month grace period and its surcharge"),
        _("examination requests, PCT publication, Chapter II demands and national-phase entries per office"),
        _("trademark renewals and subsidy application windows"),
        _("filters by kind and period, and export to your calendar"),
    ])


def _subsidies(ctx):
    from zgc_desk.ui.pages.coming import ComingPage

    return ComingPage(ctx, _("Subsidies"), "subsidy", _(
        "The Subsidies page will check this firm against the Beijing and Zhongguancun support policies "
        "and show, item by item, whether it is eligible, the amount and why."), [
        _("patent grants, PCT applications, overseas grants and trademarks"),
        _("the reasons for each result and the policy document it rests on"),
        _("what was already claimed or paid, so nothing is claimed twice"),
        _("the application forms filled in for you"),
    ])


PAGES = [
    PageSpec("profile", N_("Profile"), "firm", _profile, order=10),
    PageSpec("patents", N_("Patents"), "patent", _records("patent", N_("Patents")), order=20),
    PageSpec("pct", N_("PCT"), "pct", _records("pct", N_("PCT applications")), order=30),
    PageSpec("overseas", N_("Overseas"), "overseas", _records("overseas", N_("Overseas filings")), order=40),
    PageSpec("trademarks", N_("Trademarks"), "trademark", _records("trademark", N_("Trademarks")), order=50),
    PageSpec("pledges", N_("Pledge loans"), "subsidy", _records("pledge_loan", N_("Pledge loans")), order=55),
    PageSpec("notices", N_("Notices"), "form", _records("notice", N_("Notices")), order=56),
    PageSpec("due", N_("Due list"), "due", _due, order=60),
    PageSpec("subsidies", N_("Subsidies"), "subsidy", _subsidies, order=70),
]
