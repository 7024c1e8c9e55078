"""Reading an official notice from its PDF: the text layer (pdfminer.six), then the fields a clerk
types from the header — the application number, the notice's name, the dispatch date (发文日).

CNIPA's notices (审查意见通知书, 补正通知书, 办理登记手续通知书 …) print a header block of labelled lines —
申请号或专利号, 申请人或专利权人, 发明创造名称 — the dispatch date in a box (发文日), and the notice's name
as a title line of its own; the trademark office's name the 申请号 and a 发文日期 likewise. The reader
looks for the labels, checks what it finds (a CN application number must have its right check
character, a date must exist) and takes a value only when the notice gives one unambiguously: a
field it cannot find or that the notice gives twice differently is reported as missing, with why,
never guessed. A PDF without a text layer (a scan) is reported as such.

A PDF comes from outside: reading it is bounded. The file may be at most :data:`MAX_FILE_BYTES`; only
the first :data:`MAX_PAGES` pages are read (the header and the title are on the first); the bytes
decoded from its streams are counted against :data:`MAX_DECODED_BYTES` (pdfminer inflates a stream in
one piece, so its decoders are replaced, for the duration of one reading, by counting ones — a
decompression bomb stops at the limit instead of filling the memory); and the reading stops after
:data:`MAX_SECONDS`. A damaged or hostile file raises :class:`NoticePdfError` with a plain message.
pdfminer keeps module-level decoders, so readings are serialised by a lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import threading
import time
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from zgc_desk import numbers
from zgc_desk.errors import UserError
from zgc_desk.i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PAGES = 3
MAX_DECODED_BYTES = 32 * 1024 * 1024
MAX_SECONDS = 10.0
MAX_TEXT_CHARS = 200_000

_lock = threading.Lock()


class NoticePdfError(UserError):
    """The file cannot be read as a PDF (damaged, not a PDF, protected, too big, too slow)."""


class _Exhausted(Exception):
    """The reading went over one of its bounds (message names which)."""


@dataclass
class NoticeReading:
    """What a notice's PDF gave. A value is None when it was not found; ``problems`` then says why
    (keys ``matter_no``, ``notice_type``, ``dispatch_date``)."""

    has_text: bool
    matter_no: str | None = None  # normalised: a CN application number or a trademark number
    number_kind: str | None = None  # "cn_application" / "trademark"
    notice_type: str | None = None  # a key of the notice types' rule data
    notice_name: str | None = None  # the words on the notice that named it
    dispatch_date: dt.date | None = None
    problems: dict[str, str] = field(default_factory=dict)
    pages: int = 0  # pages read

    @property
    def complete(self) -> bool:
        return self.has_text and not self.problems


# ---- bounded reading ---------------------------------------------------------------------------

class _Budget:
    def __init__(self, max_bytes: int, seconds: float):
        self.left = max_bytes
        self.deadline = time.monotonic() + seconds

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _Exhausted(_("its streams decode to more than {mb} MB").format(mb=MAX_DECODED_BYTES // 2**20))
        self.tick()

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Exhausted(_("reading it took more than {seconds} seconds").format(seconds=int(MAX_SECONDS)))


class _CountingZlib:
    """The ``zlib`` pdfminer's stream decoder sees: the same, but inflating within the budget."""

    error = zlib.error

    def __init__(self, budget: _Budget):
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        parts, chunk = [], 1 << 20
        pending = data
        while pending:
            part = inflater.decompress(pending, chunk)
            self.budget.spend(len(part))
            parts.append(part)
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        if not inflater.eof:
            tail = inflater.flush()
            self.budget.spend(len(tail))
            parts.append(tail)
            if not b"".join(parts):
                raise zlib.error("incomplete or truncated stream")
        return b"".join(parts)

    def decompressobj(self, *args, **kwargs):
        return _CountingInflater(zlib.decompressobj(*args, **kwargs), self.budget)


