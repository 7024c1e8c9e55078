"""Every message of the documents area has a Chinese translation in i18n/parts/forms.po, with the
same placeholders (the lead merges the part into the catalogue)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "zgc_desk" / "forms").glob("*.py")), ROOT / "zgc_desk/services/documents.py",
           ROOT / "zgc_desk/commands/fill_cmd.py", ROOT / "zgc_desk/commands/report_cmd.py"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rs])?\}")


def _messages() -> set:
    found = set()
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_is_translated_with_the_same_placeholders():
    with open(ROOT / "i18n/parts/forms.po", "rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    translated = {(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in catalog if m.id}
    messages = _messages()
    assert len(messages) > 50
    missing = sorted(messages - set(translated))
    assert not missing
    for msgid in messages:
        string = translated[msgid]
        string = string if isinstance(string, str) else string[0]
        assert string, msgid
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(string)), msgid
