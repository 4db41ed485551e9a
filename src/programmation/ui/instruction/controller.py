"""Wires the instruction screens to the services: who works, the panel, the windows.

Installed on the main window by ``install``: a menu « Instruction », the panel as
a dock beside the dossier's detail, the current instructor in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QPushButton,
)

from ...adapters.persistence.database import Database
from ...domain.channels import Opinion
from ...services import instruction as ins
from ...services import scoring as sc
from ...services.errors import ServiceError
from ..current_user import CurrentUser
from .grid_window import ScoringGridWindow
from .panel import InstructionPanel, PanelData
from .people import WhoIsWorkingDialog
from .programming_window import ProgrammingWindow
from .proposal_dialog import ProposalDialog

NOBODY = "Qui travaille ? (choisir)"


class InstructionController(QObject):
    def __init__(self, window: QMainWindow, database: Callable[[], Database],
                 refresh_list: Callable[[], None] = lambda: None,
                 current: CurrentUser | None = None) -> None:
        super().__init__(window)
        self.window, self._database, self._refresh_list = window, database, refresh_list
        self.current = current if current is not None else CurrentUser(self)
        self.current.chooser = self.choose_person  # « Changer… » beside each « Effectué par »
        self.dossier_id: int | None = None
        self.programming: ProgrammingWindow | None = None
        self._database_label = ""
        self.panel = InstructionPanel()
        self.dock = QDockWidget("Instruction", window)
        self.dock.setObjectName("dock_instruction")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(350)  # the window must fit a 1366-pixel laptop screen
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.person_button = QPushButton(NOBODY)
        self.person_button.setObjectName("qui_travaille")
        self.person_button.setFlat(True)
        window.statusBar().addPermanentWidget(self.person_button)
        self._build_menu()
        self._connect_panel()
        self.current.changed.connect(self._person_changed)
        self.current.restore(database())
        self._database_label = database().label

    def _build_menu(self) -> None:
        self.menu = QMenu("&Instruction", self.window)
        self.action_who = self.menu.addAction("&Qui travaille ?…")
        self.action_panel = self.dock.toggleViewAction()
        self.action_panel.setText("&Panneau d'instruction")
        self.menu.addAction(self.action_panel)
        self.menu.addSeparator()
        self.action_programming = self.menu.addAction("Programmation par &pilier…")
        self.action_propose = self.menu.addAction("Proposer une pro&grammation…")
        self.action_grid = self.menu.addAction("Grille de &notation…")
        bar = self.window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == "&Aide"), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        else:
            bar.addMenu(self.menu)
        self.action_who.triggered.connect(self.choose_person)
        self.action_programming.triggered.connect(lambda: self.open_programming())
        self.action_propose.triggered.connect(self.open_proposal)
        self.action_grid.triggered.connect(self.open_grid)
        self.person_button.clicked.connect(self.choose_person)

    def _connect_panel(self) -> None:
        panel = self.panel
        panel.choose_person.clicked.connect(self.choose_person)
        panel.admissibility.decided.connect(self._decide)
        panel.admissibility.info_requested.connect(self._request_info)
        panel.admissibility.info_answered.connect(self._answer_info)
        panel.scoring.saved.connect(self._save_marks)
        panel.opinion.opinion_given.connect(self._give_opinion)
        panel.opinion.amounts_proposed.connect(self._propose_amounts)

    # --- who is working ----------------------------------------------------------------------

    def ask_at_start(self) -> None:
        """At start-up: ask who works unless someone is remembered for this database."""
        if self.current.person is None and ins.list_people(self._database()):
            self.choose_person()

    def choose_person(self) -> None:
        """« Qui travaille ? », over the window the user is in (a batch dialog, the editor…)."""
        parent = QApplication.activeModalWidget() or QApplication.activeWindow() or self.window
        try:
            dialog = WhoIsWorkingDialog(self._database(), self.current.person, parent)
        except ServiceError as error:  # no contract in this base yet
            self.window.statusBar().showMessage(f"Qui travaille ? {error}", 10_000)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.current.choose(self._database(), dialog.chosen)

    def _person_changed(self, person) -> None:
        self.person_button.setText(f"Instructeur : {person.label}" if person else NOBODY)
        self.person_button.setToolTip(
            "Vos actes sont enregistrés à ce nom." if person else
            f"Personne n'est choisi : les actes sont enregistrés au nom de session "
            f"« {self.current.label} ».")
        self.reload()
        if self.programming is not None:
            self.programming.reload()

    # --- the selected dossier ----------------------------------------------------------------

    def show_dossier(self, dossier_id: int | None) -> None:
        if self._database().label != self._database_label:  # another base was opened
            self._database_label = self._database().label
            self.current.restore(self._database())
        self.dossier_id = dossier_id
        self.panel.clear_message()
        self.reload()

    def reload(self) -> None:
        person = self.current.person
        if person is None or self.dossier_id is None:
            self.panel.show_empty(needs_person=person is None)
            return
        database, dossier_id = self._database(), self.dossier_id
        admissibility = ins.load_admissibility(database, dossier_id)
        detail = ins.assignees(database, dossier_id)
        self.panel.show_data(PanelData(
            heading=f"{admissibility.reference} — {admissibility.status.label}",
            person=person, assignees=tuple(p.name for p in detail),
            admissibility=admissibility, scores=sc.scores_for(database, dossier_id, person.id),
            can_score=admissibility.status in sc.SCORABLE,
            opinions=sc.opinions(database, dossier_id),
            lines=sc.lines_for_person(database, dossier_id, person.id)))

    def _act(self, done: str, action: Callable[[Database, ins.PersonView], object]) -> bool:
        """Run one instruction act as the current person; say what happened in the panel."""
        person = self.current.person
        if person is None or self.dossier_id is None:
            return False
        try:
            action(self._database(), person)
        except ServiceError as error:
            self.panel.say(str(error), error=True)
            return False
        self.reload()
        self._refresh_list()
        self.panel.say(done)
        return True

    def _decide(self, admissible: bool, reason: str, ticked: tuple) -> None:
        self._act("Dossier déclaré recevable." if admissible else "Dossier déclaré irrecevable.",
                  lambda db, p: ins.decide_admissibility(db, ins.DecideAdmissibility(
                      self.dossier_id, admissible, p.label, reason, tuple(ticked))))

    def _request_info(self, items: tuple) -> None:
        self._act("Compléments demandés : l'instruction est suspendue.",
                  lambda db, p: ins.request_information(db, ins.RequestInformation(
                      self.dossier_id, tuple(items), p.label)))

    def _answer_info(self) -> None:
        self._act("Compléments reçus : le dossier est de nouveau « Déposé ».",
                  lambda db, p: ins.answer_information(db, ins.AnswerInformation(
                      self.dossier_id, p.label)))

    def _save_marks(self, marks: dict, comments: dict) -> None:
        self._act("Notes enregistrées.", lambda db, p: sc.save_marks(db, sc.SaveMarks(
            self.dossier_id, p.id, marks, comments)))

    def _give_opinion(self, opinion: Opinion, reason: str) -> None:
        self._act("Avis enregistré.", lambda db, p: sc.give_opinion(db, sc.GiveOpinion(
            self.dossier_id, p.id, opinion, reason)))

    def _propose_amounts(self, amounts: dict[int, Decimal | None]) -> None:
        def save(db: Database, person: ins.PersonView) -> None:
            for line_id, amount in amounts.items():
                sc.propose_amount(db, sc.ProposeAmount(line_id, amount, person.id))

        if self._act("Montants proposés enregistrés.", save) and self.programming is not None:
            self.programming.reload()

    # --- programming -------------------------------------------------------------------------

    def open_programming(self, year: int | None = None) -> ProgrammingWindow:
        if self.programming is None:
            self.programming = ProgrammingWindow(self._database, self.current, self.window)
            self.programming.propose_button.clicked.connect(self.open_proposal)
        self.programming.open_year(year)
        if self.programming.isVisible():
            self.programming.raise_()  # already open behind the main window
        self.programming.show()
        return self.programming

    def open_proposal(self) -> ProposalDialog:
        window = self.programming or self.open_programming()
        year = window.current_year or 0

        def applied() -> None:
            window.reload()
            self.reload()
            self._refresh_list()

        dialog = ProposalDialog(self._database, year, self.current, applied, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_grid(self) -> ScoringGridWindow:
        """« Grille de notation… »: once saved, the panel shows the new grid."""
        dialog = ScoringGridWindow(self._database, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.reload)
        dialog.show()
        return dialog


def install(window: QMainWindow, main_controller) -> InstructionController:
    """The instruction screens on the main window, following its database and selection."""
    controller = InstructionController(
        window, lambda: main_controller.database,
        lambda: main_controller.apply_filter(main_controller.model.current_filter),
        main_controller.current_user)
    main_controller.dossier_shown.connect(controller.show_dossier)
    return controller
