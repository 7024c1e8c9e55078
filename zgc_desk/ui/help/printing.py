"""File → Print… and Print preview…: what the current page has to print, on A4 through Qt's print
support. The HTML comes from ``zgc_desk.services.printouts``; this turns it into a QTextDocument
(which repeats each table's ``<thead>`` row at the top of every page) and draws it page by page, each
with the printout's title and "Page N of M" at its foot."""

from __future__ import annotations

import html

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from zgc_desk.services import printouts, records
from zgc_desk.services.browse import firm_counts
from zgc_desk.services.printouts import Printout

FOOTER_GAP_PT = 6  # between the body's last line and the page's foot line


def _firm_name(ctx) -> str | None:
    if ctx.firm_id is None:
        return None
    listed = ctx.current_firm()  # the firm list's: no query
    if listed is not None:
        return listed["name"]
    try:
        return records.read_record("firm", ctx.firm_id).name
    except records.NotFound:
        return None


def _deadline_printout(ctx, page) -> Printout | None:
    groups = [g for g in page.model.groups if g.deadlines]
    if not groups:
        return None
    columns = [c for i, c in enumerate(page.model.columns) if not page.view.isColumnHidden(i)]
    from zgc_desk.ui.due.due_page import DuePage

    if not isinstance(page, DuePage):  # the all-firms list names no firm
        return printouts.deadlines_printout(page.title, None, page.as_of, groups, columns)
    from zgc_desk.services.due_list import saving_line

    note = saving_line(page.data.saving) if page.data is not None else ""
    return printouts.deadlines_printout(page.title, _firm_name(ctx), page.as_of, groups, columns, note)


def _record_printout(ctx, kind: str, record_id: int, extra=()) -> Printout:
    values = records.read_record(kind, record_id)
    from zgc_desk.columns import display_name

    name = display_name(kind, values)
    firm = None if kind == "firm" else _firm_name(ctx)
    return printouts.record_printout(kind, values, firm, ctx.today(), name, extra)


def _profile_printout(ctx) -> Printout | None:
    if ctx.firm_id is None:
        return None
    from zgc_desk.i18n import _, format_number
    from zgc_desk.ui.pages.profile import PORTFOLIO

    counts = firm_counts(ctx.firm_id)
    extra = [(_(label), format_number(sum(counts.get(kind, {}).values()))) for kind, label, _page in PORTFOLIO]
    return _record_printout(ctx, "firm", ctx.firm_id, extra)


def _is_dashboard(page) -> bool:
    from zgc_desk.ui.dashboard.page import DashboardPage

    return isinstance(page, DashboardPage)


def _dashboard_printout(page) -> Printout | None:
    from zgc_desk.i18n import _
    from zgc_desk.ui.pages.profile import PORTFOLIO

    if page.data is None:
        return None
    return printouts.dashboard_printout(page.data, [(kind, _(label)) for kind, label, _page in PORTFOLIO])


def current_printout(ctx) -> Printout | None:
    """What the page shown has to print, or None: the deadlines shown, the one selected record of a
    record list, or the firm profile."""
    from zgc_desk.ui.due.page import DeadlinePage
    from zgc_desk.ui.pages.profile import ProfilePage
    from zgc_desk.ui.pages.records import RecordListPage

    page = ctx.window.current_page()
    if _is_dashboard(page):
        return _dashboard_printout(page)
    if isinstance(page, DeadlinePage):
        return _deadline_printout(ctx, page)
    if isinstance(page, RecordListPage):
        selected = page.selected_ids()
        return _record_printout(ctx, page.kind, selected[0]) if len(selected) == 1 else None
    if isinstance(page, ProfilePage):
        return _profile_printout(ctx)
    return None


def can_print(ctx) -> bool:
    """Cheap: whether the page shown has something to print (the menu entries' enabled state)."""
    from zgc_desk.ui.due.page import DeadlinePage
    from zgc_desk.ui.pages.profile import ProfilePage
    from zgc_desk.ui.pages.records import RecordListPage

    page = ctx.window.current_page()
    if _is_dashboard(page):
        return page.data is not None
    if isinstance(page, DeadlinePage):
        return page.model.rowCount() > 0
    if isinstance(page, RecordListPage):
        return len(page.selected_ids()) == 1
    return isinstance(page, ProfilePage) and ctx.firm_id is not None


