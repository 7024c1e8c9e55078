"""File menu: Import workbook…, Export workbook…, Blank import template…, Restore backup…; a workbook
dropped onto the window opens the import preview; the daily backup when the window has opened its
database. The dialogs live in ``zgc_desk.ui.transfer`` and are imported when first used.

The window calls :func:`attach` once when it is built, before it emits ``ready`` (at which the
start-up backup runs); see ``zgc_desk.ui.registry``.
"""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec


def attach(ctx):
    """Dropped workbooks open the import preview; the start-up backup runs at ``ready``."""
    from zgc_desk.ui.transfer.hooks import attach as attach_hooks

    return attach_hooks(ctx)


def _import(ctx):
    from zgc_desk.ui.transfer.import_flow import import_workbook

    return import_workbook(ctx)


def _export(ctx):
    from zgc_desk.ui.transfer.export_dialog import export_dialog

    return export_dialog(ctx)


def _template(ctx):
    from zgc_desk.ui.transfer.export_dialog import write_blank_template

    return write_blank_template(ctx)


def _restore(ctx):
    from zgc_desk.ui.transfer.restore_dialog import restore_dialog

    return restore_dialog(ctx)


ACTIONS = [
    ActionSpec("import", "file", N_("&Import workbook…"), _import, icon="import", shortcut="Ctrl+I", order=200,
               toolbar=True,
               tip=N_("Check an Excel workbook and import its firms, patents, PCT applications, overseas filings "
                      "and trademarks (or drop the file onto the window)")),
    ActionSpec("export", "file", N_("E&xport workbook…"), _export, icon="export", order=210,
               tip=N_("Write the current firm's records, or every firm's, to an Excel workbook in the import "
                      "layout")),
    ActionSpec("template", "file", N_("&Blank import template…"), _template, icon="form", order=220,
               tip=N_("An empty import workbook with instructions and the headers of every sheet")),
    ActionSpec("restore", "file", N_("&Restore backup…"), _restore, icon="restore", order=300,
               tip=N_("Return to a backup of the database taken at start-up or before an import")),
]
