"""A notice from its PDF, through the window (demo database as of 2026-11-25): "From PDF…" and a PDF
dropped onto the Notices page open the notice form filled in from the PDF, with the file attached on
saving; the answer is then on the Due list, and one Undo takes back notice and file. A scan opens the
empty form with the file and says why; a damaged PDF is a message and no form."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from ui_helpers import wait_idle

from zgc_desk.models import Attachment, Notice, Patent
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.model import DEADLINE_ROLE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from notices.notice_pdfs import cnipa_notice, scanned_notice  # noqa: E402


@pytest.fixture
def window(demo_db, make_window, qtbot, english):
    window = make_window(contributions=[contribution])
    qtbot.waitUntil(lambda: window.pages["due"].data is not None and not window.ctx.tasks.busy, timeout=10000)
    window.show_page("notices")
    wait_idle(qtbot, window)
    return window


@pytest.fixture
def patent(window):
    return (Patent.select().where((Patent.firm == window.ctx.firm_id) & (Patent.kind == "invention"))
            .order_by(Patent.id).first())


def read(window, qtbot, path):
    page = window.pages["notices"]
    window.ctx.dialogs.files_to_open.append(path)
    page.from_pdf.click()
    qtbot.waitUntil(lambda: page.last_form is not None and page.last_form.isVisible(), timeout=10000)
    form = page.last_form
    qtbot.addWidget(form)
    return form


def test_from_pdf_fills_the_form_saves_with_the_file_shows_on_the_due_list_and_undoes(window, qtbot, patent, tmp_path):
    pdf = cnipa_notice(tmp_path / "审查意见通知书.pdf", number=patent.application_no, dispatched="2026年10月09日")
    form = read(window, qtbot, pdf)
    assert form.inputs["matter_no"].value() == patent.application_no
    assert form.inputs["notice_type"].value() == "cn_oa_first"
    assert form.inputs["dispatch_date"].value() == "2026-10-09"
    assert "Read from 审查意见通知书.pdf" in form.note.text() and "will be attached" in form.note.text()
    demo_notices = Notice.select().count()  # the demo holds notices of its own (without files)
    form.accept()
    notice = Notice.select().order_by(Notice.id.desc()).first()
    attachment = Attachment.get()
    assert (attachment.record_kind, attachment.record_id, attachment.file_name) == \
        ("notice", notice.id, "审查意见通知书.pdf")
    due = window.pages["due"]
    window.show_page("due")
    wait_idle(qtbot, window)
    deadlines = [index.data(DEADLINE_ROLE) for index in _rows(due)]
    assert any(d is not None and d.kind == "notice_response" and d.due == dt.date(2027, 2, 9) for d in deadlines)
    window.undo_action.trigger()
    wait_idle(qtbot, window)
    assert Notice.select().count() == demo_notices and Attachment.select().count() == 0


def _rows(page):
    model, out = page.model, []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out += [model.index(r, 0, group) for r in range(model.rowCount(group))]
    return out


def test_a_dropped_pdf_opens_the_form(window, qtbot, patent, tmp_path):
    page = window.pages["notices"]
    pdf = cnipa_notice(tmp_path / "补正.pdf", number=patent.application_no, name="补正通知书",
                       dispatched="2026年11月02日")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    qtbot.waitUntil(lambda: page.last_form is not None and page.last_form.isVisible(), timeout=10000)
    qtbot.addWidget(page.last_form)
    assert page.last_form.inputs["notice_type"].value() == "cn_correction"


def test_a_scan_opens_the_empty_form_with_the_file_and_says_why(window, qtbot, patent, tmp_path):
    form = read(window, qtbot, scanned_notice(tmp_path / "scan.pdf"))
    assert form.inputs["matter_no"].value() in ("", None) and form.inputs["dispatch_date"].value() in ("", None)
    assert "no text layer" in form.note.text() and "scan.pdf will be attached" in form.note.text()
    form.inputs["matter_no"].set_value(patent.application_no)
    form.inputs["notice_type"].set_value("cn_correction")
    form.inputs["dispatch_date"].set_value("2026-11-02")
    form.validate()
    form.accept()
    assert Attachment.get().file_name == "scan.pdf"
    assert Notice.get_by_id(Attachment.get().record_id).notice_type == "cn_correction"


def test_a_damaged_pdf_is_a_message_and_no_form(window, qtbot, tmp_path):
    page = window.pages["notices"]
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    window.ctx.dialogs.files_to_open.append(damaged)
    demo_notices = Notice.select().count()
    page.from_pdf.click()
    qtbot.waitUntil(lambda: bool(window.ctx.dialogs.messages), timeout=10000)
    assert "damaged.pdf" in window.ctx.dialogs.messages[-1] and page.last_form is None
    assert Notice.select().count() == demo_notices
