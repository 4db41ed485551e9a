"""The dialogs of the batch actions: choose a status, choose instructors, read what was refused.

Layout only: each dialog returns plain values; the batch controller calls the
services. Dialogs are opened with ``open()`` (window-modal, not blocking). The
act is recorded in the name of the current user, shown in « Effectué par ».
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.lifecycle import Status
from ...services.batch import InstructorChoice, TargetChoice
from ..current_user import ActingAs, CurrentUser
from ..display import format_count
from ..widgets import MUTED_STYLE, section_title, text_label

_DATA = Qt.ItemDataRole.UserRole


class _BatchDialog(QDialog):
    """Heading, body, « Effectué par » (the current user), and an OK button enabled when the
    choice is complete."""

    def __init__(self, title: str, heading: str, ok_text: str, who: CurrentUser,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(section_title(heading))
        self.acting = ActingAs(who)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, form: QFormLayout) -> None:
        form.addRow("Effectué par :", self.acting)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(max(self.minimumWidth(), self.layout_.minimumSize().width()))
        self.update_ok()

    def actor(self) -> str:
        """The name the act is recorded under: the one shown in « Effectué par »."""
        return self.acting.current.label

    def complete(self) -> bool:
        return bool(self.actor().strip())

    def update_ok(self) -> None:
        self.ok_button.setEnabled(self.complete())


class ChangeStatusDialog(_BatchDialog):
    """Pick the new status among those at least one selected dossier may reach."""

    def __init__(self, choices: Sequence[TargetChoice], count: int, who: CurrentUser,
                 parent: QWidget | None = None) -> None:
        heading = f"Changer le statut de {format_count(count, 'dossier', 'dossiers')}"
        super().__init__("Changer le statut", heading, "Changer le &statut", who, parent)
        self.targets = QListWidget()
        self.targets.setObjectName("statuts_cibles")
        for choice in choices:
            item = QListWidgetItem(choice.text)
            item.setData(_DATA, choice.status.value)
            self.targets.addItem(item)
        self.targets.setMinimumHeight(min(28 * max(len(choices), 3), 320))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("motif")
        self.reason.setPlaceholderText("Motif inscrit dans l'historique de chaque dossier")
        self.reason.setFixedHeight(70)
        self.layout_.addWidget(text_label(
            "Seuls les changements permis par le cycle de vie seront faits ; les autres "
            "dossiers seront listés avec la raison du refus.", style=MUTED_STYLE))
        form = QFormLayout()
        form.addRow("&Nouveau statut :", self.targets)
        form.addRow("&Motif :", self.reason)
        self.targets.currentItemChanged.connect(self.update_ok)
        self.targets.itemDoubleClicked.connect(lambda _item: self.ok_button.click())
        self.finish_layout(form)

    def complete(self) -> bool:
        return super().complete() and self.targets.currentItem() is not None

    def target(self) -> Status | None:
        item = self.targets.currentItem()
        return Status(item.data(_DATA)) if item is not None else None


class AssignDialog(_BatchDialog):
    """Check the instructors to assign; add them to those in place, or replace them."""

    def __init__(self, choices: Sequence[InstructorChoice], count: int, who: CurrentUser,
                 parent: QWidget | None = None) -> None:
        heading = f"Affecter des instructeurs à {format_count(count, 'dossier', 'dossiers')}"
        super().__init__("Affecter des instructeurs", heading, "&Affecter", who, parent)
        self.people = QListWidget()
        self.people.setObjectName("instructeurs")
        for choice in choices:
            already = f" — déjà sur {choice.assigned} dossier(s)" if choice.assigned else ""
            item = QListWidgetItem(choice.label + already)
            item.setData(_DATA, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            all_have = choice.assigned == choice.total and choice.total > 0
            item.setCheckState(Qt.CheckState.Checked if all_have else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        if not choices:
            self.layout_.addWidget(text_label(
                "Aucun instructeur actif n'est déclaré sur le contrat de ces dossiers.",
                style=MUTED_STYLE, name="aucun_instructeur"))
        self.add_mode = QRadioButton("A&jouter aux instructeurs déjà affectés")
        self.replace_mode = QRadioButton("&Remplacer les instructeurs déjà affectés")
        self.add_mode.setChecked(True)
        form = QFormLayout()
        form.addRow("&Instructeurs :", self.people)
        form.addRow("", self.add_mode)
        form.addRow("", self.replace_mode)
        self.people.itemChanged.connect(self.update_ok)
        self.replace_mode.toggled.connect(self.update_ok)
        self.finish_layout(form)

    def person_ids(self) -> list[int]:
        return [self.people.item(i).data(_DATA) for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked]

    def replace(self) -> bool:
        return self.replace_mode.isChecked()

    def complete(self) -> bool:  # replacing by nobody is a way to clear the assignments
        return super().complete() and (bool(self.person_ids()) or self.replace())


class RefusedDialog(QDialog):
    """What a batch did, and the dossiers it refused with the reason of each."""

    def __init__(self, title: str, summary: str, refused: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(summary, name="resume"))
        layout.addWidget(section_title(
            f"{format_count(len(refused), 'dossier refusé', 'dossiers refusés')} :"))
        self.table = QTableWidget(len(refused), 2)
        self.table.setObjectName("refuses")
        self.table.setHorizontalHeaderLabels(["Référence", "Raison du refus"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        for row, (reference, why) in enumerate(refused):
            self.table.setItem(row, 0, QTableWidgetItem(reference))
            item = QTableWidgetItem(why)
            item.setToolTip(why)
            self.table.setItem(row, 1, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount())]
