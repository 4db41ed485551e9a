"""Menu « Modalités » → the channels window, on the main window's database, at the chosen tab."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..current_user import CurrentUser
from .window import TABS, ChannelsWindow

ENTRIES = (("&Appels à projets (campagnes)…", TABS[0]), ("A&MI…", TABS[1]),
           ("Enveloppe de &réserve…", TABS[2]), ("&CPO et enveloppes pluriannuelles…", TABS[3]))


class ChannelsLauncher(QObject):
    """One channels window at a time; the dossier list is refreshed when it closes."""

    def __init__(self, window, main_controller, menu: QMenu, *,
                 current_user: CurrentUser) -> None:
        super().__init__(window)
        self.window, self.main, self.current_user = window, main_controller, current_user
        self.view: ChannelsWindow | None = None
        self._database = None
        self.actions = []
        for text, tab in ENTRIES:
            action = QAction(text, window)
            action.triggered.connect(lambda _checked=False, t=tab: self.open(t))
            menu.addAction(action)
            self.actions.append(action)

    def open(self, tab: str = TABS[0]) -> ChannelsWindow:
        view = self.view if self.view is not None and shiboken6.isValid(self.view) else None
        if view is not None and self._database is not self.main.database:
            view.close()  # the main window opened another base meanwhile
            view.deleteLater()
            view = None
        if view is None:
            view = ChannelsWindow(self.main.database, self.current_user, self.window)
            view.closed.connect(self._closed)
            self.view, self._database = view, self.main.database
        view.show_tab(tab)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _closed(self) -> None:
        """Statuses and amounts may have changed: refresh the dossier list."""
        if shiboken6.isValid(self.window):
            self.main.apply_filter(self.main.model.current_filter)
