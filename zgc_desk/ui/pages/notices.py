"""The Notices page: the notices list, plus reading a notice from its PDF — "From PDF…" or a PDF
dropped onto the page. The PDF is read in the background (``services.notice_pdf``); the notice form
then opens prefilled for the user to confirm, with the file to be attached when it is saved (one
Undo takes back both). What the PDF did not give stays empty and the form says why; a PDF without
text opens the empty form, file attached, and says so. A file that cannot be read is a message and
no form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QPushButton

from zgc_desk.i18n import N_, _
from zgc_desk.ui.files import open_file, remember_folder, remembered_folder
from zgc_desk.ui.icons import icon
from zgc_desk.ui.pages.records import RecordListPage
from zgc_desk.ui.settings import Setting

PDF_FOLDER = Setting("files/notice_pdf_folder", "")
FIELD_LABELS = {"matter_no": N_("Matter number"), "notice_type": N_("Notice type"), "dispatch_date": N_("Dispatch date")}


def _pdf_paths(mime) -> list[Path]:
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() == ".pdf"]


class NoticesPage(RecordListPage):
    def __init__(self, ctx, title: str, parent=None):
        super().__init__(ctx, "notice", title, parent)
        self.from_pdf = QPushButton(icon("form"), _("From PDF…"), self)
        self.from_pdf.setToolTip(_("Read a notice's PDF and open the notice form filled in from it (you can also "
                                   "drop a PDF onto this page)"))
        self.from_pdf.clicked.connect(self.choose_pdf)
        self.layout().itemAt(0).layout().insertWidget(1, self.from_pdf)
        # The button takes room the window's least width must not grow by (the page was already the
        # widest in Chinese): the search box and the type filter (its longest name) give it back.
        self.search.setMinimumWidth(150)
        for combo in self.filters.values():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.setAcceptDrops(True)
        self.last_form = None  # the form opened from the last PDF (tests look at it)

    # ---- choosing or dropping a PDF ----------------------------------------------------------

    def choose_pdf(self) -> None:
        path = open_file(self.ctx, _("Read a notice's PDF"), remembered_folder(self.ctx, PDF_FOLDER),
                         _("PDF files (*.pdf)"))
        if path is not None:
            remember_folder(self.ctx, PDF_FOLDER, path.parent)
            self.read_pdf(path)

    def dragEnterEvent(self, event) -> None:
        if _pdf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = _pdf_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.read_pdf(paths[0])

    def read_pdf(self, path: Path):
        from zgc_desk.services.notice_pdf import propose_notice

        return self.ctx.tasks.run(propose_notice, Path(path), on_result=self._open_form,
                                  on_error=self.ctx.show_error, label=_("Reading {file}…").format(file=Path(path).name))

    # ---- the form ----------------------------------------------------------------------------

    def _open_form(self, result) -> None:
        from zgc_desk.ui.dialogs.editor import RecordEditor

        proposal, content = result
        firm_id = proposal.firm_id if proposal.firm_id is not None else self.ctx.firm_id
        if firm_id is None:
            self.ctx.dialogs.error(self.title, _("Add a firm first: a notice belongs to a firm's matter."))
            return
        form = RecordEditor(self.ctx, "notice", None, firm_id=firm_id)
        form.prefill(proposal.values, self._note(proposal), (proposal.file_name, content))
        form.saved.connect(self.show_record)
        form.open()
        self.last_form = form
        return form

    def _note(self, proposal) -> str:
        lines = []
        if not proposal.reading.has_text:
            lines.append(_("{file} has no text layer (a scan?): nothing could be read from it. Fill in the "
                           "notice from the paper.").format(file=proposal.file_name))
        else:
            found = [_(FIELD_LABELS[k]) for k in FIELD_LABELS if proposal.sources.get(k) == "pdf"]
            if found:
                lines.append(_("Read from {file}: {fields}. Check them against the notice.").format(
                    file=proposal.file_name, fields=_(", ").join(found)))
            for key, why in proposal.missing.items():
                lines.append(_("{field}: {why}").format(field=_(FIELD_LABELS[key]), why=why))
        lines.append(_("{file} will be attached to the notice when you save it.").format(file=proposal.file_name))
        return "\n".join(lines)
