"""The shared-database mode: the same code on a real PostgreSQL server."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.domain.funding import FundingLine
from programmation.services.dossier_list import Column, DossierFilter, DossierListService

pytestmark = pytest.mark.postgres


def test_migrations_and_demo_run_on_postgresql(pg_database):
    from programmation.demo import build_demo

    count = build_demo(pg_database)
    service = DossierListService(pg_database)
    assert len(service.ids(DossierFilter())) == count
    by_amount = service.ids(DossierFilter(year=2018), Column.GRANTED, descending=True)
    rows = service.rows(by_amount)
    granted = [rows[i].granted for i in by_amount]
    assert granted == sorted(granted, reverse=True)


def test_search_ignores_accents_and_case_on_postgresql_too(pg_demo):
    service = DossierListService(pg_demo)
    assert service.ids(DossierFilter(text="SANTÉ")) == service.ids(DossierFilter(text="sante"))
    assert service.ids(DossierFilter(text="sante"))


def test_amounts_are_exact_on_postgresql(pg_demo):
    with pg_demo.unit_of_work() as uow:
        line = uow.session.scalars(select(FundingLine).limit(1)).one()
        line.requested = Decimal("99999999999999.99")
        uow.commit()
        line_id = line.id
    with pg_demo.unit_of_work() as uow:
        assert uow.session.get(FundingLine, line_id).requested == Decimal("99999999999999.99")