def a4_printer(printout: Printout, mode=QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    orientation = QPageLayout.Orientation.Landscape if printout.landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    printer.setDocName(printout.title)
    return printer


def document(printout: Printout) -> QTextDocument:
    """The printout as a rich-text document in the window's font, with the bundled Chinese font as
    its fallback (a PDF printer does not fall back to the system's fonts the way the screen does)."""
    from PySide6.QtWidgets import QApplication

    from zgc_desk.ui.app import CJK_FAMILIES, install_fonts

    app = QApplication.instance()
    install_fonts(app)
    font = QFont(app.font())
    font.setFamilies(list(dict.fromkeys([font.family(), *font.families(), *CJK_FAMILIES])))
    font.setPointSizeF(8)
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setHtml(printout.html)
    return doc


def _printer_error(printer: QPrinter) -> str:
    from zgc_desk.i18n import _

    target = printer.outputFileName() or printer.printerName()
    return _("The printer {printer} could not be started.").format(printer=target)


def _footer(doc: QTextDocument, width: float, title: str, page: int, pages: int) -> QTextDocument:
    """The line at the foot of each page: the printout's title, and "Page N of M" (a small document in
    the body's font, so that it scales with the body on any printer)."""
    from zgc_desk.i18n import _, format_number

    number = _("Page {page} of {pages}").format(page=format_number(page), pages=format_number(pages))
    footer = QTextDocument()
    footer.setDefaultFont(doc.defaultFont())
    footer.setDocumentMargin(0)
    footer.setTextWidth(width)
    footer.setHtml(f"<table width='100%' cellspacing='0' cellpadding='0'><tr><td style='color:#555'>"
                   f"{html.escape(title)}</td><td align='right' style='color:#555'>{html.escape(number)}</td>"
                   "</tr></table>")
    return footer


def _page_range(printer: QPrinter, pages: int):
    """The pages the print dialog asked for (all when it named none), in the order it asked for."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        chosen = range(1, pages + 1)
    else:
        chosen = range(max(first, 1), min(last if last > 0 else pages, pages) + 1)
    return reversed(chosen) if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst else chosen


def print_to(printer: QPrinter, printout: Printout) -> None:
    """Lay the printout out on the printer's pages and print them, each with the table headers
    repeated at its top (the document's ``<thead>`` rows) and "Page N of M" at its foot.

    The document gets the page's size in points, less the footer: laid out so, it reads the same on
    screen in the preview and on paper; drawn page by page (as ``QTextDocument.print_`` does, which
    numbers pages only for a document it paginates itself, with 2 cm margins of its own)."""
    doc = document(printout)
    page = printer.pageLayout().paintRect(QPageLayout.Unit.Point).size()
    footer_height = _footer(doc, page.width(), printout.title, 1, 1).size().height() + FOOTER_GAP_PT
    body = QSizeF(page.width(), page.height() - footer_height)
    doc.setPageSize(body)
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_printer_error(printer))
    try:
        painter.scale(printer.width() / page.width(), printer.height() / page.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
        for position, number in enumerate(_page_range(printer, pages)):
            if position:
                printer.newPage()
            top = (number - 1) * body.height()
            painter.save()
            painter.translate(0, -top)
            view = QRectF(0, top, body.width(), body.height())
            painter.setClipRect(view)
            context.clip = view
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.save()
            painter.translate(0, page.height() - footer_height + FOOTER_GAP_PT)
            _footer(doc, page.width(), printout.title, number, pages).drawContents(painter)
            painter.restore()
    finally:
        painter.end()


def print_to_pdf(printout: Printout, path) -> None:
    printer = a4_printer(printout)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_to(printer, printout)


def _nothing(ctx) -> None:
    from zgc_desk.i18n import _

    ctx.dialogs.info(_("Print"), _("Nothing to print on this page. Print the Due list, a record selected "
                                   "in a list, or the firm profile."))


def print_current(ctx) -> QPrintDialog | None:
    """File → Print…: the system's print dialog, then the printout."""
    printout = current_printout(ctx)
    if printout is None:
        _nothing(ctx)
        return None
    printer = a4_printer(printout)
    dialog = QPrintDialog(printer, ctx.window)
    dialog.accepted.connect(lambda: print_to(printer, printout))
    dialog.open()
    ctx.extras["print_dialog"] = (dialog, printer)  # kept alive while open; tests reach it
    return dialog


def preview_current(ctx) -> QPrintPreviewDialog | None:
    """File → Print preview…: the pages as they will print, with the preview's own Print button."""
    printout = current_printout(ctx)
    if printout is None:
        _nothing(ctx)
        return None
    printer = a4_printer(printout)
    dialog = QPrintPreviewDialog(printer, ctx.window)
    dialog.setWindowTitle(printout.title)
    dialog.resize(1000, 760)
    dialog.paintRequested.connect(lambda target: print_to(target, printout))
    dialog.open()
    ctx.extras["print_preview"] = (dialog, printer)
    return dialog
