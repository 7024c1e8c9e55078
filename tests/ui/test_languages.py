"""The window in each language: no Chinese in the English window's menus, tool bar, tabs and status
bar, no English words in the Chinese one's; Qt's own dialogs in Chinese; the language chosen by
``--lang`` or in Settings (applied at the next start, nothing lost); dates and numbers per language."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from zgc_desk.i18n import current_language, format_date, set_language
from zgc_desk.ui import registry
from zgc_desk.ui.app import choose_language, install_qt_translations
from zgc_desk.ui.settings import CURRENT_PAGE, DATA_FOLDER, LANGUAGE, LAST_FIRM_ID, UiSettings

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
# Names and terms a Chinese UI writes in Latin letters: the program, treaties and classifications,
# file formats, offices and keys.
LATIN_NAMES = re.compile(r"ZGC Desk|PCT|IPC|WIPO|Excel|PDF|iCalendar|ICS|CSV|YAML|SME|Ctrl|Shift|F\d+|[A-Z]{2}\b")


@pytest.fixture
def qt_language(qapp):
    """Qt's translator and default locale as the test sets them, put back afterwards."""
    before = QLocale()
    yield lambda language: install_qt_translations(qapp, set_language(language))
    install_qt_translations(qapp, "en")
    QLocale.setDefault(before)


