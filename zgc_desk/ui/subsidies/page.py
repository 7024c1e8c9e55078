"""The Subsidies page: the current firm checked against every policy for a round.

The check runs off the GUI thread (``services.subsidies.check``) whenever the firm, the round or
the data changes; only the newest request's answer is shown. Per policy the tree lists the items
with verdict, amount and reasons; beside it the firm's totals after caps, its standing against the
action plan's thresholds and the claims recorded, which keep an item from being funded twice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.changes import View
from zgc_desk.errors import UserError
from zgc_desk.i18n import _, ngettext
from zgc_desk.services import subsidies
from zgc_desk.subsidy_rules.results import FirmTotal
from zgc_desk.ui.icons import icon
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.subsidies import claims, details, texts
from zgc_desk.ui.subsidies.fill_dialog import FillApplicationDialog, round_spin
from zgc_desk.ui.subsidies.result_tree import DecisionNode, PolicyNode, ResultTree, matter_text
from zgc_desk.ui.subsidies.summary import SummaryPanel, totals_html

# Changes that alter a check: the firm's facts, its claims, the rule files.


def load_round(firm_id: int, as_of, round_year: int):
    """The work of one refresh (runs on a worker thread)."""
    result = subsidies.check(as_of, round_year, firm=firm_id)
    return firm_id, round_year, result, subsidies.list_claims(firm_id, round_year)


class SubsidiesPage(Page):
    loaded = Signal()  # a check was shown (tests wait on it)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.firm_id: int | None = None
        self.result = None
        self.code: str | None = None
        self._task = None
        self._stale = False
        self._build()
        ctx.hub.changed.connect(self._on_changed)

    # ---- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self._stack = QStackedLayout(self)
        self.empty = QLabel(_("No firm chosen. Choose one on the left, or add one with “New firm…”."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self.empty)
        content = QWidget(self)
        self._stack.addWidget(content)
        self.round = round_spin(content, self.ctx.today().year)
        self.round.setToolTip(_("Round YYYY counts the items dated in the year before (as the rule data says)"))
        self.round.valueChanged.connect(self._round_changed)
        self.current_button = QPushButton(_("Current round"), content)
        self.current_button.clicked.connect(lambda: self.round.setValue(self.ctx.today().year))
        self.what_if = QLabel(content)
        self.what_if.setStyleSheet(f"color: {texts.UNVERIFIED_COLOUR.name()};")
        self.claim_button = QPushButton(icon("add"), _("Record claim…"), content)
        self.claim_button.setToolTip(_("Record that the selected eligible item is claimed, so it is not funded twice"))
        self.claim_button.clicked.connect(self.record_claim)
        self.fill_button = QPushButton(icon("form"), _("Fill application…"), content)
        self.fill_button.clicked.connect(self.fill_application)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Round:"), content))
        bar.addWidget(self.round)
        bar.addWidget(self.current_button)
        bar.addWidget(self.what_if, 1)
        bar.addWidget(self.claim_button)
        bar.addWidget(self.fill_button)
        self.banner = QLabel(content)
        self.banner.setWordWrap(True)
        self.total = QLabel(content)
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel(texts.legend(), content)
        self.legend.setStyleSheet(f"color: {texts.UNVERIFIED_COLOUR.name()}; background: "
                                  f"{texts.UNVERIFIED_BACKGROUND.name()}; padding: 3px 6px;")
        self.legend.setToolTip(texts.unverified_tip())
        self.legend.setWordWrap(True)
        self.tree = ResultTree(content)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.details = QTextBrowser(content)
        self.details.setOpenExternalLinks(True)
        self.summary = SummaryPanel(content)
        self.summary.remove_requested.connect(self.remove_claim)
        side = QScrollArea(content)  # the side's height never squeezes the tree
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setWidget(self.summary)
        lower = QSplitter(Qt.Orientation.Horizontal, content)
        lower.addWidget(self.details)
        lower.addWidget(side)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.split = split = QSplitter(Qt.Orientation.Vertical, content)
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.total)
        layout.addWidget(self.legend)
        layout.addWidget(split, 1)
        self._update_buttons()

    # ---- loading ---------------------------------------------------------------------------

    def set_firm(self, firm_id: int | None) -> None:
        self.firm_id = firm_id
        self.result = None
        self.tree.clear()
        self.summary.clear()
        self.total.clear()
        self._reload()

    def refresh(self) -> None:
        self._reload()

    def round_year(self) -> int:
        return self.round.value()

    def set_round(self, year: int) -> None:
        self.round.setValue(year)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_sized", False):  # the tree gets most of the height, once the page has one
            self._sized = True
            total = sum(self.split.sizes()) or 600
            self.split.setSizes([total * 3 // 5, total - total * 3 // 5])
        if self._stale:
            self._reload()

    def _round_changed(self, _year: int) -> None:
        self._reload()

    def _reload(self) -> None:
        self._stack.setCurrentIndex(0 if self.firm_id is None else 1)
        self._update_what_if()
        if self.firm_id is None:
            self.status_changed.emit()
            return
        if not self.isVisible():
            self._stale = True  # checked when the page is shown
            return
        self._stale = False
        if self._task is not None:
            self._task.discard()
        self._task = self.ctx.tasks.run(load_round, self.firm_id, self.ctx.today(), self.round.value(),
                                        on_result=self._apply, on_error=self._failed,
                                        label=_("Checking round {year}…").format(year=self.round.value()))

    def _apply(self, loaded) -> None:
        firm_id, round_year, result, claim_rows = loaded
        self._task = None
        if firm_id != self.firm_id or round_year != self.round.value():
            return
        kept = self._selection_key()
        self.result, self.code = result, next(iter(result.firms), None)
        self.banner.hide()
        self.tree.show_result(result, self.code)
        self.summary.show_result(result, self.code, claim_rows)
        self.total.setText(totals_html(result, result.totals.get(self.code) or FirmTotal(self.code)))
        self.legend.setVisible(not result.verified)
        self._reselect(kept)
        self._update_buttons()
        self.status_changed.emit()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if not isinstance(exc, UserError):
            self.ctx.show_error(exc)
            return
        self.banner.setText(_("The check could not be made: {problem}").format(problem=exc))
        self.banner.setStyleSheet(f"color: {texts.FAILED_COLOUR.name()};")
        self.banner.show()
        self.loaded.emit()

    def _update_what_if(self) -> None:
        current = self.ctx.today().year
        year = self.round.value()
        self.what_if.setText("" if year == current else _("What-if: round {year} (the current round is {current})")
                             .format(year=year, current=current))
        self.current_button.setEnabled(year != current)

    def _on_changed(self, changed) -> None:
        if self.firm_id is not None and changed.affects(View.SUBSIDY_RESULTS, self.firm_id):
            self._reload()

    # ---- selection -------------------------------------------------------------------------

    def _selection_key(self):
        node = self.tree.currentItem()
        if isinstance(node, DecisionNode):
            return node.decision.policy, node.decision.matter, node.decision.office
        if isinstance(node, PolicyNode):
            return node.standing.id, None, None
        return None

    def _reselect(self, key) -> None:
        if key is None:
            self.details.setHtml(details.overview_html())
            return
        policy, matter, office = key
        target = self.tree.policy_node(policy)
        if matter is not None:
            target = next((n for n in self.tree.decision_nodes(policy)
                           if (n.decision.matter, n.decision.office) == (matter, office)), target)
        if target is not None:
            self.tree.setCurrentItem(target)

    def _selection_changed(self, *_args) -> None:
        node = self.tree.currentItem()
        while node is not None and not isinstance(node, DecisionNode | PolicyNode):
            node = node.parent()
        if isinstance(node, DecisionNode):
            title = str(self.tree.policy_node(node.decision.policy).standing.policy.title)
            self.details.setHtml(details.decision_html(node.decision, title))
        elif isinstance(node, PolicyNode):
            self.details.setHtml(details.policy_html(node.standing, node.decisions))
        else:
            self.details.setHtml(details.overview_html())
        self._update_buttons()

    def _update_buttons(self) -> None:
        decision = self.tree.selected_decision()
        self.claim_button.setEnabled(decision is not None and decision.eligible)
        self.fill_button.setEnabled(self.firm_id is not None)

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        action = QAction(icon("add"), _("Record claim…"), menu)
        decision = self.tree.selected_decision()
        action.setEnabled(decision is not None and decision.eligible)
        action.triggered.connect(self.record_claim)
        menu.addAction(action)
        fill = QAction(icon("form"), _("Fill application…"), menu)
        fill.triggered.connect(self.fill_application)
        menu.addAction(fill)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    # ---- actions ---------------------------------------------------------------------------

    def record_claim(self) -> int | None:
        decision = self.tree.selected_decision()
        if decision is None or not decision.eligible:
            return None
        question = _("Record a claim for {item} under {policy}, round {year}, of {amount}?").format(
            item=matter_text(decision), policy=decision.policy, year=decision.round_year,
            amount=texts.money_text(decision.amount_cny, decision.verified))
        question += "\n" + _("The item then counts as funded and is not offered again. You can undo this with Ctrl+Z.")
        if not self.ctx.dialogs.confirm(_("Record claim"), question):
            return None
        try:
            return claims.claim(self.ctx, decision, self.ctx.today())
        except Exception as exc:  # shown in plain words; bugs go to the log
            self.ctx.show_error(exc)
            return None

    def remove_claim(self, row: dict) -> None:
        question = _("Remove the claim for {item} under {policy}, round {year}?").format(
            item=f"{row['office']} {row['matter_no']}".strip(), policy=row["policy"], year=row["round_year"])
        question += "\n" + _("You can undo this with Ctrl+Z.")
        if self.ctx.dialogs.confirm(_("Remove claim"), question):
            try:
                claims.remove(self.ctx, row)
            except Exception as exc:  # shown in plain words; bugs go to the log
                self.ctx.show_error(exc)

    def fill_application(self) -> FillApplicationDialog | None:
        if self.firm_id is None:
            return None
        dialog = FillApplicationDialog(self.ctx, self.firm_id, self._chosen_policy(), self.round.value())
        dialog.open()
        return dialog

    def _chosen_policy(self) -> str | None:
        chosen = self.tree.selected_policy()
        if chosen is None and self.result is not None and self.code is not None:
            totals = self.result.totals.get(self.code)
            chosen = next(iter(totals.per_policy), None) if totals else None
        return chosen

    def status_text(self) -> str:
        if self.result is None or self.code is None:
            return ""
        total = self.result.totals.get(self.code)
        count = sum(total.eligible_items.values()) if total else 0
        return ngettext("Round {year}: {count} eligible item, {amount} after caps",
                        "Round {year}: {count} eligible items, {amount} after caps", count).format(
            year=self.result.round_year, count=count,
            amount=texts.money_text(total.total if total else 0, total.verified if total else True))
