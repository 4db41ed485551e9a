"""The « Modalités de programmation » window: one tab per channel, who acts at the top.

Every act of the tabs is recorded under the current user (« Qui travaille ? »),
shown at the top of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ..current_user import ActingAs, CurrentUser
from ..window_settings import WindowSettings
from .ami_tab import AmiTab
from .campaigns_tab import CampaignsTab
from .cpo_tab import CpoTab
from .reserve_tab import ReserveTab

SETTINGS_GROUP = "fenetre_modalites"
TABS = ("Appels à projets", "AMI", "Enveloppe de réserve", "CPO")


class ChannelsWindow(QMainWindow):
    """AAP campaigns, AMI, RESERVE and CPO; every act is signed by the current user."""

    closed = Signal()

    def __init__(self, database: Database, current_user: CurrentUser | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Modalités de programmation")
        self.settings = WindowSettings(SETTINGS_GROUP)
        self.current_user = current_user if current_user is not None else CurrentUser(self)
        self.acting = ActingAs(self.current_user)
        actor = self.current_user  # calling it gives the label to record
        self.campaigns = CampaignsTab(database, actor)
        self.ami = AmiTab(database, actor)
        self.reserve = ReserveTab(database, actor)
        self.cpo = CpoTab(database, actor)
        self.tabs = QTabWidget()
        for title, tab in zip(TABS, (self.campaigns, self.ami, self.reserve, self.cpo),
                              strict=True):
            self.tabs.addTab(tab, title)
        top = QHBoxLayout()
        top.addWidget(QLabel("Saisi par :"))
        top.addWidget(self.acting)
        top.addStretch(1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1360, 860)
        geometry = self.settings.bytes("geometrie")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def actor(self) -> str:
        return self.current_user.label

    def show_tab(self, title: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(title))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.write({"geometrie": QByteArray(self.saveGeometry())})
        self.closed.emit()
        super().closeEvent(event)
