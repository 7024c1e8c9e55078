"""The Due list: one firm's deadlines grouped by month, coloured by urgency, with a banner saying
what is due in the next 30 days and what was missed (and, once at start, the same in a small
non-modal dialog)."""

from __future__ import annotations

import datetime as dt
import functools
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

from zgc_desk.deadlines import Deadline
from zgc_desk.i18n import _
from zgc_desk.services.deadlines import lead_days
from zgc_desk.services.due_list import (
    VIEWS,
    DueData,
    DueFilter,
    DueSummary,
    Group,
    due_summary,
    group_by_month,
    load_due,
    saving_line,
    select_view,
    summary_headline,
    summary_lines,
)
from zgc_desk.ui.due.dialogs import SUMMARY_AT_START, LeadTimesDialog, SummaryDialog
from zgc_desk.ui.due.page import DeadlinePage
from zgc_desk.ui.icons import icon

_BANNER_COLOURS = {"missed": ("#fbe1df", "#e6a9a4"), "soon": ("#fde9cf", "#eec48f"), "clear": ("#e6f2e6", "#b5d3b5")}


class SummaryBanner(QFrame):
    """A dismissible line at the top of the Due list: the start-up summary of the current firm."""

    def __init__(self, page, parent=None):
        super().__init__(parent or page)
        self.setObjectName("due_banner")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.details = QPushButton(_("Details…"), self)
        self.details.clicked.connect(page.show_summary)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(_("Hide this summary"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.details)
        layout.addWidget(close)
        self.dismissed = False
        self.hide()

    def set_summary(self, summary: DueSummary | None) -> None:
        if summary is None:
            self.hide()
            return
        tone = "missed" if summary.missed or summary.lapsed else "soon" if summary.due_soon else "clear"
        background, border = _BANNER_COLOURS[tone]
        self.setStyleSheet(f"#due_banner {{ background: {background}; border: 1px solid {border}; "
                           "border-radius: 4px; }")
        text = f"<b>{html.escape(summary_headline(summary))}</b>"
        separator = _("; ")  # outside the f-string: the extractor does not look inside one
        for heading, lines in summary_lines(summary, limit=3):
            text += f"<br>{html.escape(heading)} {html.escape(separator.join(lines))}"
        self.text.setText(text)
        self.details.setVisible(bool(summary))
        self.setVisible(not self.dismissed)

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()


class DuePage(DeadlinePage):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Due list"), parent)
        self.firm_id: int | None = None
        self.summary: DueSummary | None = None
        self.summary_dialog: SummaryDialog | None = None
        self._startup = True  # the first answer after the window opened shows the summary dialog
        self._source = None  # which loader the answer held came from ("todo" or "all")
        self.view_choice = QComboBox(self)
        for key, label in VIEWS.items():
            self.view_choice.addItem(_(label), key)
        self.view_choice.currentIndexChanged.connect(self._view_changed)
        self.leads_button = QPushButton(icon("settings"), _("Lead times…"), self)
        self.leads_button.setToolTip(_("How many days ahead each kind of deadline shows as coming"))
        self.leads_button.clicked.connect(self.edit_lead_times)
        self.banner = SummaryBanner(self)
        self.saving = QLabel(self)  # what the keep-or-drop decisions spare (services.decisions)
        self.saving.setObjectName("due_saving")
        self.saving.setWordWrap(True)
        self.saving.setTextFormat(Qt.TextFormat.PlainText)
        self.saving.setStyleSheet("#due_saving { background: #eef3fb; border: 1px solid #b9c8e2; "
                                  "border-radius: 4px; padding: 4px 8px; }")
        self.saving.hide()
        self._build([self.banner, self.saving, self.filter_bar([self.view_choice])],
                    legend_extras=(self.leads_button,))

    # ---- loading ---------------------------------------------------------------------------

    @property
    def view_key(self) -> str:
        return self.view_choice.currentData()

    @staticmethod
    def _source_of(view: str) -> str:
        return "all" if view == "all" else "todo"

    def _fetch(self, as_of: dt.date):
        if self.firm_id is None:
            self._source = None
            return None
        self._source = self._source_of(self.view_key)
        return functools.partial(load_due, self._source, as_of=as_of, firm_id=self.firm_id)

    def _chosen(self, data: DueData) -> list[Deadline]:
        return select_view(data, self.view_key, self.as_of)

    def _group(self, deadlines: list[Deadline]) -> list[Group]:
        data = self.data
        return group_by_month(deadlines, data.saving if data is not None else None,
                              data.rates if data is not None else None)

    def _loaded(self, data: DueData, as_of: dt.date) -> None:
        self.summary = due_summary(data.deadlines, as_of) if self.firm_id is not None else None
        self.banner.set_summary(self.summary)
        self.saving.setText(saving_line(data.saving))
        self.saving.setVisible(bool(data.saving))
        super()._loaded(data, as_of)
        if self._startup and self.firm_id is not None:
            self._startup = False
            if self.summary and self.ctx.settings.get(SUMMARY_AT_START):
                self.show_summary()

    def empty_text(self) -> str:
        if self.firm_id is None:
            return _("No firm chosen. Choose one on the left, or add one with “New firm…”.")
        if self.view_key == "coming" and self.current_filter() == DueFilter():
            return _("Nothing is due within the reminder lead times. “Next 12 months” shows further ahead.")
        return super().empty_text()

    def _view_changed(self) -> None:
        if self.data is not None and self._source == self._source_of(self.view_key):
            self.apply()
        else:
            self.reload()

    def set_firm(self, firm_id: int | None) -> None:
        if firm_id != self.firm_id:
            self.banner.dismissed = False
        self.firm_id = firm_id
        # Hidden, the page loads when shown, so that it does not share the interpreter with the page
        # in front (the advisor view at 100,000 patents); only the start-up summary, a dialog of its
        # own, is wanted at once.
        if self.isVisible() or (self._startup and self.ctx.settings.get(SUMMARY_AT_START)):
            self.reload()
        else:
            self._stale = True

    def firm_scope(self) -> int | None:
        return self.firm_id

    def showEvent(self, event) -> None:
        # Lead times may have changed in the Settings dialog meanwhile.
        if self.data is not None and not self._stale and self.data.leads != lead_days():
            self.data.leads = lead_days()
            self.apply()
        super().showEvent(event)

    # ---- summary and lead times ------------------------------------------------------------

    def firm_name(self) -> str:
        return (self.data.firm_names.get(self.firm_id, "") if self.data else "") or ""

    def export_title(self) -> str:
        name = self.firm_name()
        return _("Due list {firm}").format(firm=name).strip() if name else self.title

    def show_summary(self) -> SummaryDialog | None:
        if self.summary is None:
            return None
        if self.summary_dialog is not None:
            self.summary_dialog.close()
        dialog = SummaryDialog(self.ctx, self.summary, self.firm_name())
        dialog.show_list.connect(lambda: self.open_page.emit("due"))
        dialog.destroyed.connect(lambda *_a: setattr(self, "summary_dialog", None))
        dialog.show()
        self.summary_dialog = dialog
        return dialog

    def edit_lead_times(self) -> LeadTimesDialog:
        dialog = LeadTimesDialog(self.ctx, self)
        dialog.saved.connect(self.reload)
        dialog.open()
        return dialog
