"""The firm profile: who the firm is, its portfolio at a glance, and its change history."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from zgc_desk import vocab
from zgc_desk.changes import View
from zgc_desk.i18n import N_, _, format_date, format_number, ngettext
from zgc_desk.schema import FIELDS
from zgc_desk.services import records
from zgc_desk.services.patent_standing import FirmPatentStanding, firm_patent_standing, standing_sentence
from zgc_desk.ui.icons import icon
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.widgets.history import HistoryView, shown_value

# Portfolio lines: (kind counted by services.browse.firm_counts, its label, the page listing it).
PORTFOLIO = (
    ("patent", N_("Patents"), "patents"), ("pct", N_("PCT applications"), "pct"),
    ("overseas", N_("Overseas filings"), "overseas"), ("trademark", N_("Trademarks"), "trademarks"),
)


def _value_text(key: str, value) -> str:
    if key == "revenue_10k_cny":
        return _("{amount} × 10,000 yuan").format(amount=format_number(value)) if value is not None else "—"
    if hasattr(value, "isoformat"):
        return format_date(value)  # prose, in the language's own style (lists keep ISO dates)
    return shown_value(value)


class ProfilePage(Page):
    open_page = Signal(str)  # a page key, when the user follows a portfolio link

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.firm_id: int | None = None
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._empty_state())
        self._content = QWidget(self)
        # The details form is tall: it scrolls rather than make the window taller than a 720-px screen.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._content)
        self._stack.addWidget(scroll)
        self._build_content()
        ctx.hub.changed.connect(self._on_changed)

    # ---- layout ----------------------------------------------------------------------------

    def _empty_state(self) -> QWidget:
        holder = QWidget(self)
        picture = QLabel(holder)
        picture.setPixmap(icon("firm").pixmap(64, 64))
        text = QLabel(_("<h2>No firm yet</h2><p>Add the first firm, or import a portfolio workbook "
                        "(File menu).</p>"), holder)
        text.setWordWrap(True)
        button = QPushButton(icon("add"), _("New firm…"), holder)
        button.clicked.connect(self.new_record)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(48, 40, 48, 40)
        for widget in (picture, text):
            layout.addWidget(widget)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return holder

    def _build_content(self) -> None:
        self.title = QLabel(self._content)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badges = QLabel(self._content)
        self.badges.setWordWrap(True)
        edit = QPushButton(icon("edit"), _("Edit firm…"), self._content)
        edit.clicked.connect(self.edit_selected)
        # The same as Tools → Session report… (its menu text and tip), where an advisor looks at the firm.
        self.report_button = QPushButton(icon("report"), _("&Session report…"), self._content)
        self.report_button.setToolTip(_("Write this firm's session report (PDF): portfolio, deadlines, subsidies"))
        self.report_button.clicked.connect(self.session_report)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.badges)
        head.addLayout(titles, 1)
        head.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)

        details = QGroupBox(_("Firm details"), self._content)
        self.details = QFormLayout(details)
        self.detail_labels: dict[str, QLabel] = {}
        for spec in FIELDS["firm"]:
            value = QLabel(details)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.details.addRow(_("{label}:").format(label=_(spec.label)), value)
            self.detail_labels[spec.key] = value

        portfolio = QGroupBox(_("Portfolio"), self._content)
        self.portfolio = QGridLayout(portfolio)
        self.portfolio.setColumnStretch(2, 1)
        self.count_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (kind, label, page_key) in enumerate(PORTFOLIO):
            name = QLabel(f'<a href="{page_key}">{_(label)}</a>', portfolio)
            name.linkActivated.connect(lambda *args: self.open_page.emit(*args))
            total, detail = QLabel(portfolio), QLabel(portfolio)
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            detail.setWordWrap(True)
            detail.setStyleSheet("color: palette(placeholder-text);")
            self.portfolio.addWidget(name, row, 0)
            self.portfolio.addWidget(total, row, 1)
            self.portfolio.addWidget(detail, row, 2)
            self.count_labels[kind] = (total, detail)
        # Patents whose standing differs from their record (services.patent_standing): lapsed by an
        # unpaid fee — the one thing offered is the restoration request, in the Due list — or in force
        # with earlier fees only assumed paid. Hidden when there are none.
        self.attention = QGroupBox(_("Patents to look at"), self._content)
        self.attention_text = QLabel(self.attention)
        self.attention_text.setWordWrap(True)
        self.attention_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.attention_text.linkActivated.connect(lambda *args: self.open_page.emit(*args))
        QVBoxLayout(self.attention).addWidget(self.attention_text)
        self.attention.hide()
        history_box = QGroupBox(_("History"), self._content)
        self.history = HistoryView("firm", None, history_box)
        QVBoxLayout(history_box).addWidget(self.history)
        right = QVBoxLayout()
        right.addWidget(portfolio)
        right.addWidget(self.attention)
        right.addWidget(history_box, 1)

        body = QHBoxLayout()
        body.addWidget(details, 5)
        body.addLayout(right, 6)
        line = QFrame(self._content)
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self._content)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(head)
        layout.addWidget(line)
        layout.addLayout(body, 1)

    # ---- content ---------------------------------------------------------------------------

    def set_firm(self, firm_id: int | None) -> None:
        self.firm_id = firm_id
        self.refresh()

    def refresh(self) -> None:
        if self.firm_id is None:
            self._stack.setCurrentIndex(0)
            self.status_changed.emit()
            return
        try:
            firm = values = records.read_record("firm", self.firm_id)
        except records.NotFound:  # deleted meanwhile; the window is choosing another
            self._stack.setCurrentIndex(0)
            return
        self._stack.setCurrentIndex(1)
        self.title.setText(f"<h2>{firm.name}</h2>")
        self.badges.setText(self._badges(firm))
        for key, label in self.detail_labels.items():
            label.setText(_value_text(key, values.get(key)))
        self.history.reload(self.firm_id)
        firm_id = self.firm_id
        self.ctx.tasks.run(firm_patent_standing, firm_id, self.ctx.today(),
                           on_result=lambda found: self._show_counts(firm_id, found), label=_("Counting records…"),
                           abandon_on_close=True)
        self.status_changed.emit()

    def _badges(self, firm) -> str:
        parts = [firm.credit_code]
        parts += [p for p in (firm.zgc_park, firm.district) if p]
        if firm.is_sme:
            parts.append(_("SME"))
        if firm.is_hnte:
            until = format_date(firm.hnte_valid_until)
            parts.append(_("High-tech enterprise until {date}").format(date=until) if until else _("High-tech enterprise"))
        if firm.blacklisted:
            blacklisted = _("On a credit blacklist")
            parts.append(f'<span style="color:#b3261e">{blacklisted}</span>')
        return " · ".join(parts)

    def _show_counts(self, firm_id: int, found: FirmPatentStanding) -> None:
        if firm_id != self.firm_id:
            return
        counts = found.counts
        self._show_attention(found)
        statuses = {"patent": vocab.PATENT_STATUSES, "overseas": vocab.PATENT_STATUSES,
                    "trademark": vocab.TRADEMARK_STATUSES}
        for kind, (total_label, detail_label) in self.count_labels.items():
            by_status = counts[kind]
            total_label.setText(f"<b>{format_number(sum(by_status.values()))}</b>")
            parts = []
            if kind == "patent":
                parts += [f"{_(label)} {format_number(counts['patent_kind'][key])}"
                          for key, label in vocab.PATENT_KINDS.items() if counts["patent_kind"].get(key)]
            labels = statuses.get(kind, {})
            parts += [f"{_(labels[key])} {format_number(n)}" for key, n in sorted(by_status.items()) if key in labels]
            detail_label.setText(" · ".join(parts))

    def _show_attention(self, found: FirmPatentStanding) -> None:
        """One paragraph per lapsed patent (why, since when, and the restoration request while it is
        possible), then the patents whose fees are only assumed paid, with where to act."""
        paragraphs = [f"<p><b>{s.number}</b> {escape(s.title)}<br>{standing_sentence(s)}</p>" for s in found.lapsed[:10]]
        if len(found.lapsed) > 10:
            paragraphs.append("<p>" + _("… and {n} more").format(n=len(found.lapsed) - 10) + "</p>")
        if any(s.restorable for s in found.lapsed):
            link = _("Request restoration: see the Due list")
            paragraphs.append(f'<p><a href="due">{link}</a></p>')
        if found.assumed:
            numbers = ", ".join(s.number for s in found.assumed[:5]) + (" …" if len(found.assumed) > 5 else "")
            text = ngettext("{n} patent in force on record has no paid-through year: its earlier annual fees are "
                            "assumed paid. Please confirm the paid-through year ({numbers}).",
                            "{n} patents in force on record have no paid-through year: their earlier annual fees "
                            "are assumed paid. Please confirm the paid-through years ({numbers}).",
                            len(found.assumed)).format(n=len(found.assumed), numbers=numbers)
            link = _("Open the patents list")
            paragraphs.append(f'<p>{text} <a href="patents">{link}</a></p>')
        self.attention_text.setText("".join(paragraphs))
        self.attention.setVisible(bool(paragraphs))

    def _on_changed(self, changed) -> None:
        if self.firm_id is None or not changed.affects(View.PROFILE, self.firm_id):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    # ---- actions ---------------------------------------------------------------------------

    def can(self, action: str) -> bool:
        if action == "new":
            return True
        return action in ("edit", "delete") and self.firm_id is not None

    def new_record(self):
        return self.ctx.open_editor("firm", None)

    def edit_selected(self):
        return self.ctx.open_editor("firm", self.firm_id) if self.firm_id is not None else None

    def session_report(self):
        """Ask where and write this firm's session report; the background task (None: cancelled)."""
        from zgc_desk.ui.subsidies.report import write_session_report  # imported late: fast start-up

        return write_session_report(self.ctx, self.firm_id)

    def delete_selected(self) -> None:
        if self.firm_id is None:
            return
        firm = records.read_record("firm", self.firm_id)
        question = _("Delete the firm {name} with all its patents, PCT applications, overseas filings and "
                     "trademarks?").format(name=firm.name) + "\n" + _("You can undo this with Ctrl+Z.")
        if self.ctx.dialogs.confirm(_("Delete firm"), question):
            try:
                self.ctx.edits.delete("firm", self.firm_id)
            except Exception as exc:  # shown in plain words; bugs go to the log
                self.ctx.show_error(exc)

    def status_text(self) -> str:
        return ""
