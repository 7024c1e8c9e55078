#!/usr/bin/env python3
"""The translation catalogues: one .po per language, the only translation files anyone edits.

    python tools/i18n.py extract   the messages of zgc_desk/ -> i18n/zgc_desk.pot (a generated template)
    python tools/i18n.py update    bring i18n/<lang>/LC_MESSAGES/zgc_desk.po in line with the code: new
                                   messages added untranslated, messages gone from the code removed
    python tools/i18n.py compile   .po -> .mo (only when the .po is newer than its .mo)
    python tools/i18n.py check     exit 1 listing what is wrong: a message of the code missing or
                                   untranslated, a fuzzy or obsolete entry, {placeholders} that differ
                                   between message and translation, a catalogue that does not compile
    python tools/i18n.py all       extract, update, compile, check (``python3 dev.py i18n``)

Run it with the Python of .venv (it needs babel): ``.venv/bin/python tools/i18n.py update``.

Adding a message: write it in the code through ``_()`` (or ``N_``, ``ngettext``, ``pgettext``,
``npgettext``, ``NP_`` — see ``zgc_desk/i18n.py``), run ``update``, fill its ``msgstr`` in the .po,
run ``check``. A word with two meanings gets a context (``pgettext("patent office", "Office")``),
and each context its own entry (``msgctxt``) in the .po. See docs/development.md, "Translations".
"""

from __future__ import annotations

import gettext
import io
import os
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "zgc_desk"
I18N = ROOT / "i18n"
POT = I18N / "zgc_desk.pot"
LANGUAGES = ["zh_CN"]  # English is the source language (the message ids)
DOMAIN = "zgc_desk"
PROJECT = "ZGC Desk"
WIDTH = 100

# The translation functions of zgc_desk/i18n.py, as babel's keyword specs: argument positions of the
# message (a tuple for singular and plural) and "c" for the context.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "NP_": ((1, "c"), 2),
}


def po_path(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def extracted() -> Catalog:
    """The messages of the code as it is now (no locations: they would change with every edit)."""
    catalog = Catalog(project=PROJECT, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def extract() -> Path:
    with open(POT, "wb") as fh:
        write_po(fh, extracted(), width=WIDTH, no_location=True, sort_output=True, omit_header=False)
    return POT


def read_catalogue(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as fh:
        return read_po(fh, locale=lang)


def write_catalogue(lang: str, catalog: Catalog) -> None:
    """Sorted, no locations and the header's dates left as they were, so that two branches adding
    different messages merge without conflicts."""
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, no_location=True, sort_output=True, omit_header=False,
             ignore_obsolete=True)
    partial = path.with_suffix(".po.part")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, path)


def update() -> dict[str, tuple[int, int]]:
    """Add the code's new messages (untranslated) and drop the ones the code no longer has.

    No fuzzy matching: a guessed translation of a changed message is worse than an empty one, which
    ``check`` reports. Returns lang -> (added, removed)."""
    template = extracted()
    wanted = {(m.id, m.context) for m in template if m.id}
    result = {}
    for lang in LANGUAGES:
        if po_path(lang).exists():
            catalog = read_catalogue(lang)
            creation, revision = catalog.creation_date, catalog.revision_date
        else:
            catalog = Catalog(locale=lang, project=PROJECT, fuzzy=False)
            creation = revision = template.creation_date
        before = {(m.id, m.context) for m in catalog if m.id}
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        catalog.creation_date, catalog.revision_date = creation, revision
        for message in catalog:
            message.locations = []
        write_catalogue(lang, catalog)
        result[lang] = (len(wanted - before), len(before - wanted))
    return result


def compile_catalogue(lang: str, force: bool = False) -> Path | None:
    """.po -> .mo with babel's writer (fuzzy entries left out); returns the .mo written, if any.

    Not ``pybabel compile``: it checks babel's %-format guess, and "100%, e.g. 50% or" reads to it as a
    "% o" placeholder. Our messages are str.format-ed; ``check`` verifies their {fields} instead."""
    po, mo = po_path(lang), mo_path(lang)
    if not po.exists() or (not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime):
        return None
    partial = mo.with_suffix(".mo.part")  # readers never see half a file
    with open(partial, "wb") as fh:
        write_mo(fh, read_catalogue(lang), use_fuzzy=False)
    os.replace(partial, mo)
    return mo


def compile_catalogues(force: bool = False) -> list[Path]:
    """Every language's .mo next to its .po (what ``dev.py`` runs before the program and the tests)."""
    return [mo for lang in LANGUAGES if (mo := compile_catalogue(lang, force)) is not None]


_FIELD = re.compile(r"\{([^{}!:]*)(?:[!:][^{}]*)?\}")


def placeholders(text) -> set[str]:
    """The str.format fields named in a message (every form of a plural message together)."""
    texts = text if isinstance(text, tuple | list) else (text,)
    return {name for t in texts for name in _FIELD.findall(t.replace("{{", "").replace("}}", ""))}


def _complete(string) -> bool:
    """A translation with every form filled (plural messages carry a tuple of forms)."""
    strings = string if isinstance(string, tuple | list) else (string,)
    return bool(strings) and all(s.strip() for s in strings)


def _shown(message_id, context) -> str:
    text = message_id[0] if isinstance(message_id, tuple | list) else message_id
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def problems(lang: str, code: Catalog | None = None) -> list[str]:
    """Everything that keeps the catalogue of ``lang`` from matching the code, one line each."""
    code = code if code is not None else extracted()
    catalog = read_catalogue(lang)
    found = []
    for message in code:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
        if entry is None:
            found.append(f"missing: {_shown(message.id, message.context)} ({where}); run `tools/i18n.py update`")
        elif isinstance(message.id, tuple) != isinstance(entry.id, tuple | list):
            found.append(f"singular/plural differs from the code: {_shown(message.id, message.context)}")
    for entry in catalog:
        if not entry.id:
            continue
        what = _shown(entry.id, entry.context)
        if code.get(entry.id, entry.context) is None:
            found.append(f"obsolete (not in the code): {what}")
        elif entry.fuzzy:
            found.append(f"fuzzy: {what}")
        elif not _complete(entry.string):
            found.append(f"untranslated: {what}")
        elif placeholders(entry.id) != placeholders(entry.string):
            found.append(f"placeholders differ: {what} -> {entry.string!r}")
    if catalog.obsolete:
        found.append(f"{len(catalog.obsolete)} obsolete (#~) entries; run `tools/i18n.py update`")
    try:
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        gettext.GNUTranslations(buffer)
    except Exception as error:  # noqa: BLE001 - any failure to compile is the finding
        found.append(f"does not compile: {error}")
    return found


def check() -> int:
    code = extracted()
    bad = [f"{lang}: {p}" for lang in LANGUAGES for p in problems(lang, code)]
    print("\n".join(bad) if bad else f"catalogues complete ({len([m for m in code if m.id])} messages)")
    return 1 if bad else 0


STEPS = ("extract", "update", "compile", "check", "all")


def main(argv: list[str]) -> int:
    step = argv[0] if argv else "all"
    if step in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if step not in STEPS:
        print(__doc__, file=sys.stderr)
        return 2
    if step in ("extract", "all"):
        print(f"template: {extract().relative_to(ROOT)}")
    if step in ("update", "all"):
        for lang, (added, removed) in update().items():
            print(f"{lang}: {added} messages added, {removed} removed")
    if step in ("compile", "all"):
        compile_catalogues(force=step == "compile" and "--force" in argv)
    if step in ("check", "all"):
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
