"""« Programmation par pilier » and « Proposer une programmation » on the demo year 2027."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.services.instruction import list_people
from programmation.services.scoring import SaveMarks, save_marks
from programmation.ui import background
from programmation.ui.app import build_main_window
from programmation.ui.instruction.programming_models import DOSSIER, FUNDER

NNBSP, NBSP = "\u202f", "\u00a0"
CODES = ("PERT", "COHE", "ENJE", "EFFI", "EFFN", "PART")
SCORED = {"2027-AAP-012": 3, "2027-AAP-013": 2, "2027-AAP-016": 4, "2027-AMI-001": 3,
          "2027-CPO-003": 4}
STATE = "État — crédits spécifiques politique de la ville (BOP 147)"


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


@pytest.fixture(scope="module")
def scored_demo(demo_database, copy_sqlite, tmp_path_factory):
    """A copy of the demo, five of its 2027 dossiers scored, made once for the module."""
    target = tmp_path_factory.mktemp("programmation") / "demo.sqlite"
    database = Database.open(copy_sqlite(demo_database, target))
    anne = next(p.id for p in list_people(database) if p.name == "Anne Dufour")
    with database.engine.connect() as connection:
        ids = dict(connection.execute(select(t.application.c.reference,
                                             t.application.c.id)).all())
    for reference, mark in SCORED.items():
        save_marks(database, SaveMarks(ids[reference], anne, dict.fromkeys(CODES, mark)))
    yield database
    database.dispose()


@pytest.fixture
def db(scored_demo, copy_sqlite, tmp_path):
    database = Database.open(copy_sqlite(scored_demo, tmp_path / "demo.sqlite"))
    yield database
    database.dispose()


@pytest.fixture
def programming(qtbot, db):
    """The main window, Mehdi Saïdi (State) at work, the programming window open on 2027."""
    window, controller = build_main_window(db)
    qtbot.addWidget(window)
    instruction = controller.instruction
    instruction.current.choose(db, next(p for p in list_people(db) if p.name == "Mehdi Saïdi"))
    instruction.action_programming.trigger()  # menu Instruction › Programmation par pilier…
    shown = instruction.programming
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    yield shown
    background.wait_all()


def row_of(model, reference: str) -> int:
    return next(r for r in range(model.rowCount())
                if (model.index(r, DOSSIER).data() or "").startswith(reference))


def envelope_cell(window, funder: str, channel: str, column: int) -> str:
    model = window.envelope_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == funder
               and model.index(r, 1).data() == channel)
    return model.index(row, column).data()


def type_amount(qtbot, window, reference: str, text: str) -> None:
    """Double-click the « Proposé (ETAT-147) » cell of a dossier, type, press Enter."""
    table, model = window.ranking, window.ranking_model
    index = model.index(row_of(model, reference), FUNDER)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits at the next event loop
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)


def full_marks_from_the_demo_scorers(db: Database, reference: str) -> None:
    """The demo's two instructors of the dossier give it full marks too (theirs replaced)."""
    with db.engine.connect() as connection:
        application = connection.execute(select(t.application.c.id).where(
            t.application.c.reference == reference)).scalar_one()
    for person in list_people(db):
        if person.name in ("Claire Vanhove", "Mehdi Saïdi"):
            save_marks(db, SaveMarks(application, person.id, dict.fromkeys(CODES, 4)))


def in_the_running(db: Database, *where) -> int:
    """How many 2027 dossiers of AAP, AMI and CPO are still in the running, and ``where``."""
    a = t.application
    with db.engine.connect() as connection:
        return connection.execute(select(func.count(a.c.id.distinct())).where(
            a.c.year == 2027, a.c.channel.in_(["AAP", "AMI", "CPO"]),
            a.c.status.notin_(["draft", "inadmissible", "withdrawn", "refused"]), *where)
        ).scalar_one()


def test_the_models_of_the_programming_window_are_sound(programming, qtmodeltester):
    qtmodeltester.check(programming.ranking_model)
    qtmodeltester.check(programming.envelope_model)


def test_dossiers_are_ranked_by_score_within_their_pillar(programming, db):
    full_marks_from_the_demo_scorers(db, "2027-CPO-003")  # Anne Dufour gave it 100 too
    programming.reload()
    education = in_the_running(db, t.application.c.pillar_id == select(t.pillar.c.id).where(
        t.pillar.c.code == "EDU", t.pillar.c.contract_id == t.application.c.contract_id)
        .scalar_subquery())
    model = programming.ranking_model
    assert model.index(0, 0).data().startswith("Éducation (0-25 ans, réussite éducative, "
                                               f"parentalité) — {education} dossiers")
    assert model.index(1, DOSSIER).data().startswith("2027-CPO-003")
    assert model.index(1, 5).data() == "100"  # score on 100
    assert model.headerData(FUNDER, Qt.Orientation.Horizontal) == "Proposé (ETAT-147)"
    assert programming.funder.currentText() == STATE  # Mehdi's own funder


