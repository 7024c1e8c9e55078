"""zgc_desk.ui.files: pickers through the injected dialogs, the folders remembered, the offer to show
the folder of what was written."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from ui_helpers import ScriptedDialogs

from zgc_desk.ui import files
from zgc_desk.ui.context import StderrDialogs
from zgc_desk.ui.settings import Setting, UiSettings

FOLDER = Setting("test/folder", "")


def _ctx(tmp_path, dialogs=None):
    return SimpleNamespace(dialogs=dialogs or ScriptedDialogs(), settings=UiSettings(tmp_path / "s.ini"))


def test_pickers_answer_in_turn_and_cancel_is_none(tmp_path):
    ctx = _ctx(tmp_path)
    ctx.dialogs.files_to_save.extend([tmp_path / "a.pdf", None])
    assert files.save_file(ctx, "Save", tmp_path / "x.pdf", "PDF (*.pdf)") == tmp_path / "a.pdf"
    assert files.save_file(ctx, "Save", tmp_path / "x.pdf", "PDF (*.pdf)") is None
    assert files.open_file(ctx, "Open", tmp_path, "*") is None  # nothing scripted: cancelled
    ctx.dialogs.folders_to_choose.append(tmp_path)
    assert files.choose_folder(ctx, "Folder", tmp_path / "elsewhere") == tmp_path


def test_the_smoke_windows_dialogs_decline_every_picker(tmp_path):
    ctx = _ctx(tmp_path, StderrDialogs([]))
    assert files.save_file(ctx, "Save", tmp_path / "x.pdf", "PDF (*.pdf)") is None
    assert files.open_file(ctx, "Open", tmp_path, "*") is None
    assert files.choose_folder(ctx, "Folder", tmp_path) is None
    files.open_folder(ctx, tmp_path)  # shows nothing, raises nothing


def test_a_suffix_is_added_not_substituted():
    assert files.ensure_suffix(Path("report.v2"), ".pdf").name == "report.v2.pdf"
    assert files.ensure_suffix(Path("Report.PDF"), ".pdf").name == "Report.PDF"


def test_the_folder_last_used_is_remembered_while_it_exists(tmp_path):
    ctx = _ctx(tmp_path)
    used = tmp_path / "used"
    used.mkdir()
    files.remember_folder(ctx, FOLDER, used)
    assert files.remembered_folder(ctx, FOLDER) == used
    used.rmdir()
    assert files.remembered_folder(ctx, FOLDER) != used  # Documents (or home) instead


def test_offer_to_open_says_what_was_written_and_shows_its_folder(tmp_path):
    ctx = _ctx(tmp_path)
    files.offer_to_open(ctx, tmp_path / "out.xlsx", "Export")
    assert str(tmp_path / "out.xlsx") in ctx.dialogs.asked[-1]
    assert ctx.dialogs.opened == [tmp_path]
    ctx.dialogs.answer = False
    files.offer_to_open(ctx, tmp_path / "b.xlsx", "Export", "12 records were exported.")
    assert ctx.dialogs.asked[-1].startswith("12 records were exported.")
    assert ctx.dialogs.opened == [tmp_path]
