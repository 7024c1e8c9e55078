"""The core never imports Qt: every module outside zgc_desk.ui is imported in a fresh interpreter
and PySide6 must not be loaded afterwards (docs/development.md, practice 1)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import zgc_desk


def core_modules() -> list[str]:
    """Every module outside zgc_desk.ui (``__main__`` is the ``python -m`` entry point: it runs the
    program when imported; what it imports, ``zgc_desk.cli``, is checked)."""
    names = [info.name for info in pkgutil.walk_packages(zgc_desk.__path__, "zgc_desk.")]
    return sorted(name for name in names if not name.startswith("zgc_desk.ui") and name != "zgc_desk.__main__")


def test_there_are_core_modules_to_check():
    modules = core_modules()
    assert "zgc_desk.services.records" in modules
    assert "zgc_desk.columns" in modules
    assert not [m for m in modules if m.startswith("zgc_desk.ui")]


def test_no_core_module_loads_pyside6():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(' '.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt loaded by the core: {result.stdout}"


def test_the_check_would_notice_qt():
    result = subprocess.run([sys.executable, "-c", "import zgc_desk.ui.tasks, sys; print('PySide6' in sys.modules)"],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "True"
