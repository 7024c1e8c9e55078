"""The main window: firm switcher on the left, pages (tabs) on the right, menus and tool bar built
from the registry, counts and a busy indicator in the status bar."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QToolBar

from zgc_desk.changes import View
from zgc_desk.i18n import _
from zgc_desk.services.browse import firm_summaries
from zgc_desk.ui import registry
from zgc_desk.ui.actions import MENU_TITLES, WRITING_ACTIONS
from zgc_desk.ui.context import ChangeHub, Dialogs, WindowContext
from zgc_desk.ui.due.keeping_ahead import KeepingAhead
from zgc_desk.ui.due.page import DeadlinePage
from zgc_desk.ui.icons import app_icon, icon
from zgc_desk.ui.settings import (
    CURRENT_PAGE,
    GEOMETRY,
    LAST_FIRM_ID,
    SPLITTER_SIZES,
    WINDOW_STATE,
    UiSettings,
)
from zgc_desk.ui.tasks import BusyIndicator, TaskRunner
from zgc_desk.ui.undo import RecordEdits
from zgc_desk.ui.widgets.firm_panel import FirmPanel
from zgc_desk.ui.widgets.page_tabs import PageTabs


def button_text(menu_text: str) -> str:
    """A menu entry's text for a tool-bar button: no accelerator ("新建(&N)…" → "新建"), no ellipsis."""
    return re.sub(r"\(&\w\)", "", menu_text).replace("&", "").rstrip("…").strip()


