from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from programmation.adapters.persistence import migrate
from programmation.adapters.persistence.database import Database
from programmation.adapters.persistence.engine import DatabaseError, create_database_engine
from programmation.domain.channels import Channel
from programmation.domain.contract import Contract
from programmation.domain.dossier import Application, Carrier
from programmation.domain.funding import FundingLine
from programmation.domain.lifecycle import Status
from programmation.domain.presets import QUARTIERS_2030, default_funders, pillar_preset


def _contract() -> Contract:
    contract = Contract("Contrat test", "Agglo", "Ville", 2024, 2030, pillar_preset=QUARTIERS_2030)
    contract.pillars = pillar_preset(QUARTIERS_2030)
    contract.funders = default_funders()
    return contract


def _dossier(contract: Contract, reference="2027-AAP-001") -> Application:
    return Application(reference, 2027, Channel.AAP, "Atelier", Carrier("Asso", rna="W591234567"),
                       contract.pillars[0], contract=contract)


def test_sqlite_connections_have_foreign_keys_and_wal(database):
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_the_largest_amount_comes_back_to_the_cent(database):
    with database.unit_of_work() as uow:
        contract = _contract()
        dossier = _dossier(contract)
        dossier.funding_lines.append(FundingLine(contract.funders[0], 2027,
                                                 Decimal("99999999999999.99")))
        uow.session.add(dossier)
        uow.commit()
    with database.unit_of_work() as uow:
        line = uow.session.scalars(select(FundingLine)).one()
        assert line.requested == Decimal("99999999999999.99")
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT requested FROM funding_line")).scalar() \
            == 9999999999999999


def test_the_unit_of_work_rolls_back_unless_committed(database):
    with database.unit_of_work() as uow:
        uow.session.add(_contract())
    with database.unit_of_work() as uow:
        assert uow.session.scalars(select(Contract)).all() == []


def test_status_history_is_stored_with_the_dossier(database):
    with database.unit_of_work() as uow:
        dossier = _dossier(_contract())
        dossier.change_status(Status.SUBMITTED, "Porteur", "Dépôt", datetime(2026, 11, 2, 9))
        uow.session.add(dossier)
        uow.commit()
    with database.unit_of_work() as uow:
        stored = uow.session.scalars(select(Application)).one()
        assert stored.status is Status.SUBMITTED
        assert [(h.actor, h.reason) for h in stored.history] == [("Porteur", "Dépôt")]


def test_foreign_keys_are_enforced(database):
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO neighbourhood (contract_id, code, name) VALUES (999, 'Z', 'Nulle part')"))


def test_references_are_unique(database):
    contract = _contract()
    with database.unit_of_work() as uow:
        uow.session.add_all([_dossier(contract), _dossier(contract)])
        with pytest.raises(IntegrityError):
            uow.commit()


def test_every_foreign_key_column_is_indexed(database):
    from programmation.adapters.persistence.tables import metadata

    unindexed = []
    for table in metadata.sorted_tables:
        indexed = {tuple(c.name for c in index.columns) for index in table.indexes}
        indexed |= {tuple(c.name for c in table.primary_key.columns)[:1]}
        for fk in table.foreign_keys:
            if (fk.parent.name,) not in indexed and not fk.parent.primary_key:
                unindexed.append(f"{table.name}.{fk.parent.name}")
    assert unindexed == []


def test_a_network_share_is_refused_with_a_french_message():
    with pytest.raises(DatabaseError, match="partage réseau"):
        create_database_engine("//serveur/partage/programmation.sqlite")


def test_opening_a_missing_file_without_create_says_so(tmp_path):
    with pytest.raises(DatabaseError, match="n'existe pas"):
        Database.open(tmp_path / "absente.sqlite", create=False)


def test_head_constant_matches_the_migration_scripts():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD


def test_an_empty_database_upgraded_to_head_has_exactly_the_models_schema(database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from programmation.adapters.persistence.tables import metadata

    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_integrity_check_of_a_fresh_database_is_clean(database):
    assert database.integrity_problems() == []


def test_a_file_that_is_not_a_database_is_refused_in_french(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("ceci n'est pas une base", encoding="utf-8")
    with pytest.raises(DatabaseError, match="n'est pas une base Programmation lisible"):
        Database.open(path)
    assert path.read_text(encoding="utf-8") == "ceci n'est pas une base"


def test_an_unreachable_server_is_refused_in_french_without_the_password():
    with pytest.raises(DatabaseError, match="serveur injoignable") as refused:
        Database.open("postgresql+psycopg://agent:secret@127.0.0.1:1/programmation")
    assert "secret" not in str(refused.value)
