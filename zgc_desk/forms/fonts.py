"""Fonts for the PDFs: both embedded TrueType, so a document prints identically on any machine.

The bundled Chinese font (Droid Sans Fallback, ``paths.cjk_font_path()``) has no Latin glyphs at
all — no digits, no ASCII letters, no ``¥`` — because on Android it backs up Droid Sans. Latin text
therefore goes to Bitstream Vera, the TrueType family that ships inside reportlab itself (so it is
always there, including in the frozen bundle as long as reportlab's data files are collected).
Text is split into runs by glyph coverage; each run is set in the first font that has its glyphs.
Never the built-in CID fonts (``STSong-Light``): they are not embedded (docs/development.md).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zgc_desk.paths import cjk_font_path

CJK = "ZGC-CJK"
LATIN = "ZGC-Latin"
LATIN_BOLD = "ZGC-Latin-Bold"

# Characters neither font has, replaced by a look-alike both can show (text stays searchable).
# U+3000 (the ideographic space) would be collapsed like any white space by reportlab's paragraphs;
# three no-break spaces keep about its width.
_SUBSTITUTES = {"\u3000": "\u00a0\u00a0\u00a0", "☐": "[ ]", "☑": "[x]", "✓": "√", "✔": "√", "□": "[ ]", "→": "->", "①": "(1)"}


def _vera(name: str) -> Path:
    return Path(reportlab.__file__).resolve().parent / "fonts" / name


@functools.cache
def register_fonts() -> None:
    """Register the fonts once per process (reportlab keeps a global registry)."""
    pdfmetrics.registerFont(TTFont(CJK, str(cjk_font_path())))
    pdfmetrics.registerFont(TTFont(LATIN, str(_vera("Vera.ttf"))))
    pdfmetrics.registerFont(TTFont(LATIN_BOLD, str(_vera("VeraBd.ttf"))))


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def font_for_char(char: str, bold: bool = False) -> str:
    """The font that shows ``char``: Latin first (digits look the same everywhere), then Chinese."""
    if ord(char) in _coverage(LATIN):
        return LATIN_BOLD if bold and ord(char) in _coverage(LATIN_BOLD) else LATIN
    return CJK


def clean(text: object) -> str:
    """Text with the few characters no font has replaced by look-alikes."""
    text = "" if text is None else str(text)
    return "".join(_SUBSTITUTES.get(char, char) for char in text)


def runs(text: object, bold: bool = False) -> list[tuple[str, str]]:
    """``[(font, text), ...]``: the text cut where the font that can show it changes."""
    out: list[tuple[str, str]] = []
    for char in clean(text):
        font = font_for_char(char, bold)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text: object, bold: bool = False) -> str:
    """Paragraph markup for plain text: escaped, each run in its font; newlines become breaks."""
    lines = clean(text).split("\n")
    return "<br/>".join("".join(f'<font name="{font}">{escape(part)}</font>' for font, part in runs(line, bold))
                        for line in lines)


def text_width(text: object, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(part, font, size) for font, part in runs(text, bold))


def draw_text(canvas, x: float, y: float, text: object, size: float, align: str = "left",
              bold: bool = False) -> None:
    """Draw one line of mixed text on a canvas; ``align`` is left, centre or right of ``x``."""
    width = text_width(text, size, bold)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    for font, part in runs(text, bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, font, size)


_CJK_OR_SPACE = re.compile(r"[\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")


def unbreakable_width(text: object, size: float, bold: bool = False) -> float:
    """Width of the longest run without a space or a Chinese character: a number, a date, a
    word — what must not be cut when a table column is narrowed."""
    return max((text_width(token, size, bold) for token in _CJK_OR_SPACE.split(clean(text)) if token), default=0.0)
