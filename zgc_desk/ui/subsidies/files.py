"""The folders this area remembers; pickers and "open the folder" are in ``zgc_desk.ui.files``."""

from __future__ import annotations

from zgc_desk.ui.settings import Setting

DOCUMENTS_FOLDER = Setting("documents/folder", "")  # where forms and reports were last written
RULES_FOLDER = Setting("documents/rules_folder", "")  # where rule files were last imported or exported
