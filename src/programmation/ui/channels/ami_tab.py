"""« AMI » : the published need, its answers side by side on the grid, amend, select, close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.money import ZERO
from ...services import ami as service
from ...services.campaigns import campaign_choices
from ...services.errors import ServiceError
from ..display import format_date, format_eur, format_quantity
from ..table_models import RIGHT
from ..widgets import MUTED_STYLE, form, section_title, table, text_label
from .ami_dialogs import AmendDialog, AttachDialog, DraftAnswerDialog, NeedDialog, SelectDialog
from .common import ActionDialog, MessageLine, run_action


def _mark(value) -> str:
    return "—" if value is None else format_quantity(value).replace(".", ",")


def comparison_rows(c: service.AmiComparison) -> list[tuple[str, list[str]]]:
    """(row caption, one text per answer) as the side-by-side table shows them."""
    answers = c.answers
    rows = [("Référence", [a.reference for a in answers]),
            ("Statut", [a.status for a in answers]),
            ("Montant demandé", [format_eur(a.amount) for a in answers]),
            ("Alerte", ["; ".join(a.flags) or "—" for a in answers])]
    rows += [(criterion, [_mark(a.means[i]) for a in answers])
             for i, criterion in enumerate(c.criteria)]
    rows += [("Note totale (sur 100)", [_mark(a.total) for a in answers]),
             ("Instructeurs ayant noté", [str(a.scorers) for a in answers]),
             ("Amendée", ["oui" if a.amended else "non" for a in answers])]
    return rows


class AmiTab(QWidget):
    def __init__(self, database: Database, actor: Callable[[], str]) -> None:
        super().__init__()
        self.database, self.actor = database, actor
        self.dialog: ActionDialog | None = None
        self.comparison: service.AmiComparison | None = None
        self.ami_choice = QComboBox()
        self.ami_choice.setObjectName("ami")
        self.publish = QPushButton("Publier un besoin…")
        self.need_box = QWidget()
        self.grid = QTableWidget()
        self.grid.setObjectName("comparaison")
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.attach = QPushButton("Rattacher un dossier…")
        self.draft = QPushButton("Nouvelle réponse…")
        self.amend = QPushButton("Amender la réponse…")
        self.select = QPushButton("Retenir…")
        self.close_button = QPushButton("Clore l'AMI")
        self.close_reason = text_label("", style=MUTED_STYLE, name="pourquoi_pas_clore")
        self.versions_box = QWidget()
        self.message = MessageLine()
        self._layout()
        self.ami_choice.currentIndexChanged.connect(lambda *_: self.show_current())
        self.publish.clicked.connect(self.open_need)
        self.grid.itemSelectionChanged.connect(self.show_versions)
        self.attach.clicked.connect(lambda: self._open(lambda: AttachDialog(
            self.database, self.comparison.id, self.actor, self)))
        self.draft.clicked.connect(lambda: self._open(lambda: DraftAnswerDialog(
            self.database, self.comparison.id, self._funders(), self.actor, self)))
        self.amend.clicked.connect(self.open_amend)
        self.select.clicked.connect(lambda: self._open(lambda: SelectDialog(
            self.database, self.comparison, self.actor, self)))
        self.close_button.clicked.connect(self.close_ami)
        self.reload()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("AMI :"))
        top.addWidget(self.ami_choice, 1)
        top.addWidget(self.publish)
        actions = QHBoxLayout()
        for button in (self.attach, self.draft, self.amend, self.select, self.close_button):
            actions.addWidget(button)
        actions.addWidget(self.close_reason, 1)
        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        self.content_layout.addWidget(self.need_box)
        self.content_layout.addWidget(section_title("Réponses comparées sur la grille "
                                                    "(moyenne des instructeurs)"))
        self.content_layout.addWidget(self.grid)
        self.content_layout.addLayout(actions)
        self.content_layout.addWidget(self.versions_box)
        self.content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)

    # --- showing ------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else self.ami_choice.currentData()
        self.ami_choice.blockSignals(True)
        self.ami_choice.clear()
        for row in service.list_amis(self.database):
            self.ami_choice.addItem(f"{row.title} ({row.year})" + (" — clos" if row.closed
                                                                    else ""), row.id)
        index = self.ami_choice.findData(wanted) if wanted is not None else -1
        self.ami_choice.setCurrentIndex(index if index >= 0 else 0)
        self.ami_choice.blockSignals(False)
        self.show_current()

    def show_current(self) -> None:
        call_id = self.ami_choice.currentData()
        self.comparison = service.compare_answers(self.database, call_id) if call_id else None
        self._replace("need_box", _need_widget(self.comparison))
        self._fill_grid()
        c = self.comparison
        for button in (self.attach, self.draft, self.amend, self.select):
            button.setEnabled(c is not None and not c.closed)
        blocker = c.close_blocker if c else "aucun AMI"
        self.close_button.setEnabled(blocker is None)
        self.close_button.setToolTip(blocker or "Clore l'AMI : il ne recevra plus de réponse")
        self.close_reason.setText(f"Clôture impossible : {blocker}"
                                  if blocker and c and not c.closed else "")
        self.show_versions()

    def _replace(self, name: str, widget: QWidget) -> None:
        old = getattr(self, name)
        self.content_layout.replaceWidget(old, widget)
        old.hide()  # off screen at once, not at the next event loop turn
        old.deleteLater()
        widget.show()
        setattr(self, name, widget)

    def _fill_grid(self) -> None:
        c = self.comparison
        answers = c.answers if c else ()
        rows = comparison_rows(c) if c else []
        self.grid.clear()
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(answers))
        self.grid.setHorizontalHeaderLabels([a.carrier for a in answers])
        self.grid.setVerticalHeaderLabels([caption for caption, _ in rows])
        for r, (caption, values) in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if caption == "Montant demandé":
                    item.setTextAlignment(RIGHT)
                elif caption not in ("Référence", "Statut", "Alerte", "Amendée"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if caption == "Alerte" and value != "—":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.grid.setItem(r, column, item)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.resizeRowsToContents()
        self.grid.setFixedHeight(self.grid.horizontalHeader().sizeHint().height()
                                 + sum(self.grid.rowHeight(r) for r in range(len(rows))) + 4)

    def selected_answer(self) -> service.AnswerColumn | None:
        columns = {index.column() for index in self.grid.selectedIndexes()}
        if self.comparison is None or len(columns) != 1:
            return None
        return self.comparison.answers[columns.pop()]

    def show_versions(self) -> None:
        answer = self.selected_answer()
        self._replace("versions_box", _versions_widget(
            service.answer_versions(self.database, answer.id) if answer else None))

    # --- actions ------------------------------------------------------------------------------

    def _funders(self) -> list[tuple[str, str]]:
        return [(f.code, f.name) for f in campaign_choices(self.database).funders]

    def _open(self, make: Callable[[], ActionDialog]) -> None:
        self.dialog = make()
        self.dialog.accepted.connect(self._done)
        self.dialog.open()

    def _done(self) -> None:
        created = getattr(self.dialog, "created_id", None)
        answer = self.selected_answer()
        if isinstance(self.dialog, NeedDialog):
            self.reload(created)
        else:
            self.show_current()
        if answer is not None and self.comparison is not None:
            ids = [a.id for a in self.comparison.answers]
            if answer.id in ids:
                self.grid.selectColumn(ids.index(answer.id))
        self.message.ok(self.dialog.result_text)

    def open_need(self) -> None:
        year = self.comparison.year if self.comparison else date.today().year + 1
        self._open(lambda: NeedDialog(self.database, campaign_choices(self.database), year,
                                      self.actor, self))

    def open_amend(self) -> None:
        answer = self.selected_answer()
        if answer is None:
            self.message.error("choisissez d'abord la réponse à amender (cliquez sa colonne)")
            return
        self._open(lambda: AmendDialog(self.database, answer.id, self.actor, self))

    def close_ami(self) -> None:
        def close() -> str:
            if self.comparison is None:
                raise ServiceError("aucun AMI à clore")
            service.close_ami(self.database, self.comparison.id)
            return f"« {self.comparison.title} » est clos"
        run_action(self.message, close, lambda: self.reload(self.comparison.id))


def _need_widget(c: service.AmiComparison | None) -> QWidget:
    if c is None:
        return text_label("Aucun AMI : publiez un besoin.", style=MUTED_STYLE)
    return form([
        ("Besoin", c.description), ("Pilier", c.pillar),
        ("Plafond", format_eur(c.ceiling)), ("Critères de sélection", c.selection_criteria),
        ("Calendrier", f"ouvert le {format_date(c.opening_date)}, réponses jusqu'au "
         f"{format_date(c.deadline)}, comité le {format_date(c.committee_date)}"),
        ("État", "Clos" if c.closed else f"Ouvert — {len(c.answers)} réponse(s)"),
    ], f"Besoin publié : {c.title}")


def _versions_widget(v: service.AnswerVersions | None) -> QWidget:
    if v is None:
        return text_label("Cliquez une réponse pour voir sa version d'origine et ses "
                          "amendements.", style=MUTED_STYLE)
    if v.original is None:
        return text_label(f"{v.reference} ({v.carrier}) : réponse non amendée.",
                          style=MUTED_STYLE)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(section_title(f"{v.reference} — version d'origine et version amendée"))
    sides = QHBoxLayout()
    for title, version in (("Version d'origine", v.original), ("Version amendée", v.current)):
        sides.addWidget(form([("Proposition", version.summary),
                              ("Coût total", format_eur(version.total_cost))], title), 1)
    layout.addLayout(sides)
    names = list(dict.fromkeys([n for n, _ in v.original.amounts] +
                               [n for n, _ in v.current.amounts]))
    before, after = dict(v.original.amounts), dict(v.current.amounts)
    rows = [[name, format_eur(before.get(name)) or "—", format_eur(after.get(name)) or "—",
             format_eur(after.get(name, ZERO) - before.get(name, ZERO))] for name in names]
    rows.append(["Total demandé", format_eur(v.original.requested),
                 format_eur(v.current.requested),
                 format_eur(v.current.requested - v.original.requested)])
    layout.addWidget(table(["Financeur", "Version d'origine", "Version amendée", "Écart"], rows,
                           right=(1, 2, 3), bold_last=True, stretch=0, name="versions"))
    layout.addWidget(text_label("Amendement(s) : " + " ; ".join(v.notes)))
    return box
