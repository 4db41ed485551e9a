from datetime import date, datetime
from decimal import Decimal

import pytest

from programmation.domain.reserve import (
    FunderAnswer,
    FunderBalance,
    Participant,
    ReserveRefused,
    ceiling_error,
    decide,
    informs_committee,
    request_warnings,
)

D = Decimal
AT = datetime(2026, 11, 20, 10, 0)
CEILING = D("5000")
PARTICIPANTS = [Participant("ETAT-147", "État", D("3000")),
                Participant("EPCI", "Agglo", D("2000")),
                Participant("VILLE", "Ville", D("1500"))]
BALANCES = {"ETAT-147": FunderBalance("ETAT-147", "État", D("4000"), D("3135")),
            "EPCI": FunderBalance("EPCI", "Agglo", D("3000"), D("1425")),
            "VILLE": FunderBalance("VILLE", "Ville", D("3000"), D("1140"))}


def _answer(code, agreed, amount, by="Mehdi Saïdi"):
    return FunderAnswer(code, agreed, D(amount), by, AT)


def test_the_balance_is_the_envelope_minus_what_was_granted():
    assert BALANCES["ETAT-147"].balance == D("865.00")
    assert BALANCES["ETAT-147"].take(D("800")).balance == D("65.00")


def test_reserve_balance_never_goes_below_zero():
    balance = FunderBalance("ETAT-147", "État", D("4000"), D("3135"))
    with pytest.raises(ReserveRefused, match="dépasse le solde"):
        balance.take(D("865.01"))
    assert balance.take(D("865")).balance == D("0.00")
    with pytest.raises(ReserveRefused, match="solde de l'enveloppe de réserve"):
        decide(PARTICIPANTS, [_answer("ETAT-147", True, "2000")], BALANCES, CEILING)


def test_reserve_refuses_a_project_above_the_ceiling():
    balances = {code: FunderBalance(code, b.funder_name, D("10000"), D("0"))
                for code, b in BALANCES.items()}
    answers = [_answer("ETAT-147", True, "3000"), _answer("EPCI", True, "2000"),
               _answer("VILLE", True, "1")]
    with pytest.raises(ReserveRefused, match="au-dessus du plafond par projet"):
        decide(PARTICIPANTS, answers, balances, CEILING)
    assert ceiling_error(D("5000"), CEILING) is None


def test_the_project_is_granted_once_every_funder_answered_and_one_agreed():
    answers = [_answer("ETAT-147", True, "800"), _answer("EPCI", True, "1000", "Claire Vanhove"),
               _answer("VILLE", False, "0", "Anne Dufour")]
    outcome = decide(PARTICIPANTS, answers, BALANCES, CEILING)
    assert outcome.granted is True and outcome.waiting_for == ()
    assert outcome.amounts == {"ETAT-147": D("800.00"), "EPCI": D("1000.00")}
    assert outcome.total == D("1800.00")
    assert outcome.balances["ETAT-147"].balance == D("65.00")
    assert outcome.balances["VILLE"].balance == D("1860.00")


def test_the_decision_waits_for_the_funders_who_have_not_answered():
    outcome = decide(PARTICIPANTS, [_answer("ETAT-147", True, "800")], BALANCES, CEILING)
    assert outcome.granted is None
    assert outcome.waiting_for == ("Agglo", "Ville")
    assert outcome.balances == BALANCES


def test_the_project_is_refused_when_every_funder_declines():
    answers = [_answer(code, False, "0") for code in ("ETAT-147", "EPCI", "VILLE")]
    outcome = decide(PARTICIPANTS, answers, BALANCES, CEILING)
    assert outcome.granted is False and outcome.amounts == {}


def test_a_later_answer_of_the_same_funder_replaces_the_earlier_one():
    answers = [_answer("ETAT-147", True, "2000"), _answer("ETAT-147", True, "500")]
    assert decide(PARTICIPANTS, answers, BALANCES, CEILING).granted is None


def test_each_answer_names_who_gave_it_and_stays_within_the_request():
    with pytest.raises(ReserveRefused) as refused:
        decide(PARTICIPANTS, [_answer("EPCI", True, "2500", by=" "),
                              _answer("VILLE", False, "10"), _answer("CAF", True, "1")],
               BALANCES, CEILING)
    message = str(refused.value)
    assert "Agglo : indiquez qui donne la réponse" in message
    assert "Agglo : l'accord (2\u202f500,00\u00a0€) dépasse la demande" in message
    assert "Ville : un refus ne porte sur aucun montant" in message
    assert "CAF ne participe pas" in message


def test_light_instruction_warns_when_the_request_exceeds_the_ceiling():
    assert request_warnings(PARTICIPANTS, CEILING) == [
        "le projet demande 6\u202f500,00\u00a0€ à l'enveloppe de réserve, au-dessus du plafond "
        "par projet du contrat (5\u202f000,00\u00a0€) : la co-instruction ne pourra accorder "
        "que le plafond"]
    assert request_warnings([], CEILING)[0].startswith("aucun financeur")


def test_decisions_after_the_last_committee_are_listed_for_the_next_one():
    assert informs_committee(date(2026, 3, 20), date(2026, 3, 12))
    assert not informs_committee(date(2026, 3, 12), date(2026, 3, 12))
    assert informs_committee(date(2026, 3, 1), None)
