"""File → Export workbook… (the current firm or every firm) and File → Blank import template…, read
back with openpyxl; the folder is offered afterwards through the injected opener."""

from __future__ import annotations

from openpyxl import load_workbook
from test_transfer_helpers import transfer_window
from ui_helpers import wait_idle

from zgc_desk.models import Firm, Patent
from zgc_desk.ui.transfer.export_dialog import export_dialog, write_blank_template


def _column_values(path, sheet: str) -> list:
    return [row[0] for row in load_workbook(path)[sheet].iter_rows(min_row=2, values_only=True)]


def test_export_of_the_current_firm_reads_back_with_its_patents_only(qtbot, english, demo_db, make_window, tmp_path):
    window = transfer_window(make_window)
    firm = Firm.get_by_id(window.ctx.firm_id)
    dialog = export_dialog(window.ctx)
    assert dialog.one_firm.isChecked() and firm.name in dialog.one_firm.text()
    window.ctx.dialogs.files_to_save.append(tmp_path / "firm export")  # no suffix: .xlsx is added
    with qtbot.waitSignal(dialog.exported, timeout=15000) as blocker:
        dialog.buttons.accepted.emit()

    out = blocker.args[0]
    assert out == tmp_path / "firm export.xlsx"
    patents = _column_values(out, "专利")
    assert set(patents) == {firm.credit_code}
    assert len(patents) == Patent.select().where(Patent.firm == firm.id).count()
    assert _column_values(out, "企业信息") == [firm.name]
    assert window.ctx.dialogs.opened == [tmp_path]
    assert "exported to" in window.statusBar().currentMessage()


def test_export_of_every_firm(qtbot, english, demo_db, make_window, tmp_path):
    window = transfer_window(make_window)
    window.ctx.dialogs.answer = False  # do not open the folder
    dialog = export_dialog(window.ctx)
    dialog.all_firms.setChecked(True)
    assert "ZGC Desk export" in dialog.suggested_name()
    window.ctx.dialogs.files_to_save.append(tmp_path / "all.xlsx")
    with qtbot.waitSignal(dialog.exported, timeout=15000):
        dialog.buttons.accepted.emit()

    assert sorted(_column_values(tmp_path / "all.xlsx", "企业信息")) == sorted(f.name for f in Firm.select())
    assert len(_column_values(tmp_path / "all.xlsx", "专利")) == Patent.select().count()
    assert window.ctx.dialogs.opened == []


def test_no_file_chosen_keeps_the_choice_open_and_writes_nothing(qtbot, demo_db, make_window, tmp_path):
    window = transfer_window(make_window)
    dialog = export_dialog(window.ctx)
    window.ctx.dialogs.files_to_save.append(None)  # the file dialog was cancelled
    assert dialog.export() is None
    assert dialog.isVisible()
    assert list(tmp_path.glob("*.xlsx")) == []


def test_blank_template_is_written_and_its_folder_offered(qtbot, demo_db, make_window, tmp_path):
    window = transfer_window(make_window)
    out = tmp_path / "blank.xlsx"
    window.ctx.dialogs.files_to_save.append(out)
    write_blank_template(window.ctx)
    qtbot.waitUntil(lambda: window.ctx.dialogs.opened == [tmp_path], timeout=15000)
    wait_idle(qtbot, window)
    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames[1:] == ["企业信息", "专利", "PCT", "海外申请", "商标", "通知书", "质押融资"]
