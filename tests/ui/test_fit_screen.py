"""Every page fits a 1280 × 720 screen in both languages: the window's minimum size leaves room for
a title bar and a task bar, all page tabs and tool-bar buttons show, and no visible text is cut off
(the English window once could not be narrower than 1307 px)."""

from __future__ import annotations

import pytest
from fit_helpers import clipped_texts, hidden_tabs_and_tools
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel
from ui_helpers import wait_idle

from zgc_desk.i18n import set_language
from zgc_desk.ui import registry
from zgc_desk.ui.app import create_application, install_qt_translations
from zgc_desk.ui.widgets.flow import FlowLayout

SCREEN = (1280, 720)
FRAME = 60  # px a 720-px screen keeps for the title bar and the task bar


@pytest.fixture
def language_window(qapp, demo_db, make_window):
    """A full window (every contributed page) in the language asked for, with the bundled font."""
    create_application()  # the bundled Chinese font: Chinese measured as glyphs, not boxes
    before = QLocale()

    def make(language: str):
        install_qt_translations(qapp, set_language(language))
        return make_window(contributions=registry.contributions())

    yield make
    install_qt_translations(qapp, "en")
    QLocale.setDefault(before)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_fits_1280_by_720(qtbot, language_window, language):
    window = language_window(language)
    window.resize(*SCREEN)
    window.splitter.setSizes([250, SCREEN[0] - 250])  # the firm list at its default width
    keys = list(window.pages)
    assert len(keys) >= 12
    for key in keys:
        window.show_page(key)
        wait_idle(qtbot, window)
        qtbot.wait(20)  # layouts settle after the page's rows arrived
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert minimum.width() <= SCREEN[0] and minimum.height() <= SCREEN[1] - FRAME, (key, minimum)
        assert (window.width(), window.height()) == SCREEN, key  # nothing forced the window larger
        assert window.pages[key].width() >= window.pages[key].minimumSizeHint().width(), key
        assert clipped_texts(window) == [], key
        assert hidden_tabs_and_tools(window) == [], key
    window.resize(1900, 720)  # room again: the tabs get their icons back
    qtbot.waitUntil(window.tabs.icons_shown)
    assert not window.tabs.tabIcon(0).isNull() and hidden_tabs_and_tools(window) == []


def test_the_check_sees_a_cut_off_label(qtbot):
    """The clipping check is not vacuous: a label squeezed below its text is reported."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("A fairly long line of text that cannot fit", holder)
    QVBoxLayout(holder)
    holder.show()
    label.resize(40, label.sizeHint().height())
    assert clipped_texts(holder) and "40 px wide" in clipped_texts(holder)[0]


def test_a_flow_row_wraps_instead_of_widening(qtbot):
    from PySide6.QtWidgets import QPushButton, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    buttons = [QPushButton(f"Button number {n}", holder) for n in range(6)]
    for button in buttons[:3]:
        flow.addWidget(button)
    flow.add_stretch()
    for button in buttons[3:]:
        flow.addWidget(button)
    widest = max(b.sizeHint().width() for b in buttons)
    assert flow.minimumSize().width() == widest
    holder.resize(widest * 2 + 20, 400)
    holder.show()
    qtbot.waitUntil(lambda: buttons[0].isVisible())
    rows = sorted({b.y() for b in buttons})
    assert len(rows) == 3  # two to a line
    assert flow.heightForWidth(widest * 2 + 20) > flow.heightForWidth(sum(b.sizeHint().width() for b in buttons) + 40)
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    holder.resize(2000, 400)
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 1)
    assert buttons[-1].geometry().right() > 1900  # after the stretch: at the right end


@pytest.mark.parametrize("kind", ["firm", "patent", "trademark", "pledge_loan"])
def test_a_record_editor_fits_a_720_px_screen_with_its_buttons_in_view(qtbot, window, monkeypatch, kind):
    from PySide6.QtCore import QRect

    from zgc_desk.ui.dialogs.editor import TITLE_BAR_PX, RecordEditor

    class Screen720:  # a 1280 × 720 screen less a 40-px task bar
        def availableGeometry(self):
            return QRect(0, 0, 1280, 680)

    monkeypatch.setattr(RecordEditor, "screen", lambda self: Screen720())
    editor = window.ctx.open_editor(kind, None)
    qtbot.waitUntil(editor.isVisible)
    assert editor.height() <= 680 - TITLE_BAR_PX and editor.width() <= 1280
    assert editor.minimumSizeHint().height() <= editor.height()
    buttons = editor.buttons.geometry()
    assert editor.buttons.isVisible() and buttons.bottom() <= editor.height()
    editor.reject()
