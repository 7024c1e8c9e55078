"""The round's result for one firm as a tree: policy → item → reason.

A policy row carries its window and the firm's total after caps; an item row its date, verdict,
amount and, when it fails, what it would need; its children are the reasons (criterion, passed,
detail), wrapped to the view's width. An unavailable policy has one child: why, with its source.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem

from zgc_desk.i18n import _, format_date
from zgc_desk.subsidy_rules.results import Decision, FirmTotal, PolicyRound, Reason, RoundResult
from zgc_desk.ui.subsidies import texts

COLUMNS = ("item", "title", "date", "result", "amount", "needs")
ITEM, TITLE, DATE, RESULT, AMOUNT, NEEDS = range(len(COLUMNS))
WRAPPED = Qt.ItemDataRole.UserRole + 1  # a spanned row whose text wraps


def column_titles() -> list[str]:
    return [_("Item"), _("Title"), _("Date"), _("Result"), _("Amount"), _("What it needs")]


def matter_text(decision: Decision) -> str:
    """The item as an advisor writes it: Chinese and PCT numbers bare, others with their office."""
    office = decision.office if decision.office not in ("", "CN", "WO") else ""
    return f"{office} {decision.matter}".strip()


class PolicyNode(QTreeWidgetItem):
    def __init__(self, standing: PolicyRound, decisions: list[Decision]):
        super().__init__()
        self.standing, self.decisions = standing, decisions


class DecisionNode(QTreeWidgetItem):
    def __init__(self, decision: Decision):
        super().__init__()
        self.decision = decision


class ReasonNode(QTreeWidgetItem):
    def __init__(self, reason: Reason, text: str):
        super().__init__()
        self.reason = reason
        self.setText(ITEM, text)
        self.setData(ITEM, WRAPPED, True)
        self.setToolTip(ITEM, text)
        colour = texts.PASSED_COLOUR if reason.passed else texts.FAILED_COLOUR
        self.setForeground(ITEM, QBrush(colour))


def reason_text(reason: Reason) -> str:
    mark = "✓" if reason.passed else "✗"
    return _("{mark} {criterion}: {detail}").format(mark=mark, criterion=texts.criterion_label(reason.criterion),
                                                    detail=reason.detail)


def needs_text(decision: Decision) -> str:
    """What would make a failed item pass, one requirement per failed criterion."""
    seen: list[str] = []
    for reason in decision.failed:
        needed = texts.requirement(reason.criterion)
        if needed not in seen:
            seen.append(needed)
    return _("; ").join(seen)


class WrapDelegate(QStyledItemDelegate):
    """Spanned rows (reasons) wrap their text to the view's width instead of being cut off."""

    def __init__(self, view: QTreeWidget):
        super().__init__(view)
        self.view = view

    def _text_rect_width(self, option, index) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return max(120, self.view.viewport().width() - self.view.indentation() * (depth + 1) - 12)

    def text_box(self, rect: QRect, option, index) -> QRect:
        """Where a wrapped row's text goes: the span covers every column, wider than the view when it
        scrolls sideways; the text keeps to the width its height was measured for, so no line runs
        past the visible edge."""
        box = rect.adjusted(4, 2, -4, -2)
        box.setWidth(min(box.width(), self._text_rect_width(option, index)))
        return box

    def sizeHint(self, option, index) -> QSize:
        base = super().sizeHint(option, index)
        if not index.data(WRAPPED):
            return base
        width = self._text_rect_width(option, index)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                                 str(index.data() or ""))
        return QSize(base.width(), max(base.height(), bounds.height() + 4))

    def paint(self, painter, option, index) -> None:
        if not index.data(WRAPPED):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text, option.text = option.text, ""
        style = option.widget.style() if option.widget else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        selected = option.state & QStyle.StateFlag.State_Selected
        brush = option.palette.highlightedText() if selected else index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(brush.color() if brush is not None else option.palette.text().color())
        painter.drawText(self.text_box(option.rect, option, index), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop,
                         text)
        painter.restore()


