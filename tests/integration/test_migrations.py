"""Opening an older database upgrades it, after a backup, without losing a row."""

import sqlite3

from alembic import command

from programmation.adapters.persistence import migrate
from programmation.adapters.persistence.database import Database
from programmation.adapters.persistence.engine import create_database_engine


def _database_at_first_revision(path):
    engine = create_database_engine(path)
    with engine.connect() as connection:
        command.upgrade(migrate.alembic_config(connection), "0001")
        connection.commit()
        connection.exec_driver_sql(
            "INSERT INTO contract (name, territory, town, start_year, end_year, pillar_preset, "
            "public_funding_ceiling, reserve_project_ceiling, cpo_floor, cpo_rule_basis, "
            "qpv_share_minimum) VALUES ('Contrat 2024-2030', 'Agglo', 'Hazebrouck', 2024, 2030, "
            "'quartiers-2030', 8000, 500000, 5000, 'money', 5000)")
        connection.commit()
    engine.dispose()


def test_an_older_database_is_backed_up_then_upgraded_to_head(tmp_path):
    path = tmp_path / "ancienne.sqlite"
    _database_at_first_revision(path)
    database = Database.open(path)
    try:
        assert migrate.current_revision(database.engine) == migrate.HEAD
        backups = list((tmp_path / "sauvegardes").glob("ancienne-*-avant-migration.sqlite"))
        assert len(backups) == 1
        old = sqlite3.connect(backups[0])
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        old.close()
        with database.engine.connect() as connection:
            criteria = connection.exec_driver_sql(
                "SELECT label FROM scoring_criterion ORDER BY position").scalars().all()
            contract = connection.exec_driver_sql("SELECT name FROM contract").scalar()
        assert contract == "Contrat 2024-2030"
        assert criteria[0] == "Pertinence" and len(criteria) == 6
        assert database.integrity_problems() == []
    finally:
        database.dispose()


def test_a_new_database_needs_no_backup(tmp_path):
    database = Database.open(tmp_path / "neuve.sqlite")
    database.dispose()
    assert not (tmp_path / "sauvegardes").exists()


def test_opening_a_database_at_head_takes_no_new_backup(tmp_path):
    path = tmp_path / "a-jour.sqlite"
    _database_at_first_revision(path)
    Database.open(path).dispose()
    Database.open(path).dispose()
    assert len(list((tmp_path / "sauvegardes").glob("*.sqlite"))) == 1
