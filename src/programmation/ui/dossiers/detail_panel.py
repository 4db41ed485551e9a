"""The read-only detail of the selected dossier: a heading and tabbed pages.

« Ouvrir » beside a piece asks for it (``attachment_requested``): the controller
makes the temporary copy and hands it to the system's viewer.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.dossier_detail import DossierDetail
from ..widgets import MUTED_STYLE, text_label
from .detail_pages import ATTACHMENT_ID, PAGES

EMPTY_TEXT = "Sélectionnez un dossier dans la liste pour afficher son détail."


class DetailPanel(QWidget):
    """Shows a ``DossierDetail`` (plain data); it never loads anything itself."""

    attachment_requested = Signal(int)  # the id of the piece to open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label("", name="titre_dossier")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = text_label("", style=MUTED_STYLE, name="sous_titre_dossier")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.detail: DossierDetail | None = None

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)

        self.placeholder = text_label(EMPTY_TEXT, style=MUTED_STYLE, name="detail_vide")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 0)
        outer.addWidget(self._stack)

    def show_detail(self, detail: DossierDetail | None) -> None:
        """Show a dossier, or the invitation to pick one when ``detail`` is None."""
        self.detail = detail
        if detail is None:
            self._stack.setCurrentWidget(self.placeholder)
            return
        self.heading.setText(f"{detail.reference} — {detail.title}")
        parts = [detail.status, detail.channel, detail.years, detail.carrier.name]
        self.subheading.setText(" · ".join(part for part in parts if part))
        current = self.tabs.currentIndex()
        self.tabs.setUpdatesEnabled(False)
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for page in old_pages:
            page.deleteLater()
        for title, build in PAGES:
            page = build(detail)
            self._wire_buttons(page)
            self.tabs.addTab(_scrolling(page), _tab_title(title, detail))
        self.tabs.setCurrentIndex(max(current, 0))
        self.tabs.setUpdatesEnabled(True)
        self._stack.setCurrentIndex(1)


    def _wire_buttons(self, page: QWidget) -> None:
        for button in page.findChildren(QPushButton):
            piece = button.property(ATTACHMENT_ID)
            if piece is not None:
                button.clicked.connect(
                    lambda _checked=False, p=piece: self.attachment_requested.emit(p))


def _tab_title(title: str, detail: DossierDetail) -> str:
    if title == "Budget" and detail.budget_errors:
        return "Budget ⚠"
    if title == "Financements" and detail.funding_lines:
        return f"Financements ({len(detail.funding_lines)})"
    return title


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
