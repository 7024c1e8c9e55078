"""Search everything (Ctrl+K): one box over firms, patents, PCT applications, overseas filings,
trademarks and official notices of every firm, results grouped by kind and firm; Enter or a double click opens the record
on its page. The widget only shows: finding is ``services.search`` (its indexes built off the GUI
thread the first time, then patched from the change hub)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from zgc_desk.i18n import _, ngettext
from zgc_desk.services.search import GlobalSearch, Hit, SearchResults
from zgc_desk.ui.icons import icon
from zgc_desk.ui.navigation import go_to_record
from zgc_desk.vocab import RECORD_KINDS

TYPING_PAUSE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole


def global_search(ctx) -> GlobalSearch:
    """One index set per window, kept current from the change hub."""
    search = ctx.extras.get("global_search")
    if search is None:
        search = ctx.extras["global_search"] = GlobalSearch()
        ctx.hub.changed.connect(lambda changed: search.refresh(changed.ids) if search.built else None)
    return search


class SearchDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.search = global_search(ctx)
        self.setWindowTitle(_("Search everything"))
        self.resize(720, 520)
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(_("Number in any form, title, mark, applicant or firm name…"))
        self.box.setClearButtonEnabled(True)
        self.box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Number"), _("Title or name"), _("Firm")])
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 300)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._open_first)
        self.tree.itemActivated.connect(self._activated)
        self.last_results: SearchResults | None = None
        if not self.search.built:
            self.status.setText(_("Preparing search…"))
            ctx.tasks.run(self.search.build, on_result=lambda _s: self._ready(), label=_("Preparing search…"))

    def _ready(self) -> None:
        self.status.clear()
        if self.box.text().strip():
            self.run_search()

    def run_search(self) -> None:
        if not self.search.built:
            return  # run when the indexes are ready
        results = self.search.search(self.box.text())
        self.last_results = results
        self._show(results)

    def _show(self, results: SearchResults) -> None:
        self.tree.setUpdatesEnabled(False)  # filled and opened in one go, painted once
        try:
            self._fill(results)
        finally:
            self.tree.setUpdatesEnabled(True)
        if results.text.strip():
            self.status.setText(ngettext("{count} record found", "{count} records found", results.count).format(
                count=results.count) if results.count else _("Nothing matches “{text}”.").format(
                text=results.text.strip()))
        else:
            self.status.clear()

    def _fill(self, results: SearchResults) -> None:
        self.tree.clear()
        for group in results.kinds:
            label = _(RECORD_KINDS.get(group.kind, group.kind))
            top = QTreeWidgetItem([f"{label} ({group.count})"])
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for _firm, firm_name, hits in group.by_firm():
                parent = top
                if group.kind != "firm":
                    parent = QTreeWidgetItem([firm_name])
                    parent.setFirstColumnSpanned(True)
                    top.addChild(parent)
                for hit in hits:
                    item = QTreeWidgetItem([hit.number, hit.title, hit.firm_name])
                    item.setData(0, HIT_ROLE, hit)
                    parent.addChild(item)
            if len(group.hits) < group.count:
                more = QTreeWidgetItem([_("… {count} more: type more to narrow").format(
                    count=group.count - len(group.hits))])
                more.setFirstColumnSpanned(True)
                more.setFlags(Qt.ItemFlag.NoItemFlags)
                top.addChild(more)
        self.tree.expandAll()

    def _first_hit(self) -> QTreeWidgetItem | None:
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(0, HIT_ROLE) is not None:
                return item
            iterator[0:0] = [item.child(i) for i in range(item.childCount())]
        return None

    def _open_first(self) -> None:
        self._timer.stop()
        self.run_search()
        item = self.tree.currentItem() if self.tree.currentItem() is not None else self._first_hit()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, Hit):
            show_hit(self.ctx, hit)
            self.accept()


def show_hit(ctx, hit: Hit) -> None:
    go_to_record(ctx, hit.kind, hit.record_id, hit.firm_id)
