"""Every message of the Due list has a Chinese translation — in i18n/parts/due_ui.po or already in
the catalogue — with the same placeholders (the lead merges the part into the catalogue)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "zgc_desk/ui/due").glob("*.py")), ROOT / "zgc_desk/ui/contrib/deadlines.py",
           ROOT / "zgc_desk/ui/files.py", ROOT / "zgc_desk/services/due_list.py", ROOT / "zgc_desk/services/due_columns.py",
           ROOT / "zgc_desk/io/deadline_export.py"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rs])?\}")


def _messages() -> set:
    found = set()
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _translations(path: Path) -> dict:
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    out = {}
    for m in catalog:
        if m.id:
            string = m.string if isinstance(m.string, str) else m.string[0]
            if string:
                out[m.id if isinstance(m.id, str) else m.id[0]] = string
    return out


def test_every_message_is_translated_with_the_same_placeholders():
    part = _translations(ROOT / "i18n/parts/due_ui.po")
    known = {**_translations(ROOT / "i18n/zh_CN/LC_MESSAGES/zgc_desk.po"), **part}
    messages = _messages()
    assert len(messages) > 100
    assert not sorted(messages - set(known))
    assert not sorted(set(part) - messages)  # nothing stale in the part
    for msgid in messages:
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(known[msgid])), msgid
