"""``programmation import`` and ``programmation export dauphin``, run as a user runs them;
saved column mappings; the same import on PostgreSQL."""

import pytest
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.cli.main import main
from programmation.domain.dauphin import Field
from programmation.services import importing
from programmation.services.contract_setup import set_up_demo_contract
from programmation.services.errors import ServiceError
from programmation.services.import_mappings import (
    delete_mapping,
    guess_fields,
    mapping_names,
    save_mapping,
)

HEADER = "Numéro;Année;Projet;Association;Axe;Partenaire;Demande;Accord\n"
ROWS = ("A-1;2025;Atelier vélo;Vélo pour tous;MOB;CAF du Nord;1 500;1 200\n"
        "A-1;2025;Atelier vélo;Vélo pour tous;MOB;Ville d'Hazebrouck;800;\n"
        "A-2;2025;Jardin;Les Jardiniers;ECO;Mécène inconnu;300;\n")
CUSTOM = {"Numéro": Field.REFERENCE, "Année": Field.YEAR, "Projet": Field.TITLE,
          "Association": Field.CARRIER, "Axe": Field.PILLAR, "Partenaire": Field.FUNDER,
          "Demande": Field.REQUESTED, "Accord": Field.GRANTED}


@pytest.fixture
def contract_db(database):
    set_up_demo_contract(database)
    return database


@pytest.fixture
def custom_csv(tmp_path):
    path = tmp_path / "tableau_partenaires.csv"
    path.write_text(HEADER + ROWS, "cp1252")
    return path


def dossier_count(database) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(t.application)).scalar_one()


def test_a_saved_mapping_imports_a_sheet_with_its_own_column_names(contract_db, custom_csv):
    assert guess_fields(["Numéro", "Projet", "Montant demandé"])["Montant demandé"] \
        is Field.REQUESTED
    save_mapping(contract_db, "Tableau des partenaires", CUSTOM)

    result = importing.preview(contract_db, custom_csv, "Tableau des partenaires")

    assert mapping_names(contract_db) == ["Dauphin", "Tableau des partenaires"]
    assert (result.row_count, len(result.rows), result.rejected) == (3, 2, 1)
    assert result.rejections[0].column == "Partenaire"


def test_a_mapping_needs_a_name_and_the_required_fields(contract_db):
    with pytest.raises(ServiceError, match="donnez un nom"):
        save_mapping(contract_db, "  ", CUSTOM)
    with pytest.raises(ServiceError, match="Montant demandé"):
        save_mapping(contract_db, "Incomplète", {k: v for k, v in CUSTOM.items()
                                                 if v is not Field.REQUESTED})
    with pytest.raises(ServiceError, match="réservé"):
        save_mapping(contract_db, "dauphin", CUSTOM)
    save_mapping(contract_db, "Partenaires", CUSTOM)
    with pytest.raises(ServiceError, match="existe déjà"):
        save_mapping(contract_db, "Partenaires", CUSTOM)
    save_mapping(contract_db, "Partenaires", CUSTOM, replace=True)
    delete_mapping(contract_db, "Partenaires")
    assert mapping_names(contract_db) == ["Dauphin"]


def test_dry_run_shows_the_preview_and_writes_nothing(contract_db, custom_csv, capsys):
    save_mapping(contract_db, "Partenaires", CUSTOM)
    db = str(contract_db.engine.url.database)

    code = main(["import", str(custom_csv), "--db", db, "--mapping", "Partenaires",
                 "--dry-run"])

    out = capsys.readouterr().out
    assert code == 1  # some rows are rejected
    assert "à créer : 2 · à mettre à jour : 0 · inchangées : 0 · rejetées : 1" in out
    assert "ligne 4, « Partenaire » : financeur « Mécène inconnu »" in out
    assert "rien n'a été écrit" in out
    assert dossier_count(contract_db) == 0


def test_import_then_export_dauphin_then_reimport_changes_nothing(contract_db, custom_csv,
                                                                   tmp_path, capsys):
    save_mapping(contract_db, "Partenaires", CUSTOM)
    db = str(contract_db.engine.url.database)
    report = tmp_path / "rapport.xlsx"

    assert main(["import", str(custom_csv), "--db", db, "--mapping", "Partenaires",
                 "--report", str(report), "--actor", "Léa"]) == 1
    assert main(["export", "dauphin", "--db", db, "--year", "2025", "--channel", "aap",
                 "--output", str(tmp_path / "dauphin.xlsx")]) == 0
    assert main(["import", str(tmp_path / "dauphin.xlsx"), "--db", db]) == 0

    out = capsys.readouterr().out
    assert "2 ligne(s) importée(s) (1 dossier(s) créé(s))" in out
    assert f"Rapport écrit : {report}" in out and report.exists()
    assert "Export Dauphin : 1 dossier(s), 2 ligne(s)" in out
    assert out.rstrip().endswith("2 inchangée(s), 0 rejetée(s)")


def test_an_unreadable_file_is_one_french_line_on_stderr(contract_db, tmp_path, capsys):
    path = tmp_path / "faux.xlsx"
    path.write_text("pas un classeur", "utf-8")

    code = main(["import", str(path), "--db", str(contract_db.engine.url.database)])

    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Erreur : « faux.xlsx » n'est pas un classeur")
    assert "Traceback" not in err


def test_an_export_with_nothing_to_export_says_so(contract_db, tmp_path, capsys):
    code = main(["export", "dauphin", "--db", str(contract_db.engine.url.database),
                 "--year", "2031", "--output", str(tmp_path / "vide.xlsx")])

    assert code == 2 and "rien à exporter" in capsys.readouterr().err


@pytest.mark.postgres
def test_the_import_runs_on_postgresql_too(pg_database, custom_csv):
    set_up_demo_contract(pg_database)
    save_mapping(pg_database, "Partenaires", CUSTOM)
    first = importing.apply(pg_database, custom_csv, mapping="Partenaires", actor="Léa")
    again = importing.apply(pg_database, custom_csv, mapping="Partenaires", actor="Léa")
    assert (first.created, first.rejected) == (2, 1)
    assert (again.created, again.unchanged) == (0, 2)
