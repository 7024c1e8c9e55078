"""Text into Excel cells safely, for every workbook the program writes.

openpyxl stores any string that starts with ``=`` as a formula, and Excel also evaluates text
starting with ``+``, ``-`` or ``@`` when a cell is edited: a title from the database must never
become a formula. And an .xlsx cannot hold most control characters (openpyxl refuses them).
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Full-width forms too: an IME types ＝ and spreadsheets may take it for =. Leading spaces, tabs and
# line breaks are skipped first, as a spreadsheet does when the cell is edited.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")


def safe_text(text: str) -> str:
    """Text without the control characters an .xlsx cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def keep_as_text(cell) -> None:
    """Make a cell holding a string plain text: never a formula, even once edited in Excel."""
    if isinstance(cell.value, str):
        cell.value = safe_text(cell.value)
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True


def looks_like_formula(text: str) -> bool:
    return text.lstrip(" \t\r\n\u3000").startswith(FORMULA_STARTS)
