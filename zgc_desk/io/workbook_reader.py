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
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, XMLPullParser

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from python_calamine import CalamineWorkbook

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.io import calamine_rows

_ZIP_MAGIC = b"PK\x03\x04"
EXCEL_MAX_ROW = 1_048_576
EXCEL_MAX_COLUMN = 16_384  # XFD
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
_WORKSHEET_TAG = f"{{{SHEET_MAIN_NS}}}worksheet"
_HEAD_BYTES = 65_536  # enough for any root element with its namespace declarations
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
    read_by: str = ""  # "calamine" or "openpyxl" (the last reader used), for tests and benchmarks

    def _values(self, index: int, cells: list[dict]) -> list:
        """The row's values by column (cells may come in any order); Excel's limits enforced, so a
        reference beyond XFD or row 1,048,576 is a plain error rather than a huge allocation."""
        width = max(cell["column"] for cell in cells)
        if width > EXCEL_MAX_COLUMN or index > EXCEL_MAX_ROW or index < 1 or \
                min(cell["column"] for cell in cells) < 1:
            raise UserError(_("The sheet {sheet} has a cell beyond Excel's limits (row {row}, column {column}); "
                              "the file is damaged or was not written by a spreadsheet program")
                            .format(sheet=self.title, row=index, column=width))
        values = [None] * width
        for cell in cells:
            values[cell["column"] - 1] = cell["value"]
        while values and values[-1] is None:  # an empty cell written only for its style ends no row
            values.pop()
        return values

    def rows(self) -> Iterator[tuple[int, list]]:
        """calamine's rows where they are the same as openpyxl's (much faster), else openpyxl's; from
        the first row calamine cannot give right, openpyxl's (the rows before it are the same)."""
        last = 0
        sheet = self._file.calamine_sheet(self.title, self._part)
        if sheet is not None:
            self.read_by = "calamine"
            try:
                for index, values in calamine_rows.sheet_rows(sheet):
                    if last == 0 and index != 1:
                        raise calamine_rows.NotSame  # no header row: leave the message to openpyxl's reading
                    last = index
                    yield index, values
                self.merged = calamine_rows.merged_refs(sheet)
                return
            except calamine_rows.NotSame:
                pass
        self.read_by = "openpyxl"
        for index, values in self._openpyxl_rows():
            if index > last:
                yield index, values

    def _openpyxl_rows(self) -> Iterator[tuple[int, list]]:
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
                    yield index, self._values(index, cells)
            merged = getattr(parser, "merged_cells", None)
            self.merged = [str(m.ref if hasattr(m, "ref") else m) for m in getattr(merged, "mergeCell", [])]


