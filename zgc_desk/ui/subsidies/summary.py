"""Around the result tree: the firm's total after caps (per policy and overall), its standing against
the action plan's thresholds (information only) and the claims recorded for the round."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.i18n import _, format_date, format_money, ngettext
from zgc_desk.subsidy_rules.results import FirmTotal, RoundResult, Standing
from zgc_desk.ui.icons import icon
from zgc_desk.ui.subsidies import texts


def _status(status: str) -> str:
    return {"claimed": _("claimed"), "paid": _("paid"), "refused": _("refused")}.get(status, status)


def totals_html(result: RoundResult, total: FirmTotal) -> str:
    """One line: the firm's total after caps, then per policy (amount and number of items)."""
    amber = texts.UNVERIFIED_COLOUR.name()
    style = "" if total.verified else f' style="color:{amber}"'
    head = escape(_("Total after caps, round {year}:").format(year=result.round_year))
    amount = f"<b{style}>{escape(texts.money_text(total.total, total.verified))}</b>"
    if not total.per_policy:
        nothing = escape(_("nothing to claim in this round"))
        return f"{head} {amount} — {nothing}"
    titles = {p.id: str(p.policy.title) for p in result.policies}
    parts = []
    for policy_id, value in total.per_policy.items():
        count = total.eligible_items.get(policy_id, 0)
        items = ngettext("{count} item", "{count} items", count).format(count=count)
        parts.append(f"{escape(titles.get(policy_id, policy_id))} <span{style}>"
                     f"{escape(texts.money_text(value, total.verified))}</span> ({escape(items)})")
    return f"{head} {amount} — " + " · ".join(parts)


def standing_html(rows: list[Standing]) -> str:
    if not rows:
        return ""
    verdicts = {True: (_("met"), texts.PASSED_COLOUR), False: (_("not met"), texts.MUTED_COLOUR),
                None: (_("cannot tell"), texts.MUTED_COLOUR)}
    lines = []
    for row in rows:
        verdict, colour = verdicts[row.met]
        lines.append(f"<p><b>{escape(row.label)}</b> — <span style='color:{colour.name()}'>{escape(verdict)}</span>"
                     f"<br>{escape(row.detail)}<br><small>{escape(row.source)}</small></p>")
    return "".join(lines)


class SummaryPanel(QWidget):
    remove_requested = Signal(dict)  # a claim row of services.subsidies.list_claims

    def __init__(self, parent=None):
        super().__init__(parent)
        self.standing_box = QGroupBox(_("Against the action plan's thresholds"), self)
        self.standing_label = QLabel(self.standing_box)
        self.standing_label.setWordWrap(True)
        self.standing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.standing_box).addWidget(self.standing_label)

        self.claims_box = QGroupBox(_("Claims recorded"), self)
        self.claims = QTreeWidget(self.claims_box)
        self.claims.setRootIsDecorated(False)
        self.claims.setHeaderLabels([_("Policy"), _("Item"), _("Amount"), _("Status"), _("Claimed on")])
        self.claims.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.claims.setMinimumHeight(90)
        self.claims.setMaximumHeight(120)
        for column, width in enumerate((100, 100, 80, 50)):
            self.claims.setColumnWidth(column, width)
        self.remove_button = QPushButton(icon("delete"), _("Remove claim"), self.claims_box)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._remove)
        self.claims.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.claims.selectedItems())))
        claims_layout = QVBoxLayout(self.claims_box)
        claims_layout.addWidget(self.claims)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        claims_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.claims_box)
        layout.addWidget(self.standing_box)
        layout.addStretch(1)

    def show_result(self, result: RoundResult, code: str, claims: list[dict]) -> None:
        rows = result.standing.get(code) or []
        if rows:
            self.standing_box.setTitle(_("Against the action plan's thresholds ({year}, information only)").format(
                year=rows[0].year))
        self.standing_label.setText(standing_html(rows))
        self.standing_box.setVisible(bool(rows))
        self.claims_box.setTitle(_("Claims recorded for round {year}").format(year=result.round_year))
        self.claims.clear()
        titles = {p.id: str(p.policy.title) for p in result.policies}
        for claim in claims:
            office = claim["office"] if claim["office"] not in ("", "CN", "WO") else ""
            item = QTreeWidgetItem([titles.get(claim["policy"], claim["policy"]),
                                    f"{office} {claim['matter_no']}".strip(), format_money(claim["amount_cny"]),
                                    _status(claim["status"]), format_date(claim["claimed_on"], "iso")])
            item.setData(0, Qt.ItemDataRole.UserRole, claim)
            for column in range(item.columnCount()):
                item.setToolTip(column, item.text(column))
            self.claims.addTopLevelItem(item)
        if not claims:
            empty = QTreeWidgetItem([_("None yet")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.claims.addTopLevelItem(empty)
        self.remove_button.setEnabled(False)

    def clear(self) -> None:
        self.standing_label.clear()
        self.claims.clear()

    def _remove(self) -> None:
        selected = self.claims.selectedItems()
        claim = selected[0].data(0, Qt.ItemDataRole.UserRole) if selected else None
        if claim:
            self.remove_requested.emit(claim)
