"""The demo tells the Hazebrouck story the 2024 contract tells, in figures."""

from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.demo import DemoError, build_demo
from programmation.demo.history import SPENDING_GROUPS
from programmation.demo.seeds import SPENDING_2015_2022
from programmation.domain.channels import Channel
from programmation.domain.dossier import Application
from programmation.domain.lifecycle import DECIDED, Status

GRANTED_AT_SOME_POINT = DECIDED | {Status.CLOSED}


def _rows(database, query):
    with database.engine.connect() as connection:
        return connection.execute(query).all()


def _by_year(database):
    a = t.application
    query = select(a.c.year, a.c.id, a.c.is_renewal, a.c.channel).where(a.c.channel == "AAP")
    granted = {row[0] for row in _rows(database, select(t.funding_line.c.application_id)
                                       .where(t.funding_line.c.granted > 0))}
    years: dict[int, list] = {}
    for year, app_id, renewal, _ in _rows(database, query):
        years.setdefault(year, []).append((app_id in granted, renewal))
    return years


def test_submissions_per_call_match_the_contract(demo_database):
    years = _by_year(demo_database)
    assert len(years[2016]) == 40
    assert len(years[2022]) == 23
    counts = [len(years[y]) for y in range(2016, 2023)]
    assert counts == sorted(counts, reverse=True)


def test_at_least_57_percent_accepted_every_year_and_72_in_2018(demo_database):
    years = _by_year(demo_database)
    for year in range(2015, 2027):
        accepted = sum(1 for granted, _ in years[year] if granted) / len(years[year])
        assert accepted >= 0.57, year
    accepted_2018 = sum(1 for granted, _ in years[2018] if granted) / len(years[2018])
    assert round(accepted_2018 * 100) == 72


def test_share_of_new_actions_falls_until_2019_then_rises(demo_database):
    years = _by_year(demo_database)
    new_share = {y: sum(1 for _, renewal in rows if not renewal) / len(rows)
                 for y, rows in years.items() if y <= 2023}
    falling = [new_share[y] for y in range(2015, 2020)]
    rising = [new_share[y] for y in range(2019, 2024)]
    assert falling == sorted(falling, reverse=True)
    assert rising == sorted(rising)


def test_specific_credits_2015_2022_per_theme_are_the_seed_figures(demo_database):
    a, fl, p = t.application, t.funding_line, t.pillar
    rows = _rows(demo_database, select(p.c.reporting_code, func.sum(fl.c.granted))
                 .join(a, a.c.id == fl.c.application_id).join(p, p.c.id == a.c.pillar_id)
                 .where(fl.c.nature == "specific", a.c.year.between(2015, 2022))
                 .group_by(p.c.reporting_code))
    by_code = dict(rows)
    spending = {group: sum((by_code.get(code, Decimal(0)) for code in codes), Decimal(0))
                for group, codes in SPENDING_GROUPS.items()}
    assert spending == {group: Decimal(amount) for group, amount in SPENDING_2015_2022.items()}
    assert sum(spending.values()) == Decimal("1906552")


def test_the_current_year_waits_for_instruction_in_all_four_channels(demo_database):
    a = t.application
    waiting = {Status.SUBMITTED, Status.ADMISSIBLE, Status.UNDER_REVIEW, Status.REVIEWED}
    rows = _rows(demo_database, select(a.c.channel, a.c.status, a.c.duration_years)
                 .where(a.c.year >= 2026))
    channels = {channel for channel, status, _ in rows if status in waiting}
    assert channels == set(Channel)
    assert any(ch is Channel.CPO and years == 3 and st in waiting for ch, st, years in rows)


def test_cpo_lines_repeat_the_same_amount_for_three_years(demo_database):
    with demo_database.unit_of_work() as uow:
        cpos = uow.session.scalars(select(Application).where(
            Application.channel == Channel.CPO)).all()  # type: ignore[arg-type]
        assert len(cpos) == 5
        for cpo in cpos:
            per_year = Counter()
            for line in cpo.funding_lines:
                per_year[line.year] += line.requested
            assert sorted(per_year) == [cpo.year, cpo.year + 1, cpo.year + 2]
            assert len(set(per_year.values())) == 1


def test_every_demo_budget_balances_but_the_draft_left_unbalanced(demo_database):
    with demo_database.unit_of_work() as uow:
        unbalanced = [a.reference for a in uow.session.scalars(select(Application))
                      if a.current_budget().budget().balance_errors()]
    assert len(unbalanced) == 1


def test_every_demo_carrier_is_identified(demo_database):
    from programmation.domain.dossier import Carrier

    with demo_database.unit_of_work() as uow:
        carriers = uow.session.scalars(select(Carrier)).all()
        assert carriers and all(c.identity_error() is None for c in carriers)


def test_the_demo_is_deterministic(tmp_path, demo_database):
    from programmation.adapters.persistence.database import Database

    other = Database.open(tmp_path / "again.sqlite")
    build_demo(other)
    query = select(t.application.c.reference, t.application.c.total_cost,
                   t.application.c.status).order_by(t.application.c.reference)
    assert _rows(other, query) == _rows(demo_database, query)
    other.dispose()


def test_the_demo_refuses_a_database_that_already_has_data(demo_database):
    with pytest.raises(DemoError, match="déjà"):
        build_demo(demo_database)


def test_size_scales_the_demo_up_with_consistent_rows(tmp_path):
    from programmation.adapters.persistence.database import Database

    db = Database.open(tmp_path / "big.sqlite")
    assert build_demo(db, size=2000) == 2000
    assert _rows(db, select(func.count()).select_from(t.application))[0][0] == 2000
    assert db.integrity_problems() == []
    db.dispose()
