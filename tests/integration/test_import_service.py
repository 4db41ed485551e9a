"""Importing a Dauphin export: preview, valid rows only or all or nothing, re-import, updates."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from programmation.adapters.exporting.dauphin import write_dauphin_workbook
from programmation.adapters.persistence import tables as t
from programmation.domain.dauphin import Field
from programmation.domain.dossier import Application
from programmation.domain.lifecycle import Status
from programmation.services import importing
from programmation.services.contract_setup import set_up_demo_contract
from programmation.services.import_plan import Outcome

F = Field
SIRET_A = "42424242424242"
SIRET_B = "73282932000074"


@pytest.fixture
def contract_db(database):
    set_up_demo_contract(database)
    return database


def line(reference, funder, requested, **extra):
    """One Dauphin row: dossier columns repeated, then one funder's amounts."""
    row = {F.REFERENCE: reference, F.YEAR: 2025, F.TITLE: f"Action {reference}",
           F.CARRIER: "Maison de quartier Élan", F.SIRET: SIRET_A, F.PILLAR: "EDU",
           F.STATUS: "Transmise", F.FUNDER: funder, F.REQUESTED: requested,
           F.SUBMITTED_ON: date(2024, 12, 1)}
    row.update(extra)
    return row


def write(path, rows):
    write_dauphin_workbook(path, rows)
    return path


def count(database, table) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def snapshot(database) -> tuple[int, ...]:
    return tuple(count(database, table) for table in (
        t.application, t.funding_line, t.status_change, t.carrier, t.call))


def test_preview_counts_every_row_once_and_names_the_rejected_columns(contract_db, tmp_path):
    path = write(tmp_path / "export.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1 000"),
        line("D-1", "ETAT-147", "2 000"),
        line("D-2", "Fondation inconnue", "500"),
        line("D-3", "CAF du Nord", "trois cents"),
        line("D-4", "CAF du Nord", "300", **{F.SIRET: "12345678901234"}),
        line("D-5", "CAF du Nord", "300", **{F.PILLAR: "Astronomie"}),
    ])
    before = snapshot(contract_db)

    result = importing.preview(contract_db, path)

    assert result.count(Outcome.CREATE) == 2
    assert result.rejected == 4
    assert result.count(Outcome.CREATE) + result.count(Outcome.UPDATE) \
        + result.count(Outcome.UNCHANGED) + result.rejected + result.empty_rows == 6
    reasons = {(r.row, r.column): r.reason for r in result.rejections}
    assert "Fondation inconnue" in reasons[(4, "Financeur")]
    assert "n'est pas un montant" in reasons[(5, "Montant demandé")]
    assert "clé de contrôle" in reasons[(6, "SIRET")]
    assert "Astronomie" in reasons[(7, "Thématique")]
    assert snapshot(contract_db) == before  # a preview writes nothing


def test_valid_rows_only_imports_what_it_can_and_lists_the_rest(contract_db, tmp_path):
    path = write(tmp_path / "export.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1 000,50"),
        line("D-2", "Fondation inconnue", "500"),
    ])

    report = importing.apply(contract_db, path, importing.Mode.VALID_ONLY, "Léa")

    assert (report.created, report.rejected, report.dossiers_created) == (1, 1, 1)
    with contract_db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application)).one()
        assert dossier.reference == "D-1" and dossier.status is Status.SUBMITTED
        assert dossier.funding_lines[0].requested == Decimal("1000.50")
        assert [(h.to_status, h.actor, h.reason) for h in dossier.history] == [
            (Status.SUBMITTED, "Léa", "Import Dauphin (export.xlsx)")]


def test_all_or_nothing_writes_nothing_when_one_row_is_rejected(contract_db, tmp_path):
    path = write(tmp_path / "export.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1000"),
        line("D-2", "Fondation inconnue", "500"),
    ])
    before = snapshot(contract_db)

    report = importing.apply(contract_db, path, importing.Mode.ALL_OR_NOTHING, "Léa")

    assert not report.applied
    assert (report.created, report.blocked, report.rejected) == (0, 1, 1)
    assert "Rien n'a été importé" in report.summary()
    assert snapshot(contract_db) == before


def test_importing_the_same_file_again_changes_nothing(contract_db, tmp_path):
    path = write(tmp_path / "export.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1000", **{F.STATUS: "Votée", F.GRANTED: Decimal(900)}),
        line("D-1", "CAF du Nord", "400", **{F.STATUS: "Votée", F.GRANTED: Decimal(0)}),
    ])
    importing.apply(contract_db, path, actor="Léa")
    after_first = snapshot(contract_db)

    again = importing.preview(contract_db, path)
    report = importing.apply(contract_db, path, actor="Léa")

    assert again.count(Outcome.UNCHANGED) == 2 and again.count(Outcome.UPDATE) == 0
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert snapshot(contract_db) == after_first  # no new history either


def test_a_changed_amount_and_status_update_the_dossier_with_its_history(contract_db, tmp_path):
    importing.apply(contract_db, write(tmp_path / "v1.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1000", **{F.STATUS: "En cours"})]), actor="Léa")
    path = write(tmp_path / "v2.xlsx", [line("D-1", "Ville d'Hazebrouck", "1000", **{
        F.STATUS: "Votée", F.PROPOSED: Decimal(800), F.GRANTED: Decimal(800)})])

    result = importing.preview(contract_db, path)
    importing.apply(contract_db, result, actor="Karim")

    assert result.count(Outcome.UPDATE) == 1
    assert "statut : En instruction → Accordé" in result.rows[0].detail
    assert "Montant accordé : — → 800,00" in result.rows[0].detail
    with contract_db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application)).one()
        assert dossier.status is Status.GRANTED
        assert dossier.funding_lines[0].granted == Decimal(800)
        assert [h.to_status for h in dossier.history if h.actor == "Karim"] == [
            Status.REVIEWED, Status.ON_AGENDA, Status.GRANTED]


