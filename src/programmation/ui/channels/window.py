"""The « Modalités de programmation » window: one tab per channel, who acts at the top."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...services.instruction import list_people
from ..window_settings import WindowSettings
from .ami_tab import AmiTab
from .campaigns_tab import CampaignsTab
from .cpo_tab import CpoTab
from .reserve_tab import ReserveTab

SETTINGS_GROUP = "fenetre_modalites"
TABS = ("Appels à projets", "AMI", "Enveloppe de réserve", "CPO")


class ChannelsWindow(QMainWindow):
    """AAP campaigns, AMI, RESERVE and CPO; every act is signed with the name chosen on top."""

    closed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Modalités de programmation")
        self.settings = WindowSettings(SETTINGS_GROUP)
        self.actor_box = QComboBox()
        self.actor_box.setObjectName("saisi_par")
        self.actor_box.setEditable(True)
        self.actor_box.addItems([p.name for p in list_people(database)])
        self.actor_box.setCurrentIndex(-1)
        self.actor_box.lineEdit().setPlaceholderText("Votre nom")
        self.actor_box.setMinimumWidth(240)
        self.campaigns = CampaignsTab(database, self.actor)
        self.ami = AmiTab(database, self.actor)
        self.reserve = ReserveTab(database, self.actor)
        self.cpo = CpoTab(database, self.actor)
        self.tabs = QTabWidget()
        for title, tab in zip(TABS, (self.campaigns, self.ami, self.reserve, self.cpo),
                              strict=True):
            self.tabs.addTab(tab, title)
        top = QHBoxLayout()
        top.addWidget(QLabel("Saisi par :"))
        top.addWidget(self.actor_box)
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
        return self.actor_box.currentText().strip()

    def show_tab(self, title: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(title))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.write({"geometrie": QByteArray(self.saveGeometry())})
        self.closed.emit()
        super().closeEvent(event)
