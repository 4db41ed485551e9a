"""The programming view of the demo year 2027, each figure checked against sums by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.domain.channels import Channel, CpoRuleBasis
from programmation.domain.contract import Contract
from programmation.services.instruction import CreatePerson, create_person, list_people
from programmation.services.programming import programming_view, programming_years
from programmation.services.scoring import (
    ProposeAmount,
    SaveMarks,
    lines_for_person,
    propose_amount,
    save_marks,
)

D = Decimal
CODES = ("PERT", "COHE", "ENJE", "EFFI", "EFFN", "PART")
NNBSP, NBSP = "\u202f", "\u00a0"


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


def dossier(db: Database, reference: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(t.application.c.id).where(
            t.application.c.reference == reference)).scalar_one()


def propose(db: Database, person_id: int, reference: str, funder: str, amount: str) -> None:
    lines = lines_for_person(db, dossier(db, reference), person_id)
    line = next(item.line for item in lines if item.line.funder_code == funder)
    propose_amount(db, ProposeAmount(line.line_id, D(amount), person_id))


def envelope(view, funder: str, channel: Channel):
    return next(r for r in view.envelopes if r.funder_code == funder and r.channel is channel)


@pytest.fixture
def proposed(demo_copy):
    """A coordinator proposes the State's amounts on four dossiers of 2027."""
    coordinator = create_person(demo_copy, CreatePerson("Sophie Deswarte", "Chef de projet")).id
    propose(demo_copy, coordinator, "2027-AAP-012", "ETAT-147", "8000")
    propose(demo_copy, coordinator, "2027-AAP-013", "ETAT-147", "5000")
    propose(demo_copy, coordinator, "2027-AMI-001", "ETAT-147", "2000")
    propose(demo_copy, coordinator, "2027-CPO-003", "ETAT-147", "4345")
    return demo_copy


def test_the_year_list_offers_the_demo_years(demo_database):
    years = programming_years(demo_database)
    assert years[0] == 2027 and 2015 in years


def test_envelopes_of_2027_are_the_demo_amounts_less_what_is_proposed(proposed):
    view = programming_view(proposed, 2027)
    aap = envelope(view, "ETAT-147", Channel.AAP)
    assert (aap.amount, aap.proposed, aap.granted, aap.left) == (
        D("32000.00"), D("13000.00"), D("0.00"), D("19000.00"))  # 32 000 − 8 000 − 5 000
    ami = envelope(view, "ETAT-147", Channel.AMI)
    assert (ami.amount, ami.proposed, ami.left) == (D("6000.00"), D("2000.00"), D("4000.00"))
    cpo = envelope(view, "ETAT-147", Channel.CPO)
    assert (cpo.amount, cpo.proposed, cpo.left) == (D("40000.00"), D("4345.00"), D("35655.00"))
    assert envelope(view, "CAF", Channel.AAP).left == D("10000.00")
    with proposed.engine.connect() as connection:  # every envelope row of 2027, by SQL
        by_sql = connection.execute(select(func.sum(t.envelope.c.amount)).where(
            t.envelope.c.year == 2027)).scalar_one()
    assert sum(r.amount for r in view.envelopes) == by_sql


def test_the_cpo_share_of_the_state_money_of_the_year(proposed):
    cpo = programming_view(proposed, 2027).cpo
    # 4 345 € of CPO on the 8 000 + 5 000 + 2 000 + 4 345 = 19 345 € the State's specific
    # credits fund in 2027; its envelope, 32 000 + 40 000 + 6 000 + 4 000 = 82 000 €, beside
    assert (cpo.basis, cpo.cpo_value, cpo.total_value, cpo.envelope) == (
        CpoRuleBasis.MONEY, D("4345.00"), D("19345.00"), D("82000.00"))
    assert cpo.share == D("0.2246") and not cpo.met
    assert (f"{eur('4 345,00 €')} de CPO sur {eur('19 345,00 €')} de crédits accordés ou "
            f"proposés (enveloppe de l'année : {eur('82 000,00 €')})") in cpo.text
    assert f"il manque {eur('5 327,50 €')}" in cpo.text  # 19 345 / 2 − 4 345


def test_the_cpo_share_in_number_of_conventions(proposed):
    with proposed.unit_of_work() as uow:
        contract = uow.session.scalars(select(Contract).where(Contract.start_year == 2024)).one()
        contract.cpo_rule_basis = CpoRuleBasis.CONVENTIONS
        uow.commit()
    cpo = programming_view(proposed, 2027).cpo
    # 1 CPO among the 4 dossiers the State funds in 2027
    assert (cpo.cpo_value, cpo.total_value, cpo.share, cpo.met) == (
        D(1), D(4), D("0.2500"), False)
    assert "1 convention CPO sur 4 dossiers financés" in cpo.text
    assert "il manque 1 convention(s)" in cpo.text