class _CountingInflater:
    def __init__(self, inflater, budget: _Budget):
        self.inflater, self.budget = inflater, budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        part = self.inflater.decompress(data, max_length) if max_length else self.inflater.decompress(data, 1 << 20)
        self.budget.spend(len(part))
        return part

    def __getattr__(self, name):
        return getattr(self.inflater, name)


def _counting_lzw(budget: _Budget):
    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        parts = []
        for part in LZWDecoder(io.BytesIO(data)).run():
            budget.spend(len(part))
            parts.append(part)
        return b"".join(parts)
    return lzwdecode


def _counting_runlength(budget: _Budget):
    def rldecode(data: bytes) -> bytes:
        out = bytearray()
        i, size = 0, len(data)
        while i < size:
            length = data[i]
            if length == 128:
                break
            if length < 128:
                piece = data[i + 1:i + 2 + length]
                i += 2 + length
            else:
                piece = data[i + 1:i + 2] * (257 - length)
                i += 2
            budget.spend(len(piece))
            out += piece
        return bytes(out)
    return rldecode


def _counting_ccitt(budget: _Budget, original):
    def ccittfaxdecode(data: bytes, params) -> bytes:
        columns = int(params.get("Columns", 1728) or 1728) if params else 1728
        rows = int(params.get("Rows", 0) or 0) if params else 0
        if rows <= 0 or columns <= 0:
            raise _Exhausted(_("it holds a fax-coded stream of unknown size"))
        budget.spend(columns * rows // 8 + 1)
        return original(data, params)
    return ccittfaxdecode


def _timed_parser(budget: _Budget, original):
    class TimedContentParser(original):
        """The content-stream parser, looking at the clock every thousand objects."""

        _count = 0

        def nextobject(self):
            self._count += 1
            if self._count % 1000 == 0:
                budget.tick()
            return super().nextobject()
    return TimedContentParser


@contextlib.contextmanager
def _bounded(budget: _Budget):
    """pdfminer's decoders replaced by counting ones, for one reading (restored after it)."""
    from pdfminer import pdfinterp, pdftypes

    saved = (pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode, pdftypes.ccittfaxdecode,
             pdfinterp.PDFContentParser)
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a damaged file makes pdfminer warn a lot; we answer it ourselves
    pdftypes.zlib = _CountingZlib(budget)
    pdftypes.lzwdecode = _counting_lzw(budget)
    pdftypes.rldecode = _counting_runlength(budget)
    pdftypes.ccittfaxdecode = _counting_ccitt(budget, saved[3])
    pdfinterp.PDFContentParser = _timed_parser(budget, saved[4])
    try:
        yield
    finally:
        (pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode, pdftypes.ccittfaxdecode,
         pdfinterp.PDFContentParser) = saved
        quiet.setLevel(level)


def extract_text(data: bytes, name: str = "") -> tuple[str, int]:
    """The text of the first pages of a PDF and how many pages were read, within the bounds."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    if b"%PDF-" not in data[:1024]:
        raise NoticePdfError(_("{file} is not a PDF file").format(file=name))
    budget = _Budget(MAX_DECODED_BYTES, MAX_SECONDS)

    class TimedDocument(PDFDocument):
        """The document, looking at the clock at every object it resolves (a chain of references)."""

        def getobj(self, objid):
            budget.tick()
            return super().getobj(objid)

    out = io.StringIO()
    pages = 0
    with _lock, _bounded(budget):
        try:
            document = TimedDocument(PDFParser(io.BytesIO(data)))
            manager = PDFResourceManager(caching=True)
            device = TextConverter(manager, out, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.create_pages(document):
                if pages >= MAX_PAGES:
                    break
                interpreter.process_page(page)
                pages += 1
                budget.tick()
                if out.tell() > MAX_TEXT_CHARS:
                    break
            device.close()
        except PDFPasswordIncorrect:
            raise NoticePdfError(_("{file} is protected by a password; save it without the password and try "
                                   "again").format(file=name)) from None
        except _Exhausted as exc:
            raise NoticePdfError(_("{file} was not read: {why} (a notice is a few pages of text)").format(
                file=name, why=exc)) from None
        except (RecursionError, MemoryError):
            raise NoticePdfError(_("{file} was not read: its structure is nested too deeply").format(file=name)) from None
        except Exception as exc:  # pdfminer raises many kinds on a damaged file; all mean the same here
            raise NoticePdfError(_("{file} is damaged and cannot be read as a PDF ({problem})").format(
                file=name, problem=type(exc).__name__)) from None
    return out.getvalue()[:MAX_TEXT_CHARS], pages


def read_notice_pdf(path: str | Path) -> tuple[NoticeReading, bytes]:
    """Read the notice at ``path``: what it gives, and the file's bytes (to attach)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise NoticePdfError(_("{file} is not a file").format(file=path))
        if size > MAX_FILE_BYTES:
            raise NoticePdfError(_("{file} is too large for a notice ({mb} MB; at most {limit} MB)").format(
                file=path.name, mb=round(size / 2**20, 1), limit=MAX_FILE_BYTES // 2**20))
        data = path.read_bytes()
    except OSError as exc:
        raise NoticePdfError(_("Cannot read the file {path}: {problem}").format(
            path=path, problem=exc.strerror or exc)) from None
    text, pages = extract_text(data, path.name)
    reading = parse_notice_text(text)
    reading.pages = pages
    return reading, data


# ---- the fields --------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?")
_DISPATCH_LABEL = re.compile(r"发\s*文\s*日\s*(?:期)?\s*:?")
_NUMBER_LABEL = re.compile(r"(?:申请号或专利号|专利申请号|申请号|专利号|注册号)\s*:?\s*")
_CN_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:ZL|CN)?\s*(\d{12}|\d{8})\s*[.·]?\s*([0-9Xx])?(?![0-9])")
_TRADEMARK_NUMBER = re.compile(r"(?:第\s*)?(\d{5,10})(?![0-9])")
_FURTHER_OA = re.compile(r"^第([二三四五六七八九十]+|[2-9]|\d{2})次审查意见通知书$")
_SENTENCE = re.compile(r"[,，。;；]")


def _normalised(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def find_dispatch_date(text: str) -> tuple[dt.date | None, str | None]:
    """(date, None) or (None, why): the date after each 发文日 label, which must agree."""
    found: set[dt.date] = set()
    bad: list[str] = []
    for label in _DISPATCH_LABEL.finditer(text):
        after = text[label.end():label.end() + 60]
        match = _DATE.search(after)
        if match is None:
            continue
        day = _date(match)
        if day is None:
            bad.append(match.group(0))
        else:
            found.add(day)
    if len(found) == 1:
        return found.pop(), None
    if len(found) > 1:
        return None, _("the notice gives different dispatch dates ({dates})").format(
            dates=", ".join(d.isoformat() for d in sorted(found)))
    if bad:
        return None, _("the dispatch date {text} on the notice is not a date").format(text=bad[0])
    return None, _("no dispatch date (发文日) was found on the notice")


def _cn_candidates(text: str) -> tuple[set[str], list[str]]:
    """Valid CN application numbers written after a number label, and what failed the check."""
    valid, invalid = set(), []
    for label in _NUMBER_LABEL.finditer(text):
        match = _CN_NUMBER.match(text, label.end())
        if match is None:
            continue
        written = match.group(1) + ("." + match.group(2) if match.group(2) else "")
        try:
            valid.add(numbers.normalise_cn_application(written))
        except numbers.NumberError as exc:
            invalid.append(f"{written}: {exc.message}")
    return valid, invalid


def find_number(text: str, trademark_notice: bool) -> tuple[str | None, str | None, str | None]:
    """(number, kind, None) or (None, None, why)."""
    valid, invalid = _cn_candidates(text)
    if invalid and not trademark_notice:  # a misread or mistyped number: never taken, even beside a good one
        return None, None, _("the application number on the notice is not valid ({problem})").format(problem=invalid[0])
    if len(valid) == 1:
        return valid.pop(), "cn_application", None
    if len(valid) > 1:
        return None, None, _("the notice names several application numbers ({numbers})").format(
            numbers=", ".join(sorted(valid)))
    if trademark_notice:
        marks = set()
        for label in _NUMBER_LABEL.finditer(text):
            match = _TRADEMARK_NUMBER.match(text, label.end())
            if match:
                marks.add(numbers.normalise_trademark_registration(match.group(1)))
        if len(marks) == 1:
            return marks.pop(), "trademark", None
        if len(marks) > 1:
            return None, None, _("the notice names several trademark numbers ({numbers})").format(
                numbers=", ".join(sorted(marks)))
    return None, None, _("no application number (申请号) was found on the notice")


def _type_of_line(line: str, aliases: dict[str, str]) -> str | None:
    if line in aliases:
        return aliases[line]
    further = _FURTHER_OA.match(line)
    if further:
        return "cn_oa_first" if further.group(1) in ("一", "1") else "cn_oa_further"
    return None


def find_notice_type(text: str) -> tuple[str | None, str | None, str | None]:
    """(key, words, None) or (None, None, why): a title line naming one notice type; failing that,
    the one notice name the text contains (a name inside a longer one found does not count)."""
    from zgc_desk.deadlines.notice_types import default_notice_rules, normalise_word

    aliases = default_notice_rules().aliases()
    lines = [normalise_word(line) for line in text.splitlines() if line.strip()]
    titled = {}
    for line in lines:
        if len(line) > 40 or _SENTENCE.search(line):
            continue
        key = _type_of_line(line, aliases)
        if key is None:  # a title with a prefix: 发明专利申请第一次审查意见通知书
            for alias in sorted(aliases, key=len, reverse=True):
                if len(alias) >= 4 and line.endswith(alias) and len(line) - len(alias) <= 10:
                    key = aliases[alias]
                    break
        if key is not None and key != "other":
            titled.setdefault(key, line)
    if len(titled) == 1:
        key, words = titled.popitem()
        return key, words, None
    if len(titled) > 1:
        return None, None, _("the notice has several titles ({names})").format(names=", ".join(titled.values()))
    whole = normalise_word(text)
    found = [alias for alias in aliases if len(alias) >= 4 and alias in whole and aliases[alias] != "other"]
    found = [a for a in found if not any(a != b and a in b for b in found)]
    keys = {aliases[a] for a in found}
    if len(keys) == 1:
        return keys.pop(), found[0], None
    if len(keys) > 1:
        return None, None, _("the notice names several kinds of notice ({names})").format(names=", ".join(sorted(found)))
    return None, None, _("the notice's name (e.g. 第一次审查意见通知书) was not found")


def parse_notice_text(text: str) -> NoticeReading:
    """The fields of a notice from its text (pure: no file, no database)."""
    text = _normalised(text)
    if not text.strip():
        return NoticeReading(has_text=False)
    reading = NoticeReading(has_text=True)
    key, words, why = find_notice_type(text)
    if key is None:
        reading.problems["notice_type"] = why
    else:
        reading.notice_type, reading.notice_name = key, words
    trademark = (key or "").startswith("tm_") or ("商标" in text and not _cn_candidates(text)[0])
    number, kind, why = find_number(text, trademark)
    if number is None:
        reading.problems["matter_no"] = why
    else:
        reading.matter_no, reading.number_kind = number, kind
    day, why = find_dispatch_date(text)
    if day is None:
        reading.problems["dispatch_date"] = why
    else:
        reading.dispatch_date = day
    return reading
