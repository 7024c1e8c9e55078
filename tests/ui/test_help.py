"""Help → User guide (F1), File → Print… / Print preview… and the first start's demo note, in the
real window on the demo database (as of 2026-11-25). Printouts go through a real PDF (QPrinter's
PDF output) read back with pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from ui_helpers import show_list, wait_idle

from zgc_desk.ui.contrib import dashboard as dashboard_contribution
from zgc_desk.ui.contrib import deadlines as deadlines_contribution
from zgc_desk.ui.contrib import help as help_contribution
from zgc_desk.ui.help import printing
from zgc_desk.ui.help.guide import guide_path

AS_OF = dt.date(2026, 11, 25)
PACKAGE = Path(__file__).resolve().parents[2] / "zgc_desk"


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.fixture
def window(demo_db, make_window, qtbot):
    window = make_window(contributions=[deadlines_contribution, help_contribution, dashboard_contribution])
    wait_idle(qtbot, window)
    return window


def press_f1(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert window.action("user_guide").shortcut().toString() == "F1"
    qtbot.keyClick(window.current_page(), Qt.Key.Key_F1)
    dialog = window.ctx.extras.get("help_guide")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


# ---- the guide ----------------------------------------------------------------------------------

def test_f1_opens_the_guide_in_chinese(window, qtbot):
    dialog = press_f1(qtbot, window)
    text = dialog.browser.toPlainText()
    assert dialog.windowTitle() == "ZGC Desk 使用说明"
    assert "待办期限" in text and "全部企业期限" in text and "恢复备份" in text and "Ctrl+K" in text
    assert "国知发保字〔2021〕1号" in text
    assert "user guide" not in text
    dialog.close()


def test_f1_opens_the_guide_in_english(english, window, qtbot):
    dialog = press_f1(qtbot, window)
    text = dialog.browser.toPlainText()
    assert dialog.windowTitle() == "ZGC Desk user guide"
    assert "Due list" in text and "All firms' deadlines" in text and "Restore backup" in text
    assert "Patent Law" in text and "使用说明" not in text


def test_the_guide_follows_a_language_switch(window, qtbot):
    from zgc_desk.i18n import set_language

    assert "使用说明" in press_f1(qtbot, window).browser.toPlainText()
    set_language("en")
    try:
        assert "user guide" in press_f1(qtbot, window).browser.toPlainText()
    finally:
        set_language("zh_CN")


def test_a_language_without_a_guide_gets_the_english_one():
    assert guide_path("fr").name == "guide.en.html"
    assert guide_path("zh_CN").name == "guide.zh_CN.html"


def _cited_documents() -> list[str]:
    """The document numbers and titles the rule data cites (subsidy sources, holiday decrees, fee
    reductions, articles of the Patent Law)."""
    sources = yaml.safe_load((PACKAGE / "subsidy_rules" / "data" / "sources.yaml").read_text("utf-8"))["sources"]
    cited = []
    for key, entry in sources.items():
        if key != "illustrative":
            cited.append(entry.get("number") or entry["document"].split(",")[0])
    holidays = (PACKAGE / "deadlines" / "data" / "holidays.yaml").read_text("utf-8")
    cited += sorted(set(re.findall(r"国务院令第\d+号", holidays)))
    fees = (PACKAGE / "deadlines" / "data" / "fees.yaml").read_text("utf-8")
    applied = "\n".join(line for line in fees.splitlines() if "source:" in line)  # not the unverified notes
    cited += sorted(set(re.findall(r"财税〔\d+〕\d+号", applied)))
    periods = (PACKAGE / "deadlines" / "data" / "periods.yaml").read_text("utf-8")
    cited += sorted({f"第{n}条" for n in re.findall(r"专利法\(2020\)第(\d+)条", periods)})
    return cited


def test_the_guide_lists_the_documents_the_rule_data_cites():
    cited = _cited_documents()
    assert "国知发保字〔2021〕1号" in cited and "国务院令第795号" in cited and "第35条" in cited
    assert "中关村国家自主创新示范区知识产权行动方案(2019-2021)" in cited
    chinese = guide_path("zh_CN").read_text("utf-8")
    english = guide_path("en").read_text("utf-8")
    for document in cited:
        plain = document.replace("国务院令", "")  # the guide lists the decrees together: 国务院令第270号、第513号…
        if document.isascii():  # a document cited by its English title
            assert document in english, document
        else:
            assert plain in chinese, document
    for number in ("国知发保字〔2021〕1号", "财税〔2016〕78号", "No. 795", "Art. 35", "Rule 54bis.1(a)"):
        assert number in english, number


# ---- printing -----------------------------------------------------------------------------------

def _due_page(window, qtbot):
    page = window.pages["due"]
    window.show_page("due")
    page.view_choice.setCurrentIndex(page.view_choice.findData("all"))
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    return page


def test_the_due_list_prints_on_a4_with_its_header_on_every_page(english, window, qtbot, tmp_path):
    page = _due_page(window, qtbot)
    assert window.action("print").isEnabled()
    printout = printing.current_printout(window.ctx)
    assert printout.landscape and "<thead>" in printout.html
    path = tmp_path / "due.pdf"
    printing.print_to_pdf(printout, path)
    pages = pdf_pages(path)
    assert len(pages) >= 2
    for text in pages:  # the header row repeated at the top of every page
        top = "\n".join([line for line in text.splitlines() if line.strip()][:8])
        for header in ("Days left", "Deadline", "Matter", "State"):
            assert header in top, (header, top)
    assert "Due list" in pages[0] and "Printed November 25, 2026" in pages[0]
    assert "北京智源芯创科技有限公司" in pages[0]  # the firm, in the bundled Chinese font
    all_text = "\n".join(pages)
    shown = page.shown_deadlines()
    assert shown[0].matter in all_text and shown[-1].matter in all_text
    # every column keeps a readable width: a deadline's name and an office's are not broken letter by
    # letter (Qt left to itself squeezed them once the unbroken columns were laid out: 17 pages)
    assert "Annual fee (year" in all_text and "China" in all_text
    assert len(pages) <= len(shown) // 8 + 1  # about ten rows a landscape page or more, not two or three


def test_every_printed_page_is_numbered_under_its_repeated_header(english, window, qtbot, tmp_path):
    """Issue 17 item 6: "Page N of M" at the foot of each page, the table's header at its top."""
    _due_page(window, qtbot)
    printout = printing.current_printout(window.ctx)
    path = tmp_path / "due.pdf"
    printing.print_to_pdf(printout, path)
    pages = pdf_pages(path)
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert "Days left" in "\n".join(lines[:8])
        assert lines[-1].endswith(f"Page {number} of {total}"), lines[-1]
        assert lines[-1].startswith(printout.title)  # the foot line names the printout too
        assert sum(f"Page {n} of {total}" in text for n in range(1, total + 1)) == 1


