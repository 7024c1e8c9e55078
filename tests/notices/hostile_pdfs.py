"""A corpus of hostile notice PDFs, generated (never committed): each a way a PDF can be damaged,
malformed or built to cost time and memory. Used by tests/notices/test_notice_pdf_hostile.py and by
benchmarks/hostile_pdfs.py (which reports the worst time and memory of reading each)."""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from notices.notice_pdfs import cnipa_notice


def raw_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file of the given objects (numbered from 1), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root,
                                                                             trailer_extra, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, resources: bytes = b"<< >>", more: list[bytes] = ()) -> bytes:
    """Catalog, pages, one page whose content stream is object 4 (``content``: a whole stream object)."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
                    + resources + b" >>", content, *more])


def _flate_bomb(mb: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(mb)) + packer.flush()
    return one_page(stream(data, b"/Filter /FlateDecode "))


def _runlength_bomb(mb: int) -> bytes:
    data = bytes([129, ord("q")]) * (mb * (1 << 20) // 128) + b"\x80"  # each pair is 128 bytes of "q"
    return one_page(stream(data, b"/Filter /RunLengthDecode "))


def _chained_filters() -> bytes:
    inner = zlib.compress(b"0 0 m " * 2_000_000, 9)
    outer = zlib.compress(inner, 9)
    return one_page(stream(outer, b"/Filter [/FlateDecode /FlateDecode] "))


def _many_operators() -> bytes:
    return one_page(stream(zlib.compress(b"1 0 0 1 0 0 cm " * 600_000, 9), b"/Filter /FlateDecode "))


def _deep_arrays() -> bytes:
    return one_page(stream(b"[" * 200_000 + b"]" * 200_000 + b" Tj"))


def _self_drawing_form() -> bytes:
    form = stream(b"/F Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /F 5 0 R >> >> ")
    return one_page(stream(b"/F Do"), b"<< /XObject << /F 5 0 R >> >>", [form])


def _page_tree_loop() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"])


def _many_pages(count: int) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + i) for i in range(count)) + b"] /Count %d >>"
               % count]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return raw_pdf(objects)


def _reference_chain(length: int) -> bytes:
    objects = [b"<< /Type /Catalog /Pages %d 0 R >>" % 2]
    objects += [b"%d 0 R" % (3 + i) for i in range(length)]
    objects.append(b"<< /Type /Pages /Kids [] /Count 0 >>")
    return raw_pdf(objects)


def _object_stream_bomb() -> bytes:
    packer = zlib.compressobj(9)
    spaces = b" " * (1 << 20)
    data = packer.compress(b"1 0 ") + b"".join(packer.compress(spaces) for _ in range(200)) + packer.flush()
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
                    stream(data, b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode ")])


def _fax_without_rows() -> bytes:
    return one_page(stream(b"\xff" * 1000, b"/Filter /CCITTFaxDecode /DecodeParms << /Columns 100000 >> "))


def _lying_length() -> bytes:
    return one_page(b"<< /Length 999999999 >>\nstream\nBT ET\nendstream")


def _garbage_font() -> bytes:
    font = b"<< /Type /Font /Subtype /TrueType /BaseFont /X /FontDescriptor 6 0 R /FirstChar 0 /LastChar 255 >>"
    descriptor = b"<< /Type /FontDescriptor /FontName /X /FontFile2 7 0 R /Flags 4 >>"
    garbage = stream(bytes(random.Random(7).randrange(256) for _ in range(50_000)))
    return one_page(stream(b"BT /F1 12 Tf 10 10 Td (abc) Tj ET"), b"<< /Font << /F1 5 0 R >> >>",
                    [font, descriptor, garbage])


def _broken_tounicode() -> bytes:
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R /DescendantFonts [] >>"
    cmap = stream(b"begincmap " + b"1 beginbfchar <0001> <" + b"00" * 100_000 + b"> endbfchar " * 50 + b"endcmap")
    return one_page(stream(b"BT /F1 12 Tf 10 10 Td <0001> Tj ET"), b"<< /Font << /F1 5 0 R >> >>", [font, cmap])


def _bad_xref() -> bytes:
    good = one_page(stream(b"BT ET"))
    return good.replace(b"startxref\n", b"startxref\n9")


def _encrypted(base: Path, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), pagesize=A4, encrypt=StandardEncryption("user-secret", "owner-secret"))
    c.drawString(100, 700, "notice")
    c.save()
    return out


def _bytes(data: bytes) -> Callable[[Path, Path], Path]:
    def make(_base: Path, out: Path) -> Path:
        out.write_bytes(data)
        return out
    return make


def _lazy(build: Callable[[], bytes]) -> Callable[[Path, Path], Path]:
    def make(_base: Path, out: Path) -> Path:
        out.write_bytes(build())
        return out
    return make


def _cut(fraction: float) -> Callable[[Path, Path], Path]:
    def make(base: Path, out: Path) -> Path:
        data = base.read_bytes()
        out.write_bytes(data[:int(len(data) * fraction)])
        return out
    return make


def _flipped(seed: int, count: int) -> Callable[[Path, Path], Path]:
    def make(base: Path, out: Path) -> Path:
        data = bytearray(base.read_bytes())
        rng = random.Random(seed)
        for _ in range(count):
            data[rng.randrange(len(data))] = rng.randrange(256)
        out.write_bytes(bytes(data))
        return out
    return make


CORPUS: dict[str, Callable[[Path, Path], Path]] = {
    "empty file": _bytes(b""),
    "text, not a PDF": _bytes("申请号：202110344405.7".encode()),
    "header only": _bytes(b"%PDF-1.4\n"),
    "header then random bytes": _bytes(b"%PDF-1.4\n" + bytes(random.Random(1).randrange(256) for _ in range(100_000))),
    "cut at a third": _cut(1 / 3),
    "cut at two thirds": _cut(2 / 3),
    "cut before the trailer": _cut(0.97),
    "cross-reference table pointing nowhere": _lazy(_bad_xref),
    "stream length lying": _lazy(_lying_length),
    "flate bomb (1 GB of zeros)": _lazy(lambda: _flate_bomb(1024)),
    "run-length bomb (512 MB)": _lazy(lambda: _runlength_bomb(512)),
    "flate inside flate": _lazy(_chained_filters),
    "object stream bomb": _lazy(_object_stream_bomb),
    "600,000 operators": _lazy(_many_operators),
    "arrays nested 200,000 deep": _lazy(_deep_arrays),
    "form that draws itself": _lazy(_self_drawing_form),
    "page tree loop": _lazy(_page_tree_loop),
    "20,000 pages": _lazy(lambda: _many_pages(20_000)),
    "chain of 50,000 references": _lazy(lambda: _reference_chain(50_000)),
    "fax stream without rows": _lazy(_fax_without_rows),
    "garbage embedded font": _lazy(_garbage_font),
    "huge ToUnicode map": _lazy(_broken_tounicode),
    "encrypted with a password": _encrypted,
}
CORPUS.update({f"{n} bytes changed (seed {s})": _flipped(s, n) for s in range(1, 6) for n in (10, 200)})


def corpus_paths(folder: Path) -> list[tuple[str, Path]]:
    """(name, path) each hostile PDF has in ``folder`` (written by :func:`hostile_pdfs`)."""
    return [(name, folder / f"hostile-{index:02d}.pdf") for index, name in enumerate(CORPUS)]


def hostile_pdfs(folder: Path) -> Iterator[tuple[str, Path]]:
    """(name, path) of every hostile PDF, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    base = cnipa_notice(folder / "base.pdf")
    for (name, make), (_name, path) in zip(CORPUS.items(), corpus_paths(folder), strict=True):
        yield name, make(base, path)
