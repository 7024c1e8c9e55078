"""Reading a workbook someone sent: refuse what is not an .xlsx with a plain message, then stream
each sheet's cell values row by row.

openpyxl does the XML work. We drive its reader and sheet parser directly rather than through
``load_workbook(read_only=True).iter_rows`` because we need what ``iter_rows`` hides: a formula cell
never calculated (``iter_rows`` gives ``None``, as for an empty cell), Excel error values (``#N/A``)
and the merged ranges (read after the rows). Driving them directly also avoids two costs of the
read-only worksheet: parsing a whole sheet once more at opening just to find its size when the file
(as openpyxl's own streaming writer makes them) has no ``<dimension>``, and padding rows up to a
stated dimension of 1,048,576 rows. Inline strings are read without building openpyxl's rich-text
objects. This relies on openpyxl 3.1's reader classes (the version is pinned below 4).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from zgc_desk.errors import UserError
from zgc_desk.i18n import _

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office writes a password-protected .xlsx as an OLE file holding these streams (MS-OFFCRYPTO).
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


# A date-formatted cell holding an impossible serial number: openpyxl warns and gives "#VALUE!",
# which is reported as a cell problem; the warning itself would only clutter the console.
warnings.filterwarnings("ignore", message="Cell .* is marked as a date", category=UserWarning)


class CellProblem:
    """A cell whose content is not a value: a formula never calculated, or an Excel error."""

    def __init__(self, shown: str, message: str):
        self.shown = shown
        self.message = message

    def __str__(self) -> str:
        return self.shown


_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


class _ValueParser(WorkSheetParser):
    """openpyxl's parser (cached values of formulas), marking formulas without a value and errors."""

    def parse_cell(self, element):
        if element.get("t") == "inlineStr":
            return self._inline_string(element)
        cell = super().parse_cell(element)
        if cell["value"] is None:
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                text = "=" + (formula.text or "")
                cell["value"] = CellProblem(text, _("a formula without a computed value; enter the value itself, "
                                                    "or open and save the file in Excel first"))
        elif cell["data_type"] == "e":
            cell["value"] = CellProblem(str(cell["value"]), _("an Excel error value, not data"))
        return cell

    def _inline_string(self, element) -> dict:
        """The plain text of an inline string: its ``<t>`` and its rich-text runs' (not phonetic runs)."""
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        value = None
        child = element.find(INLINE_STRING)
        if child is not None:
            if len(child) == 1 and child[0].tag == _TEXT_TAG:  # plain text, by far the most common
                value = child[0].text or ""
            else:
                value = (child.findtext(_TEXT_TAG) or "") + "".join(run.findtext(_TEXT_TAG) or ""
                                                                     for run in child.iterfind(_RUN_TAG))
        return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": 0}


@dataclass
class SheetStream:
    """The rows of one sheet as ``(excel_row, values)``; ``values[i]`` is column ``i + 1``."""

    title: str
    size_hint: int | None  # rows stated by the sheet's dimension (may be wrong or missing)
    _file: WorkbookFile
    _part: str  # the sheet's XML file inside the archive
    merged: list[str] = field(default_factory=list)  # known once the rows are read

    def rows(self) -> Iterator[tuple[int, list]]:
        book = self._file.book
        with self._file.archive.open(self._part) as source:
            parser = _ValueParser(source, self._file.shared_strings, data_only=True, epoch=book.epoch,
                                  date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            rows = parser.parse()
            while True:
                try:
                    item = next(rows)
                except StopIteration:
                    break
                except Exception as exc:  # a damaged sheet: zlib, zip CRC or XML errors alike
                    raise UserError(_("The sheet {sheet} cannot be read ({problem}); the file may be damaged")
                                    .format(sheet=self.title, problem=_problem(exc))) from None
                index, cells = item
                if cells:
                    yield index, _values(cells)
            merged = getattr(parser, "merged_cells", None)
            self.merged = [str(m.ref if hasattr(m, "ref") else m) for m in getattr(merged, "mergeCell", [])]


def _values(cells: list[dict]) -> list:
    width = cells[-1]["column"]
    values = [None] * width
    for cell in cells:
        values[cell["column"] - 1] = cell["value"]
    return values


def _problem(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def check_file(path: Path) -> None:
    """Refuse, in plain words, a file that is not an .xlsx workbook (before openpyxl sees it)."""
    if not path.exists():
        raise UserError(_("The file {path} does not exist").format(path=path))
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a workbook").format(path=path))
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        data = path.read_bytes()
        if any(marker in data for marker in _ENCRYPTED_MARKERS):
            raise UserError(_("{path} is protected by a password; open it in Excel, remove the password "
                              "(File → Info → Protect Workbook) and save it as .xlsx").format(path=path))
        raise UserError(_("{path} is an old Excel 97-2003 (.xls) file; open it in Excel or WPS and save it "
                          "as an Excel workbook (.xlsx)").format(path=path))
    if head[:4] != _ZIP_MAGIC:
        raise UserError(_("{path} is not an Excel workbook (.xlsx); if it is a CSV or another format, "
                          "open it in Excel or WPS and save it as .xlsx").format(path=path))


class WorkbookFile:
    """An .xlsx opened for reading values (cached results of formulas); use as a context manager."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        check_file(self.path)
        # A file object: openpyxl would refuse a name not ending in .xlsx even when the content is one.
        self._handle = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
                reader = ExcelReader(self._handle, read_only=True, data_only=True, keep_links=False)
                reader.read_manifest()
                reader.read_strings()
                reader.read_workbook()
                apply_stylesheet(reader.archive, reader.wb)  # which number formats are dates
                self._parts = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                               if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
        except Exception as exc:  # zip, XML, KeyError...: the ways a damaged or foreign file fails
            self._handle.close()
            raise UserError(_("{path} cannot be read as an Excel workbook ({problem}); save it again from "
                              "Excel or WPS as .xlsx").format(path=self.path, problem=_problem(exc))) from None
        self.archive = reader.archive
        self.book = reader.wb
        self.shared_strings = reader.shared_strings

    def sheets(self) -> list[SheetStream]:
        return [SheetStream(title, self._size_hint(part), self, part) for title, part in self._parts]

    def _size_hint(self, part: str) -> int | None:
        try:
            with self.archive.open(part) as source:
                match = _DIMENSION.search(source.read(4096))
        except Exception:  # only a hint for the progress bar; reading the rows reports damage
            return None
        return int(match.group(1)) if match else None

    def close(self) -> None:
        self.archive.close()
        self._handle.close()

    def __enter__(self) -> WorkbookFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