def test_editing_a_proposed_amount_moves_the_envelope_left(programming, qtbot, db):
    assert envelope_cell(programming, STATE, "AAP", 5) == eur("32 000,00 €")
    type_amount(qtbot, programming, "2027-AAP-012", "8 000")
    assert envelope_cell(programming, STATE, "AAP", 3) == eur("8 000,00 €")
    assert envelope_cell(programming, STATE, "AAP", 5) == eur("24 000,00 €")
    model = programming.ranking_model
    assert model.index(row_of(model, "2027-AAP-012"), FUNDER).data() == eur("8 000,00 €")

    type_amount(qtbot, programming, "2027-AAP-013", "30 000")  # above the envelope's rest
    assert envelope_cell(programming, STATE, "AAP", 5) == eur("-6 000,00 €")
    envelopes = programming.envelope_model
    red = next(envelopes.index(r, 5).data(Qt.ItemDataRole.ForegroundRole)
               for r in range(envelopes.rowCount())
               if envelopes.index(r, 5).data() == eur("-6 000,00 €"))
    assert red.color().name() == "#b3261e"
    alerts = [programming.alerts.item(i).text() for i in range(programming.alerts.count())]
    assert f"Enveloppe {STATE} — Appel à projets 2027 dépassée de {eur('6 000,00 €')}" in alerts
    with db.engine.connect() as connection:
        saved = connection.execute(
            select(t.funding_line.c.proposed, t.funding_line.c.proposed_by)
            .select_from(t.funding_line).join(t.funder).join(t.application)
            .where(t.application.c.reference == "2027-AAP-013",
                   t.funder.c.code == "ETAT-147")).one()
    assert saved == (Decimal("30000.00"), "Mehdi Saïdi (Préfecture du Nord — délégué du préfet)")


def test_the_cpo_gauge_and_the_reserve_balance_are_shown(programming):
    assert programming.cpo_gauge.format() == f"0,0{NBSP}% — plancher 50{NBSP}%"
    assert programming.cpo_text.text().startswith(f"{STATE} 2027 : {eur('0,00 €')} de CPO")
    assert programming.reserve.text() == (
        f"2027 : enveloppe {eur('10 000,00 €')} — accordé {eur('0,00 €')} — en cours "
        f"{eur('0,00 €')} — solde {eur('10 000,00 €')}")


def test_the_proposal_runs_in_the_background_then_is_applied(programming, qtbot, db):
    full_marks_from_the_demo_scorers(db, "2027-CPO-003")  # Anne Dufour gave it 100 too
    scored = in_the_running(db, t.application.c.id.in_(select(t.score.c.application_id)),
                            t.application.c.status.in_(["admissible", "under_review",
                                                        "reviewed", "on_agenda", "postponed"]))
    assert scored > len(SCORED)  # the demo's instructors scored others
    qtbot.mouseClick(programming.propose_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in programming.children() if w.objectName() == "proposition")
    assert dialog.cpo_floor.isChecked()  # the contract's CPO floor applies by default
    qtbot.mouseClick(dialog.compute, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None and not dialog.progress.isVisible(),
                    timeout=20_000)
    assert dialog.summary.text().startswith("Proposition optimale : ")
    assert dialog.lines.rowCount() == scored
    assert dialog.lines.item(0, 5).text().startswith("Retenu : score 100/100")
    assert dialog.apply.isEnabled()
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert dialog.message.text().endswith("montants proposés écrits sur les lignes de "
                                          "financement. Vous pouvez maintenant les modifier "
                                          "librement.")
    best = dialog.outcome.proposal
    with db.engine.connect() as connection:
        written = dict(connection.execute(
            select(t.application.c.id, t.funding_line.c.proposed)
            .select_from(t.funding_line).join(t.funder).join(t.application)
            .where(t.funder.c.code == "ETAT-147", t.funding_line.c.year == 2027,
                   t.application.c.id.in_([line.dossier_id for line in best.lines]))).all())
    assert written == {line.dossier_id: line.amounts.get("ETAT-147", Decimal("0.00"))
                       for line in best.lines}
    aap = sum((line.amounts.get("ETAT-147", Decimal(0)) for line in best.lines
               if dialog.outcome.dossiers[line.dossier_id].channel.value == "AAP"), Decimal(0))
    assert aap > 0  # the window followed the amounts just written:
    left = f"{Decimal('32000') - aap:,.2f}".replace(",", NNBSP).replace(".", ",")
    assert envelope_cell(programming, STATE, "AAP", 5) == f"{left}{NBSP}€"
