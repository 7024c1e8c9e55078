"""File → Print… and Print preview…: what the current page has to print, on A4 through Qt's print
support. The HTML comes from ``zgc_desk.services.printouts``; this turns it into a QTextDocument
(which repeats each table's ``<thead>`` row at the top of every page) and hands it to a printer."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from zgc_desk.services import printouts, records
from zgc_desk.services.browse import firm_counts
from zgc_desk.services.printouts import Printout


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

    firm = _firm_name(ctx) if isinstance(page, DuePage) else None  # the all-firms list names no firm
    return printouts.deadlines_printout(page.title, firm, page.as_of, groups, columns)


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


def print_to(printer: QPrinter, printout: Printout) -> None:
    """Lay the printout out on the printer's pages and print it. The document gets the page's size
    in points first: without one, print_ would lay it out with 2 cm margins of its own on top of the
    printer's and in a font scaled by its own rules."""
    doc = document(printout)
    doc.setPageSize(printer.pageLayout().paintRect(QPageLayout.Unit.Point).size())
    doc.print_(printer)


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
