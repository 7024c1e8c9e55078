"""PDFs built to the layout of real notices, for the tests (generated, never committed).

A CNIPA notice (审查意见通知书, 补正通知书, 授予专利权通知书/办理登记手续通知书 …) as CNIPA's electronic
system prints it: the office's name at the top, the recipient's postal block on the left and the
dispatch date (发文日) in a box on the right, then a header block of labelled lines — 申请号或专利号
(with 发文序号 on the same line), 申请人或专利权人, 发明创造名称 — then the notice's name centred as
its title, and the body, which mentions other dates, articles and cited documents. The trademark
office's notices (商标驳回通知书 …) name the 申请号 and a 发文日期 likewise. Text is set in the bundled
Chinese font and Vera for Latin runs, as the program's own PDFs are, so the text layer is real
embedded TrueType text that pdftotext and pdfminer read back.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdf_canvas

from zgc_desk.forms.fonts import draw_text, register_fonts

WIDTH, HEIGHT = A4


def _page(c, lines: list[tuple[float, float, str, float, str]]) -> None:
    for x, y, text, size, align in lines:
        draw_text(c, x, y, text, size, align=align)


def cnipa_notice(path: Path, *, number: str | None = "202110344405.7", name: str | None = "第一次审查意见通知书",
                 dispatched: str | None = "2024年03月11日", applicant: str = "示例科技有限公司",
                 title: str = "一种示例发明", number_label: str = "申请号或专利号：",
                 date_label: str = "发文日：", body: list[str] | None = None, pages: int = 1) -> Path:
    """A CNIPA notice; any field given as None is left off the page (a notice the reader cannot use)."""
    register_fonts()
    c = pdf_canvas.Canvas(str(path), pagesize=A4)
    top = HEIGHT - 60
    lines = [
        (WIDTH / 2, top, "国家知识产权局", 18, "centre"),
        (60, top - 40, "100083", 10, "left"),
        (60, top - 56, "北京市海淀区学院路 1 号 示例大厦 8 层", 10, "left"),
        (60, top - 72, "北京示例专利代理有限公司  张三", 10, "left"),
    ]
    if dispatched is not None:
        lines += [(420, top - 40, date_label, 10, "left"), (420, top - 56, dispatched, 11, "left")]
    c.rect(410, top - 66, 130, 40)
    header = top - 110
    if number is not None:
        lines.append((60, header, f"{number_label}{number}", 11, "left"))
    lines += [
        (330, header, "发文序号：2024031100123450", 10, "left"),
        (60, header - 18, f"申请人或专利权人：{applicant}", 11, "left"),
        (60, header - 36, f"发明创造名称：{title}", 11, "left"),
    ]
    if name is not None:
        lines.append((WIDTH / 2, header - 80, name, 16, "centre"))
    body = body if body is not None else [
        "1. 应申请人提出的实审请求，根据专利法第 35 条第 1 款的规定，国家知识产权局对上述发明专利申请进行实质审查。",
        "2. 申请人于 2021年03月05日 提交的申请文件为审查基础。",
        "3. 本通知书引用下列对比文件：CN102345678A，公开日 2012年05月09日。",
        "4. 申请人应当在收到本通知书之日起的 4 个月内陈述意见，期满未答复的，其申请将被视为撤回。",
        "审查员：李四      审查部门：专利审查协作北京中心",
    ]
    y = header - 120
    for text in body:
        lines.append((60, y, text, 9.5, "left"))
        y -= 16
    _page(c, lines)
    for extra in range(1, pages):
        c.showPage()
        _page(c, [(60, HEIGHT - 80, f"第 {extra + 1} 页  审查意见的具体内容（续）", 10, "left")])
    c.showPage()
    c.save()
    return path


def trademark_notice(path: Path, *, number: str = "12345678", name: str = "商标驳回通知书",
                     dispatched: str = "2024年05月20日") -> Path:
    register_fonts()
    c = pdf_canvas.Canvas(str(path), pagesize=A4)
    top = HEIGHT - 60
    _page(c, [
        (WIDTH / 2, top, "国家知识产权局商标局", 16, "centre"),
        (WIDTH / 2, top - 40, name, 16, "centre"),
        (60, top - 80, f"申请号：{number}", 11, "left"),
        (60, top - 98, "申请人：示例科技有限公司", 11, "left"),
        (60, top - 116, f"发文日期：{dispatched}", 11, "left"),
        (60, top - 150, "经审查，你单位在第 9 类商品上申请注册的商标与他人在先注册的商标近似，予以驳回。", 9.5, "left"),
        (60, top - 166, "如不服本驳回决定，可以自收到本通知之日起十五日内向国家知识产权局申请复审。", 9.5, "left"),
    ])
    c.showPage()
    c.save()
    return path


def scanned_notice(path: Path) -> Path:
    """A scan: one page holding an image and no text layer at all."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(picture)
    for row in range(80, 760, 24):  # lines of "text" as a scanner sees them: ink, not characters
        draw.rectangle((60, row, 60 + (row * 7) % 480, row + 10), fill=40)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    from reportlab.lib.utils import ImageReader

    c = pdf_canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(buffer), 30, 30, WIDTH - 60, HEIGHT - 60)
    c.showPage()
    c.save()
    return path
