"""Render resources/icons/*.svg to PNGs (16, 32, 48, 256 px) and the Windows icon app.ico.

Run after editing an SVG:  .venv/bin/python tools/render_icons.py
The PNGs and the .ico are committed, so a bundle needs neither this script nor the SVG plug-in.
The .ico holds PNG-compressed images (allowed since Windows Vista), written by hand: the format is a
6-byte header, a 16-byte directory entry per image, then the PNG data.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(path: Path, images: list[tuple[int, bytes]]) -> None:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory, blobs = b"", b""
    for size, blob in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    path.write_bytes(header + directory + blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it
    out = ICONS / "png"
    out.mkdir(exist_ok=True)
    count = 0
    for svg in sorted(ICONS.glob("*.svg")):
        for size in SIZES:
            render(svg, size).save(str(out / f"{svg.stem}-{size}.png"))
            count += 1
    write_ico(ICONS / "app.ico", [(size, png_bytes(render(ICONS / "app.svg", size))) for size in ICO_SIZES])
    print(f"{count} PNGs in {out}, and {ICONS / 'app.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