def _menu_texts(menu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
        elif not action.isSeparator():
            texts.append(action.text())
    return texts


def window_texts(window) -> dict[str, list[str]]:
    """What the window says in its frame, grouped by where: menus, tool bar, tabs, status bar."""
    menus = []
    for action in window.menuBar().actions():
        if action.isVisible():
            menus += _menu_texts(action.menu())
    toolbar = [a.iconText() for a in window.toolbar.actions() if not a.isSeparator()]
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    status = [window.status_label.text()]
    return {"menus": menus, "tool bar": toolbar, "tabs": tabs, "status bar": status}


def english_words(text: str) -> list[str]:
    """Latin words left once accelerators ("(&F)", "&"), names and terms are taken out."""
    text = re.sub(r"\(&\w\)", "", text).replace("&", "")
    text = LATIN_NAMES.sub("", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def test_the_rule_tells_english_from_chinese():
    assert english_words("导出所列期限(&D)…") == []
    assert english_words("关于 ZGC Desk(&A)") == []
    assert english_words("PCT 申请") == english_words("导出到 Excel…") == []
    assert english_words("导出 the list") == ["the", "list"]
    assert english_words("&Export…") == ["Export"]


def _full_window(make_window):
    return make_window(contributions=registry.contributions())


def test_the_english_window_has_no_chinese_in_its_frame(demo_db, make_window, qt_language):
    qt_language("en")
    window = _full_window(make_window)
    texts = window_texts(window)
    assert len(texts["menus"]) > 20 and len(texts["tabs"]) >= 7
    for where, strings in texts.items():
        chinese = [s for s in strings if CJK.search(s)]
        assert not chinese, f"Chinese in the {where}: {chinese}"
    # the title names the firm (data, in Chinese) and the program
    assert window.windowTitle().endswith("— ZGC Desk")


def test_the_chinese_window_has_no_english_words_in_its_frame(demo_db, make_window, qt_language):
    qt_language("zh_CN")
    window = _full_window(make_window)
    texts = window_texts(window)
    for where, strings in texts.items():
        english = {s: english_words(s) for s in strings if english_words(s)}
        assert not english, f"English in the {where}: {english}"
        # and each says something in Chinese, unless it is just a name such as "PCT"
        unsaid = [s for s in strings if not CJK.search(s) and LATIN_NAMES.sub("", s.replace("&", "")).strip()]
        assert not unsaid, f"{where}: {unsaid}"
    assert window.menuBar().actions()[0].text() == "文件(&F)"


def test_qt_own_dialogs_speak_the_language(qapp, qt_language):
    qt_language("zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "ZGC Desk", "?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "保存"
    assert QLocale().language() == QLocale.Language.Chinese
    qt_language("en")
    box = QMessageBox(QMessageBox.Icon.Question, "ZGC Desk", "?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"


# ---- choosing the language ---------------------------------------------------------------------

def test_lang_option_beats_the_saved_setting_which_beats_the_system(tmp_path, monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    settings = UiSettings(tmp_path / "settings.ini")
    assert choose_language(None, settings) == "zh_CN"  # nothing saved: the system's
    settings.set(LANGUAGE, "en")
    assert choose_language(None, settings) == "en"
    assert choose_language("zh_CN", settings) == "zh_CN"
    settings.set(LANGUAGE, "fr")  # a hand-edited file: back to the system's
    assert choose_language(None, settings) == "zh_CN"
    assert current_language() == "zh_CN"


def _smoke(data_dir, *args) -> str:
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen",
           "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None)
    result = subprocess.run([sys.executable, "-m", "zgc_desk", *args, "--smoke"], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    language, cancel = re.search(r"smoke: ok \(language (\w+), Qt's Cancel button: (\w+)\)", result.stderr).groups()
    assert cancel == {"zh_CN": "取消", "en": "Cancel"}[language]  # Qt's own translation goes with it
    return language


def test_the_program_starts_in_the_language_saved_unless_told_otherwise(tmp_path):
    saved = UiSettings(tmp_path / "settings.ini")
    saved.set(LANGUAGE, "en")
    saved.sync()
    assert _smoke(tmp_path) == "en"
    assert _smoke(tmp_path, "--lang", "zh_CN") == "zh_CN"


def test_choices_made_in_settings_are_read_back_by_another_process(tmp_path):
    """QSettings caches a file per process: only a second process shows what the next start reads."""
    saved = UiSettings(tmp_path / "settings.ini")
    saved.set(LANGUAGE, "en")
    saved.set(DATA_FOLDER, str(tmp_path / "data"))
    saved.sync()
    code = ("import sys; from pathlib import Path; from zgc_desk.ui.settings import *; "
            "s = UiSettings(Path(sys.argv[1])); print(s.get(LANGUAGE), s.get(DATA_FOLDER))")
    result = subprocess.run([sys.executable, "-c", code, str(saved.path)], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.split() == ["en", str(tmp_path / "data")]


def _portfolio_digest(path) -> str:
    """Every row of the portfolio tables, so a change anywhere shows."""
    with sqlite3.connect(path) as conn:
        digest = hashlib.sha256()
        for table in ("firm", "patent", "pctapplication", "overseasfiling", "trademark", "subsidyclaim"):
            exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
            if exists:
                for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY id'):  # noqa: S608 - fixed names
                    digest.update(repr(row).encode())
    return digest.hexdigest()


def test_a_language_chosen_in_settings_applies_at_the_next_start_and_nothing_is_lost(
        demo_db, make_window, ui_settings, qt_language, qtbot):
    from zgc_desk.models import Firm
    from zgc_desk.ui.dialogs.settings_dialog import SettingsDialog

    ui_settings.set(LANGUAGE, "zh_CN")
    qt_language(choose_language(None, ui_settings))
    window = make_window()
    window.show_page("patents")
    second_firm = Firm.select(Firm.id).order_by(Firm.id.desc()).scalar()
    assert second_firm != window.ctx.firm_id
    window.set_firm(second_firm)
    before = _portfolio_digest(demo_db)
    dialog = SettingsDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert window.menuBar().actions()[0].text() == "文件(&F)"  # this window stays as it was
    window.close()

    restarted = UiSettings(ui_settings.path)  # as the next start reads it
    assert restarted.get(LANGUAGE) == "en"
    qt_language(choose_language(None, restarted))
    again = make_window(settings=restarted)
    assert again.menuBar().actions()[0].text() == "&File"
    assert again.ctx.firm_id == second_firm == restarted.get(LAST_FIRM_ID)
    assert again.current_page_key() == "patents" == restarted.get(CURRENT_PAGE)
    assert _portfolio_digest(demo_db) == before


# ---- formatting in the window ------------------------------------------------------------------

def _profile_texts(make_window, qt_language, language):
    qt_language(language)
    window = make_window()
    profile = window.pages["profile"]
    return {key: label.text() for key, label in profile.detail_labels.items()}, profile.badges.text()


def test_the_profile_writes_dates_and_amounts_in_the_language(demo_db, make_window, qt_language):
    from zgc_desk.models import Firm

    details, badges = _profile_texts(make_window, qt_language, "en")
    firm = Firm.select().order_by(Firm.id).first()
    founded = firm.founded_on
    assert details["founded_on"] == founded.strftime("%B ") + str(founded.day) + f", {founded.year}"  # the long style
    assert "× 10,000 yuan" in details["revenue_10k_cny"]
    assert format_date(firm.hnte_valid_until) in badges and "High-tech enterprise" in badges

    details, badges = _profile_texts(make_window, qt_language, "zh_CN")
    assert details["founded_on"] == f"{founded.year}年{founded.month}月{founded.day}日"
    assert details["revenue_10k_cny"].endswith("万元")
    assert f"{firm.hnte_valid_until.year}年" in badges
