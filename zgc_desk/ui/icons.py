"""Icons from ``resources/icons``: the PNGs rendered from each SVG at 16, 32, 48 and 256 pixels
(tools/render_icons.py) — Qt picks the nearest size for the screen's scale — or the SVG itself when
no PNG exists (that needs Qt's SVG plug-in, which a bundle might lack)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from zgc_desk.paths import resources_dir

PNG_SIZES = (16, 32, 48, 256)


def icons_dir():
    return resources_dir() / "icons"


@cache
def icon(name: str) -> QIcon:
    folder = icons_dir()
    svg = folder / f"{name}.svg"
    result = QIcon()
    for size in PNG_SIZES:
        png = folder / "png" / f"{name}-{size}.png"
        if png.exists():
            result.addFile(str(png))
    if result.isNull() and svg.exists():
        result = QIcon(str(svg))
    return result


def app_icon() -> QIcon:
    return icon("app")
