"""The advisor's session report for the current firm: choose the file, write it off the GUI thread
with a progress dialog, then offer to open its folder."""

from __future__ import annotations

from zgc_desk.i18n import _
from zgc_desk.services import records
from zgc_desk.services.documents import session_report
from zgc_desk.ui import files
from zgc_desk.ui.subsidies.files import DOCUMENTS_FOLDER
from zgc_desk.ui.subsidies.fill_dialog import file_name


def write_session_report(ctx, firm_id: int | None = None):
    """Ask where, then write; returns the background task (None when there is no firm or it was cancelled)."""
    firm_id = ctx.firm_id if firm_id is None else firm_id
    if firm_id is None:
        ctx.dialogs.info(_("No firm"), _("Add or choose a firm first."))
        return None
    firm = records.read_record("firm", firm_id)
    today = ctx.today()
    name = file_name(firm.name, _("session report"), today.isoformat(), ".pdf")
    suggested = files.remembered_folder(ctx, DOCUMENTS_FOLDER) / name
    path = files.save_file(ctx, _("Session report"), suggested, _("PDF files (*.pdf)"))
    if path is None:
        return None
    path = files.ensure_suffix(path, ".pdf")

    def written(out) -> None:
        files.remember_folder(ctx, DOCUMENTS_FOLDER, out.parent)
        files.offer_to_open(ctx, out, _("Session report written"))

    return ctx.tasks.run(session_report, firm_id, path, today, progress=True, modal=True,
                         label=_("Writing the session report for {firm}…").format(firm=firm.name), on_result=written)
