"""The one build step pyproject.toml cannot say: the program's files that live outside the package.

The sources stay where people edit them — ``resources/`` (the Chinese font, the icons) and the
translation catalogues ``i18n/<lang>/LC_MESSAGES/zgc_desk.po`` — and a wheel gets them inside the
package, as ``zgc_desk/_data/resources/`` and ``zgc_desk/_data/i18n/<lang>/LC_MESSAGES/zgc_desk.mo``
(compiled here with babel), where ``zgc_desk.paths`` looks first. An editable install reads the
checkout itself, so there only the catalogues are compiled, beside their ``.po``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = Path("zgc_desk", "_data")  # inside the built package; zgc_desk/paths.py reads it


def compile_catalogue(po: Path, mo: Path) -> None:
    """.po -> .mo with babel's writer, fuzzy entries left out (as tools/i18n.py compile does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name)
    mo.parent.mkdir(parents=True, exist_ok=True)
    partial = mo.with_suffix(".mo.part")
    with open(partial, "wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    os.replace(partial, mo)


def catalogues() -> list[Path]:
    return sorted((ROOT / "i18n").glob("*/LC_MESSAGES/zgc_desk.po"))


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            for po in catalogues():
                compile_catalogue(po, po.with_suffix(".mo"))
            return
        target = Path(self.build_lib) / DATA
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "resources", target / "resources")  # with the font's licence and README
        for po in catalogues():
            compile_catalogue(po, target / po.relative_to(ROOT).with_suffix(".mo"))


setup(cmdclass={"build_py": BuildPyWithData})
