"""A bar chart of filings and grants per year, drawn with reportlab's own charts (no Qt).

The bars and the numeric axes are a reportlab ``VerticalBarChart``; the legend is drawn with the
mixed-font text helper, because a chart string has a single font and the legend's words may be
Chinese or Latin (the Chinese font has no Latin glyphs).
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from zgc_desk.forms.fonts import LATIN, draw_text, register_fonts, text_width

SERIES_COLOURS = (colors.HexColor("#4A78B0"), colors.HexColor("#E39B3B"), colors.HexColor("#6BA368"))


def _nice_step(top: int) -> int:
    """A round value step giving about five grid lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return max(1, top // 5)


class YearBarChart(Flowable):
    """Grouped bars: one group per year, one bar per series; ``series`` is [(label, [values])]."""

    def __init__(self, years: list[int], series: list[tuple[str, list[int]]], width: float,
                 height: float = 62 * mm, empty_text: str = "", value_text=None, axis_space: float = 12 * mm):
        """``value_text`` writes a value (bar labels and the value axis; default: the whole number) in
        Latin characters — the chart's labels are drawn in the Latin font;
        ``axis_space`` is the room left of the plot for the value axis' labels."""
        super().__init__()
        self.value_text = value_text or (lambda value: str(int(value)))
        self.axis_space = axis_space
        self.years = years
        self.series = series
        self.width = width
        self.height = height
        self.empty_text = empty_text

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def _drawing(self) -> Drawing:
        register_fonts()
        legend_space = 9 * mm
        drawing = Drawing(self.width, self.height - legend_space)
        drawing.initialFontName = LATIN  # the renderer would start in (unembedded) Helvetica
        chart = VerticalBarChart()
        chart.x, chart.y = self.axis_space, 8 * mm
        chart.width = self.width - chart.x - 4 * mm
        chart.height = self.height - legend_space - chart.y - 3 * mm
        chart.data = [list(values) for _label, values in self.series]
        top = max((max(values, default=0) for _label, values in self.series), default=0)
        step = _nice_step(max(top, 1))
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = max(step, -(-top // step) * step)
        chart.valueAxis.valueStep = step
        chart.valueAxis.labelTextFormat = lambda value: self.value_text(value) if value else "0"
        chart.valueAxis.labels.fontName = LATIN
        chart.valueAxis.labels.fontSize = 7.5
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
        chart.categoryAxis.categoryNames = [str(year) for year in self.years]
        chart.categoryAxis.labels.fontName = LATIN
        chart.categoryAxis.labels.fontSize = 7.5
        chart.barLabelFormat = lambda value: self.value_text(value) if value else ""
        chart.barLabels.fontName = LATIN
        chart.barLabels.fontSize = 6.5
        chart.barLabels.nudge = 5
        chart.groupSpacing = 6
        chart.barSpacing = 1
        for index in range(len(self.series)):
            chart.bars[index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            chart.bars[index].strokeColor = None
        drawing.add(chart)
        return drawing

    def draw(self):
        canvas = self.canv
        legend_y = self.height - 5 * mm
        x = 12 * mm
        for index, (label, _values) in enumerate(self.series):
            canvas.setFillColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])
            canvas.rect(x, legend_y, 3.5 * mm, 3.5 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            draw_text(canvas, x + 5 * mm, legend_y + 0.6 * mm, label, 8.5)
            x += 5 * mm + text_width(label, 8.5) + 8 * mm
        renderPDF.draw(self._drawing(), canvas, 0, 0)
        if self.empty_text and not any(any(values) for _label, values in self.series):
            canvas.setFillColor(colors.HexColor("#666666"))
            draw_text(canvas, self.width / 2, self.height / 2 - 6 * mm, self.empty_text, 9, align="centre")
