#!/usr/bin/env python3
"""Translation catalogues, driven through babel's own command-line front end (pybabel).

    python tools/i18n.py extract   messages from zgc_desk/ -> i18n/zgc_desk.pot
    python tools/i18n.py update    merge the template into i18n/<lang>/LC_MESSAGES/zgc_desk.po
    python tools/i18n.py merge     take the translations of i18n/parts/*.po (written by feature work)
    python tools/i18n.py compile   .po -> .mo (only when the .po is newer)
    python tools/i18n.py check     exit 1 listing untranslated or fuzzy messages, or placeholders that differ
    python tools/i18n.py all       extract, update, merge, compile, check
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
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
            # no guessed (fuzzy) translations; no obsolete entries: the parts keep every translation
            pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "-i", str(POT), "-d", str(I18N),
                    "-D", DOMAIN, "-l", lang)
        else:
            pybabel("init", "-i", str(POT), "-d", str(I18N), "-D", DOMAIN, "-l", lang)


def _complete(string) -> bool:
    """A translation with every form filled (plural messages carry a tuple of forms)."""
    strings = string if isinstance(string, tuple | list) else (string,)
    return bool(strings) and all(strings)


# The catch-all translation pass fills only what no feature area translated: the area that wrote a
# message knows best where it is shown.
CATCH_ALL_PART = "i18n_pass.po"


def part_files() -> list[Path]:
    """Part files in precedence order: the areas' alphabetically, the catch-all pass last."""
    parts = sorted((I18N / "parts").glob("*.po"))
    return [p for p in parts if p.name != CATCH_ALL_PART] + [p for p in parts if p.name == CATCH_ALL_PART]


def part_translations(lang: str) -> dict:
    """(msgid, context) -> (translation, part name): the first complete one in precedence order.

    Differing translations of one message in two parts are reported; the first stays."""
    chosen: dict = {}
    for part in part_files():
        with open(part, "rb") as fh:
            part_catalog = read_po(fh, locale=lang)
        for message in part_catalog:
            if not message.id or message.fuzzy or not _complete(message.string):
                continue
            key = (message.id, message.context)
            if key not in chosen:
                chosen[key] = (message.string, part.name)
            elif chosen[key][0] != message.string and part.name != CATCH_ALL_PART:
                print(f"note: {part.name} translates {_msgid(message.id)!r} differently from "
                      f"{chosen[key][1]}; {chosen[key][1]} is used")
    return chosen


def _msgid(msgid) -> str:
    return msgid[0] if isinstance(msgid, tuple | list) else msgid


def merge() -> None:
    """Take the translations written by feature work in i18n/parts/ into the catalogue.

    The parts are the source of the translations: a corrected part corrects the catalogue too.
    Messages that no part translates keep what the catalogue has."""
    for lang in LANGUAGES:
        with open(po_path(lang), "rb") as fh:
            catalog = read_po(fh, locale=lang)
        chosen = part_translations(lang)
        changed = 0
        for message in catalog:
            found = chosen.get((message.id, message.context)) if message.id else None
            if found is None:
                continue
            string = found[0]
            if isinstance(message.id, tuple | list) and not isinstance(string, tuple | list):
                string = (string,)
            if message.string != string or message.fuzzy:
                message.string = string
                message.flags.discard("fuzzy")
                changed += 1
        with open(po_path(lang), "wb") as fh:
            write_po(fh, catalog, width=100, sort_output=True, omit_header=False)
        print(f"{lang}: {changed} translations taken from {len(part_files())} part files")


def compile_catalogues() -> None:
    """.po -> .mo with babel's writer (fuzzy messages left out).

    Not ``pybabel compile``: it checks babel's %-format guess, and "100%, e.g. 50% or" reads to it as a
    "% o" placeholder. Our messages are str.format-ed; ``check`` verifies their {fields} instead."""
    for lang in LANGUAGES:
        po = po_path(lang)
        mo = po.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            with open(po, "rb") as fh:
                catalog = read_po(fh, locale=lang)
            partial = mo.with_suffix(".mo.part")  # readers never see half a file
            with open(partial, "wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            os.replace(partial, mo)


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
        elif placeholders(message.id) != placeholders(message.string):
            found.append(f"placeholders differ: {message.id!r} -> {message.string!r}")
    return found


_FIELD = re.compile(r"\{([^{}!:]*)(?:[!:][^{}]*)?\}")


def placeholders(text) -> set[str]:
    """The str.format fields named in a message (every form of a plural message together)."""
    texts = text if isinstance(text, tuple | list) else (text,)
    return {name for t in texts for name in _FIELD.findall(t.replace("{{", "").replace("}}", ""))}


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
