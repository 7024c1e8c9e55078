"""The advisor view: every client's deadlines grouped by firm — by default exactly what each firm's
own Due list reminds of (its lead times, what was missed), so the two never disagree; or those due in
the next 30, 90, 180 or 365 days. A firm with nothing due is listed too, so that "clear" is visible."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from PySide6.QtWidgets import QComboBox

from zgc_desk.deadlines import Deadline
from zgc_desk.i18n import _, ngettext
from zgc_desk.services.due_list import (
    ADVISOR_DAYS,
    DueData,
    DueFilter,
    Group,
    group_by_firm,
    load_advisor,
    select_view,
    within_days,
)
from zgc_desk.ui.due.page import DeadlinePage

AS_REMINDED = 0  # the firms' own Due lists ("coming"): each kind's lead time, what was missed
DAY_CHOICES = (AS_REMINDED, 30, ADVISOR_DAYS, 180, 365)


class AdvisorPage(DeadlinePage):
    shown_columns = ()
    hidden_columns = ("firm",)  # the heading names the firm

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("All firms"), parent)
        self._ready = False  # the window has opened its database (first set_firm)
        self.days_choice = QComboBox(self)
        for days in DAY_CHOICES:
            self.days_choice.addItem(_("As each firm's Due list reminds") if days == AS_REMINDED else
                                     ngettext("Next {n} day", "Next {n} days", days).format(n=days), days)
        self.days_choice.setCurrentIndex(DAY_CHOICES.index(AS_REMINDED))
        self.days_choice.currentIndexChanged.connect(self._days_changed)
        self._loaded_days: int | None = None  # the list in hand covers this many days ahead (None: all)
        self.firm_filter = QComboBox(self)
        self.firm_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.firm_filter.currentIndexChanged.connect(self.apply)
        self._build([self.filter_bar([self.days_choice, self.firm_filter])])

    @property
    def days(self) -> int:
        return self.days_choice.currentData()

    def _fetch(self, as_of: dt.date):
        # "As reminded" needs the whole to-do list: lead times and grace rows reach past any horizon.
        self._loaded_days = None if self.days == AS_REMINDED else self.days
        return functools.partial(load_advisor, as_of=as_of, days=self._loaded_days)

    def _days_changed(self) -> None:
        """Fewer days: narrow the list in hand; more (or as reminded): compute the longer list."""
        if self.data is not None and self._loaded_days is not None and (
                self.days == AS_REMINDED or self.days > self._loaded_days):
            self.reload()
        else:
            self.apply()

    def _chosen(self, data: DueData) -> list[Deadline]:
        if self.days == AS_REMINDED:
            return select_view(data, "coming", self.as_of)  # the firm Due list's own selection
        return within_days(data.deadlines, self.as_of, self.days)

    def _group(self, deadlines: list[Deadline]) -> list[Group]:
        names = self.data.firm_names if self.data else {}
        chosen = self.firm_filter.currentData()
        if chosen is not None:
            names = {chosen: names.get(chosen, "")}
        return group_by_firm(deadlines, names, every_firm=True)

    def current_filter(self) -> DueFilter:
        return dataclasses.replace(super().current_filter(), firm_id=self.firm_filter.currentData())

    def _loaded(self, data: DueData, as_of: dt.date) -> None:
        firms = sorted(data.firm_names.items(), key=lambda item: item[1])
        self._fill_filter(self.firm_filter, _("All firms"), [(fid, name) for fid, name in firms])
        super()._loaded(data, as_of)

    def set_firm(self, firm_id: int | None) -> None:
        """The firm switcher does not narrow this view; its first call says the database is open."""
        if not self._ready:
            self._ready = True
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event) -> None:
        if self._ready and self.data is None:
            self._stale = True
        super().showEvent(event)

    def status_text(self) -> str:
        base = super().status_text()
        firms = sum(1 for group in self.model.groups if group.deadlines)
        if not firms:
            return base
        return ngettext("{list} ({n} firm)", "{list} ({n} firms)", firms).format(list=base, n=firms)

    def export_title(self) -> str:
        if self.days == AS_REMINDED:
            return _("All firms, as each firm's Due list reminds")
        return _("All firms, next {days} days").format(days=self.days)

    # ---- going to a firm -------------------------------------------------------------------

    def open_firm(self) -> None:
        """Make the selected deadline's firm the current one and show its Due list."""
        d = self.current_deadline()
        if d is None or "choose_firm" not in self.ctx.extras:
            return
        self.ctx.extras["choose_firm"](d.firm_id)
        self.open_page.emit("due")

    def can(self, action: str) -> bool:
        if action == "open_firm":
            return self.current_deadline() is not None
        return super().can(action)

    def _extra_menu_entries(self) -> list:
        return [("open_firm", _("Open this firm's &Due list"), "due", self.open_firm)]
