"""Helpers for the document tests: the demo firm, and the independent readers (LibreOffice,
poppler) the acceptance criteria name."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

AS_OF = dt.date(2026, 11, 25)  # the demo's anchor (tests/conftest.py)


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def pdf_text(path: Path) -> str:
    tool = need_tool("pdftotext")
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def pdf_fonts(path: Path) -> list[dict]:
    """pdffonts' table as dicts (name, type, emb)."""
    tool = need_tool("pdffonts")
    lines = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True,
                           timeout=60).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # columns from the right: object ID (2), uni, sub, emb
        fonts.append({"name": parts[0], "emb": parts[-5], "line": line})
    return fonts


def pdf_pages(path: Path) -> list[str]:
    """Page sizes as pdfinfo reports them, e.g. '841.89 x 595.276 pts (A4)'."""
    tool = need_tool("pdfinfo")
    out = subprocess.run([tool, "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Page") and "size" in line]


def render_png(path: Path, out_dir: Path, page: int = 1) -> Path:
    tool = need_tool("pdftoppm")
    prefix = out_dir / f"{path.stem}-page"
    subprocess.run([tool, "-r", "50", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(prefix)], check=True, timeout=60)
    return prefix.with_suffix(".png")


def libreoffice_csv(path: Path, out_dir: Path) -> str:
    """The first sheet as UTF-8 CSV, converted by LibreOffice headless (an independent reader)."""
    tool = need_tool("soffice")
    home = out_dir / "lo-home"
    home.mkdir(exist_ok=True)
    subprocess.run([tool, "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    "--outdir", str(out_dir), str(path)], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(home)})
    return (out_dir / f"{path.stem}.csv").read_text(encoding="utf-8")


@pytest.fixture
def code_a(demo_db):
    from zgc_desk.demo import CODE_A

    return CODE_A


def claim_round(code: str, policy: str) -> int:
    """The latest round up to the demo's year in which the firm has something to claim under
    ``policy`` (the demo places its items relative to its anchor; this keeps the tests honest
    about which round they fill without copying the demo's dates)."""
    from zgc_desk.services.subsidies import check

    for year in range(AS_OF.year, 2018, -1):
        result = check(AS_OF, year, firm=code, policies=[policy])
        if any(d.eligible for d in result.decisions):
            return year
    pytest.fail(f"the demo has nothing to claim under {policy} in any round")


def eligible(code: str, policy: str, year: int):
    from zgc_desk.services.subsidies import check

    return [d for d in check(AS_OF, year, firm=code, policies=[policy]).decisions if d.eligible]
