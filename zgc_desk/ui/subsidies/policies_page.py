"""The Policies page: every policy's dated parameters with value, source, verified flag and date last
checked; a new value for a round (checked, kept in the database), import and export of a policy file,
removal of an imported policy or of the changes to a shipped one (revert), and the list of those
changes. Each change is published so the Subsidies page checks again."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.i18n import _, format_date, pgettext
from zgc_desk.services import subsidies
from zgc_desk.subsidy_rules.model import Policy
from zgc_desk.ui import files
from zgc_desk.ui.icons import icon
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.subsidies import texts, values
from zgc_desk.ui.subsidies.files import RULES_FOLDER
from zgc_desk.ui.subsidies.value_dialog import ParameterValueDialog
from zgc_desk.ui.widgets.flow import flow_row

RULE_FILTER = "YAML (*.yaml *.yml)"
LIST_MAX_MINIMUM = 240  # px: the policy list's minimum width at most


class PoliciesPage(Page):
    loaded = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.policies: dict[str, Policy] = {}
        self._build()
        self._loaded_once = False

    def _build(self) -> None:
        intro = QLabel(_("Figures marked {mark} are illustrative defaults or not yet confirmed. Enter the figures of "
                         "the current notice with “New value…”, or import a policy file; both are kept in this "
                         "database, shared with everyone who uses it.").format(mark=texts.UNVERIFIED_MARK), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setMinimumWidth(220)
        # Long titles wrap in the list rather than run off its edge behind a scroll bar.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(lambda _row: self._show_policy())
        self.head = QLabel(self)
        self.head.setWordWrap(True)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.head.setOpenExternalLinks(True)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([_("Parameter"), _("From"), pgettext("rule parameter", "Value"), _("Verified"), _("Last checked"),
                                    _("Source"), _("Document"), _("Web address")])
        for column, width in enumerate((250, 90, 180, 80, 90, 200, 240)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.source_label.setOpenExternalLinks(True)
        self.source_label.setMinimumHeight(self.fontMetrics().height() * 4)
        self.source_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.table.itemDoubleClicked.connect(lambda *_a: self.new_value())
        self.new_button = QPushButton(icon("edit"), _("New value…"), self)
        self.new_button.clicked.connect(lambda: self.new_value())
        self.remove_button = QPushButton(icon("delete"), _("Remove value"), self)
        self.remove_button.clicked.connect(self.remove_value)
        self.import_button = QPushButton(icon("import"), _("Import…"), self)
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(icon("export"), _("Export…"), self)
        self.export_button.clicked.connect(self.export_file)
        self.revert_button = QPushButton(icon("restore"), _("Revert to shipped rules"), self)
        self.revert_button.clicked.connect(self.revert)
        buttons = flow_row([self.new_button, self.remove_button],
                           [self.import_button, self.export_button, self.revert_button])
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.head)
        column.addWidget(self.table, 1)
        column.addWidget(self.source_label)
        column.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(intro)
        layout.addWidget(split, 1)

    # ---- content ---------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the rule files (a few small YAML files: fast enough for the GUI thread)."""
        chosen = self.current_policy_id()
        try:
            self.policies = {policy.id: policy for policy in subsidies.list_policies()}
        except Exception as exc:  # a broken rule file is named with its line
            self.ctx.show_error(exc)
            return
        self._loaded_once = True
        self.list.blockSignals(True)
        self.list.clear()
        for policy in self.policies.values():
            item = QListWidgetItem(icon("policy"), str(policy.title))
            item.setData(Qt.ItemDataRole.UserRole, policy.id)
            item.setToolTip(f"{policy.title}\n{policy.id}")
            if policy.overridden:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
                label = _("{title} (changed)") if policy.shipped else _("{title} (added)")
                item.setText(label.format(title=policy.title))
            self.list.addItem(item)
        self.list.blockSignals(False)
        widest = max((self.list.fontMetrics().horizontalAdvance(self.list.item(i).text())
                      for i in range(self.list.count())), default=0)
        # Long titles wrap (the tip has them whole too): the list must leave the page room at 1280 px.
        self.list.setMinimumWidth(min(LIST_MAX_MINIMUM, widest + self.list.iconSize().width() + 40))
        ids = list(self.policies)
        self.list.setCurrentRow(ids.index(chosen) if chosen in ids else 0)
        self._show_policy()
        self.loaded.emit()

    def current_policy_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_policy(self) -> Policy | None:
        return self.policies.get(self.current_policy_id())

    def select_policy(self, policy_id: str) -> None:
        self.list.setCurrentRow(list(self.policies).index(policy_id))

    def _show_policy(self) -> None:
        policy = self.current_policy()
        self.table.clear()
        if policy is None:
            self.head.clear()
            self._update_buttons()
            return
        if not policy.overridden:
            where = _("shipped with the program")
        elif policy.shipped:
            where = _("changed copy kept in this database (the shipped rules are the default)")
        else:
            where = _("added to this database (imported)")
        basis = escape(_("basis: {source}").format(source=policy.basis.citation()))
        changes = ""
        if policy.overridden and policy.shipped:
            lines = subsidies.policy_differences(policy.id)
            shown = "".join(f"<li>{escape(line)}</li>" for line in lines[:12])
            more = escape(_("and {n} more").format(n=len(lines) - 12)) if len(lines) > 12 else ""
            intro = _("Changes from the shipped rules:")  # outside the f-string: the extractor does not look inside
            changes = (f"<small>{escape(intro)}</small><ul>{shown}</ul>{more}"
                       if lines else "")
        self.head.setToolTip(_("Policy id (for the command line): {id}; rule file: {path}").format(
            id=policy.id, path=policy.path))
        self.head.setText(f"<h3>{escape(str(policy.title))}</h3><p>{basis}"
                          f"<br><small>{escape(where)}</small></p>{changes}")
        for row in subsidies.list_parameters(policy.id):
            self.table.addTopLevelItem(self._row_item(row))
        if self.table.topLevelItemCount():
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._selection_changed()

    def _row_item(self, row) -> QTreeWidgetItem:
        verified = _("yes") if row.verified else f"{texts.UNVERIFIED_MARK} " + _("no")
        item = QTreeWidgetItem([row.label, format_date(row.effective_from, "iso"), values.shown(row.type, row.value),
                                verified, format_date(row.last_checked, "iso") if row.last_checked else "—",
                                row.source, row.document, row.url])
        item.setData(0, Qt.ItemDataRole.UserRole, (row.parameter, row.effective_from))
        item.setToolTip(0, f"{row.label} ({row.parameter})")
        for column in (5, 6, 7):
            item.setToolTip(column, item.text(column))
        if not row.verified:
            for column in (2, 3):
                item.setForeground(column, QBrush(texts.UNVERIFIED_COLOUR))
                item.setBackground(column, QBrush(texts.UNVERIFIED_BACKGROUND))
                item.setToolTip(column, texts.unverified_tip())
        return item

    def selected_value(self):
        """(parameter name, effective-from date) of the selected row, or None."""
        items = self.table.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def select_value(self, parameter: str, effective_from=None) -> None:
        for index in range(self.table.topLevelItemCount()):
            name, start = self.table.topLevelItem(index).data(0, Qt.ItemDataRole.UserRole)
            if name == parameter and (effective_from is None or start == effective_from):
                self.table.setCurrentItem(self.table.topLevelItem(index))
        self._update_buttons()

    def _selection_changed(self) -> None:
        self.source_label.setText(self._source_html())
        self._update_buttons()

    def _source_html(self) -> str:
        policy, chosen = self.current_policy(), self.selected_value()
        if policy is None or chosen is None:
            return ""
        name, start = chosen
        value = next(v for v in policy.parameter(name).values if v.effective_from == start)
        source = value.source
        label = escape(_("Source:"))
        lines = [f"<b>{label}</b> {escape(source.document)}"]
        for label, text in ((_("Document number (文号):"), source.number), (_("Article:"), source.article),
                            (_("Date:"), source.date), (_("Quote:"), source.quote), (_("Note:"), str(source.note))):
            if text:
                lines.append(f"{escape(label)} {escape(text)}")
        if source.url:
            label = escape(_("Web address:"))
            lines.append(f'{label} <a href="{escape(source.url, quote=True)}">{escape(source.url)}</a>')
        if not value.verified:
            warning = escape(_("Not verified: confirm this figure against the current notice."))
            lines.append(f'<span style="color:{texts.UNVERIFIED_COLOUR.name()}">{texts.UNVERIFIED_MARK} {warning}</span>')
        return "<br>".join(lines)

    def _update_buttons(self) -> None:
        policy = self.current_policy()
        chosen = self.selected_value() is not None
        self.new_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.export_button.setEnabled(policy is not None)
        self.revert_button.setEnabled(policy is not None and policy.overridden)
        added = policy is not None and policy.overridden and not policy.shipped
        self.revert_button.setText(_("Remove policy…") if added else _("Revert to shipped rules"))

    # ---- changes ---------------------------------------------------------------------------

    def _changed(self, policy_id: str) -> None:
        self.refresh()
        self.ctx.hub.publish(subsidies.rules_changed(policy_id))

    def new_value(self) -> ParameterValueDialog | None:
        policy, chosen = self.current_policy(), self.selected_value()
        if policy is None or chosen is None:
            return None
        name, start = chosen
        base = next(v for v in policy.parameter(name).values if v.effective_from == start)
        dialog = ParameterValueDialog(self.ctx, policy, name, base, self)
        dialog.saved.connect(lambda saved: self._changed(saved.id))
        dialog.open()
        return dialog

    def remove_value(self) -> None:
        policy, chosen = self.current_policy(), self.selected_value()
        if policy is None or chosen is None:
            return
        name, start = chosen
        question = _("Remove the value of {parameter} from {date}? The value before it then applies.").format(
            parameter=policy.parameter(name).label, date=format_date(start, "iso"))
        if not self.ctx.dialogs.confirm(_("Remove value"), question):
            return
        try:
            subsidies.remove_parameter_value(policy.id, name, start)
        except Exception as exc:  # e.g. the last value of a parameter: named with its line
            self.ctx.show_error(exc)
            return
        self._changed(policy.id)

    def export_file(self) -> None:
        policy = self.current_policy()
        if policy is None:
            return
        folder = files.remembered_folder(self.ctx, RULES_FOLDER)
        path = files.save_file(self.ctx, _("Export rule file"), folder / f"{policy.id}.yaml", RULE_FILTER)
        if path is None:
            return
        try:
            written = subsidies.export_policy(policy.id, path)
        except Exception as exc:
            self.ctx.show_error(exc)
            return
        files.remember_folder(self.ctx, RULES_FOLDER, written.parent)
        self.ctx.dialogs.info(_("Export rule file"), _("{path} was written.").format(path=written))

    def import_file(self) -> None:
        folder = files.remembered_folder(self.ctx, RULES_FOLDER)
        path = files.open_file(self.ctx, _("Import rule file"), folder, RULE_FILTER)
        if path is None:
            return
        try:
            policy = subsidies.import_policy(path)
        except Exception as exc:  # a broken file: every problem with its line
            self.ctx.show_error(exc)
            return
        files.remember_folder(self.ctx, RULES_FOLDER, path.parent)
        self._changed(policy.id)
        self.select_policy(policy.id)
        self.ctx.dialogs.info(_("Import rule file"), _("{title} now follows {path}.").format(
            title=policy.title, path=path.name))

    def revert(self) -> None:
        """Remove the database's copy: a shipped policy goes back to its rules, an added one is gone."""
        policy = self.current_policy()
        if policy is None or not policy.overridden:
            return
        if policy.shipped:
            title, question = _("Revert to shipped rules"), _(
                "Revert {title} to the shipped rules? The changed copy kept in this database is removed, with every "
                "value entered.").format(title=policy.title)
        else:
            title, question = _("Remove policy"), _(
                "Remove {title} ({id}) from this database? Export it first to keep a copy of the file.").format(
                title=policy.title, id=policy.id)
        if not self.ctx.dialogs.confirm(title, question):
            return
        try:
            subsidies.remove_policy(policy.id)
        except Exception as exc:
            self.ctx.show_error(exc)
            return
        self._changed(policy.id)
