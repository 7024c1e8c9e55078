#!/usr/bin/env python3
"""Set up and run ZGC Desk from a source checkout, with nothing but Python 3.11 to start from.

    python3 dev.py run     set up, then open the window (on a demo database when none exists)
    python3 dev.py test    set up, then ruff, the wheel check and the whole test suite
    python3 dev.py wheel   set up, then only the wheel check (tools/check_wheel.py)
    python3 dev.py bundle  set up, then build the PyInstaller bundle and smoke-test it
    python3 dev.py i18n    extract messages, update, compile and check the catalogues (tools/i18n.py)

Setting up means: the system packages a fresh Debian 12 lacks (installed with apt-get when this runs
as root or with sudo; skipped elsewhere, e.g. on Windows), a virtual environment in .venv and the
package installed into it (editable). Each step is skipped when already done, so reruns are quick.
The wheel check builds the package as a user gets it and runs it from a new environment outside the
checkout, so a file missing from the wheel fails the tests.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Qt's libraries on a minimal Debian (GL, fonts, keyboard); poppler and LibreOffice read back the
# PDFs and workbooks in tests; the xcb libraries are what a real window needs (docs/development.md).
QT_RUNTIME = ["libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libglib2.0-0", "libdbus-1-3"]
WINDOW = ["libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxcb-image0", "libxcb-render-util0",
          "libxcb-shape0", "libxcb-xinerama0", "libxcb-randr0", "libxkbcommon-x11-0"]
TEST_TOOLS = ["poppler-utils", "libreoffice-calc-nogui", "xvfb", "xauth",
              "postgresql"]  # the PostgreSQL tier's throw-away cluster (tests/pg_cluster.py); skipped without


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def sh(*cmd, check=True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], check=check, **kwargs)


def apt_install(packages: list[str]) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("apt-get") or not shutil.which("dpkg"):
        return
    missing = [p for p in packages
               if sh("dpkg", "-s", p, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode]
    if not missing:
        return
    prefix = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if prefix is None:
        say(f"please install these system packages: {' '.join(missing)}")
        return
    say(f"installing system packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh(*prefix, "apt-get", "update", "-q", env=env, stdout=subprocess.DEVNULL)
    sh(*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *missing, env=env)


def ensure_venv(extras: str) -> None:
    if not PYTHON.exists():
        say("creating .venv")
        if sh(sys.executable, "-m", "venv", VENV, check=False).returncode:
            apt_install(["python3-venv"])  # Debian splits venv/ensurepip out of python3
            shutil.rmtree(VENV, ignore_errors=True)
            sh(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    what = "Qt (PySide6), openpyxl, reportlab, babel, peewee" + (f" and the {extras} tools" if extras else "")
    say(f"installing zgc-desk (editable) with {what} into .venv: ~400 MB, 1-3 minutes the first time")
    started = time.monotonic()
    sh(PYTHON, "-m", "pip", "install", "-q", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    sh(PYTHON, "-m", "pip", "install", "-q", "-e", target, cwd=ROOT)
    stamp.write_text(digest)
    say(f"installed in {time.monotonic() - started:.0f} s")


def compile_catalogues() -> None:
    if (ROOT / "tools" / "i18n.py").exists():
        sh(PYTHON, ROOT / "tools" / "i18n.py", "compile", cwd=ROOT)


def cmd_run(args: list[str]) -> int:
    apt_install(QT_RUNTIME + WINDOW)
    ensure_venv("")
    compile_catalogues()
    return sh(PYTHON, "-m", "zgc_desk", *args, check=False, cwd=ROOT).returncode


def cmd_test(args: list[str]) -> int:
    apt_install(QT_RUNTIME + WINDOW + TEST_TOOLS)
    ensure_venv("test")
    compile_catalogues()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    lint = sh(PYTHON, "-m", "ruff", "check", "zgc_desk", "tests", "benchmarks", "tools", "dev.py",
              check=False, cwd=ROOT).returncode
    wheel = sh(PYTHON, ROOT / "tools" / "check_wheel.py", check=False, cwd=ROOT, env=env).returncode
    tests = sh(PYTHON, "-m", "pytest", *args, check=False, cwd=ROOT, env=env).returncode  # its summary last
    return tests or lint or wheel


def cmd_wheel(args: list[str]) -> int:
    apt_install(QT_RUNTIME)
    ensure_venv("test")
    return sh(PYTHON, ROOT / "tools" / "check_wheel.py", *args, check=False, cwd=ROOT).returncode


def cmd_bundle(args: list[str]) -> int:
    apt_install(QT_RUNTIME + WINDOW)
    ensure_venv("test,bundle")
    compile_catalogues()
    return sh(PYTHON, ROOT / "tools" / "build_bundle.py", *args, check=False, cwd=ROOT).returncode


def cmd_i18n(args: list[str]) -> int:
    ensure_venv("test")
    return sh(PYTHON, ROOT / "tools" / "i18n.py", *(args or ["all"]), check=False, cwd=ROOT).returncode


COMMANDS = {"run": cmd_run, "test": cmd_test, "wheel": cmd_wheel, "bundle": cmd_bundle, "i18n": cmd_i18n}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        print("ZGC Desk needs Python 3.11 or newer", file=sys.stderr)
        return 2
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
