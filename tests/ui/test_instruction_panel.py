"""The instruction panel driven like two instructors would: who works, blind scoring, amounts."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.domain.lifecycle import Status
from programmation.ui.instruction.people import CurrentPerson

NNBSP, NBSP = "\u202f", "\u00a0"


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, radio) -> None:
    """Click a radio button on its label, where a user clicks."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(12, radio.height() // 2))
    assert radio.isChecked()


def who_is_working(qtbot, screen, window, *, name: str = "", funder: str = "",
                   existing: str = "") -> None:
    """Click the status bar's « Qui travaille ? » and answer the dialog as a user."""
    answered = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            qtbot.waitExposed(dialog)
            if existing:
                tick(qtbot, dialog.pick)
                screen.choose(dialog.people, existing)
            else:
                tick(qtbot, dialog.new)
                qtbot.keyClicks(dialog.name, name)
                qtbot.keyClicks(dialog.organisation, "Instruction")
                if funder:
                    screen.choose(dialog.funder, funder)
            click(qtbot, dialog.ok_button)
            answered.append(True)
        finally:
            if dialog.isVisible():  # a failed step must not leave the test waiting
                dialog.reject()

    QTimer.singleShot(0, answer)
    click(qtbot, window.controller.instruction.person_button)
    assert answered == [True]


def select_dossier(screen, window, reference: str) -> None:
    screen.click_row(window.table, screen.column(window.table, "Référence").index(reference))


def score(qtbot, panel, mark: int) -> None:
    for spin in panel.scoring.spins.values():
        for _ in range(mark):
            qtbot.keyClick(spin, Qt.Key.Key_Up)
    click(qtbot, panel.scoring.save)


def visible(panel, kind, name: str):
    """The widget of that name the user sees, once Qt has shown it (replaced ones wait
    hidden for their deletion)."""
    def found():
        return next((w for w in panel.findChildren(kind, name) if w.isVisible()), None)

    for _ in range(10):  # Qt shows a widget added to a shown layout at the next event loop
        if found() is not None:
            break
        QApplication.processEvents()
    return found()


def visible_text(panel, name: str) -> str | None:
    label = visible(panel, QLabel, name)
    return label.text() if label is not None else None


def test_two_instructors_score_the_same_dossier_blind_then_see_the_spread(
        window, qtbot, screen, demo_db):
    panel = window.controller.instruction.panel
    assert window.controller.instruction.dock.isVisible()
    assert panel.placeholder.text().startswith("Indiquez qui travaille")

    who_is_working(qtbot, screen, window, name="Alice Martin")
    assert window.controller.instruction.person_button.text() == (
        "Instructeur : Alice Martin (Instruction)")
    select_dossier(screen, window, "2024-AAP-002")
    assert panel.heading.text() == "2024-AAP-002 — En instruction"
    score(qtbot, panel, 4)
    assert panel.scoring.total.text() == "Total pondéré : 100 / 100"
    assert visible_text(panel, "message_instruction") == "✓ Notes enregistrées."

    who_is_working(qtbot, screen, window, name="Bruno Petit", funder="CAF du Nord")
    assert not any(w.isVisible() for w in panel.findChildren(QTableWidget,
                                                              "notes_instructeurs"))  # blind
    assert visible_text(panel, "notation_aveugle").endswith(
        "1 autre instructeur a déjà noté ce dossier.")
    assert all(spin.value() == 0 for spin in panel.scoring.spins.values())
    score(qtbot, panel, 2)

    table = visible(panel, QTableWidget, "notes_instructeurs")
    assert [[table.item(r, c).text() for c in range(2)] for r in range(table.rowCount())] == [
        ["Alice Martin (Instruction)", "100"], ["Bruno Petit (Instruction)", "50"]]
    assert visible_text(panel, "moyenne_ecart") == "Moyenne : 75 / 100 — écart : 50 points"
    assert visible_text(panel, "desaccord").startswith("⚠ Désaccord important")
    with demo_db.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(t.score)).scalar() == 12

    who_is_working(qtbot, screen, window, existing="Alice Martin (Instruction)")
    assert visible(panel, QTableWidget, "notes_instructeurs").rowCount() == 2
    remembered = CurrentPerson()
    assert remembered.restore(demo_db).name == "Alice Martin"


def test_an_instructor_proposes_only_the_amount_of_their_funder(window, qtbot, screen, demo_db):
    who_is_working(qtbot, screen, window, name="Bruno Petit", funder="CAF du Nord")
    select_dossier(screen, window, "2024-AAP-002")
    opinion = window.controller.instruction.panel.opinion
    caf = visible(opinion, type(opinion.reason), "propose_CAF")
    state = visible(opinion, type(opinion.reason), "propose_ETAT-147")
    assert caf.isEnabled() and not state.isEnabled()
    assert state.toolTip().startswith("Bruno Petit instruit pour CAF du Nord : seul le montant")
    qtbot.keyClicks(caf, "12 500,50")
    click(qtbot, opinion.propose)
    with demo_db.engine.connect() as connection:
        proposed = dict(connection.execute(
            select(t.funder.c.code, t.funding_line.c.proposed).select_from(t.funding_line)
            .join(t.funder).join(t.application)
            .where(t.application.c.reference == "2024-AAP-002")).all())
    assert proposed == {"CAF": Decimal("12500.50"), "ETAT-147": None}
    shown = visible(opinion, type(opinion.reason), "propose_CAF")
    assert shown.text() == f"12{NNBSP}500,50"  # read back from the base, in French
    assert screen.column(window.table, "Proposé")[
        screen.column(window.table, "Référence").index("2024-AAP-002")] == \
        f"12{NNBSP}500,50{NBSP}€"  # the list follows


def test_a_dossier_is_declared_irrecevable_with_a_reason(window, qtbot, screen, demo_db):
    who_is_working(qtbot, screen, window, name="Alice Martin")
    select_dossier(screen, window, "2025-CPO-001")
    box = window.controller.instruction.panel.admissibility
    assert not box.admissible.isEnabled()  # its automatic checks fail
    assert visible_text(box, "controle_PORTEUR") == (
        "porteur non identifié : SIRET ou RNA requis")
    click(qtbot, box.inadmissible)
    panel = window.controller.instruction.panel
    assert visible_text(panel, "message_instruction") == (
        "⚠ indiquez le motif de l'irrecevabilité")
    qtbot.keyClicks(box.reason, "Porteur hors territoire")
    click(qtbot, box.inadmissible)
    with demo_db.engine.connect() as connection:
        status, actor, reason = connection.execute(
            select(t.application.c.status, t.status_change.c.actor, t.status_change.c.reason)
            .join(t.status_change).where(t.application.c.reference == "2025-CPO-001")
            .order_by(t.status_change.c.id.desc())).first()
    assert (status, actor, reason) == (Status.INADMISSIBLE, "Alice Martin (Instruction)",
                                       "Irrecevable : Porteur hors territoire")
    assert panel.heading.text() == "2025-CPO-001 — Irrecevable"
