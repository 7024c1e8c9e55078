"""The window side of import / export and backups: the import preview, export and template, the
restore dialog, the start-up backup and dropping a workbook onto the window. The work itself is done
by ``zgc_desk.services.transfer``; these modules only ask, show progress and report."""
