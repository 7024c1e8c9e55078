"""An application (申报表) as a PDF ready to print, sign and stamp — the same content as the workbook,
laid out by the field map: firm block, item table (header repeated on every page), totals, the
declaration with signature, stamp and date boxes, and the attachments checklist.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from zgc_desk.forms.application import Application, cn_money
from zgc_desk.forms.fonts import markup
from zgc_desk.forms.pdf_page import TABLE_FONT, PageDecor, build_pdf, frame_width, styles
from zgc_desk.forms.pdf_tables import cell, text_table

GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E4E9F0")
INPUT_BG = colors.HexColor("#FFF6D5")
UNVERIFIED_BG = colors.HexColor("#FCE4D6")
TOTALS_BG = colors.HexColor("#F4F6F9")


class CheckBox(Flowable):
    """An empty square to tick by hand (the fonts have no ☐ glyph)."""

    def __init__(self, size: float = 4 * mm):
        super().__init__()
        self.size = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


def _format(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return cn_money(value)
    if kind == "date":
        return value.isoformat()
    return str(value)


def write_pdf(app: Application, path: Path) -> Path:
    """Write the application PDF to ``path`` (crash-safe)."""
    form = app.form
    width = frame_width(form.landscape)
    s = styles()
    story = [
        cell(form.title, "title"),
        cell(app.subtitle, "subtitle"),
        cell(form.text("basis", basis=app.basis), "small"),
        cell(form.text("heading_firm"), "heading"),
        _firm_table(app, width),
        cell(form.text("heading_items"), "heading"),
        _items_table(app, width),
    ]
    if not app.verified:
        story += [Spacer(1, 2 * mm), Paragraph(markup(form.text("unverified_note")), s["warning"])]
    story += [CondPageBreak(70 * mm), cell(form.text("heading_declaration"), "heading"),
              _declaration(app, width)]
    story += [CondPageBreak(40 * mm), cell(form.text("heading_attachments"), "heading"), _attachments_table(app, width)]
    decor = PageDecor(header_left=app.firm_name, header_right=form.title, page_label=form.text("page_label"),
                      footer_left=f"{app.firm_code}")
    return build_pdf(path, story, decor, wide=form.landscape, title=form.title, author=app.firm_name,
                     subject=app.policy_title)


def _firm_table(app: Application, width: float) -> Table:
    lines = app.firm_lines
    cells, inputs = [], []
    for i in range(0, len(lines), 2):
        row = []
        for j, line in enumerate(lines[i:i + 2]):
            row += [cell(line.label, bold=True), cell(line.value)]
            if line.input:
                inputs.append((2 * j + 1, i // 2))
        cells.append(row + [""] * (4 - len(row)))
    table = Table(cells, colWidths=[width * f for f in (0.15, 0.35, 0.15, 0.35)])
    style = [TABLE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (0, -1), HEAD_BG), ("BACKGROUND", (2, 0), (2, -1), HEAD_BG),
             ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    style += [("BACKGROUND", pos, pos, INPUT_BG) for pos in inputs]
    if len(lines) % 2:  # an odd last line spans the row
        style.append(("SPAN", (1, -1), (3, -1)))
    table.setStyle(TableStyle(style))
    return table


def _items_table(app: Application, width: float) -> Table:
    form = app.form
    columns = form.columns
    last = len(columns) - 1
    rows: list[list] = []
    style = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if app.statement:
        rows.append([cell(app.statement, "cell_head", bold=True)] + [""] * last)
        style += [("SPAN", (0, 1), (-1, 1)), ("TOPPADDING", (0, 1), (-1, 1), 8), ("BOTTOMPADDING", (0, 1), (-1, 1), 8)]
    for item in app.rows:
        rows.append([_format(v, c.type) for v, c in zip(item.cells, columns, strict=True)])
        if not item.verified:
            r = len(rows)
            style += [("BACKGROUND", (i, r), (i, r), UNVERIFIED_BG) for i, c in enumerate(columns)
                      if c.type == "money" or c.source == "row.note"]
    first_total = len(rows)
    rows += _totals_rows(app, style, first_total + 1)
    right = tuple(i for i, c in enumerate(columns) if c.type in ("money", "int"))
    return text_table([c.header for c in columns], rows, [c.width for c in columns], width, right=right,
                      style=style, bold_rows=frozenset({first_total, first_total + 1}))


def _totals_rows(app: Application, style: list, r: int) -> list[list]:
    """The sums line and the claimed-total line; ``r`` is the table row of the first one."""
    form = app.form
    last = len(form.columns) - 1
    first_total = min(app.column_totals, default=app.amount_column)
    sums = [cell(form.text("total_nominal"), "cell_head", bold=True)] + [""] * last
    for i, value in app.column_totals.items():
        sums[i] = cn_money(value)
    if first_total > 0:
        style.append(("SPAN", (0, r), (first_total - 1, r)))
    amount = app.amount_column
    claimed = [cell(form.text("total_claimed"), "cell_head", bold=True)] + [""] * last
    claimed[amount] = cn_money(app.total_claimed)
    if amount > 0:
        style.append(("SPAN", (0, r + 1), (amount - 1, r + 1)))
    if amount < last and not app.verified:
        claimed[amount + 1] = cell(form.text("unverified_mark"))
        style.append(("BACKGROUND", (amount, r + 1), (amount, r + 1), UNVERIFIED_BG))
    if amount + 1 < last:
        style.append(("SPAN", (amount + 1, r + 1), (last, r + 1)))
    style.append(("BACKGROUND", (0, r), (-1, r + 1), TOTALS_BG))
    return [sums, claimed]


def _declaration(app: Application, width: float) -> KeepTogether:
    form = app.form
    text = Table([[cell(form.declaration, "body")]], colWidths=[width],
                 style=TableStyle([TABLE_FONT, ("BOX", (0, 0), (-1, -1), 0.5, GRID), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
    n = len(form.signatures)
    boxes = Table([[cell(label, "body") for label in form.signatures]], colWidths=[width / n] * n,
                  rowHeights=[30 * mm],
                  style=TableStyle([TABLE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return KeepTogether([text, boxes])


def _attachments_table(app: Application, width: float) -> Table:
    form = app.form
    fractions = (0.07, 0.30, 0.50, 0.13)
    data = [[cell(h, "cell_head", bold=True) for h in form.texts["attachment_headers"]]]
    for number, (item, document) in enumerate(app.attachments, start=1):
        data.append([cell(str(number), "cell_head"), cell(item), cell(document), CheckBox()])
    return Table(data, colWidths=[width * f for f in fractions], repeatRows=1, style=TableStyle([
        TABLE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (3, 1), (3, -1), "CENTER")]))
