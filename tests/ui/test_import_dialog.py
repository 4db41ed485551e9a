"""The import dialog driven like a user: a file, a mapping, the preview, the mode, the import."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from programmation.adapters.exporting.dauphin import write_dauphin_workbook
from programmation.adapters.persistence import tables as t
from programmation.domain.dauphin import Field
from programmation.domain.dossier import Application
from programmation.ui.importing.import_controller import ImportController
from programmation.ui.importing.import_dialog import ImportDialog
from programmation.ui.importing.models import ROW_COLUMNS, RecordTableModel

F = Field
WAIT_MS = 20_000


def dauphin_file(folder):
    """One new dossier on two funders, and a row for a funder the contract does not know."""
    common = {F.REFERENCE: "DA-2025-7", F.YEAR: 2025, F.TITLE: "Jardin partagé du Rivage",
              F.CARRIER: "Les Jardiniers du Rivage", F.SIRET: "42424242424242",
              F.PILLAR: "ECO", F.STATUS: "Transmise"}
    return _write(folder / "export_dauphin.xlsx", [
        common | {F.FUNDER: "Ville d'Hazebrouck", F.REQUESTED: Decimal("1500")},
        common | {F.FUNDER: "CAF du Nord", F.REQUESTED: "800,50"},
        common | {F.FUNDER: "Fondation inconnue", F.REQUESTED: Decimal("300")},
    ])


def _write(path, rows):
    write_dauphin_workbook(path, rows)
    return path


def dossier_count(database) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(t.application)).scalar_one()


@pytest.fixture
def dialog(qtbot, demo_db):
    dialog = ImportDialog()
    dialog.controller = ImportController(dialog, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def analyse(qtbot, dialog, path) -> None:
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.counts_label.text()), timeout=WAIT_MS)


def tab_titles(dialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


def test_the_preview_counts_rows_and_lists_rejections_with_their_reason(
        qtbot, dialog, demo_db, tmp_path, screen):
    analyse(qtbot, dialog, dauphin_file(tmp_path))

    assert dialog.counts_label.text() == ("3 lignes lues : 2 à créer, 0 à mettre à jour, "
                                          "0 inchangée(s), 1 rejetée(s)")
    assert tab_titles(dialog) == ["À créer (2)", "À mettre à jour (0)", "Inchangées (0)",
                                  "Rejetées (1)"]
    created = dialog.tabs.widget(0)
    assert screen.column(created, "Demandé") == ["1\u202f500,00\u00a0€", "800,50\u00a0€"]
    screen.click_tab(dialog.tabs, "Rejetées")
    rejected = dialog.tabs.widget(3)
    assert screen.column(rejected, "Ligne") == ["4"]
    assert screen.column(rejected, "Colonne") == ["Financeur"]
    assert "Fondation inconnue" in screen.column(rejected, "Motif")[0]
    assert dossier_count(demo_db) == 4  # a preview writes nothing
    dialog.grab().save(str(tmp_path / "apercu.png"))


def test_all_or_nothing_refuses_then_valid_rows_only_imports(qtbot, dialog, demo_db, tmp_path,
                                                             monkeypatch):
    analyse(qtbot, dialog, dauphin_file(tmp_path))
    imported = []
    dialog.controller.imported.connect(lambda: imported.append(True))

    qtbot.mouseClick(dialog.findChild(type(dialog.mode_buttons.buttons()[0]),
                                      "mode_all_or_nothing"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_label.text() != "", timeout=WAIT_MS)

    assert dialog.result_label.text().startswith("Rien n'a été importé : 1 ligne(s) rejetée(s)")
    assert dossier_count(demo_db) == 4 and not imported

    qtbot.mouseClick(dialog.findChild(type(dialog.mode_buttons.buttons()[0]), "mode_valid_only"),
                     Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(imported), timeout=WAIT_MS)

    assert dialog.result_label.text().startswith("2 ligne(s) importée(s) (1 dossier(s) créé(s))")
    with demo_db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application).where(
            Application.reference == "DA-2025-7")).one()  # type: ignore[attr-defined]
        assert dossier.requested_total() == Decimal("2300.50")
        assert dossier.history[0].actor == dialog.acting.name.text()
    dialog.grab().save(str(tmp_path / "importe.png"))

    report = tmp_path / "rapport.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Rapport enregistré" in dialog.status_label.text(), timeout=WAIT_MS)
    assert report.exists()


def test_a_bad_file_is_a_message_in_the_dialog(qtbot, dialog, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("pas un classeur", "utf-8")

    analyse_path = str(path)
    qtbot.keyClicks(dialog.path_edit, analyse_path)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy and "classeur" in dialog.status_label.text(),
                    timeout=WAIT_MS)

    assert dialog.status_label.text().startswith("« notes.xlsx » n'est pas un classeur .xlsx")
    assert not dialog.import_button.isEnabled()


def test_a_new_mapping_is_made_in_its_dialog_saved_and_used(qtbot, dialog, demo_db, tmp_path,
                                                            screen):
    path = tmp_path / "partenaires.csv"
    path.write_text("Numéro;Année;Projet;Association;Axe;Partenaire;Demande\n"
                    "P-1;2025;Atelier vélo;Vélo pour tous;MOB;CAF du Nord;1 200\n", "cp1252")
    qtbot.keyClicks(dialog.path_edit, str(path))

    screen.choose(dialog.mapping_combo, "Nouvelle correspondance…")
    qtbot.waitUntil(lambda: dialog.controller.mapping_dialog is not None
                    and dialog.controller.mapping_dialog.isVisible(), timeout=WAIT_MS)
    mapping = dialog.controller.mapping_dialog
    assert mapping.combos["Année"].currentText() == "Exercice"  # Dauphin's names are guessed
    assert mapping.combos["Axe"].currentText() == "Pilier / thématique"
    assert not mapping.save_button.isEnabled()
    for column, target in (("Numéro", "N° de dossier"), ("Projet", "Intitulé de l'action"),
                           ("Association", "Porteur (raison sociale)"),
                           ("Partenaire", "Financeur"), ("Demande", "Montant demandé")):
        screen.choose(mapping.combos[column], target)
    assert mapping.missing_label.text() == ""
    qtbot.keyClicks(mapping.name_edit, "Tableau des partenaires")
    mapping.grab().save(str(tmp_path / "correspondance.png"))
    qtbot.mouseClick(mapping.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.counts_label.text()), timeout=WAIT_MS)
    assert dialog.mapping_combo.currentText() == "Tableau des partenaires"
    assert dialog.counts_label.text().startswith("1 ligne lue : 1 à créer")


def test_the_preview_model_passes_the_model_tester(qtmodeltester, dialog, qtbot, tmp_path):
    analyse(qtbot, dialog, dauphin_file(tmp_path))
    model = dialog.models[next(iter(dialog.models))]

    assert isinstance(model, RecordTableModel) and model.columnCount() == len(ROW_COLUMNS)
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.rejections_model)
