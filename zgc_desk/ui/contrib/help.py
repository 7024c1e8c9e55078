"""Help → User guide (F1); File → Print… and Print preview… (the Due list, a record, the firm
profile); the note on the first start that the database opened is the demo. The parts live in
``zgc_desk.ui.help`` and are imported when first used."""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec


def _guide(ctx):
    from zgc_desk.ui.help.guide import show_guide

    return show_guide(ctx)


def _print(ctx):
    from zgc_desk.ui.help.printing import print_current

    return print_current(ctx)


def _preview(ctx):
    from zgc_desk.ui.help.printing import preview_current

    return preview_current(ctx)


def _can_print(ctx) -> bool:
    from zgc_desk.ui.help.printing import can_print

    return can_print(ctx)


def attach(ctx):
    """The first start's demo note, once the window has loaded the firms; the print entries follow
    the page shown."""
    window = ctx.window

    def ready():
        if ctx.extras.pop("demo_written", False):
            from zgc_desk.ui.help.demo_note import show_demo_note

            show_demo_note(ctx)

    window.ready.connect(ready)
    for page in getattr(window, "pages", {}).values():  # a list loaded after the tab was shown
        page.status_changed.connect(window.update_actions)


ACTIONS = [
    ActionSpec("print", "file", N_("&Print…"), _print, icon="print", shortcut="Ctrl+P", order=400,
               enabled=_can_print, tip=N_("Print the Due list shown, the record selected in a list, or the firm "
                                          "profile")),
    ActionSpec("print_preview", "file", N_("Print pre&view…"), _preview, icon="print", order=410,
               enabled=_can_print, tip=N_("See the pages before printing them")),
    ActionSpec("user_guide", "help", N_("&User guide"), _guide, icon="help", shortcut="F1", order=100,
               tip=N_("The screens explained, and the sources of the rules")),
]
