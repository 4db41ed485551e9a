"""The carrier register driven like a user: search, edit with live checks, duplicates, merge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from programmation.domain.dossier import Carrier
from programmation.services import carriers
from programmation.services.carriers import CarrierRow
from programmation.ui.carriers.controller import CarrierRegisterController
from programmation.ui.carriers.duplicates import MergeDialog
from programmation.ui.carriers.register import CarrierRegister
from programmation.ui.carriers.table_model import PAGE_SIZE, CarrierTableModel

NNBSP, NBSP = "\u202f", "\u00a0"
ELAN = "Maison de quartier Élan"


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


@pytest.fixture
def register(qtbot, demo_db):
    """The register window on the UI fixture (three carriers, four dossiers)."""
    view = CarrierRegister()
    qtbot.addWidget(view)
    view.controller = CarrierRegisterController(view, demo_db)
    view.controller.load()
    view.show()
    qtbot.waitExposed(view)
    return view


def _plant(db, *planted: Carrier) -> None:
    with db.unit_of_work() as uow:
        uow.session.add_all(planted)
        uow.commit()


def _type(qtbot, edit, text: str) -> None:
    """Select what the field holds and type over it, as a user does."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _row(register, screen, name: str) -> int:
    return screen.column(register.table, "Nom").index(name)


def test_carrier_model_passes_qt_model_tester_and_grows_by_pages(qtmodeltester):
    rows = [CarrierRow(i, f"Porteur {i:04d}", "Association loi 1901", "", "", "Hazebrouck", i % 3,
                       2024 if i % 3 else None, 2026 if i % 3 else None)
            for i in range(PAGE_SIZE + 20)]
    model = CarrierTableModel()
    model.set_rows(rows)
    assert (model.rowCount(), model.total) == (PAGE_SIZE, PAGE_SIZE + 20)
    qtmodeltester.check(model, force_py=True)
    assert model.row_of(PAGE_SIZE + 5) == PAGE_SIZE + 5  # fetches the page it sits in
    assert model.rowCount() == PAGE_SIZE + 20
    assert model.index(1, 6).data() == "2024–2026" and model.index(0, 6).data() == "—"


def test_the_register_lists_every_carrier_with_its_dossiers(register, screen):
    assert register.windowTitle() == "Porteurs de projet"
    assert screen.column(register.table, "Nom") == ["Association Santé Flandre",
                                                    "Club sportif du Rivage", ELAN]
    assert screen.column(register.table, "Dossiers") == ["1", "1", "2"]
    assert screen.column(register.table, "Années") == ["2025", "2024", "2024–2025"]
    assert register.count_label.text() == "3 porteurs"


def test_typing_in_the_search_narrows_the_list_without_minding_accents(register, qtbot, screen):
    qtbot.keyClicks(register.search, "ELAN")
    qtbot.waitUntil(lambda: register.table.model().rowCount() == 1, timeout=2000)
    assert screen.column(register.table, "Nom") == [ELAN]
    assert register.count_label.text() == "1 porteur trouvé"


def test_choosing_a_carrier_shows_its_form_and_its_dossiers_over_the_years(register, screen):
    screen.click_row(register.table, _row(register, screen, ELAN))
    assert register.form.edits["name"].text() == ELAN
    assert register.form.edits["contact_name"].text() == "Léa Martin"
    shown = screen.texts(register)
    first = shown.index("2025")
    assert shown[first:first + 4] == ["2025", "2025-RESERVE-001", "Ateliers numériques",
                                      "Brouillon"]
    assert "2024-AAP-001" in shown and "Total" in shown and "2 dossiers" in shown
    assert eur("22 000,00 €") in shown  # 20 000 + 2 000 requested


def test_a_carrier_whose_stored_siret_is_wrong_must_be_corrected_before_saving(register,
                                                                                  screen):
    screen.click_row(register.table, _row(register, screen, ELAN))
    assert register.form.errors["siret"].text() == (
        "SIRET « 35600000000048 » : clé de contrôle invalide")  # La Poste's digit-sum rule
    assert not register.form.save_button.isEnabled()


def test_a_wrong_siret_is_said_under_the_field_as_you_type(register, qtbot, screen):
    screen.click_row(register.table, _row(register, screen, "Club sportif du Rivage"))
    form = register.form
    _type(qtbot, form.edits["siret"], "732 829 320 00075")
    assert form.errors["siret"].isVisible()
    assert form.errors["siret"].text() == "SIRET « 732 829 320 00075 » : clé de contrôle invalide"
    assert not form.save_button.isEnabled()
    qtbot.keyClick(form.edits["siret"], Qt.Key.Key_Backspace)
    qtbot.keyClicks(form.edits["siret"], "4")
    assert not form.errors["siret"].isVisible() and form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == "Porteur enregistré."
    club = next(r for r in carriers.list_carriers(register.controller.database)
                if r.name == "Club sportif du Rivage")
    assert club.siret == "73282932000074"
    assert screen.column(register.table, "SIRET")[_row(register, screen, club.name)] == (
        "732 829 320 00074")


