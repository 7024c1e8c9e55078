"""Tables for the PDFs: text cells become wrapping paragraphs, and column widths are fitted so that
numbers, dates and words are never cut in the middle (Chinese text wraps anywhere; a number split
over two lines would be misread).
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table, TableStyle

from zgc_desk.forms.fonts import markup, text_width, unbreakable_width
from zgc_desk.forms.pdf_page import TABLE_FONT, styles

PADDING = 3  # left and right cell padding, in points (half reportlab's default: wide forms need the room)
SHORT = 75  # points: a cell text up to this wide is kept on one line (e.g. "美国（US）")
WRAPPED_CHARS = 4  # a wrapping column keeps at least this many Chinese characters a line


def fit_widths(nominal: list[float], minimum: list[float], total: float) -> list[float]:
    """Widths summing to ``total``: proportional to ``nominal`` but never below ``minimum`` while
    the minimums fit; the columns with room to spare give it up first."""
    scale = total / sum(nominal)
    widths = [max(n * scale, m) for n, m in zip(nominal, minimum, strict=True)]
    excess = sum(widths) - total
    if excess > 0:
        slack = [w - m for w, m in zip(widths, minimum, strict=True)]
        room = sum(slack)
        if room >= excess:
            widths = [w - excess * s / room for w, s in zip(widths, slack, strict=True)]
        else:  # even the minimums do not fit: shrink everything alike
            widths = [w * total / sum(widths) for w in widths]
    return widths


def _needed(text: str) -> float:
    """The narrowest width a cell may get: all of a short text, else its longest unbreakable run
    (Chinese wraps anywhere, even inside a Latin run next to it, so short texts stay whole)."""
    size = styles()["cell"].fontSize
    whole = text_width(text, size, bold=True)
    if whole <= SHORT:
        return whole
    return max(unbreakable_width(text, size, bold=True), WRAPPED_CHARS * size)


def cell(text: object, style: str = "cell", bold: bool = False) -> Paragraph:
    return Paragraph(markup(text, bold), styles()[style])


def text_table(headers: list[str], rows: list[list], nominal: list[float], width: float, *,
               right: tuple[int, ...] = (), style: list | None = None, bold_rows: frozenset[int] = frozenset(),
               repeat_header: bool = True) -> Table:
    """A table of text cells (other cells, e.g. flowables, are kept as they are); rows whose index
    is in ``bold_rows`` (0 = first body row) are set bold, e.g. totals."""
    minimum = []
    for index, header in enumerate(headers):
        texts = [row[index] for row in rows if isinstance(row[index], str)]
        need = max([_needed(header)] + [_needed(t) for t in texts])
        minimum.append(need + 2 * PADDING + 1)
    data = [[cell(h, "cell_head", bold=True) for h in headers]]
    for number, row in enumerate(rows):
        bold = number in bold_rows
        data.append([cell(v, "cell_right" if i in right else "cell", bold) if isinstance(v, str) else v
                     for i, v in enumerate(row)])
    return Table(data, colWidths=fit_widths(nominal, minimum, width), repeatRows=1 if repeat_header else 0,
                 style=TableStyle([TABLE_FONT, ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), PADDING), *(style or [])]))