def _problem(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


# What a workbook may hold before a single cell is parsed (checked on the zip's directory). Generous
# for 1,000,000 real rows (openpyxl writes ~720 bytes of sheet XML per 12-column row, compressed ~11
# times), refused beyond: a decompression bomb declares millions of empty rows or gigabytes of
# strings in a few hundred kilobytes.
ARCHIVE_MEMBERS_MAX = 5_000
PART_BYTES_MAX = 4_000_000_000  # one part uncompressed
TOTAL_BYTES_MAX = 8_000_000_000  # all parts uncompressed
SHARED_STRINGS_BYTES_MAX = 400_000_000  # read whole into memory by openpyxl
RATIO_MAX = 200  # compression ratio refused for a part bigger than RATIO_CHECKED_ABOVE
RATIO_CHECKED_ABOVE = 50_000_000


def inspect_archive(handle, path: Path) -> None:
    """Refuse, before parsing, an archive whose parts would cost more than any real workbook."""
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    # NotImplementedError: a damaged header asking for a zip version or compression zipfile lacks
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise UserError(_("{path} cannot be read as an Excel workbook ({problem}); save it again from "
                          "Excel or WPS as .xlsx").format(path=path, problem=_problem(exc))) from None
    finally:
        handle.seek(0)

    def refuse(reason: str):
        raise UserError(_("{path} is refused: {reason}. A real workbook of a million rows stays far below "
                          "this; if the file is genuine, save it again from Excel or WPS or split it.")
                        .format(path=path, reason=reason))

    if len(members) > ARCHIVE_MEMBERS_MAX:
        refuse(_("it holds {count} files").format(count=len(members)))
    total = 0
    for member in members:
        size, packed = member.file_size, max(member.compress_size, 1)
        total += size
        limit = SHARED_STRINGS_BYTES_MAX if member.filename.lower().endswith("sharedstrings.xml") else PART_BYTES_MAX
        if size > limit:
            refuse(_("{part} unpacks to {size} MB").format(part=member.filename, size=size // 1_000_000))
        if size > RATIO_CHECKED_ABOVE and size / packed > RATIO_MAX:
            refuse(_("{part} unpacks {ratio} times its size ({size} MB)").format(
                part=member.filename, ratio=int(size / packed), size=size // 1_000_000))
    if total > TOTAL_BYTES_MAX:
        refuse(_("its parts unpack to {size} MB").format(size=total // 1_000_000))


def _root_tag(head: bytes) -> str:
    """The (namespaced) tag of the first element in ``head``, or "" when there is none."""
    parser = XMLPullParser(events=("start",))
    try:
        parser.feed(head)
        for _event, element in parser.read_events():
            return element.tag
    except ParseError:
        pass
    return ""


def check_file(path: Path) -> None:
    """Refuse, in plain words, a file that is not an .xlsx workbook (before openpyxl sees it)."""
    if not path.exists():
        raise UserError(_("The file {path} does not exist").format(path=path))
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a workbook").format(path=path))
    if not path.is_file():  # a FIFO would block the open below for ever; a device never ends
        raise UserError(_("{path} is not a regular file (a pipe or a device); save the workbook as a file and "
                          "import that").format(path=path))
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
            inspect_archive(self._handle, self.path)
        except BaseException:
            self._handle.close()
            raise
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
                reader = ExcelReader(self._handle, read_only=True, data_only=True, keep_links=False)
                reader.read_manifest()
                reader.read_strings()
                reader.read_workbook()
                apply_stylesheet(reader.archive, reader.wb)  # which number formats are dates
                listed = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                          if "chartsheet" not in rel.Type]
        except Exception as exc:  # zip, XML, KeyError...: the ways a damaged or foreign file fails
            self._handle.close()
            raise UserError(_("{path} cannot be read as an Excel workbook ({problem}); save it again from "
                              "Excel or WPS as .xlsx").format(path=self.path, problem=_problem(exc))) from None
        self.archive = reader.archive
        self.book = reader.wb
        self.shared_strings = reader.shared_strings
        self._calamine = None  # opened at the first sheet read (False: calamine cannot read this file)
        self.use_calamine = True
        try:
            self._parts = [(title, part, self._check_part(title, part, reader.valid_files))
                           for title, part in listed]
        except UserError:
            self.close()
            raise

    def calamine_sheet(self, title: str, part: str):
        """The sheet loaded by calamine when it gives openpyxl's cells for it (see calamine_rows), else None."""
        if not self.use_calamine or self._calamine is False:
            return None
        try:
            if not calamine_rows.plain_sheet(self.archive, part):
                return None
            if self._calamine is None:
                self._calamine = CalamineWorkbook.from_path(str(self.path))
                # the same sheets in the same order, every name once; otherwise openpyxl reads them all
                titles = [title for title, _part, _size in self._parts]
                if list(self._calamine.sheet_names) != titles or len(set(titles)) != len(titles):
                    self._calamine.close()
                    self._calamine = False
                    return None
            return self._calamine.get_sheet_by_name(title)
        except Exception:  # whatever calamine cannot read, openpyxl reads or refuses with its message
            self._calamine = False if self._calamine is None else self._calamine
            return None

    def sheets(self) -> list[SheetStream]:
        return [SheetStream(title, size_hint, self, part) for title, part, size_hint in self._parts]

    def _check_part(self, title: str, part: str, valid_files) -> int | None:
        """A sheet the workbook lists must be there and be a worksheet of the usual namespace: read
        otherwise, its records would be skipped in silence while the other sheets are imported.
        Returns the rows its dimension states (a hint for the progress bar)."""
        if part not in valid_files:
            raise UserError(_("The sheet {sheet} is listed in the workbook but its data ({part}) is missing: the "
                              "file is damaged. Nothing was imported; save it again from Excel or WPS.")
                            .format(sheet=title, part=part))
        try:
            with self.archive.open(part) as source:
                head = source.read(_HEAD_BYTES)
        except Exception as exc:
            raise UserError(_("The sheet {sheet} cannot be read ({problem}); the file may be damaged")
                            .format(sheet=title, problem=_problem(exc))) from None
        tag = _root_tag(head)
        if tag != _WORKSHEET_TAG:
            raise UserError(_("The sheet {sheet} is not a worksheet this program can read ({found}); save the "
                              "file again from Excel or WPS as an Excel workbook (.xlsx, not Strict Open XML). "
                              "Nothing was imported.").format(sheet=title, found=tag or _("no XML element")))
        match = _DIMENSION.search(head)
        return int(match.group(1)) if match else None

    def close(self) -> None:
        if self._calamine:
            self._calamine.close()
        self.archive.close()
        self._handle.close()

    def __enter__(self) -> WorkbookFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
