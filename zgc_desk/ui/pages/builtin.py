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


def _notices(ctx):
    from zgc_desk.ui.pages.notices import NoticesPage

    return NoticesPage(ctx, _("Notices"))


PAGES = [
    PageSpec("profile", N_("Profile"), "firm", _profile, order=10),
    PageSpec("patents", N_("Patents"), "patent", _records("patent", N_("Patents")), order=20),
    PageSpec("pct", N_("PCT"), "pct", _records("pct", N_("PCT applications")), order=30),
    PageSpec("overseas", N_("Overseas"), "overseas", _records("overseas", N_("Overseas filings")), order=40),
    PageSpec("trademarks", N_("Trademarks"), "trademark", _records("trademark", N_("Trademarks")), order=50),
    PageSpec("pledges", N_("Pledge loans"), "subsidy", _records("pledge_loan", N_("Pledge loans")), order=55),
    PageSpec("notices", N_("Notices"), "form", _notices, order=56),
]
