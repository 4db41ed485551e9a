"""CPOs on the demo: renewal blocked until the bilan, payments, a new CPO, the envelopes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.adapters.persistence.backup import backup_database
from programmation.adapters.persistence.database import Database
from programmation.domain.channels import Channel, PaymentKind
from programmation.domain.dossier import Application, Carrier
from programmation.domain.follow_up import Agreement
from programmation.domain.lifecycle import Status
from programmation.services import cpo
from programmation.services.errors import ServiceError

D = Decimal
NOW = datetime(2026, 11, 21, 9, 0)


@pytest.fixture
def demo_copy(demo_database, tmp_path):
    """A private copy of the demo, for tests that write."""
    db = Database.open(backup_database(demo_database.engine, tmp_path, reason="copie"))
    yield db
    db.dispose()


def _id(db, reference: str) -> int:
    return next(r.id for r in cpo.list_cpos(db) if r.reference == reference)


def _bilan(db, application_id: int, year: int) -> None:
    cpo.record_bilan(db, cpo.RecordBilan(application_id, year, date(year + 1, 5, 30), True,
                                         D("30000"), 48, "Objectifs atteints", "Mehdi Saïdi"))


def test_renewal_is_blocked_until_the_bilan_then_allowed(demo_copy):
    mission = _id(demo_copy, "2024-CPO-001")
    timeline = cpo.cpo_timeline(demo_copy, mission)
    assert timeline.next_renewal == 2025
    assert timeline.renewal_blocker == ("le bilan 2024 n'est pas encore reçu : la reconduction "
                                        "2025 l'attend")
    with pytest.raises(ServiceError, match="bilan 2024"):
        cpo.renew_year(demo_copy, mission, 2025, "Mehdi Saïdi")
    assert not cpo.cpo_timeline(demo_copy, mission).years[1].confirmed
    _bilan(demo_copy, mission, 2024)
    assert cpo.cpo_timeline(demo_copy, mission).renewal_blocker is None
    cpo.renew_year(demo_copy, mission, 2025, "Mehdi Saïdi", now=lambda: NOW)
    timeline = cpo.cpo_timeline(demo_copy, mission)
    year_2025 = timeline.years[1]
    assert year_2025.confirmed and year_2025.confirmation == "Reconduite le 21/11/2026"
    assert year_2025.granted == timeline.years[0].granted  # the same amount: no degressivity
    assert timeline.next_renewal == 2026
    assert timeline.renewal_blocker.startswith("le bilan 2025 n'est pas encore reçu")
    with demo_copy.unit_of_work() as uow:
        lines = uow.session.get(Application, mission).lines_for(2025)
        assert {line.decision_reference for line in lines} == {"Reconduction 2025"}
        assert all("Mehdi Saïdi" in line.opinion_reason for line in lines)


def test_a_year_is_paid_only_once_confirmed_and_never_beyond_what_is_granted(demo_copy):
    mission = _id(demo_copy, "2024-CPO-001")
    with pytest.raises(ServiceError, match="2025 n'est pas encore confirmée"):
        cpo.record_payment(demo_copy, cpo.RecordPayment(
            mission, 2025, "ETAT-147", PaymentKind.ADVANCE, D("100"), date(2025, 4, 1), "Finance"))
    first = cpo.cpo_timeline(demo_copy, mission).years[0]
    state = next(line for line in first.lines if line.funder.startswith("État — crédits"))
    left = state.granted - state.paid
    with pytest.raises(ServiceError, match="dépasse ce qui reste à verser"):
        cpo.record_payment(demo_copy, cpo.RecordPayment(
            mission, 2024, "ETAT-147", PaymentKind.BALANCE, left + D("0.01"), date(2025, 6, 1),
            "Finance"))
    cpo.record_payment(demo_copy, cpo.RecordPayment(
        mission, 2024, "ETAT-147", PaymentKind.BALANCE, left, date(2025, 6, 1), "Finance"))
    paid = next(line for line in cpo.cpo_timeline(demo_copy, mission).years[0].lines
                if line.funder == state.funder)
    assert paid.paid == paid.granted


def test_an_avenant_needs_the_convention_and_then_appears_on_the_timeline(demo_copy):
    sante = _id(demo_copy, "2024-CPO-002")
    with pytest.raises(ServiceError, match="enregistrez d'abord la convention"):
        cpo.add_amendment(demo_copy, sante, date(2025, 9, 1), "Permanence le samedi")
    with pytest.raises(ServiceError, match="mesure d'impact social est obligatoire"):
        cpo.record_convention(demo_copy, cpo.RecordConvention(sante, "CPO-2024-02",
                                                              date(2024, 4, 2), " "))
    cpo.record_convention(demo_copy, cpo.RecordConvention(
        sante, "CPO-2024-02", date(2024, 4, 2), "Part des habitants suivis ayant un médecin"))
    cpo.add_amendment(demo_copy, sante, date(2025, 9, 1), "Permanence le samedi")
    timeline = cpo.cpo_timeline(demo_copy, sante)
    assert timeline.convention == "CPO-2024-02 — signée le 02/04/2024"
    assert timeline.amendments == ((date(2025, 9, 1), "Permanence le samedi"),)


def _carrier_id(db) -> int:
    with db.unit_of_work() as uow:
        return uow.session.scalars(select(Carrier.id).where(Carrier.name == "Mission Locale")).one()


def test_a_degressive_cpo_is_refused_with_a_message_and_an_even_one_is_created(demo_copy):
    def command(third: str, impact: str = "Sorties positives à 6 mois") -> cpo.CreateCpo:
        amounts = (("ETAT-147", 2027, D("9000")), ("ETAT-147", 2028, D("9000")),
                   ("ETAT-147", 2029, D(third)), ("VILLE", 2027, D("2000")),
                   ("VILLE", 2028, D("2000")), ("VILLE", 2029, D("2000")))
        return cpo.CreateCpo(_carrier_id(demo_copy), "Parcours vers l'emploi", "EMP", 2027,
                             amounts, impact, "Claire Vanhove")

    count = len(cpo.list_cpos(demo_copy))
    with pytest.raises(ServiceError, match="moins que les 9\u202f000,00\u00a0€ de 2027 — "
                                           "une CPO est sans dégressivité"):
        cpo.create_cpo(demo_copy, command("7000"))
    with pytest.raises(ServiceError, match="mesure d'impact social"):
        cpo.create_cpo(demo_copy, command("9000", impact=""))
    assert len(cpo.list_cpos(demo_copy)) == count
    new_id = cpo.create_cpo(demo_copy, command("9000"), now=lambda: NOW)
    with demo_copy.unit_of_work() as uow:
        application = uow.session.get(Application, new_id)
        assert (application.channel, application.status, application.duration_years) == (
            Channel.CPO, Status.DRAFT, 3)
        assert [application.requested_total(y) for y in (2027, 2028, 2029)] == [D("11000.00")] * 3
        agreement = uow.session.scalars(select(Agreement).where(
            Agreement.application_id == new_id)).one()
        assert (agreement.first_year, agreement.last_year) == (2027, 2029)
        assert agreement.social_impact_measure == "Sorties positives à 6 mois"
    envelopes = cpo.multi_year_envelopes(demo_copy)
    state_2029 = next(r for r in envelopes.rows if r.year == 2029 and r.funder.startswith("État "
                                                                                         "— cr"))
    assert state_2029.pending >= D("9000")


def test_the_multi_year_view_shows_cpo_commitments_and_the_state_floor(demo_database):
    envelopes = cpo.multi_year_envelopes(demo_database)
    assert envelopes.basis == "Montants"
    state = {r.year: r for r in envelopes.rows if r.funder.startswith("État — crédits")}
    assert state[2026].committed > 0 and state[2027].committed == 0
    assert state[2027].pending > 0 and state[2028].pending == state[2027].pending
    floors = {f.year: f for f in envelopes.floors if f.required}
    check = floors[2026].check
    assert check.cpo_value == state[2026].committed
    assert check.whole_value == state[2026].envelope
    assert check.met is (check.cpo_value >= check.whole_value / 2)
