"""Going to a record from anywhere (a search hit, a dashboard line): its firm, its page, the record
selected — or its editor where no page lists that kind of record."""

from __future__ import annotations

PAGE_OF_KIND = {"firm": "profile", "patent": "patents", "pct": "pct", "overseas": "overseas",
                "trademark": "trademarks", "notice": "notices"}


def go_to_record(ctx, kind: str, record_id: int, firm_id: int | None) -> None:
    window = ctx.window
    if firm_id is not None and firm_id != ctx.firm_id:
        window.set_firm(firm_id)
    key = PAGE_OF_KIND.get(kind)
    if key is None or key not in window.pages:
        ctx.open_editor(kind, record_id)
        return
    window.show_page(key)
    page = window.pages[key]
    if kind != "firm" and hasattr(page, "show_record"):
        page.show_record(record_id)


def go_to_page(ctx, key: str) -> None:
    if key in ctx.window.pages:
        ctx.window.show_page(key)
