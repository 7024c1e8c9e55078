"""One page per kind of record (Patents, PCT, Overseas filings, Trademarks), all from this class.

The list's ids come from the database (filters and order) and are narrowed in memory as the user
types (``services.browse.SearchIndex``); both run through the background-task helper, and only the
newest request's answer is applied.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QVBoxLayout

from zgc_desk.changes import View
from zgc_desk.columns import LIST_FILTERS, columns_for, display_number
from zgc_desk.i18n import _, format_number
from zgc_desk.services import pledges
from zgc_desk.services.browse import ListQuery, SearchIndex, ordered_ids, search_ids
from zgc_desk.ui.icons import icon
from zgc_desk.ui.models.record_table import RecordTableModel
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.settings import visible_columns
from zgc_desk.ui.widgets.record_view import RecordTableView
from zgc_desk.vocab import RECORD_KINDS

FAMILY_KINDS = {"patent", "pct", "overseas"}
TYPING_PAUSE_MS = 120  # wait for a pause in typing before filtering again


class RecordListPage(Page):
    loaded = Signal()  # a new list was applied (tests and the benchmark wait on it)

    def __init__(self, ctx, kind: str, title: str, parent=None):
        super().__init__(ctx, parent)
        self.kind, self.title = kind, title
        self._query = ListQuery(kind, None)
        self._ordered: list[int] | None = None
        self._ordering = None
        self._index: SearchIndex | None = None
        self._prebuilding: SearchIndex | None = None
        self._pending: set[int] = set()
        self._stale = False
        self._task = None
        self._total = 0
        self._wanted: int | None = None  # a record to select once the list has loaded (show_record)
        self.model = RecordTableModel(kind, columns_for(kind), ctx.today(), self)
        self.model.sort_requested.connect(self._sort)
        self._build()
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._reload)
        ctx.hub.changed.connect(self._on_changed)

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search number (any form), title or applicant…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search_changed)
        self.search.setMinimumWidth(200)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        self.filters: dict[str, QComboBox] = {}
        for key, labels in LIST_FILTERS[self.kind]:
            combo = QComboBox(self)
            combo.addItem(_("All ({what})").format(what=_(self._field_label(key))), None)
            for value, label in labels.items():
                combo.addItem(_(label), value)
            combo.currentIndexChanged.connect(self._filters_changed)
            bar.addWidget(combo)
            self.filters[key] = combo
        bar.addStretch(1)
        self.count_label = QLabel(self)
        bar.addWidget(self.count_label)
        self.view = RecordTableView(self)
        self.view.setModel(self.model)
        self.view.setup_columns(self.model.columns, self.ctx.settings.get(visible_columns(self.kind)))
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.columns_changed.connect(lambda keys: self.ctx.settings.set(visible_columns(self.kind), keys))
        self.view.open_requested.connect(self.edit_selected)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self.ctx.hub.selection_changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def _field_label(self, key: str) -> str:
        from zgc_desk.schema import FIELD_BY_KEY

        return FIELD_BY_KEY[self.kind][key].label

    # ---- loading ---------------------------------------------------------------------------

    def set_firm(self, firm_id: int | None) -> None:
        self._query = replace(self._query, firm_id=firm_id)
        self._index = SearchIndex(self.kind, firm_id) if firm_id is not None else None
        self._ordered, self._pending = None, set()
        self.model.set_ids([])
        self._reload()

    def refresh(self) -> None:
        if self._query.firm_id is not None:
            self._index = SearchIndex(self.kind, self._query.firm_id)
            self._ordered = None
            self.model.forget(self.model.ids)
        self._reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._reload()

    def _reload(self) -> None:
        if not self.isVisible():
            self._stale = True  # done when the page is shown
            return
        self._stale = False
        if self._task is not None:
            self._task.discard()
        query, index, pending = self._query, self._index, self._pending
        self._pending = set()
        ordered = self._ordered if self._ordering == query.ordering() else None
        if query.firm_id is None:
            self._apply((query, [], []))
            return

        def work():
            if pending:
                index.refresh(pending)
            ids = ordered if ordered is not None else ordered_ids(query)
            return query, ids, search_ids(query, ids, index)

        self._task = self.ctx.tasks.run(work, on_result=self._apply, label=_("Loading {what}…").format(what=self.title),
                                        abandon_on_close=True)

    def _apply(self, result) -> None:
        query, ordered, ids = result
        self._task = None
        self._ordered, self._ordering, self._total = ordered, query.ordering(), len(ordered)
        selected = self.selected_ids()
        self.model.set_ids(ids)
        self._reselect(selected)
        if self._wanted is not None:
            self._select_only(self._wanted)
        self._update_counts()
        self.loaded.emit()
        index = self._index
        if index is not None and not index.built and self._prebuilding is not index:
            # Ready the search before the first keystroke (0.3 s at 100,000 records).
            self._prebuilding = index
            self.ctx.tasks.run(index.build, label=_("Preparing search…"), abandon_on_close=True)

    def _reselect(self, record_ids: list[int]) -> None:
        selection = self.view.selectionModel()
        for record_id in record_ids:
            position = self.model.position_of(record_id)
            if position is not None:
                selection.select(self.model.index(position, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def show_record(self, record_id: int) -> None:
        """Select one record and scroll to it (a search hit, a link): the list's search text is cleared
        so that the record is in it; selected when the list has loaded if it is loading."""
        self._wanted = record_id
        if self.search.text():
            self.search.clear()  # reloads; _apply selects the record
            return
        if self._task is None and self.model.position_of(record_id) is not None:
            self._select_only(record_id)

    def _select_only(self, record_id: int) -> None:
        position = self.model.position_of(record_id)
        if position is None:
            return
        self._wanted = None
        index = self.model.index(position, 0)
        self.view.selectionModel().select(index, self.view.selectionModel().SelectionFlag.ClearAndSelect
                                          | self.view.selectionModel().SelectionFlag.Rows)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _update_counts(self) -> None:
        if self._query.search.strip() and not self.model.rowCount():
            self.view.empty_text = _("Nothing matches “{text}”.").format(text=self._query.search.strip())
        elif self._query.firm_id is None:
            self.view.empty_text = _("No firm chosen. Choose one on the left, or add one with “New firm…”.")
        elif not self.model.rowCount():
            self.view.empty_text = _("No {what} yet. Press Ctrl+N to add one.").format(what=self.title)
        else:
            self.view.empty_text = ""
        self.count_label.setText(self.status_text())
        self.view.viewport().update()
        self.status_changed.emit()

    def _search_changed(self, text: str) -> None:
        self._query = replace(self._query, search=text)
        self._typing.start()

    def _filters_changed(self) -> None:
        chosen = tuple((key, combo.currentData()) for key, combo in self.filters.items()
                       if combo.currentData() is not None)
        self._query = replace(self._query, filters=chosen)
        self._reload()

    def _sort(self, field: str, descending: bool) -> None:
        self._query = replace(self._query, order_by=field, descending=descending)
        self._reload()

    def _on_changed(self, changed) -> None:
        ids = changed.of(self.kind)
        if not ids or not changed.affects(View.RECORDS, self._query.firm_id):
            return
        self._pending |= ids
        self._ordered = None  # an add or an edit may move records in or out of the list
        self.model.forget(ids)
        self._reload()

    # ---- actions ---------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.id_at(row) for row in rows if row < self.model.rowCount()]

    def can(self, action: str) -> bool:
        if action in ("new", "search"):
            return self._query.firm_id is not None
        selected = self.selected_ids()
        if action == "family":
            return self.kind in FAMILY_KINDS and len(selected) == 1
        if action == "edit":
            return len(selected) == 1
        return action in ("delete", "copy") and bool(selected)

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    def new_record(self):
        if self._query.firm_id is None:
            self.ctx.dialogs.info(_("No firm"), _("Add or choose a firm first."))
            return None
        return self.ctx.open_editor(self.kind, None)

    def edit_selected(self):
        selected = self.selected_ids()
        return self.ctx.open_editor(self.kind, selected[0]) if len(selected) == 1 else None

    def delete_selected(self) -> None:
        selected = self.selected_ids()
        if not selected:
            return
        if len(selected) == 1:
            what = f"{_(RECORD_KINDS[self.kind])} {display_number(self.kind, self.model.row(self.model.position_of(selected[0])))}"
            question = _("Delete {what}?").format(what=what)
        else:
            question = _("Delete {count} records?").format(count=len(selected))
        question += "\n" + _("You can undo this with Ctrl+Z.")
        warnings = [w for w in (pledges.pledged_warning(self.kind, i, self.ctx.today()) for i in selected[:200]) if w]
        if warnings:  # the lender's security: say so before it goes (one line per pledged right)
            question = "\n\n".join(sorted(set(warnings))) + "\n\n" + question
        if not self.ctx.dialogs.confirm(_("Delete"), question):
            return
        try:
            if len(selected) == 1:
                self.ctx.edits.delete(self.kind, selected[0])
            else:
                self.ctx.edits.delete_many(self.kind, selected)
        except Exception as exc:  # shown in plain words; bugs go to the log
            self.ctx.show_error(exc)

    def copy_number(self) -> None:
        numbers = [display_number(self.kind, self.model.row(self.model.position_of(i))) for i in self.selected_ids()]
        QGuiApplication.clipboard().setText("\n".join(numbers))

    def show_family(self):
        selected = self.selected_ids()
        if self.kind in FAMILY_KINDS and len(selected) == 1:
            return self.ctx.show_family(self.kind, selected[0])
        return None

    def status_text(self) -> str:
        shown = self.model.rowCount()
        if shown == self._total:
            return _("{what}: {count}").format(what=self.title, count=format_number(shown))
        return _("{what}: {shown} of {total} shown").format(
            what=self.title, shown=format_number(shown), total=format_number(self._total))

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        entries = [("edit", _("&Edit…"), "edit", self.edit_selected, None),
                   ("delete", _("&Delete"), "delete", self.delete_selected, QKeySequence.StandardKey.Delete),
                   ("copy", _("&Copy number"), "copy", self.copy_number, None),
                   ("family", _("Show &family"), "family", self.show_family, None)]
        for action_key, text, icon_name, slot, shortcut in entries:
            if action_key == "family" and self.kind not in FAMILY_KINDS:
                continue
            action = QAction(icon(icon_name), text, menu)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.setEnabled(self.can(action_key))
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.addSeparator()
        new = QAction(icon("add"), _("&New…"), menu)
        new.triggered.connect(self.new_record)
        menu.addAction(new)
        menu.exec(self.view.viewport().mapToGlobal(point))