def test_an_rna_and_an_email_are_checked_too_and_a_name_is_required(register, qtbot, screen):
    screen.click_row(register.table, _row(register, screen, ELAN))
    form = register.form
    _type(qtbot, form.edits["rna"], "595000001")
    _type(qtbot, form.edits["email"], "contact@elan")
    _type(qtbot, form.edits["name"], "")
    assert [form.errors[n].text() for n in ("rna", "email", "name")] == [
        "RNA « 595000001 » : « W » suivi de 9 chiffres attendu",
        "Courriel « contact@elan » : adresse invalide", "Nom : obligatoire"]
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert form.edits["name"].text() == ELAN and not form.errors["name"].isVisible()


def test_a_new_carrier_is_typed_in_and_appears_in_the_list(register, qtbot, screen):
    qtbot.mouseClick(register.new_button, Qt.MouseButton.LeftButton)
    form = register.form
    assert form.title() == "Nouveau porteur" and form.edits["name"].text() == ""
    assert form.warning.isVisible()  # no SIRET nor RNA yet
    qtbot.keyClicks(form.edits["name"], "Compagnie des Mots")
    qtbot.keyClicks(form.edits["rna"], "W595000042")
    assert not form.warning.isVisible()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == "Porteur créé."
    assert "Compagnie des Mots" in screen.column(register.table, "Nom")
    assert register.table.currentIndex().data() == "Compagnie des Mots"


def test_a_siret_already_used_is_refused_with_the_reason_in_the_form(register, qtbot, screen,
                                                                      demo_db):
    _plant(demo_db, Carrier("Régie de quartier", siret="73282932000074"))
    screen.click_row(register.table, _row(register, screen, ELAN))
    _type(qtbot, register.form.edits["siret"], "73282932000074")
    qtbot.mouseClick(register.form.save_button, Qt.MouseButton.LeftButton)
    assert register.form.message.text().startswith(
        "SIRET 73282932000074 déjà enregistré pour « Régie de quartier »")
    assert "#b3261e" in register.form.message.styleSheet()


def test_a_planted_duplicate_is_listed_then_merged_after_confirmation(qtbot, demo_db, screen):
    _plant(demo_db, Carrier("Maison de quartier ELAN", rna="W595000077",
                            address="12 rue du Rivage"))
    view = CarrierRegister()
    qtbot.addWidget(view)
    controller = CarrierRegisterController(view, demo_db)
    controller.load()
    view.show()
    assert view.tabs.tabText(1) == "&Doublons (1)"
    screen.click_tab(view.tabs, "&Doublons")
    table = view.duplicates.table
    assert [table.item(0, c).text() for c in range(5)] == [
        ELAN, "2", "Maison de quartier ELAN", "0", f"noms proches 100{NBSP}%"]
    qtbot.mouseClick(view.duplicates.merge_button, Qt.MouseButton.LeftButton)
    dialog = controller.dialog
    assert isinstance(dialog, MergeDialog) and dialog.isVisible()
    assert dialog.keep_first.isChecked() and dialog.keep_first.text() == ELAN
    assert "SIRET 356 000 000 00048 · sans RNA · 2 dossiers (2024–2025)" in screen.texts(dialog)
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(_button(dialog, "&Fusionner"), Qt.MouseButton.LeftButton)
    assert table.rowCount() == 0 and view.tabs.tabText(1) == "&Doublons"
    assert view.duplicates.summary.text() == (
        "« Maison de quartier ELAN » fusionné dans « Maison de quartier Élan » : "
        "0 dossier(s) rattaché(s) ; champs complétés : RNA, Adresse. Aucun doublon probable "
        "dans le registre.")
    assert "Maison de quartier ELAN" not in [r.name for r in carriers.list_carriers(demo_db)]
    assert carriers.carrier_fields(demo_db, view.form.carrier_id).rna == "W595000077"


def test_the_other_carrier_may_be_kept_instead(register, qtbot, demo_db):
    _plant(demo_db, Carrier("Club sportif du Rivage ", siret="73282932000074"))
    register.controller.refresh_duplicates()
    register.duplicates.merge_button.click()
    dialog = register.controller.dialog
    qtbot.mouseClick(dialog.keep_second, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_button(dialog, "&Fusionner"), Qt.MouseButton.LeftButton)
    (club,) = [r for r in carriers.list_carriers(demo_db) if r.name.startswith("Club")]
    assert (club.siret, club.rna, club.dossiers) == ("73282932000074", "W595000001", 1)


def _button(dialog, text: str):
    box = dialog.findChild(QDialogButtonBox)
    return next(button for button in box.buttons() if button.text() == text)


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_the_porteurs_menu_opens_the_register_and_a_rename_shows_in_the_dossier_list(
        window, qtbot, screen):
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles.index("&Porteurs") < titles.index("&Aide")
    (action,) = window.carriers_menu.actions()
    assert action.text() == "&Registre des porteurs…"
    action.trigger()
    register = window.controller.carriers.view
    assert register.isVisible() and register.windowTitle() == "Porteurs de projet"
    screen.click_row(register.table, _row(register, screen, "Club sportif du Rivage"))
    _type(qtbot, register.form.edits["name"], "Club sportif du Rivage et de la Lys")
    qtbot.mouseClick(register.form.save_button, Qt.MouseButton.LeftButton)
    assert "Club sportif du Rivage et de la Lys" in screen.column(window.table, "Porteur")
    action.trigger()  # the same window comes forward, not a second one
    assert window.controller.carriers.view is register