def test_a_status_going_back_is_rejected_with_the_lifecycle_reason(contract_db, tmp_path):
    importing.apply(contract_db, write(tmp_path / "v1.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1000", **{F.STATUS: "A été versé"})]), actor="Léa")

    result = importing.preview(contract_db, write(tmp_path / "v2.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "1000", **{F.STATUS: "Transmise"})]))

    assert result.rejected == 1
    assert "non autorisé" in result.rejections[0].reason
    assert result.rejections[0].column == "Statut"


def test_dossiers_without_reference_match_on_carrier_title_and_year(contract_db, tmp_path):
    rows = [line(None, "Ville d'Hazebrouck", "1000"), line(None, "CAF du Nord", "200")]
    for row in rows:
        del row[F.REFERENCE]
    path = write(tmp_path / "sans_numero.xlsx", rows)

    importing.apply(contract_db, path, actor="Léa")
    again = importing.preview(contract_db, path)

    assert [r.reference for r in again.rows] == ["2025-AAP-001", "2025-AAP-001"]
    assert again.count(Outcome.UNCHANGED) == 2


def test_a_carrier_is_matched_by_siret_rna_or_name_and_created_once(contract_db, tmp_path):
    path = write(tmp_path / "porteurs.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "100"),
        line("D-2", "Ville d'Hazebrouck", "100", **{F.CARRIER: "Élan (nouveau nom)"}),
        line("D-3", "Ville d'Hazebrouck", "100", **{F.SIRET: None, F.RNA: "W595000001",
                                                     F.CARRIER: "Club du Rivage"}),
        line("D-4", "Ville d'Hazebrouck", "100", **{F.SIRET: None,
                                                     F.CARRIER: "club du rivage"}),
        line("D-5", "Ville d'Hazebrouck", "100", **{F.SIRET: SIRET_B, F.CARRIER: "Autre"}),
    ])

    report = importing.apply(contract_db, path, actor="Léa")

    assert report.carriers_created == 3
    assert count(contract_db, t.carrier) == 3


def test_two_lines_for_the_same_funder_and_year_are_refused(contract_db, tmp_path):
    result = importing.preview(contract_db, write(tmp_path / "double.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "100"), line("D-1", "VILLE", "200")]))

    assert result.count(Outcome.CREATE) == 1
    assert "figure déjà ligne 2" in result.rejections[0].reason


def test_a_row_contradicting_its_dossier_is_rejected(contract_db, tmp_path):
    result = importing.preview(contract_db, write(tmp_path / "contradiction.xlsx", [
        line("D-1", "Ville d'Hazebrouck", "100"),
        line("D-1", "CAF du Nord", "200", **{F.TITLE: "Un autre intitulé"})]))

    assert result.rejections[0].column == "Intitulé de l'action"
    assert "diffère de la ligne 2" in result.rejections[0].reason


def test_an_import_creates_the_call_it_names_once(contract_db, tmp_path):
    path = write(tmp_path / "appel.xlsx", [
        line("D-1", "VILLE", "100", **{F.CALL: "Appel à projets 2025"}),
        line("D-2", "VILLE", "100", **{F.CALL: "Appel à projets 2025"})])

    report = importing.apply(contract_db, path, actor="Léa")

    assert report.calls_created == 1
    with contract_db.unit_of_work() as uow:
        calls = {a.call.title for a in uow.session.scalars(select(Application))}
    assert calls == {"Appel à projets 2025"}


def test_the_report_sums_up_and_lists_each_rejection(contract_db, tmp_path):
    from openpyxl import load_workbook

    path = write(tmp_path / "export.xlsx", [
        line("D-1", "VILLE", "100"), line("D-2", "=HYPERLINK(\"http://x\")", "100")])
    result = importing.apply(contract_db, path, actor="Léa")

    report = importing.save_report(result, tmp_path / "rapport.xlsx")

    workbook = load_workbook(report)
    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(min_row=3,
                                                                       values_only=True)}
    assert (summary["Lignes importées"], summary["Lignes rejetées"]) == (1, 1)
    rejected = workbook["Lignes rejetées"]
    assert [c.value for c in rejected[1]] == ["Ligne", "Colonne", "Motif"]
    assert [c.value for c in rejected[2]][:2] == [3, "Financeur"]
    assert "=HYPERLINK" in rejected.cell(2, 3).value


def test_carrier_text_looking_like_a_formula_stays_text_there_and_back(contract_db, tmp_path):
    from openpyxl import load_workbook

    from programmation.services.exporting_dauphin import ExportDauphin, export_dauphin

    name = '=HYPERLINK("http://pirate.example","Cliquez")'
    importing.apply(contract_db, write(tmp_path / "v1.xlsx", [
        line("D-1", "VILLE", "100", **{F.CARRIER: name, F.TITLE: "+33 atelier @quartier"})]),
        actor="Léa")

    exported = export_dauphin(contract_db, ExportDauphin(tmp_path / "dauphin.xlsx", 2025))
    sheet = load_workbook(exported.path).active
    header = [cell.value for cell in sheet[1]]
    carrier = sheet.cell(2, header.index("Porteur / Structure") + 1)
    assert (carrier.value, carrier.data_type) == (name, "s")
    again = importing.preview(contract_db, exported.path)
    assert again.count(Outcome.UNCHANGED) == 1 and again.rows[0].carrier == name
