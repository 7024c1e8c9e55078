"""Help and printing: the user guide (F1), File → Print… / Print preview…, and the note shown when
the first start opened the demo database. Wired into the window by ``zgc_desk.ui.contrib.help``."""
