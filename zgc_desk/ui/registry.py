"""The window's extension point: which pages it shows and which actions its menus and tool bar hold.

Built-in pages and actions are declared in ``zgc_desk.ui.pages.builtin`` and ``zgc_desk.ui.actions``.
Another area adds its own by creating a module in ``zgc_desk/ui/contrib/`` (e.g. ``deadlines.py``)
that defines ``PAGES`` and/or ``ACTIONS`` — lists of :class:`PageSpec` / :class:`ActionSpec`. Nothing
else needs editing: the window picks every such module up. A contributed page with the key of a
built-in one replaces it.

Example (``zgc_desk/ui/contrib/transfer.py``)::

    from zgc_desk.i18n import N_
    from zgc_desk.ui.registry import ActionSpec

    def _import(ctx):
        from zgc_desk.ui.dialogs.import_preview import ImportDialog  # imported late: fast start-up
        ImportDialog(ctx).open()

    ACTIONS = [ActionSpec("import", "file", N_("&Import workbook…"), _import, icon="import",
                          order=20, toolbar=True)]

A page factory receives the :class:`~zgc_desk.ui.context.WindowContext` and returns a
:class:`~zgc_desk.ui.pages.base.Page`; an action's ``triggered`` receives the context too.

A module may also define ``attach(ctx)``: what it hooks onto the window itself (an event filter, a
slot on ``ready``). The window calls it once, with its context, when its pages, menus and status bar
are built and before it loads the firms and emits ``ready``; a failing ``attach`` is logged and the
window opens without it.
Menus: ``file``, ``edit``, ``view``, ``records``, ``tools``, ``help``. Within a menu, actions are
ordered by ``order``; a separator goes between different hundreds (``order // 100``).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("zgc_desk.ui")

MENUS = ("file", "edit", "view", "records", "tools", "help")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # N_-marked; translated when shown
    icon: str  # name of an icon in resources/icons/
    factory: Callable  # (WindowContext) -> Page
    order: int = 100  # tab position, smallest first


@dataclass(frozen=True)
class ActionSpec:
    key: str
    menu: str
    text: str  # N_-marked, with an & accelerator if wanted
    triggered: Callable  # (WindowContext) -> None
    icon: str = ""
    shortcut: object = None  # a QKeySequence.StandardKey, a string such as "Ctrl+N", or a list of them
    order: int = 100
    toolbar: bool = False
    tip: str = ""  # N_-marked status tip
    enabled: Callable | None = None  # (WindowContext) -> bool; re-checked when the selection changes


def contributions() -> list:
    """Every module under ``zgc_desk.ui.contrib`` (each may define PAGES and ACTIONS)."""
    from zgc_desk.ui import contrib

    modules = []
    for info in sorted(pkgutil.iter_modules(contrib.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        try:
            modules.append(importlib.import_module(f"{contrib.__name__}.{info.name}"))
        except Exception:  # one broken contribution must not keep the window from opening
            log.exception("cannot load window contribution %s", info.name)
    return modules


def attach(modules: list, ctx) -> None:
    """Call each contribution's ``attach(ctx)``, once (the window does, when it is built)."""
    for module in modules:
        hook = getattr(module, "attach", None)
        if not callable(hook):
            continue
        try:
            hook(ctx)
        except Exception:  # as for loading: one broken contribution must not keep the window from opening
            log.exception("cannot attach window contribution %s", getattr(module, "__name__", module))


def pages(modules: list | None = None) -> list[PageSpec]:
    from zgc_desk.ui.pages.builtin import PAGES

    by_key = {spec.key: spec for spec in PAGES}
    for module in contributions() if modules is None else modules:
        for spec in getattr(module, "PAGES", []):
            by_key[spec.key] = spec
    return sorted(by_key.values(), key=lambda spec: spec.order)


def actions(modules: list | None = None) -> list[ActionSpec]:
    from zgc_desk.ui.actions import ACTIONS

    by_key = {spec.key: spec for spec in ACTIONS}
    for module in contributions() if modules is None else modules:
        for spec in getattr(module, "ACTIONS", []):
            if spec.menu not in MENUS:
                log.warning("action %s names an unknown menu %s", spec.key, spec.menu)
                continue
            by_key[spec.key] = spec
    return sorted(by_key.values(), key=lambda spec: (MENUS.index(spec.menu), spec.order))
