"""Documents from the window: the Fill application dialog (Excel and PDF, nothing eligible, write
anyway) and the session report (Tools menu, firm profile), each read back from the file written."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from subsidies_helpers import open_subsidy_window, show_subsidies
from ui_helpers import wait_idle

from zgc_desk.models import Firm

pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


@pytest.fixture
def window(demo_db, make_window):
    return open_subsidy_window(make_window)


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the documents (the database and settings live in tmp_path)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder


def _workbook_text(path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _open_dialog(qtbot, window, year: int, policy: str, folder):
    page = show_subsidies(qtbot, window, year)
    dialog = page.fill_application()
    qtbot.addWidget(dialog)
    dialog.policy.setCurrentIndex(dialog.policy.findData(policy))
    window.ctx.dialogs.folders_to_choose.append(folder)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    return dialog


def _write_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_an_excel_application_is_written_into_the_chosen_folder(qtbot, window, out):
    firm = Firm.get_by_id(window.ctx.firm_id)
    dialog = _open_dialog(qtbot, window, 2024, "invention_grant", out)
    assert dialog.round.value() == 2024  # the round chosen on the page
    assert dialog.folder.text() == str(out)
    with qtbot.waitSignal(dialog.written, timeout=20000) as written:
        qtbot.mouseClick(_write_button(dialog), Qt.MouseButton.LeftButton)
    path = written.args[0]
    assert path.parent == out and path.suffix == ".xlsx"
    text = _workbook_text(path)
    assert firm.name in text and firm.credit_code in text
    assert window.ctx.dialogs.opened == [out]  # offered, and "opened" through the injected dialogs


@pdftotext
def test_a_pdf_application_carries_the_firm(qtbot, window, out):
    firm = Firm.get_by_id(window.ctx.firm_id)
    dialog = _open_dialog(qtbot, window, 2024, "overseas_grant", out)
    dialog.pdf.setChecked(True)
    with qtbot.waitSignal(dialog.written, timeout=20000) as written:
        qtbot.mouseClick(_write_button(dialog), Qt.MouseButton.LeftButton)
    assert written.args[0].suffix == ".pdf"
    assert firm.name in _pdf_text(written.args[0])


def test_nothing_eligible_says_why_and_writes_only_when_asked(qtbot, window, out):
    dialogs = window.ctx.dialogs
    dialog = _open_dialog(qtbot, window, 2026, "invention_grant", out)  # not available in 2026
    dialogs.answer = False
    qtbot.mouseClick(_write_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.asked), timeout=20000)
    assert "国知发保字〔2021〕1号" in dialogs.asked[-1]
    assert "国知发保字〔2021〕1号" in dialog.error.text()
    assert list(out.iterdir()) == []
    assert _write_button(dialog).isEnabled()

    dialogs.answer = True
    with qtbot.waitSignal(dialog.written, timeout=20000) as written:
        qtbot.mouseClick(_write_button(dialog), Qt.MouseButton.LeftButton)
    assert written.args[0].is_file()
    assert Firm.get_by_id(window.ctx.firm_id).name in _workbook_text(written.args[0])


def test_a_missing_folder_is_said_in_plain_words(qtbot, window, out):
    dialog = _open_dialog(qtbot, window, 2024, "invention_grant", out)
    dialog.folder.setText(str(out / "not here"))
    wait_idle(qtbot, window)
    qtbot.mouseClick(_write_button(dialog), Qt.MouseButton.LeftButton)
    assert "not here" in dialog.error.text()
    assert not window.ctx.tasks.busy


@pdftotext
def test_the_session_report_is_written_from_the_tools_menu(qtbot, window, out):
    firm = Firm.get_by_id(window.ctx.firm_id)
    dialogs = window.ctx.dialogs
    dialogs.files_to_save.append(out / "session")  # the suffix is added
    window.action("session_report").trigger()
    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=30000)
    path = out / "session.pdf"
    assert path.is_file()
    assert firm.name in _pdf_text(path)
    assert dialogs.opened == [out]


@pdftotext
def test_the_session_report_button_on_the_firm_profile_writes_the_pdf(qtbot, window, out):
    firm = Firm.get_by_id(window.ctx.firm_id)
    dialogs = window.ctx.dialogs
    window.show_page("profile")
    dialogs.files_to_save.append(out / "profile report.pdf")
    qtbot.mouseClick(window.pages["profile"].report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=30000)
    path = out / "profile report.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert firm.name in _pdf_text(path)
    assert dialogs.opened == [out] and not dialogs.files_to_save


def test_cancelling_the_file_choice_writes_nothing(qtbot, window, out):
    window.ctx.dialogs.files_to_save.append(None)  # Cancel
    wait_idle(qtbot, window)
    window.action("session_report").trigger()
    assert not window.ctx.tasks.busy
    assert list(out.iterdir()) == []
