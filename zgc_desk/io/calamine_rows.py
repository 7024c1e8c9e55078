"""The fast way to read a sheet's values: python-calamine (Rust) reads a 100,000-row sheet about six
times faster than openpyxl's parser — used only where it gives exactly the cells openpyxl gives.

calamine cannot tell what the import must report: a formula never calculated (calamine gives an
empty cell) and Excel's error values. A date-formatted number outside Excel's date range also comes
out differently (calamine: the bare number or a time of day; openpyxl: ``#VALUE!`` or a date in
1899). So a sheet is read here only when its XML holds no formula and no error cell, and the rows
stop being taken from here at the first value that could be such a number: the caller then goes on
with openpyxl from the next row (see :meth:`workbook_reader.SheetStream.rows`).

calamine also holds a whole sheet in memory, as a rectangle from its first to its last cell. A
hostile file can name a far corner (``XFD1048576``) with a few bytes, so the rectangle is bounded
before calamine sees the sheet; a sheet beyond the bound, and every sheet of a file calamine cannot
open, is left to openpyxl, which streams.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator

from openpyxl.utils import get_column_letter

# The sheet's XML is searched whole: only a part this size or smaller (about 300,000 rows of the
# import layout) is read with calamine; a bigger one is streamed by openpyxl in flat memory.
PART_BYTES_MAX = 200_000_000
# Cells calamine may hold for one sheet (its rectangle, 32 bytes each: 256 MB).
MAX_CELLS = 8_000_000
_FORMULA_STARTS = (b"<f", b":f")  # <f> or a prefixed <x:f>; <formula1> of a data validation is not one
_AFTER_NAME = frozenset(b" \t\r\n>/")
# An attribute written with white space before its "=": the patterns below would not see it.
_SPACED_EQUALS = (b' ="', b'\t="', b'\n="', b'\r="')
_ROW_6_DIGITS = re.compile(rb'r="[A-Z]{0,3}(\d{6,9})"')  # the r= of a row or a cell from row 100,000
_COLUMN_AA = re.compile(rb'r="[A-Z]{2,3}\d')  # a cell in column AA or beyond
_COLUMN_BA = re.compile(rb'r="(?:[A-Z]{3}|[B-Z][A-Z])\d')  # in column BA (53) or beyond
# A number this large is not a date Excel can show; as a date-formatted cell openpyxl
# reports it as an error and calamine gives the bare number, so from there on openpyxl reads.
_DATE_SERIAL_MAX = 2_958_465  # 9999-12-31


class NotSame(Exception):
    """calamine would not give openpyxl's cells for this sheet (or from this row on)."""


def plain_sheet(archive: zipfile.ZipFile, part: str) -> bool:
    """True when the sheet's XML holds no formula and no error cell, is written the usual way (every
    attribute as name="value"), and its cells fit in a rectangle of at most MAX_CELLS."""
    if archive.getinfo(part).file_size > PART_BYTES_MAX:
        return False
    with archive.open(part) as source:
        data = source.read(PART_BYTES_MAX + 1)
    if len(data) > PART_BYTES_MAX:  # the directory understated the size
        return False
    # Every "=" followed by a double quote: no single-quoted attribute, no space after "=" (an "="
    # in a cell's text also sends the sheet to openpyxl, which costs time, not correctness).
    if data.count(b"=") != data.count(b'="') or any(spaced in data for spaced in _SPACED_EQUALS):
        return False
    if b"<!" in data or b"&#" in data:  # a DTD (entities) or a character reference: openpyxl's XML parser
        return False  # refuses what is not allowed in XML (control characters), calamine may not
    if b't="e"' in data or b't="d"' in data:  # an error cell (calamine: empty), an ISO date cell (its
        return False  # text is not checked by calamine as openpyxl checks it)
    if _has_formula(data):
        return False  # a formula's cached value is the same, one never calculated is not
    if _COLUMN_BA.search(data):
        return False
    width = 52 if _COLUMN_AA.search(data) else 26
    rows = _ROW_6_DIGITS.findall(data)  # a stray far cell must be found wherever it is
    height = max(map(int, rows)) if rows else 100_000
    return height * width <= MAX_CELLS


def _has_formula(data: bytes) -> bool:
    """Whether an <f> element is there: bytes.find (C speed) and a look at the byte after each hit,
    rather than a regular expression over tens of megabytes."""
    for start in _FORMULA_STARTS:
        at = data.find(start)
        while at != -1:
            if at + 2 < len(data) and data[at + 2] in _AFTER_NAME:
                return True
            at = data.find(start, at + 2)
    return False


def _letters(column: int) -> str:
    return get_column_letter(column + 1)


def merged_refs(sheet) -> list[str]:
    """calamine's merged ranges as openpyxl writes them ("A8:B8")."""
    return [f"{_letters(c0)}{r0 + 1}:{_letters(c1)}{r1 + 1}"
            for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]


def _value(value):
    """A calamine value as openpyxl gives it: no empty strings, whole numbers as int, dates as
    datetimes. Raises NotSame for what only openpyxl reads right."""
    if value == "":
        return None
    kind = type(value)
    if kind is float:
        if abs(value) > _DATE_SERIAL_MAX:  # maybe a date-formatted cell out of range
            raise NotSame
        return int(value) if value.is_integer() else value
    if kind is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    if kind is dt.time:  # a negative date serial comes out as a time of day
        raise NotSame
    return value


def sheet_rows(sheet) -> Iterator[tuple[int, list]]:
    """``(excel_row, values)`` for each row holding a value, as the openpyxl path yields them.
    Raises NotSame (before yielding that row) where openpyxl must take over."""
    first_row, first_column = sheet.start or (0, 0)
    pad = [None] * first_column
    for offset, raw in enumerate(sheet.iter_rows()):
        # most cells are text or empty: those without a call (the inner loop of reading a workbook)
        values = [None if v == "" else v if v.__class__ is str else _value(v) for v in raw]
        while values and values[-1] is None:
            values.pop()
        if values:
            yield first_row + offset + 1, pad + values if pad else values
