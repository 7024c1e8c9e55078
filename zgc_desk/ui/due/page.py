"""What the Due list and the advisor view share: a tree of deadlines under headings, filters by
kind / office / text, a detail pane with the basis of the selected deadline, marking done with
undo, export of the visible list to Excel, and loading through the background-task helper (only
the newest request's answer is applied).

Subclasses say what to load (``_fetch``), which deadlines of the answer to show (``_chosen``) and
how to group them (``_group``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
)

from zgc_desk.changes import View
from zgc_desk.deadlines import Deadline
from zgc_desk.deadlines.basis import kind_label
from zgc_desk.i18n import _, format_date, format_number
from zgc_desk.io.deadline_export import export_deadlines
from zgc_desk.services.due_columns import basis_parts, due_columns
from zgc_desk.services.due_list import DueData, DueFilter, Group, kinds, narrow, offices
from zgc_desk.services.payments import is_payable
from zgc_desk.ui import files
from zgc_desk.ui.due import commands
from zgc_desk.ui.due.look import Legend
from zgc_desk.ui.due.model import DeadlineTreeModel, identity
from zgc_desk.ui.icons import icon
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.widgets.record_view import paint_empty_text

TYPING_PAUSE_MS = 120  # narrow the list once typing pauses
EXPAND_LIMIT = 3000  # rows opened under their headings at once; more groups stay closed
_WIDTHS = {"due": 150, "days": 70, "what": 190, "matter": 145, "office": 50, "title": 240, "fee": 90,
           "surcharge": 90, "state": 70, "firm": 220, "credit_code": 170, "provisional": 70}


class DeadlineTree(QTreeView):
    """The tree, with a message in place of an empty list."""

    empty_text = ""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_empty_text(self, self.empty_text)


class DeadlinePage(Page):
    loaded = Signal()  # a new answer was applied (tests wait on it)
    exported = Signal(object)  # the path of a finished export
    open_page = Signal(str)  # the window switches to that page

    hidden_columns: tuple[str, ...] = ()  # shown columns the page leaves out (the grouping says it)
    shown_columns: tuple[str, ...] = ()  # hidden-by-default columns the page shows

    def __init__(self, ctx, title: str, parent=None):
        super().__init__(ctx, parent)
        self.title = title
        self.data: DueData | None = None
        self.as_of: dt.date = ctx.today()
        self._task = None
        self._stale = False
        self._expanded_rows = 0
        self._counts = (0, 0)  # deadlines shown, of which missed
        self.model = DeadlineTreeModel(due_columns(self.as_of), self.as_of, self)
        self._make_widgets()
        ctx.hub.changed.connect(self._on_changed)

    # ---- building --------------------------------------------------------------------------

    def _make_widgets(self) -> None:
        self.kind_filter = QComboBox(self)
        self.office_filter = QComboBox(self)
        for combo in (self.kind_filter, self.office_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Number or title…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.apply)
        self.search.textChanged.connect(self._typing.start)
        self.done_button = QPushButton(icon("due"), commands.done_text(None), self)
        self.done_button.clicked.connect(self.mark_done_selected)
        self.export_button = QPushButton(icon("export"), _("Export to Excel…"), self)
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel(self)
        self.view = DeadlineTree(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)  # constant-time layout for thousands of rows
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.header().setStretchLastSection(True)
        self._setup_columns()
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._show_detail())
        self.model.modelReset.connect(self._groups_reset)
        self.model.rowsInserted.connect(self._groups_inserted)
        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)

    def _build(self, top_rows: list, legend_extras: tuple = ()) -> None:
        """Lay out the rows a subclass adds above the common parts."""
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([520, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        for row in top_rows:
            if isinstance(row, QHBoxLayout):
                layout.addLayout(row)
            else:
                layout.addWidget(row)
        legend_row = QHBoxLayout()
        legend_row.addWidget(Legend(self), 1)
        legend_row.addWidget(self.count_label)
        for widget in legend_extras:
            legend_row.addWidget(widget)
        layout.addLayout(legend_row)
        layout.addWidget(splitter, 1)
        self._show_detail()

    def filter_bar(self, leading: list) -> QHBoxLayout:
        bar = QHBoxLayout()
        for widget in [*leading, self.kind_filter, self.office_filter]:
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.done_button)
        bar.addWidget(self.export_button)
        return bar

    def _setup_columns(self) -> None:
        metrics = self.view.header().fontMetrics()
        for position, column in enumerate(self.model.columns):
            shown = (column.visible or column.key in self.shown_columns) and column.key not in self.hidden_columns
            self.view.setColumnHidden(position, not shown)
            width = max(_WIDTHS.get(column.key, 110), metrics.horizontalAdvance(_(column.label)) + 24)
            if column.key == "due":  # indentation, the provisional mark, the date and its asterisk
                width = max(width, self.view.indentation() + 16 + metrics.horizontalAdvance("2027-12-31*") + 24)
            self.view.setColumnWidth(position, width)

    # ---- loading ---------------------------------------------------------------------------

    def _fetch(self, as_of: dt.date) -> Callable[[], DueData] | None:
        """A callable computing the answer off the GUI thread, or None when there is nothing to load."""
        raise NotImplementedError

    def _chosen(self, data: DueData) -> list[Deadline]:
        return list(data.deadlines)

    def _group(self, deadlines: list[Deadline]) -> list[Group]:
        raise NotImplementedError

    def reload(self) -> None:
        if self._task is not None:
            self._task.discard()
        self._stale = False
        as_of = self.ctx.today()
        job = self._fetch(as_of)
        if job is None:
            self._task = None
            self._loaded(DueData([]), as_of)
            return
        self._task = self.ctx.tasks.run(job, on_result=lambda data: self._loaded(data, as_of),
                                        on_error=self._failed, label=_("Computing deadlines…"),
                                        abandon_on_close=True)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.ctx.show_error(exc)

    def _loaded(self, data: DueData, as_of: dt.date) -> None:
        self._task = None
        self.data, self.as_of = data, as_of
        self.model.columns = due_columns(as_of, data.firm_names)
        self._fill_filter(self.kind_filter, _("All kinds"), [(k, kind_label(k)) for k in kinds(data.deadlines)])
        self._fill_filter(self.office_filter, _("All offices"), [(o, o) for o in offices(data.deadlines)])
        self.apply()
        self.loaded.emit()

    def _fill_filter(self, combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        """New choices (what the answer holds), keeping the current one."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, label in choices:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def current_filter(self) -> DueFilter:
        return DueFilter(kind=self.kind_filter.currentData(), office=self.office_filter.currentData(),
                         text=self.search.text())

    def apply(self) -> None:
        """Narrow and group the answer held (no reload); selection and expansion stay where they can."""
        if self.data is None:
            return
        selected = [identity(d) for d in self.selected_deadlines()]
        groups = self._group(narrow(self._chosen(self.data), self.current_filter()))
        self.model.set_groups(groups, self.as_of)
        self._counts = (sum(len(g.deadlines) for g in groups),
                        sum(1 for g in groups for d in g.deadlines if d.state == "missed"))
        self._reselect(selected)
        self._update_counts()

    def _reselect(self, keys: list[tuple]) -> None:
        if not keys or self.selected_deadlines():
            return
        selection = self.view.selectionModel()
        for key in keys:
            index = self.model.index_of(key)
            if index.isValid():
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)

    def _groups_reset(self) -> None:
        self._expanded_rows = 0
        self._groups_inserted(QModelIndex(), 0, self.model.rowCount() - 1)

    def _groups_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """Headings span the row; groups open while the rows shown stay few enough to lay out at
        once (a view expands row by row: 60,000 open rows hold the GUI thread for a second)."""
        if parent.isValid():
            return
        for row in range(first, last + 1):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
            index = self.model.index(row, 0)
            size = self.model.rowCount(index)
            if row == 0 or self._expanded_rows + size <= EXPAND_LIMIT:
                self._expanded_rows += size
                self.view.expand(index)

    def _on_changed(self, changed) -> None:
        if not changed.affects(View.DUE_LIST, self.firm_scope()):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def firm_scope(self) -> int | None:
        """The firm whose deadlines the page shows (None: every firm's)."""
        return None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def refresh(self) -> None:
        self.reload()

    # ---- counts and detail -----------------------------------------------------------------

    def shown_deadlines(self) -> list[Deadline]:
        return self.model.deadlines()

    def _update_counts(self) -> None:
        self.count_label.setText(self.status_text())
        self.view.empty_text = "" if self.model.rowCount() else self.empty_text()
        self.view.viewport().update()
        self.status_changed.emit()

    def empty_text(self) -> str:
        if self.data is not None and self.data.deadlines and self.current_filter() != DueFilter():
            return _("No deadline matches these filters.")
        return _("No deadlines in this view.")

    def status_text(self) -> str:
        shown, missed = self._counts
        text = _("{what}: {count} deadlines").format(what=self.title, count=format_number(shown))
        if missed:
            text += _(", {missed} missed").format(missed=format_number(missed))
        return text

    def selected_deadlines(self) -> list[Deadline]:
        rows = self.view.selectionModel().selectedRows()
        found = [self.model.deadline(index) for index in sorted(rows, key=lambda i: (i.parent().row(), i.row()))]
        return [d for d in found if d is not None]

    def current_deadline(self) -> Deadline | None:
        selected = self.selected_deadlines()
        return selected[0] if len(selected) == 1 else None

    def _selection_changed(self, *_args) -> None:
        action = commands.done_action(self.current_deadline())
        self.done_button.setText(commands.done_text(action))
        self.done_button.setEnabled(action is not None)
        self._show_detail()
        self.ctx.hub.selection_changed.emit()

    def _show_detail(self) -> None:
        d = self.current_deadline()
        if d is None:
            hint = _("Select a deadline to see why it falls on its date: the rule, its source, the base "
                     "date and the period.")
            self.detail.setHtml(f"<p style='color:gray'>{html.escape(hint)}</p>")
            return
        rows = "".join(
            f"<tr><td style='padding-right:12px; color:#555; white-space:nowrap'>{html.escape(label)}</td>"
            f"<td>{html.escape(text)}</td></tr>" for label, text in basis_parts(d, self.as_of))
        self.detail.setHtml(f"<table cellspacing='2'>{rows}</table>")

    # ---- actions ---------------------------------------------------------------------------

    def can(self, action: str) -> bool:
        d = self.current_deadline()
        if action == "search":
            return True
        if action == "mark_done":
            return commands.done_action(d) is not None
        if action == "extend":
            return commands.can_extend(d)
        if action == "export":
            return self._counts[0] > 0
        if action == "edit":
            return d is not None
        if action == "family":
            return d is not None and d.matter_kind in ("patent", "pct")
        return action == "copy" and bool(self.selected_deadlines())

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    def edit_selected(self):
        d = self.current_deadline()
        return self.ctx.open_editor(d.matter_kind, d.matter_id) if d is not None else None

    def show_family(self):
        d = self.current_deadline()
        if d is not None and d.matter_kind in ("patent", "pct"):
            return self.ctx.show_family(d.matter_kind, d.matter_id)
        return None

    def copy_number(self) -> None:
        numbers = dict.fromkeys(d.matter for d in self.selected_deadlines())
        QGuiApplication.clipboard().setText("\n".join(numbers))

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.deadline(index) is not None:
            self.edit_selected()

    def mark_done_selected(self):
        """Mark the selected deadline done (paid / renewed at once; an entry through a dialog)."""
        d = self.current_deadline()
        action = commands.done_action(d)
        if action is None:
            return None
        if action == "entered":
            from zgc_desk.ui.due.dialogs import NationalPhaseDialog

            dialog = NationalPhaseDialog(self.ctx, d, self)
            dialog.open()
            return dialog
        if is_payable(d):  # a fee: the day paid, the amount and the receipt are asked for
            from zgc_desk.ui.due.pay_dialog import PaymentDialog

            dialog = PaymentDialog(self.ctx, d, self)
            dialog.open()
            return dialog
        try:
            if action == "answered":
                commands.mark_answered(self.ctx.edits, d, self.ctx.today())
                return None
            commands.mark_done(self.ctx.edits, d)
        except Exception as exc:  # a refusal in plain words; bugs go to the log
            self.ctx.show_error(exc)
        return None

    def request_extension_selected(self) -> bool:
        """Offer a one-month extension of the selected notice's period, showing the new last day and
        the fee; recorded (undoably) when the user agrees."""
        from zgc_desk.services.notices import extension_offer

        d = self.current_deadline()
        if not commands.can_extend(d):
            return False
        try:
            offer = extension_offer(d.notice_id, 1, as_of=self.as_of)
        except Exception as exc:  # a refusal in plain words (statutory period, maximum reached...)
            self.ctx.show_error(exc)
            return False
        text = _("Extend the period of {matter} by 1 month: the last day moves from {before} to {after}.\n"
                 "Official fee (extension request): {fee} yuan{unverified}.\nSource: {source}").format(
            matter=d.matter, before=format_date(offer.due_now, "iso"), after=format_date(offer.due_after, "iso"),
            fee=format_number(offer.fee_cny), unverified="" if offer.fee_verified else _(" (unverified)"),
            source=offer.source)
        if not self.ctx.dialogs.confirm(_("Request an extension"), text):
            return False
        try:
            commands.request_extension(self.ctx.edits, d, offer)
        except Exception as exc:
            self.ctx.show_error(exc)
            return False
        return True

    def export_title(self) -> str:
        return self.title

    def export(self) -> None:
        deadlines = self.shown_deadlines()
        if not deadlines:
            self.ctx.dialogs.info(self.title, _("Nothing to export: the list is empty."))
            return
        suggested = _("{what} {date}.xlsx").format(what=self.export_title(), date=format_date(self.as_of, "iso"))
        path = files.save_file(self.ctx, _("Export to Excel"), Path(suggested), files.workbook_filter())
        if path is None:
            return
        path = files.ensure_suffix(path, ".xlsx")
        columns = [c for i, c in enumerate(self.model.columns) if not self.view.isColumnHidden(i)]
        columns += [c for c in self.model.columns if c not in columns and c.key in ("provisional", "basis")]
        self.ctx.tasks.run(export_deadlines, path, deadlines, columns, title=self.export_title(),
                           as_of=self.as_of, on_result=lambda _rows: self.exported.emit(path),
                           label=_("Exporting…"))

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        entries = [("mark_done", self.done_button.text(), "due", self.mark_done_selected),
                   ("extend", _("Request an e&xtension…"), "calendar", self.request_extension_selected),
                   ("edit", _("&Open the record…"), "edit", self.edit_selected),
                   ("copy", _("&Copy number"), "copy", self.copy_number),
                   ("family", _("Show &family"), "family", self.show_family)]
        for key, text, icon_name, slot in entries + self._extra_menu_entries():
            action = QAction(icon(icon_name), text, menu)
            action.setEnabled(self.can(key))
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(point))

    def _extra_menu_entries(self) -> list:
        return []
