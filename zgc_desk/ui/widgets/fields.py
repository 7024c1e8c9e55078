"""Inputs for the fields of ``zgc_desk.schema``: text, date (with a calendar pop-up), drop-down
choice, yes/no, and text with suggestions. Each gives the raw value the schema cleans, so the editor
validates exactly as the services and the importer do."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from zgc_desk import schema
from zgc_desk.columns import FIELD_CHOICES, FIELD_SUGGESTIONS
from zgc_desk.dates import DateError, parse_date
from zgc_desk.i18n import _
from zgc_desk.ui.icons import icon

ERROR_STYLE = "color: #b3261e;"


def error_label(parent: QWidget) -> QLabel:
    """A red, wrapped line for what is wrong with an input, hidden until there is something to say."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


# Examples shown in empty inputs: what a valid value looks like.
EXAMPLES = {
    ("patent", "application_no"): "202110344405.7",
    ("patent", "publication_no"): "CN113078375A",
    ("patent", "grant_no"): "CN113078375B",
    ("patent", "ipc"): "G06N 3/04",
    ("pct", "pct_no"): "PCT/CN2021/075891",
    ("pct", "cn_priority_no"): "202010123456.X",
    ("pct", "wo_no"): "WO 2021/123456",
    ("pct", "receiving_office"): "CN",
    ("pct", "isa"): "CN",
    ("overseas", "office"): "US, EP, JP…",
    ("overseas", "pct_no"): "PCT/CN2021/075891",
    ("overseas", "cn_application_no"): "202110344405.7",
    ("trademark", "registration_no"): "12345678",
    ("trademark", "nice_classes"): "9; 42",
    ("trademark", "madrid_no"): "1563478",
    ("firm", "credit_code"): "91110108MA01R8KX3B",
}


class FieldInput(QWidget):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def value(self):
        raise NotImplementedError

    def set_value(self, value) -> None:
        raise NotImplementedError


class TextInput(FieldInput):
    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self._layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    def value(self):
        return self.line.text()

    def set_value(self, value) -> None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 4560.0 (10,000 yuan) reads 4560
        self.line.setText("" if value is None else str(value))


class DateInput(TextInput):
    """Typed in any accepted form (2021-03-05, 2021/3/5, 2021年3月5日) or picked from a calendar."""

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(placeholder or _("e.g. 2021-03-05"), parent)
        self.button = QToolButton(self)
        self.button.setIcon(icon("calendar"))
        self.button.setToolTip(_("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = menu
        self._layout.addWidget(self.button)

    def _sync_calendar(self) -> None:
        try:
            current = parse_date(self.line.text())
        except DateError:
            current = None
        self.calendar.setSelectedDate(QDate(current) if current else QDate.currentDate())

    def _picked(self, date: QDate) -> None:
        self.line.setText(date.toPython().isoformat())
        self._menu.close()
        self.edited.emit()

    def set_value(self, value) -> None:
        self.line.setText(value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value)))


class ChoiceInput(FieldInput):
    def __init__(self, options: dict, required: bool, parent=None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        if not required:
            self.combo.addItem("", None)
        for key, label in options.items():
            self.combo.addItem(_(label), key)
        if required:
            self.combo.setCurrentIndex(-1)
        self.combo.setMinimumWidth(160)
        self.combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self._layout.addWidget(self.combo)
        self._layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self):
        data = self.combo.currentData()
        return "" if data is None else data

    def set_value(self, value) -> None:
        position = self.combo.findData(value)
        self.combo.setCurrentIndex(position if value is not None else (0 if self.combo.itemData(0) is None else -1))


class BoolInput(FieldInput):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.box.toggled.connect(lambda _on: self.edited.emit())
        self._layout.addWidget(self.box)
        self.setFocusProxy(self.box)

    def value(self):
        return self.box.isChecked()

    def set_value(self, value) -> None:
        self.box.setChecked(bool(value))


class SuggestInput(FieldInput):
    """Free text with the usual values (districts, Zhongguancun sub-parks) in a drop-down."""

    def __init__(self, suggestions, parent=None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.addItem("")
        self.combo.addItems(list(suggestions))
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.currentTextChanged.connect(lambda _t: self.edited.emit())
        self._layout.addWidget(self.combo)
        self.setFocusProxy(self.combo)

    def value(self):
        return self.combo.currentText()

    def set_value(self, value) -> None:
        self.combo.setCurrentText("" if value is None else str(value))


def input_for(kind: str, spec: schema.Field, parent=None) -> FieldInput:
    """The input that suits a schema field."""
    if spec.clean is schema.date_value:
        if (kind, spec.key) == ("trademark", "expiry_date"):
            return DateInput(_("empty: ten years from the registration date"), parent)
        return DateInput(parent=parent)
    if spec.clean is schema.boolean:
        return BoolInput(parent)
    choices = FIELD_CHOICES.get(kind, {}).get(spec.key)
    if choices is not None:
        return ChoiceInput(choices, spec.required, parent)
    suggestions = FIELD_SUGGESTIONS.get(kind, {}).get(spec.key)
    if suggestions is not None:
        return SuggestInput(suggestions, parent)
    placeholder = EXAMPLES.get((kind, spec.key), "")
    if not placeholder and spec.key in ("applicants", "inventors", "designations", "planned_offices"):
        placeholder = _("several separated by ;")
    return TextInput(placeholder, parent)


def corrected_check_character(spec: schema.Field, typed: str, expected: str) -> str | None:
    """The typed number with the check character the field expects, if that makes it valid."""
    typed = typed.strip()
    for candidate in (typed[:-1] + expected, f"{typed}.{expected}", typed + expected):
        try:
            spec.clean(candidate)
        except (schema.FieldError, ValueError):
            continue
        return candidate
    return None