def test_the_print_dialogs_page_range_is_kept(english, window, qtbot, tmp_path):
    _due_page(window, qtbot)
    printout = printing.current_printout(window.ctx)
    printer = printing.a4_printer(printout)
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    path = tmp_path / "page2.pdf"
    printer.setOutputFileName(str(path))
    printer.setFromTo(2, 2)
    printing.print_to(printer, printout)
    pages = pdf_pages(path)
    assert len(pages) == 1 and "Page 2 of " in pages[0] and "Days left" in pages[0]
    printer.setFromTo(0, 0)
    printer.setPageOrder(printer.PageOrder.LastPageFirst)
    printing.print_to(printer, printout)
    pages = pdf_pages(path)
    assert len(pages) >= 2 and f"Page {len(pages)} of {len(pages)}" in pages[0] and "Page 1 of " in pages[-1]


def test_the_chinese_printout_repeats_the_chinese_headers(window, qtbot, tmp_path):
    _due_page(window, qtbot)
    path = tmp_path / "due-zh.pdf"
    printing.print_to_pdf(printing.current_printout(window.ctx), path)
    pages = pdf_pages(path)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        top = "\n".join([line for line in text.splitlines() if line.strip()][:8])
        assert "届满日" in top and "剩余天数" in top and "案件" in top
        assert f"第 {number} 页，共 {len(pages)} 页" in text
    assert "2026年11月25日" in pages[0]


def test_print_preview_renders_the_pages(english, window, qtbot):
    _due_page(window, qtbot)
    dialog = window.action("print_preview").trigger() or window.ctx.extras["print_preview"][0]
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    assert preview.pageCount() >= 2
    dialog.close()


def test_a_selected_record_prints_with_every_field(english, window, qtbot, tmp_path):
    page = show_list(qtbot, window, "patents")
    assert not window.action("print").isEnabled()  # nothing selected
    page.view.selectRow(0)
    assert window.action("print").isEnabled()
    printout = printing.current_printout(window.ctx)
    record_id = page.selected_ids()[0]
    from zgc_desk.services.records import get_record

    patent = get_record("patent", record_id)
    path = tmp_path / "patent.pdf"
    printing.print_to_pdf(printout, path)
    text = "\n".join(pdf_pages(path))
    assert patent.application_no in text and "Application number" in text and "Filing date" in text
    assert "Field" in text and "Value" in text
    assert "Invention" in text or "Utility model" in text or "Design" in text  # the type by its label


