"""Fixtures of the workbook tests."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PARTS_PO = Path(__file__).resolve().parents[2] / "i18n" / "parts" / "io.po"


@pytest.fixture
def io_catalogue(monkeypatch):
    """Chinese messages with this area's translations (i18n/parts/io.po) before the lead merges them
    into the catalogue; the catalogue's own translations behind them."""
    from zgc_desk import i18n

    i18n.set_language("zh_CN")
    with open(PARTS_PO, "rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    translation = gettext.GNUTranslations(buffer)
    translation.add_fallback(i18n._translation)
    monkeypatch.setattr(i18n, "_translation", translation)
    yield


@pytest.fixture(scope="session")
def big_workbook(tmp_path_factory) -> Path:
    """100,000 patents of 50 firms, written once per test session."""
    from zgc_io_helpers import write_big_workbook

    return write_big_workbook(tmp_path_factory.mktemp("big") / "big.xlsx", 100_000)