class ResultTree(QTreeWidget):
    """The tree of one firm's round; ``show(result, code)`` replaces its content."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(column_titles())
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(WrapDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column, width in ((ITEM, 200), (TITLE, 280), (DATE, 100), (RESULT, 110), (AMOUNT, 120)):
            self.setColumnWidth(column, width)
        self.header().setStretchLastSection(True)
        self._fitted = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows take their height from the new width

    # ---- content ---------------------------------------------------------------------------

    def show_result(self, result: RoundResult, code: str) -> None:
        self.clear()
        self._fit_titles(result)
        total = result.totals.get(code) or FirmTotal(code)
        for standing in result.policies:
            node = self._policy_node(standing, result.decisions_for(code, standing.id), total)
            self.addTopLevelItem(node)
            self._span_reasons(node)
            node.setExpanded(True)

    def _span_reasons(self, node: QTreeWidgetItem) -> None:
        """Reason rows take the whole width (spanning works only once an item is in the view)."""
        for index in range(node.childCount()):
            child = node.child(index)
            if isinstance(child, ReasonNode):
                child.setFirstColumnSpanned(True)
            else:
                self._span_reasons(child)

    def _fit_titles(self, result: RoundResult) -> None:
        """Widen the first column once so that every policy title shows whole (titles differ by language)."""
        if self._fitted:
            return
        self._fitted = True
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max((metrics.horizontalAdvance(str(p.policy.title)) for p in result.policies), default=0)
        self.setColumnWidth(ITEM, max(self.columnWidth(ITEM), widest + self.indentation() + 24))

    def _policy_node(self, standing: PolicyRound, decisions: list[Decision], total: FirmTotal) -> PolicyNode:
        node = PolicyNode(standing, decisions)
        bold = QFont(self.font())
        bold.setBold(True)
        node.setText(ITEM, str(standing.policy.title))
        node.setToolTip(ITEM, f"{standing.policy.id} — {standing.policy.basis.citation()}")
        for column in range(len(COLUMNS)):
            node.setFont(column, bold)
        if not standing.available:
            node.setText(RESULT, _("Not available"))
            node.setForeground(RESULT, QBrush(texts.FAILED_COLOUR))
            for decision in decisions[:1]:  # one per firm when the policy is not available
                for reason in decision.reasons:
                    node.addChild(ReasonNode(reason, _("✗ {detail}").format(detail=reason.detail)))
            return node
        node.setText(TITLE, _("items dated {start} to {end}").format(
            start=format_date(standing.window_start, "iso"), end=format_date(standing.window_end, "iso")))
        node.setToolTip(TITLE, _("dates {start} to {end}, rules in force on {day}").format(
            start=format_date(standing.window_start, "iso"), end=format_date(standing.window_end, "iso"),
            day=format_date(standing.assessed_on, "iso")))
        eligible = [d for d in decisions if d.eligible]
        node.setText(RESULT, _("{eligible} of {count} eligible").format(eligible=len(eligible), count=len(decisions))
                     if decisions else _("No items"))
        if eligible:
            verified = all(d.verified for d in eligible)
            self._amount(node, total.per_policy.get(standing.id, 0), verified)
        if not decisions:
            node.addChild(ReasonNode(Reason("item_date_in_window", True, ""), _(
                "No item of the firm is dated within the round's window.")))
            node.child(0).setForeground(ITEM, QBrush(texts.MUTED_COLOUR))
        for decision in decisions:
            node.addChild(self._decision_node(decision))
        return node

    def _decision_node(self, decision: Decision) -> DecisionNode:
        node = DecisionNode(decision)
        node.setText(ITEM, matter_text(decision))
        node.setText(TITLE, decision.title)
        node.setToolTip(TITLE, decision.title)
        node.setText(DATE, format_date(decision.date, "iso"))
        if decision.eligible:
            node.setText(RESULT, _("Eligible"))
            node.setForeground(RESULT, QBrush(texts.PASSED_COLOUR))
            self._amount(node, decision.amount_cny, decision.verified, decision.amount_before_cap)
        else:
            node.setText(RESULT, _("Not eligible"))
            node.setForeground(RESULT, QBrush(texts.FAILED_COLOUR))
            node.setText(AMOUNT, "—")
            node.setText(NEEDS, needs_text(decision))
            node.setToolTip(NEEDS, "\n".join([node.text(NEEDS)] + [reason.detail for reason in decision.failed]))
            node.setForeground(NEEDS, QBrush(texts.FAILED_COLOUR))
        for reason in decision.reasons:
            node.addChild(ReasonNode(reason, reason_text(reason)))
        return node

    def _amount(self, node: QTreeWidgetItem, amount: int, verified: bool, before_cap: int | None = None) -> None:
        node.setText(AMOUNT, texts.money_text(amount, verified))
        node.setTextAlignment(AMOUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tips = []
        if before_cap is not None and before_cap != amount:
            tips.append(_("Before the caps: {amount}").format(amount=texts.money_text(before_cap, verified)))
        if not verified:
            node.setForeground(AMOUNT, QBrush(texts.UNVERIFIED_COLOUR))
            node.setBackground(AMOUNT, QBrush(texts.UNVERIFIED_BACKGROUND))
            tips.append(texts.unverified_tip())
        node.setToolTip(AMOUNT, "\n".join(tips))

    # ---- lookups (tests and the page) ------------------------------------------------------

    def policy_node(self, policy_id: str) -> PolicyNode | None:
        for row in range(self.topLevelItemCount()):
            node = self.topLevelItem(row)
            if node.standing.id == policy_id:
                return node
        return None

    def decision_nodes(self, policy_id: str | None = None) -> list[DecisionNode]:
        found = []
        for row in range(self.topLevelItemCount()):
            node = self.topLevelItem(row)
            if policy_id is None or node.standing.id == policy_id:
                found += [node.child(i) for i in range(node.childCount()) if isinstance(node.child(i), DecisionNode)]
        return found

    def selected_decision(self) -> Decision | None:
        node = self.currentItem()
        while node is not None and not isinstance(node, DecisionNode):
            node = node.parent()
        return node.decision if node is not None else None

    def selected_policy(self) -> str | None:
        node = self.currentItem()
        while node is not None and node.parent() is not None:
            node = node.parent()
        return node.standing.id if isinstance(node, PolicyNode) else None
