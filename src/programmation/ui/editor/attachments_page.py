"""The « Pièces jointes » tab: files added by dialog or drag-and-drop, opened, removed,
with the channel's checklist ticked beside them. Adding and removing are undoable
and written when the dossier is saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.checklist import Checklist, PieceKind, piece_label
from ...domain.text import search_key
from ...services.dossier_editing import DossierForm, PendingAttachment
from ...services.errors import ServiceError
from ..display import format_datetime
from ..widgets import ERROR_STYLE, MUTED_STYLE, text_label
from .gateway import EditorGateway
from .table_base import LEFT, RIGHT, ROOT, Index
from .undo import Binder, CallbackEdit

HEADERS = ("Pièce", "Fichier", "Taille", "Ajoutée le")
_WORDS = (("statut", PieceKind.STATUTES), ("rib", PieceKind.BANK_DETAILS),
          ("identite bancaire", PieceKind.BANK_DETAILS), ("budget", PieceKind.ASSOCIATION_BUDGET),
          ("bilan", PieceKind.LAST_ACCOUNTS), ("compte", PieceKind.LAST_ACCOUNTS),
          ("dirigeant", PieceKind.OFFICERS), ("bureau", PieceKind.OFFICERS),
          ("rapport", PieceKind.ACTIVITY_REPORT), ("projet", PieceKind.ASSOCIATION_PROJECT),
          ("impact", PieceKind.SOCIAL_IMPACT))


def guess_kind(filename: str, fallback: PieceKind) -> PieceKind:
    """The piece a file name speaks of (« RIB Élan.pdf » → RIB), else ``fallback``."""
    words = search_key(filename.replace("_", " ").replace("-", " "))
    return next((kind for word, kind in _WORDS if word in words), fallback)


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} o"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} Ko".replace(".", ",")
    return f"{size / 1048576:.1f} Mo".replace(".", ",")


class AttachmentModel(QAbstractTableModel):
    """Stored pieces (not removed) then the pieces waiting to be saved."""

    def __init__(self, form: DossierForm, binder: Binder, parent=None) -> None:
        super().__init__(parent)
        self.binder = binder
        self.load(form)

    def load(self, form: DossierForm) -> None:
        self.beginResetModel()
        self.form = form
        self.endResetModel()

    def entries(self) -> list[tuple[str, object]]:
        return [("stored", a) for a in self.form.kept_attachments] + [
            ("pending", p) for p in self.form.new_attachments]

    def apply(self, state: tuple[list, list]) -> None:
        self.beginResetModel()
        self.form.new_attachments, self.form.removed_attachment_ids = list(state[0]), \
            list(state[1])
        self.endResetModel()
        self.binder.notify()

    def state(self) -> tuple[list, list]:
        return list(self.form.new_attachments), list(self.form.removed_attachment_ids)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries())

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(RIGHT if section == 2 else LEFT)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        where, entry = self.entries()[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if where == "stored":
                return (entry.kind_label, entry.filename, size_text(entry.size),
                        format_datetime(entry.added_at))[index.column()]
            return (piece_label(entry.kind), entry.file.filename, size_text(entry.file.size),
                    "à l'enregistrement")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if index.column() == 2 else LEFT)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return entry.filename if where == "stored" else entry.file.filename
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren


class AttachmentsPage(QWidget):
    def __init__(self, form: DossierForm, binder: Binder, gateway: EditorGateway,
                 alerts: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.binder, self.gateway = binder, gateway
        self.opener: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.model = AttachmentModel(form, binder, self)
        self.view = QTableView()
        self.view.setObjectName("pieces_jointes")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        binder.route_undo_keys(self.view)
        self.kind = QComboBox()
        self.kind.setObjectName("type_piece")
        for kind in PieceKind:
            self.kind.addItem(kind.label, kind.value)
        self.add_button = QPushButton("Ajouter un fichier…")
        self.open_button = QPushButton("Ouvrir")
        self.remove_button = QPushButton("Retirer")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = text_label("", style=ERROR_STYLE, name="message_pieces")
        self.checklist = QListWidget()
        self.checklist.setObjectName("liste_pieces")
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._layout(alerts)
        self.setAcceptDrops(True)

    def _layout(self, alerts: QWidget) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(text_label("Type de pièce :", wrap=False))
        buttons.addWidget(self.kind)
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.view, 1)
        left.addWidget(text_label("Glissez-déposez des fichiers ici pour les joindre (PDF, "
                                  "images, documents bureautiques ; 20 Mo au plus).",
                                  style=MUTED_STYLE))
        left.addWidget(self.message)
        box = QGroupBox("Pièces attendues pour cette modalité")
        inside = QVBoxLayout(box)
        inside.addWidget(self.checklist)
        right = QVBoxLayout()
        right.addWidget(alerts)
        right.addWidget(box)
        right.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 3)
        outer.addLayout(right, 2)

    # --- what the dialog calls -------------------------------------------------------------

    def load(self, form: DossierForm) -> None:
        self.model.load(form)
        self.message.setText("")

    def show_checklist(self, checklist: Checklist) -> None:
        self.checklist.clear()
        for item in checklist.items:
            mark = "✓" if item.present else "✗"
            files = f" — {', '.join(item.filenames)}" if item.present else " — manquante"
            entry = QListWidgetItem(f"{mark}  {item.label}{files}")
            entry.setForeground(Qt.GlobalColor.darkGreen if item.present else Qt.GlobalColor.red)
            self.checklist.addItem(entry)
        rows = max(self.checklist.count(), 1)
        self.checklist.setFixedHeight(self.checklist.sizeHintForRow(0) * rows
                                      + 2 * self.checklist.frameWidth() + 6)
        missing = checklist.missing
        if missing:
            self.kind.setCurrentIndex(self.kind.findData(missing[0].value))

    # --- adding, opening, removing ---------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Joindre des fichiers", "",
            "Documents (*.pdf *.png *.jpg *.jpeg *.docx *.xlsx *.odt *.ods *.doc *.xls *.txt "
            "*.csv);;Tous les fichiers (*)")
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        state = self.model.state()
        known = {a.sha256: a.filename for a in self.model.form.kept_attachments}
        known.update({p.file.sha256: p.file.filename for p in state[0]})
        problems = []
        for path in paths:
            try:
                checked = self.gateway.read_file(path)
            except ServiceError as error:
                problems.append(str(error))
                continue
            if checked.sha256 in known:
                problems.append(f"« {checked.filename} » est déjà joint "
                                f"(« {known[checked.sha256]} »)")
                continue
            known[checked.sha256] = checked.filename
            kind = guess_kind(checked.filename, PieceKind(self.kind.currentData()))
            state[0].append(PendingAttachment(kind.value, checked))
        self.message.setText("\n".join(problems))
        if len(state[0]) != len(self.model.form.new_attachments):
            self.binder.stack.push(CallbackEdit("Joindre des fichiers", self.model.apply,
                                                self.model.state(), state))

    def _selected(self) -> tuple[str, object] | None:
        rows = self.view.selectionModel().selectedRows()
        entries = self.model.entries()
        return entries[rows[0].row()] if rows and rows[0].row() < len(entries) else None

    def open_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        where, entry = selected
        try:
            path = (self.gateway.stored_copy(entry.id) if where == "stored"
                    else self.gateway.pending_copy(entry.file))
        except ServiceError as error:
            self.message.setText(str(error))
            return
        self.opener(QUrl.fromLocalFile(str(path)))

    def remove_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        where, entry = selected
        pending, removed = self.model.state()
        if where == "stored":
            removed.append(entry.id)
        else:
            pending.remove(entry)
        self.binder.stack.push(CallbackEdit("Retirer une pièce", self.model.apply,
                                            self.model.state(), (pending, removed)))

    # --- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
