"""Pages and actions other areas add to the window; see ``zgc_desk.ui.registry``.

Each module here defines ``PAGES`` and/or ``ACTIONS`` (and may define ``attach(ctx)``); the window
loads them all at start-up.
"""