class MainWindow(QMainWindow):
    ready = Signal()  # the firm list is loaded and the current firm chosen

    def __init__(self, settings: UiSettings, db_path: Path | None = None, today=dt.date.today,
                 contributions: list | None = None):
        super().__init__()
        self.setWindowIcon(app_icon())
        self.setObjectName("MainWindow")
        self.settings = settings
        self._splitter_sizes: list[int] | None = None
        hub = ChangeHub(self)
        self.ctx = WindowContext(window=self, hub=hub, tasks=None, edits=None, settings=settings,
                                 dialogs=Dialogs(self), db_path=db_path, today=today)
        self.ctx.tasks = TaskRunner(self, self.ctx.show_error)
        self.undo_action = QAction(icon("undo"), _("&Undo"), self)
        self.redo_action = QAction(icon("redo"), _("&Redo"), self)
        self.ctx.edits = RecordEdits(hub, self.ctx.show_error, lambda text: self.statusBar().showMessage(text, 30000),
                                     self.undo_action, self.redo_action)
        self.ctx.extras["choose_firm"] = self.set_firm
        hub.changed.connect(self._on_changed)  # first: a deleted firm is replaced before pages hear of it
        modules = registry.contributions() if contributions is None else contributions
        self._build_pages(registry.pages(modules))
        self._actions: dict[str, tuple[QAction, registry.ActionSpec]] = {}
        self._writing_tips: dict[str, tuple[str, str]] = {}  # their own tips, while a reason replaces them
        self._build_menus(registry.actions(modules))
        self._build_status_bar()
        hub.selection_changed.connect(self.update_actions)
        self._restore_state()
        self._update_title()
        registry.attach(modules, self.ctx)

    # ---- building --------------------------------------------------------------------------

    def _build_pages(self, specs: list[registry.PageSpec]) -> None:
        self.firm_panel = FirmPanel(self)
        self.ctx.current_firm = lambda: self.firm_panel.model.summary(self.ctx.firm_id)
        self.firm_panel.firm_chosen.connect(self.set_firm)
        self.firm_panel.new_firm_requested.connect(lambda: self.ctx.open_editor("firm", None))
        self.tabs = PageTabs(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setIconSize(QSize(18, 18))
        self.pages: dict[str, object] = {}
        for spec in specs:
            page = spec.factory(self.ctx)
            page.setObjectName(f"page_{spec.key}")
            page.status_changed.connect(self._update_status)
            if hasattr(page, "open_page"):
                page.open_page.connect(self.show_page)
            self.tabs.add_page(page, icon(spec.icon), _(spec.title))
            self.pages[spec.key] = page
        self.tabs.currentChanged.connect(self._page_changed)
        self.keeping_ahead = KeepingAhead(self.ctx, [p for p in self.pages.values() if isinstance(p, DeadlinePage)],
                                          self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.firm_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1030])
        self.setCentralWidget(self.splitter)

    def _build_menus(self, specs: list[registry.ActionSpec]) -> None:
        menus = {key: self.menuBar().addMenu(_(title)) for key, title in MENU_TITLES.items()}
        toolbar = QToolBar(_("Tool bar"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setIconSize(QSize(22, 22))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        undo, redo = self.undo_action, self.redo_action
        undo.setObjectName("action_undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        undo.setIconText(button_text(_("&Undo")))
        redo.setObjectName("action_redo")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        redo.setIconText(button_text(_("&Redo")))
        menus["edit"].addActions([undo, redo])
        menus["edit"].aboutToShow.connect(self.ctx.edits.refresh)  # what the history holds now
        last_group: dict[str, int] = {"edit": 0}
        last_toolbar_menu = None
        for spec in specs:
            action = self._action(spec)
            menu = menus[spec.menu]
            if spec.menu in last_group and last_group[spec.menu] != spec.order // 100:
                menu.addSeparator()
            last_group[spec.menu] = spec.order // 100
            menu.addAction(action)
            if spec.toolbar:
                if last_toolbar_menu is not None and last_toolbar_menu != spec.menu:
                    toolbar.addSeparator()
                if spec.menu == "records" and last_toolbar_menu != "records":
                    toolbar.addActions([undo, redo])
                    toolbar.addSeparator()
                toolbar.addAction(action)
                last_toolbar_menu = spec.menu
        for menu in menus.values():
            menu.menuAction().setVisible(not menu.isEmpty())
        self.toolbar = toolbar

    def _action(self, spec: registry.ActionSpec) -> QAction:
        action = QAction(icon(spec.icon) if spec.icon else icon("blank"), _(spec.text), self)
        action.setObjectName(f"action_{spec.key}")
        shortcuts = spec.shortcut if isinstance(spec.shortcut, list) else [spec.shortcut]
        sequences = []
        for shortcut in shortcuts:
            if shortcut is None:
                continue
            if isinstance(shortcut, QKeySequence.StandardKey):
                sequences += QKeySequence.keyBindings(shortcut)
            else:
                sequences.append(QKeySequence(shortcut))
        action.setShortcuts(sequences)
        if spec.tip:
            action.setStatusTip(_(spec.tip))
            action.setToolTip(_(spec.tip))
        action.setIconText(button_text(_(spec.text)))
        action.triggered.connect(lambda _checked=False, s=spec: s.triggered(self.ctx))
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        self._actions[spec.key] = (action, spec)
        return action

    def _build_status_bar(self) -> None:
        self.status_label = QLabel(self)
        self.db_label = QLabel(self)
        self.busy = BusyIndicator(self.ctx.tasks, self)
        bar = self.statusBar()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.db_label)
        if self.ctx.db_path is not None:
            shown = self.ctx.db_path  # a server address is shown whole, a file by its name
            self.db_label.setText(shown if isinstance(shown, str) else Path(shown).name)
            self.db_label.setToolTip(_("Database: {path}").format(path=self.ctx.db_path))

    def action(self, key: str) -> QAction:
        return self._actions[key][0]

    # ---- state -----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.get(GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1280, 800)
        state = self.settings.get(WINDOW_STATE)
        if state:
            self.restoreState(QByteArray(state))
        sizes = self.settings.get(SPLITTER_SIZES)
        if sizes and len(sizes) == 2 and all(isinstance(s, int) and s >= 0 for s in sizes):
            self._splitter_sizes = sizes  # applied once the window has its size (see showEvent)
        page = self.settings.get(CURRENT_PAGE)
        if page in self.pages:
            self.tabs.setCurrentWidget(self.pages[page])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        sizes, self._splitter_sizes = self._splitter_sizes, None
        if sizes:
            self.layout().activate()
            self.splitter.setSizes(sizes)

    def save_state(self) -> None:
        self.settings.set(GEOMETRY, self.saveGeometry().data())
        self.settings.set(WINDOW_STATE, self.saveState().data())
        self.settings.set(SPLITTER_SIZES, list(self.splitter.sizes()))
        self.settings.set(CURRENT_PAGE, self.current_page_key() or "")
        if self.ctx.firm_id is not None:
            self.settings.set(LAST_FIRM_ID, self.ctx.firm_id)
        self.settings.sync()

    def changeEvent(self, event) -> None:
        # Undo / Redo read the database's history, which `zgc-desk undo` may have moved meanwhile.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.ctx.edits.refresh()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.save_state()
        self.ctx.tasks.shutdown()
        super().closeEvent(event)

    # ---- firms -----------------------------------------------------------------------------

    def load(self) -> None:
        """Read the firm list (off the GUI thread) and show the last firm used."""
        self.ctx.tasks.run(firm_summaries, on_result=self._firms_loaded, label=_("Opening the portfolio…"),
                           abandon_on_close=True)

    def _firms_loaded(self, firms: list[dict]) -> None:
        self.firm_panel.set_firms(firms, self.ctx.firm_id)
        wanted = self.ctx.firm_id if self.ctx.firm_id is not None else self.settings.get(LAST_FIRM_ID)
        if not self.firm_panel.model.has(wanted):
            wanted = self.firm_panel.model.first_id()
        self.set_firm(wanted, force=True)
        self.ready.emit()

    def set_firm(self, firm_id: int | None, force: bool = False) -> None:
        if firm_id == self.ctx.firm_id and not force:
            return
        self.ctx.firm_id = firm_id
        self.firm_panel.select(firm_id)
        if firm_id is not None:
            self.settings.set(LAST_FIRM_ID, firm_id)
        for page in self.pages.values():
            page.set_firm(firm_id)
        self.ctx.hub.firm_selected.emit(firm_id)
        self._update_title()
        self.update_actions()

    def _on_changed(self, changed) -> None:
        if changed.affects(View.FIRM_LIST):
            self._reload_firms()
        self.update_actions()

    def _reload_firms(self) -> None:
        """After a firm was added, renamed or deleted: keep the current firm unless it is gone."""
        self.firm_panel.set_firms(firm_summaries(), self.ctx.firm_id)
        if self.ctx.firm_id is None or not self.firm_panel.model.has(self.ctx.firm_id):
            self.set_firm(self.firm_panel.model.first_id(), force=True)
        self._update_title()

    def focus_firm_search(self) -> None:
        self.firm_panel.search.setFocus()
        self.firm_panel.search.selectAll()

    # ---- pages -----------------------------------------------------------------------------

    def current_page(self):
        return self.tabs.currentWidget()

    def current_page_key(self) -> str | None:
        page = self.current_page()
        return next((key for key, p in self.pages.items() if p is page), None)

    def show_page(self, key: str) -> None:
        if key in self.pages:
            self.tabs.setCurrentWidget(self.pages[key])

    def step_page(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def refresh(self) -> None:
        self._reload_firms()
        page = self.current_page()
        if page is not None:
            page.refresh()

    def _page_changed(self, _index: int) -> None:
        self._update_status()
        self.update_actions()

    def _update_status(self) -> None:
        page = self.current_page()
        self.status_label.setText(page.status_text() if page is not None else "")
        self.update_actions()  # what a page has loaded decides what can be printed

    def update_actions(self) -> None:
        from zgc_desk.db import read_only_reason

        reason = read_only_reason()  # a read-only database role: the actions that write are off, saying why
        for action, spec in self._actions.values():
            if spec.key in WRITING_ACTIONS:
                tips = self._writing_tips.setdefault(spec.key, (action.toolTip(), action.statusTip()))
                action.setToolTip(reason or tips[0])
                action.setStatusTip(reason or tips[1])
                if reason:
                    action.setEnabled(False)
                    continue
                if spec.enabled is None:
                    action.setEnabled(True)
            if spec.enabled is not None:
                action.setEnabled(bool(spec.enabled(self.ctx)))

    def _update_title(self) -> None:
        name = ""
        if self.ctx.firm_id is not None:
            row = self.firm_panel.model.row_of(self.ctx.firm_id)
            name = self.firm_panel.model.index(row).data() if row is not None else ""
        # Qt adds the application's display name ("ZGC Desk") after a title that lacks it.
        self.setWindowTitle(f"{name} — ZGC Desk" if name else "ZGC Desk")
