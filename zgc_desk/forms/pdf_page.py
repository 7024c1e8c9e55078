"""The page frame every PDF shares: A4 (portrait or landscape), a header with the firm's name and
the document's title, a footer with "page n of N", embedded fonts only, written crash-safely.

"Page n of N" needs the page count before the first page is finished, so the canvas keeps each
page's state and draws the header and footer when the document is saved.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from zgc_desk.forms.atomic import atomic_output
from zgc_desk.forms.fonts import CJK, LATIN, draw_text, register_fonts

MARGIN = 15 * mm
HEADER_GAP = 9 * mm  # between the header line and the frame
RULE_COLOUR = colors.HexColor("#7f8c8d")


@dataclass(frozen=True)
class PageDecor:
    """What the header and footer say. ``page_label`` formats ``{page}`` and ``{pages}``."""

    header_left: str  # the firm's name
    header_right: str  # the document's title
    page_label: str  # e.g. "第 {page} 页 共 {pages} 页"
    footer_left: str = ""  # e.g. the date the document was made


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles; Chinese wraps anywhere (``wordWrap="CJK"``), fonts come from the markup."""
    register_fonts()
    base = ParagraphStyle("body", fontName=CJK, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=8.5, leading=11, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontSize=8.5, leading=11, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=24, alignment=TA_CENTER,
                                spaceAfter=4 * mm),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9.5, leading=13, alignment=TA_CENTER,
                                   spaceAfter=4 * mm, textColor=colors.HexColor("#333333")),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=18, spaceBefore=5 * mm,
                                  spaceAfter=2 * mm, textColor=colors.HexColor("#1f3a5f")),
        "warning": ParagraphStyle("warning", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#9c2f00")),
    }


# Plain-string table cells would be set in reportlab's default Helvetica, which is not embedded.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), LATIN)


class _DecoratedCanvas(Canvas):
    """Keeps every page until ``save`` so that the footer can say how many pages there are."""

    def __init__(self, *args, decor: PageDecor, **kwargs):
        kwargs["initialFontName"] = LATIN  # otherwise an unembedded Helvetica is referenced
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            _draw_decor(self, self._decor, self.getPageNumber(), total)
            super().showPage()
        super().save()


def _draw_decor(canvas: Canvas, decor: PageDecor, page: int, pages: int) -> None:
    width, height = canvas._pagesize
    top = height - MARGIN + 2 * mm
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#333333"))
    draw_text(canvas, MARGIN, top, decor.header_left, 9)
    draw_text(canvas, width - MARGIN, top, decor.header_right, 9, align="right")
    canvas.setStrokeColor(RULE_COLOUR)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
    bottom = MARGIN - 7 * mm
    draw_text(canvas, width / 2, bottom, decor.page_label.format(page=page, pages=pages), 8.5, align="centre")
    if decor.footer_left:
        draw_text(canvas, MARGIN, bottom, decor.footer_left, 8)
    canvas.restoreState()


def page_size(wide: bool) -> tuple[float, float]:
    return landscape(A4) if wide else A4


def frame_width(wide: bool) -> float:
    return page_size(wide)[0] - 2 * MARGIN


def build_pdf(path: Path, story: list, decor: PageDecor, *, wide: bool = False, title: str = "",
              author: str = "", subject: str = "") -> Path:
    """Lay out ``story`` on decorated A4 pages and write it to ``path`` crash-safely."""
    register_fonts()
    size = page_size(wide)
    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                              topMargin=MARGIN + HEADER_GAP, bottomMargin=MARGIN,
                              title=title, author=author, subject=subject, creator="ZGC Desk")
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=functools.partial(_DecoratedCanvas, decor=decor))
    return Path(path)
