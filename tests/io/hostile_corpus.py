"""A corpus of hostile workbooks and rule files, generated (never committed): each is a way a file
can be damaged, malformed or built to cost time and memory. Used by tests/io/test_hostile_files.py
and by benchmarks/hostile_files.py (which reports the worst time and memory)."""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from zgc_io_helpers import CODE_A, basic_book, patent_row

SHEET = "xl/worksheets/sheet2.xml"  # the 专利 sheet of basic_book
WORKBOOK = "xl/workbook.xml"


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, members: dict[str, bytes], level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _sheet_edit(change: Callable[[bytes], bytes], member: str = SHEET):
    def make(base: Path, out: Path) -> Path:
        members = _members(base)
        members[member] = change(members[member])
        return _write(out, members)
    return make


def _cells(xml: bytes) -> bytes:
    """The <sheetData> part, to put mutated rows in."""
    return re.search(rb"<sheetData>.*</sheetData>", xml, re.S).group(0)


def _replace_data(rows: bytes):
    return _sheet_edit(lambda xml: xml.replace(_cells(xml), b"<sheetData>" + _cells(xml)[11:-12] + rows
                                               + b"</sheetData>"))


def _big_member(name: str, chunk: bytes, size: int, prefix: bytes = b"", suffix: bytes = b""):
    """A member of ``size`` bytes of ``chunk`` written as a stream (a decompression bomb)."""
    def make(base: Path, out: Path) -> Path:
        members = _members(base)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for member, data in members.items():
                if member != name:
                    archive.writestr(member, data)
            with archive.open(name, "w", force_zip64=True) as fh:
                fh.write(prefix)
                block = chunk * (1_000_000 // len(chunk))
                for _ in range(size // len(block)):
                    fh.write(block)
                fh.write(suffix)
        return out
    return make


def _bytes_flipped(seed: int):
    def make(base: Path, out: Path) -> Path:
        data = bytearray(base.read_bytes())
        rng = random.Random(seed)
        for _ in range(1 + seed % 7):
            position = rng.randrange(len(data))
            data[position] = rng.randrange(256)
        out.write_bytes(bytes(data))
        return out
    return make


def _truncated(fraction: float):
    def make(base: Path, out: Path) -> Path:
        data = base.read_bytes()
        out.write_bytes(data[: int(len(data) * fraction)])
        return out
    return make


def _body(xml: bytes) -> bytes:
    """The XML without its declaration, to put a DOCTYPE in front."""
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def _xml_mutations() -> dict[str, Callable]:
    return {
        "cells out of column order": _replace_data(
            b'<row r="9"><c r="E9" t="inlineStr"><is><t>2021-03-31</t></is></c>'
            b'<c r="A9" t="inlineStr"><is><t>' + CODE_A.encode() + b'</t></is></c></row>'),
        "reference beyond XFD": _replace_data(b'<row r="9"><c r="XFE9" t="inlineStr"><is><t>x</t></is></c></row>'),
        "row beyond 1048576": _replace_data(b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>'),
        "row 0": _replace_data(b'<row r="0"><c r="A0"><v>1</v></c></row>'),
        "garbage reference": _replace_data(b'<row r="9"><c r="9A" t="n"><v>1</v></c></row>'),
        "shared string out of range": _replace_data(b'<row r="9"><c r="B9" t="s"><v>999999</v></c></row>'),
        "negative shared string": _replace_data(b'<row r="9"><c r="B9" t="s"><v>-3</v></c></row>'),
        "number that is text": _replace_data(b'<row r="9"><c r="E9" t="n"><v>abc</v></c></row>'),
        "bad boolean": _replace_data(b'<row r="9"><c r="E9" t="b"><v>7</v></c></row>'),
        "bad ISO date cell": _replace_data(b'<row r="9"><c r="E9" t="d"><v>not-a-date</v></c></row>'),
        "serial 2958465 as a date": _replace_data(b'<row r="9"><c r="A9" t="inlineStr"><is><t>' + CODE_A.encode()
                                                 + b'</t></is></c><c r="E9" s="1"><v>2958465</v></c></row>'),
        "huge serial": _replace_data(b'<row r="9"><c r="E9" s="1"><v>1e308</v></c></row>'),
        "error value": _replace_data(b'<row r="9"><c r="E9" t="e"><v>#REF!</v></c></row>'),
        "formula without value": _replace_data(b'<row r="9"><c r="B9"><f>HYPERLINK("http://x","y")</f></c></row>'),
        "style out of range": _replace_data(b'<row r="9"><c r="E9" s="9999"><v>44000</v></c></row>'),
        "forty thousand characters": _replace_data(b'<row r="9"><c r="D9" t="inlineStr"><is><t>'
                                                   + "长".encode() * 40_000 + b'</t></is></c></row>'),
        "control characters": _replace_data(b'<row r="9"><c r="D9" t="inlineStr"><is><t>a&#1;b&#31;c</t></is>'
                                            b'</c></row>'),
        "wrong namespace": _sheet_edit(lambda xml: xml.replace(b"http://schemas.openxmlformats.org/spreadsheetml/"
                                                               b"2006/main", b"urn:not-excel")),
        "strict namespace": _sheet_edit(lambda xml: xml.replace(b"http://schemas.openxmlformats.org/spreadsheetml/"
                                                                b"2006/main", b"http://purl.oclc.org/ooxml/"
                                                                b"spreadsheetml/main")),
        "unclosed tags": _sheet_edit(lambda xml: xml[: len(xml) * 2 // 3]),
        "not XML": _sheet_edit(lambda xml: b"\x00\xff garbage"),
        "empty sheet part": _sheet_edit(lambda xml: b""),
        "XXE": _sheet_edit(lambda xml: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                           + _body(xml).replace(b"<sheetData>", b"<sheetData>&e;")),
        "billion laughs": _sheet_edit(lambda xml: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                                      + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i]))
                                                                           * 10) for i in range(8))
                                      + b"]>" + _body(xml).replace(b"<sheetData>", b"<sheetData>&i;")),
        "merged cells garbage": _sheet_edit(lambda xml: xml.replace(b"</sheetData>", b'</sheetData><mergeCells>'
                                                                    b'<mergeCell ref="ZZZZ99:A"/></mergeCells>')),
        "dimension of the whole sheet": _sheet_edit(lambda xml: re.sub(rb'<dimension ref="[^"]*"/>',
                                                                       b'<dimension ref="A1:XFD1048576"/>', xml)),
        "sheet missing from the archive": lambda base, out: _write(out, {k: v for k, v in _members(base).items()
                                                                        if k != SHEET}),
        "workbook lists an unknown relation": _sheet_edit(lambda xml: xml.replace(b'r:id="rId2"', b'r:id="rId99"'),
                                                          WORKBOOK),
        "sheet named like a formula": _sheet_edit(lambda xml: xml.replace("name=\"专利\"".encode(),
                                                                          b'name="=1+1"'), WORKBOOK),
        "two sheets with one name": _sheet_edit(lambda xml: xml.replace("name=\"企业信息\"".encode(),
                                                                        "name=\"专利\"".encode()), WORKBOOK),
        "workbook.xml missing": lambda base, out: _write(out, {k: v for k, v in _members(base).items()
                                                              if k != WORKBOOK}),
        "content types missing": lambda base, out: _write(out, {k: v for k, v in _members(base).items()
                                                               if k != "[Content_Types].xml"}),
    }