def test_dossiers_are_ranked_by_their_mean_score_within_each_pillar(demo_copy):
    people = {p.name: p.id for p in list_people(demo_copy)}
    laverie = dossier(demo_copy, "2027-AAP-012")
    # the demo's two scorers of this dossier give new marks (theirs replace the demo's)
    save_marks(demo_copy, SaveMarks(laverie, people["Claire Vanhove"],
                                    dict.fromkeys(CODES, 4)))  # 100
    save_marks(demo_copy, SaveMarks(laverie, people["Mehdi Saïdi"], dict.fromkeys(CODES, 2)))  # 50
    view = programming_view(demo_copy, 2027)
    emploi = next(p for p in view.pillars if p.code == "EMP")
    assert [(d.rank, d.reference, d.score, d.scorers) for d in emploi.dossiers] == [
        (1, "2027-AAP-012", D("75.0"), 2), (2, "2027-AAP-003", None, 0)]  # not scored yet
    first = emploi.dossiers[0]
    with demo_copy.engine.connect() as connection:
        cost, people_reached = connection.execute(select(
            t.application.c.total_cost, t.application.c.beneficiaries).where(
            t.application.c.reference == "2027-AAP-012")).one()
        requested = connection.execute(select(func.sum(t.funding_line.c.requested)).where(
            t.funding_line.c.application_id == first.id)).scalar_one()
    assert first.cost_per_beneficiary == (cost / people_reached).quantize(D("0.01"))
    assert first.requested == requested == D("23400.00")


def test_requested_amounts_per_pillar_add_up_to_the_year_s_lines(demo_database):
    view = programming_view(demo_database, 2027)
    shown = sum(d.requested for p in view.pillars for d in p.dossiers)
    running = (t.application.c.year == 2027,
               t.application.c.status.notin_(["draft", "inadmissible", "withdrawn", "refused"]))
    with demo_database.engine.connect() as connection:  # the dossiers still in the running
        by_sql = connection.execute(
            select(func.sum(t.funding_line.c.requested)).join(t.application).where(
                *running, t.funding_line.c.year == 2027)).scalar_one()
        count, drafts = (connection.execute(select(func.count()).select_from(t.application)
                                            .where(*where)).scalar_one()
                         for where in (running, (t.application.c.year == 2027,
                                                 t.application.c.status == "draft")))
    assert shown == by_sql
    assert drafts >= 1 and count > 0  # the demo's 2027 has a draft, left out
    assert sum(len(p.dossiers) for p in view.pillars) == count


def test_the_reserve_balance_of_2026_is_the_envelope_less_what_was_granted(demo_database):
    reserve = programming_view(demo_database, 2026).reserve
    e, a, line = t.envelope, t.application, t.funding_line
    in_reserve = (e.c.year == 2026, e.c.channel == "RESERVE")
    with demo_database.engine.connect() as connection:  # what the decided projects took
        granted = connection.execute(select(func.sum(line.c.granted)).join(a).where(
            a.c.year == 2026, a.c.channel == "RESERVE", line.c.year == 2026,
            line.c.funder_id.in_(select(e.c.funder_id).where(*in_reserve)))).scalar_one()
    # RESERVE envelopes 2026: État 4 000 + agglo 3 000 + Ville 3 000
    assert granted > 0
    assert (reserve.envelope, reserve.granted, reserve.left) == (
        D("10000.00"), granted, D("10000.00") - granted)


def test_alerts_say_in_words_what_goes_wrong(proposed):
    coordinator = next(p.id for p in list_people(proposed) if p.name == "Sophie Deswarte")
    propose(proposed, coordinator, "2027-AAP-013", "ETAT-147", "30000")
    alerts = programming_view(proposed, 2027).alerts
    state = "État — crédits spécifiques politique de la ville (BOP 147)"
    assert (f"Enveloppe {state} — Appel à projets 2027 dépassée de {eur('6 000,00 €')}"
            in alerts)  # 8 000 + 30 000 − 32 000
    assert (f"2027-AAP-013 : {state} propose {eur('30 000,00 €')}, au-dessus des "
            f"{eur('5 940,00 €')} demandés" in alerts)
    assert "Pilier « Lien social et citoyenneté » : aucun montant proposé (aucun dossier en " \
           "lice)" in alerts
    assert "Pilier « Mobilité » : aucun montant proposé (3 dossiers en lice)" in alerts
    # 4 345 € of CPO on 8 000 + 30 000 + 2 000 + 4 345 = 44 345 €
    assert f"Part des CPO sous le plancher de 50{NBSP}% : 9,8{NBSP}%" in alerts