def test_the_firm_profile_prints_with_its_portfolio(window, qtbot, tmp_path):
    window.show_page("profile")
    wait_idle(qtbot, window)
    assert window.action("print").isEnabled()
    path = tmp_path / "firm.pdf"
    printing.print_to_pdf(printing.current_printout(window.ctx), path)
    text = "\n".join(pdf_pages(path))
    assert "北京智源芯创科技有限公司" in text and "统一社会信用代码" in text and "海外申请" in text


# ---- the demo note ------------------------------------------------------------------------------

def _open(qtbot, path: Path, settings_path: Path):
    from zgc_desk.ui.app import open_window
    from zgc_desk.ui.settings import UiSettings

    window = open_window(path, with_demo=True, settings=UiSettings(settings_path), today=lambda: AS_OF)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    wait_idle(qtbot, window)
    return window


def test_the_first_start_says_it_opened_a_demo_database_once(qtbot, tmp_path):
    from zgc_desk.db import close_database

    path = tmp_path / "desk.db"
    window = _open(qtbot, path, tmp_path / "s.ini")
    note = window.ctx.extras.get("demo_note")
    assert note is not None and note.isVisible()
    assert "示例数据库" in note.text.text() and "--db" in note.text.text()
    assert "新建企业" in note.text.text() and "导入工作簿" in note.text.text()
    assert window.tabs.isVisibleTo(window)  # the pages are still there, below the note
    window.ctx.tasks.shutdown()
    window.close()
    close_database()
    again = _open(qtbot, path, tmp_path / "s.ini")  # the same database, started again: no note
    assert "demo_note" not in again.ctx.extras
    again.ctx.tasks.shutdown()
    again.close()
    close_database()


def test_the_note_offers_new_firm_and_import(qtbot, tmp_path):
    from PySide6.QtWidgets import QPushButton

    from zgc_desk.db import close_database

    window = _open(qtbot, tmp_path / "desk.db", tmp_path / "s.ini")
    note = window.ctx.extras["demo_note"]
    buttons = {b.objectName() for b in note.findChildren(QPushButton)}
    assert buttons == {"demo_note_new_firm", "demo_note_import"}
    triggered = []
    window.action("new_firm").triggered.disconnect()  # record the click instead of opening the editor
    window.action("new_firm").triggered.connect(lambda *_a: triggered.append("new_firm"))
    note.findChild(QPushButton, "demo_note_new_firm").click()
    assert triggered == ["new_firm"]
    window.ctx.tasks.shutdown()
    window.close()
    close_database()


def test_a_named_new_database_gets_no_note(qtbot, tmp_path):
    from zgc_desk.db import close_database
    from zgc_desk.ui.app import open_window
    from zgc_desk.ui.settings import UiSettings

    window = open_window(tmp_path / "mine.db", with_demo=False, settings=UiSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    assert "demo_note" not in window.ctx.extras
    window.ctx.tasks.shutdown()
    window.close()
    close_database()


def test_the_dashboard_prints_with_its_risks_money_fees_ahead_and_portfolio(window, qtbot, tmp_path):
    """Issue 17 item 6: File → Print on the dashboard."""
    page = window.pages["dashboard"]
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    assert window.action("print").isEnabled()
    printout = printing.current_printout(window.ctx)
    path = tmp_path / "dashboard.pdf"
    printing.print_to_pdf(printout, path)
    text = "\n".join(pdf_pages(path))
    assert "北京智源芯创科技有限公司" in text and "当前风险" in text and "资助" in text
    assert page.data.at_risk[0].matter in text
    late = [d for d in page.data.at_risk if d.surcharge_cny and d.amount_cny]
    assert late, "the demo's missed US maintenance fee is due with its surcharge"
    from zgc_desk.i18n import format_money

    for d in late:  # the row's amount is what the box's total adds: the fee and its surcharge
        row = next(line for line in text.splitlines() if d.matter in line and d.due.isoformat() in line)
        assert format_money(d.amount_cny + d.surcharge_cny, d.currency) in row, row
    for total in page.data.forecast.totals:
        assert str(total.year) in text
    assert "专利" in text and "2026年11月25日" in text
    pages = pdf_pages(path)
    assert all(f"第 {n} 页，共 {len(pages)} 页" in page for n, page in enumerate(pages, start=1))
