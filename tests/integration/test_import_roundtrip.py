"""The demo's calls exported in Dauphin's layout and re-imported give identical dossiers."""

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from programmation.adapters.persistence.database import Database
from programmation.domain.channels import Channel
from programmation.domain.dauphin import DAUPHIN_HEADERS
from programmation.domain.dossier import Application
from programmation.services import importing
from programmation.services.contract_setup import set_up_demo_contract
from programmation.services.exporting_dauphin import ExportDauphin, export_dauphin
from programmation.services.import_plan import Outcome

YEARS = (2025, 2026)


@pytest.fixture(scope="module")
def exports(demo_database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dauphin")
    return {year: export_dauphin(demo_database, ExportDauphin(
        folder / f"aap_{year}.xlsx", year, Channel.AAP)) for year in YEARS}


def dossiers(database: Database, years=YEARS) -> dict[str, tuple]:
    """Everything the round trip must keep, dossier by dossier, to the cent."""
    with database.unit_of_work() as uow:
        found = uow.session.scalars(
            select(Application).where(Application.year.in_(years),  # type: ignore[attr-defined]
                                      Application.channel == Channel.AAP)  # type: ignore[attr-defined]
            .options(selectinload(Application.funding_lines))).all()  # type: ignore[arg-type]
        return {a.reference: (
            a.title, a.carrier.name, a.carrier.siret, a.carrier.rna, a.status, a.year,
            a.pillar.code, a.call.title if a.call else None, a.total_cost, a.submitted_on,
            a.summary,
            sorted((line.funder.code, line.year, line.requested, line.proposed, line.granted,
                    line.status, line.nature, line.opinion, line.decision_date,
                    line.decision_reference) for line in a.funding_lines),
        ) for a in found}


def test_the_export_uses_dauphin_column_names(exports):
    sheet = load_workbook(exports[2025].path, read_only=True).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))

    assert header == DAUPHIN_HEADERS
    assert exports[2025].dossiers == 22 and exports[2026].dossiers == 23


def test_the_demo_calls_reimported_into_a_new_base_are_identical(demo_database, exports,
                                                                 database):
    set_up_demo_contract(database)

    reports = [importing.apply(database, exports[year].path, actor="Reprise") for year in YEARS]

    assert [r.rejected for r in reports] == [0, 0]
    assert [r.dossiers_created for r in reports] == [22, 23]
    original, copy = dossiers(demo_database), dossiers(database)
    assert sorted(copy) == sorted(original)
    for reference, values in original.items():
        assert copy[reference] == values, reference


def test_the_export_reimported_into_the_demo_itself_changes_nothing(demo_database, exports):
    for year in YEARS:
        result = importing.preview(demo_database, exports[year].path)

        assert result.rejected == 0
        assert result.count(Outcome.UNCHANGED) == exports[year].rows
