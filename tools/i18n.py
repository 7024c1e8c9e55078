#!/usr/bin/env python3
"""Translation catalogues, driven through babel's own command-line front end (pybabel).

    python tools/i18n.py extract   messages from zgc_desk/ -> i18n/zgc_desk.pot
    python tools/i18n.py update    merge the template into i18n/<lang>/LC_MESSAGES/zgc_desk.po
    python tools/i18n.py merge     fill untranslated entries from i18n/parts/*.po (written by feature work)
    python tools/i18n.py compile   .po -> .mo (only when the .po is newer)
    python tools/i18n.py check     exit 1 listing untranslated or fuzzy messages
    python tools/i18n.py all       extract, update, merge, compile, check
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
POT = I18N / "zgc_desk.pot"
LANGUAGES = ["zh_CN"]  # English is the source language (message ids)
DOMAIN = "zgc_desk"


def po_path(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    pybabel("extract", "--no-location", "--sort-output", "-k", "N_", "-k", "ngettext:1,2",
            "--project", "ZGC Desk", "-o", str(POT), str(ROOT / "zgc_desk"))


def update() -> None:
    for lang in LANGUAGES:
        if po_path(lang).exists():
            pybabel("update", "--no-fuzzy-matching", "-i", str(POT), "-d", str(I18N), "-D", DOMAIN, "-l", lang)
        else:
            pybabel("init", "-i", str(POT), "-d", str(I18N), "-D", DOMAIN, "-l", lang)


def _complete(string) -> bool:
    """A translation with every form filled (plural messages carry a tuple of forms)."""
    strings = string if isinstance(string, tuple | list) else (string,)
    return bool(strings) and all(strings)


def merge() -> None:
    """Take translations written by feature work in i18n/parts/ into the catalogue."""
    parts = sorted((I18N / "parts").glob("*.po"))
    for lang in LANGUAGES:
        with open(po_path(lang), "rb") as fh:
            catalog = read_po(fh, locale=lang)
        filled = 0
        for part in parts:
            with open(part, "rb") as fh:
                part_catalog = read_po(fh, locale=lang)
            for message in part_catalog:
                if not message.id or not _complete(message.string):
                    continue
                target = catalog.get(message.id, message.context)
                if target is not None and (not _complete(target.string) or target.fuzzy):
                    target.string = message.string
                    target.flags.discard("fuzzy")
                    filled += 1
        with open(po_path(lang), "wb") as fh:
            write_po(fh, catalog, width=100, sort_output=True, omit_header=False)
        print(f"{lang}: {filled} translations taken from {len(parts)} part files")


def compile_catalogues() -> None:
    for lang in LANGUAGES:
        po = po_path(lang)
        mo = po.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            pybabel("compile", "-d", str(I18N), "-D", DOMAIN, "-l", lang)


def problems(lang: str) -> list[str]:
    with open(po_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    found = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            found.append(f"fuzzy: {message.id!r}")
        elif not _complete(message.string):
            found.append(f"untranslated: {message.id!r}")
    return found


def check() -> int:
    bad = [f"{lang} {p}" for lang in LANGUAGES for p in problems(lang)]
    print("\n".join(bad) if bad else "catalogues complete")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    step = argv[0] if argv else "all"
    if step in ("extract", "all"):
        extract()
    if step in ("update", "all"):
        update()
    if step in ("merge", "all"):
        merge()
    if step in ("compile", "all"):
        compile_catalogues()
    if step in ("check", "all"):
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