def _bombs() -> dict[str, Callable]:
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    return {
        "60 MB of white space in a sheet": _big_member(SHEET, b" " * 1000, 60_000_000, head,
                                                       b"</sheetData></worksheet>"),
        "60 MB of empty rows": _big_member(SHEET, b"<row/>" * 100, 60_000_000, head, b"</sheetData></worksheet>"),
        "60 MB of shared strings": _big_member("xl/sharedStrings.xml", b"<si><t>a</t></si>" * 50, 60_000_000,
                                               b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                                               b'spreadsheetml/2006/main">', b"</sst>"),
    }


def hostile_workbooks(folder: Path, *, bombs: bool = True, flips: int = 40) -> Iterator[tuple[str, Path]]:
    """(name, path) of every hostile workbook, written into ``folder`` as they are asked for."""
    folder.mkdir(parents=True, exist_ok=True)
    base = basic_book(folder / "base.xlsx", patent_row(), patent_row(number="202110344406.1"))
    makers = dict(_xml_mutations())
    for seed in range(flips):
        makers[f"bytes flipped #{seed}"] = _bytes_flipped(seed)
    for fraction in (0.1, 0.5, 0.9, 0.99):
        makers[f"truncated at {fraction:.0%}"] = _truncated(fraction)
    if bombs:
        makers.update(_bombs())
    for number, (name, make) in enumerate(makers.items()):
        yield name, make(base, folder / f"hostile-{number:03d}.xlsx")


def hostile_rule_texts() -> dict[str, str]:
    """Rule-file texts built to hang or crash a YAML reader."""
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    return {
        "billion laughs": laughs,
        "an anchor alone": "id: &x zgc_patent\nname: *x\n",
        "merge key": "base: &b {x: 1}\npolicy:\n  <<: *b\n",
        "nested 100000 deep": "[" * 100_000 + "]" * 100_000,
        "3 million characters": "# " + "x" * 3_000_000,
        "binary": "\x00\x01\x02 id: x",
        "a python tag": "!!python/object/apply:os.system ['echo pwned']",
        "a tab indent": "id: x\n\tname: y\n",
        "a duplicate key": "id: x\nid: y\n",
        "a list, not a mapping": "- 1\n- 2\n",
    }
