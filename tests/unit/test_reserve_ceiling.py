"""The RESERVE per-project ceiling: one rule, read the same by the RESERVE screen, the
admissibility check and the editor's alerts.

What a project takes from the reserve is what it asks of the funders holding a RESERVE
envelope that year; its lines on other funders (droit commun, CAF…) are left to them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from programmation.domain.admissibility import Severity, check_admissibility
from programmation.domain.alerts import (
    AlertField,
    ContractRules,
    DossierFacts,
    Request,
    alerts,
)
from programmation.domain.channels import Channel
from programmation.domain.contract import Contract
from programmation.domain.dossier import Application, Carrier
from programmation.domain.funding import FundingLine
from programmation.domain.presets import QUARTIERS_2030, default_funders, pillar_preset
from programmation.domain.reserve import Participant, request_warnings, reserve_request

D = Decimal
NNBSP, NBSP = "\u202f", "\u00a0"
CEILING = D("5000")
RESERVE_FUNDERS = frozenset({"ETAT-147", "EPCI", "VILLE"})  # the demo's RESERVE envelopes
# The demo's 2026-RESERVE-001 as it was first built: 3 669 € of the reserve, 9 400 € besides.
ALREADY_GRANTED = {"ETAT-147": D("2080"), "EPCI": D("918"), "VILLE": D("671"),
                   "ETAT-DC": D("4200"), "CAF": D("5200")}


def eur(text: str) -> str:
    """French amounts in ``text``: narrow no-break thousands, no-break space before €."""
    return re.sub(r"\d{1,3}(?: \d{3})*,\d\d €",
                  lambda m: m.group().replace(" €", f"{NBSP}€").replace(" ", NNBSP), text)


def _contract() -> Contract:
    contract = Contract("Contrat", "Cœur de Flandre", "Hazebrouck", 2024, 2030,
                        pillar_preset=QUARTIERS_2030, reserve_project_ceiling=CEILING)
    contract.pillars = pillar_preset(QUARTIERS_2030)
    contract.funders = default_funders()
    return contract


CONTRACT = _contract()


def _admissibility(lines: dict[str, Decimal], reserve_funders=RESERVE_FUNDERS):
    application = Application(
        "2026-RESERVE-001", 2026, Channel.RESERVE, "Fête de quartier",
        Carrier("Maison de quartier Élan", siret="73282932000074"), CONTRACT.pillar("EDU"),
        contract=CONTRACT, total_cost=D("50000"), qpv_share=D("0.8"),
        submitted_on=date(2026, 2, 10))
    application.funding_lines = [FundingLine(CONTRACT.funder(code), 2026, amount)
                                 for code, amount in lines.items()]
    report = check_admissibility(application, CONTRACT, reserve_funders)
    return next(check for check in report.checks if check.code == "RESERVE")


def _alerts(lines: dict[str, Decimal], reserve_funders=RESERVE_FUNDERS) -> list[str]:
    rules = ContractRules.of(CONTRACT, None if reserve_funders is None else
                             [(2026, code) for code in reserve_funders])
    names = {f.code: f.name for f in CONTRACT.funders}
    facts = DossierFacts(Channel.RESERVE, 2026, total_cost=D("50000"), requests=tuple(
        Request(code, names[code], True, 2026, amount) for code, amount in lines.items()))
    return [a.message for a in alerts(facts, rules)
            if a.field is AlertField.FUNDING and a.message.startswith("projet de réserve")]


def _screen(lines: dict[str, Decimal]) -> list[str]:
    """The RESERVE screen: its participants are the lines on the reserve's funders."""
    participants = [Participant(code, code, amount) for code, amount in lines.items()
                    if code in RESERVE_FUNDERS]
    return [w for w in request_warnings(participants, CEILING) if "plafond" in w]


def test_only_what_is_asked_of_the_funders_holding_a_reserve_envelope_counts():
    request = reserve_request(ALREADY_GRANTED.items(), RESERVE_FUNDERS, CEILING)
    assert (request.asked, request.outside, request.over) == (D("3669.00"), D("9400.00"), False)
    assert request.summary == eur("3 669,00 € demandés à l'enveloppe de réserve (plafond par "
                                  "projet 5 000,00 €) ; 9 400,00 € demandés à d'autres "
                                  "financeurs, hors réserve")


def test_a_project_asking_the_reserve_more_than_the_ceiling_is_over():
    request = reserve_request({"ETAT-147": D("3000"), "VILLE": D("2000.01")}.items(),
                              RESERVE_FUNDERS, CEILING)
    assert request.over and request.asked == D("5000.01")
    at_the_ceiling = reserve_request({"ETAT-147": D("3000"), "VILLE": D("2000")}.items(),
                                     RESERVE_FUNDERS, CEILING)
    assert not at_the_ceiling.over


def test_when_the_reserve_s_funders_are_unknown_every_line_counts():
    request = reserve_request(ALREADY_GRANTED.items(), None, CEILING)
    assert (request.asked, request.outside, request.over) == (D("13069.00"), D("0.00"), True)
    assert request.asked_text == eur("13 069,00 € demandés")


def test_the_already_granted_demo_project_passes_admissibility_as_it_passes_the_screen():
    check = _admissibility(ALREADY_GRANTED)
    assert check.severity is Severity.OK
    assert check.message.startswith(eur("3 669,00 € demandés à l'enveloppe de réserve"))
    assert _alerts(ALREADY_GRANTED) == [] and _screen(ALREADY_GRANTED) == []


def test_the_three_screens_say_over_the_ceiling_on_the_same_amount():
    over = {"ETAT-147": D("3500"), "EPCI": D("2000"), "CAF": D("8000")}
    check = _admissibility(over)
    assert check.severity is Severity.ERROR
    assert check.message == eur(
        "demande au-dessus du plafond de la réserve : 5 500,00 € demandés à l'enveloppe de "
        "réserve (plafond par projet 5 000,00 €) ; 8 000,00 € demandés à d'autres financeurs, "
        "hors réserve")
    assert _alerts(over) == [eur("projet de réserve : 5 500,00 € demandés à l'enveloppe de "
                                 "réserve, au-dessus du plafond par projet (5 000,00 €)")]
    assert _screen(over) == [eur(
        "le projet demande 5 500,00 € à l'enveloppe de réserve, au-dessus du plafond par projet "
        "du contrat (5 000,00 €) : la co-instruction ne pourra accorder que le plafond")]


def test_the_editor_counts_the_reserve_funders_of_the_dossier_s_own_year():
    rules = ContractRules.of(CONTRACT, [(2026, "ETAT-147"), (2027, "CAF")])
    assert rules.reserve_funders_in(2026) == {"ETAT-147"}
    assert rules.reserve_funders_in(2025) == frozenset()
    assert ContractRules.of(CONTRACT).reserve_funders_in(2026) is None


LINES = st.dictionaries(
    st.sampled_from(["ETAT-147", "EPCI", "VILLE", "ETAT-DC", "CAF"]),
    st.integers(0, 4000).map(lambda euros: D(euros)), min_size=1)


@settings(max_examples=80, deadline=None)
@given(LINES)
def test_admissibility_alerts_and_the_reserve_screen_always_agree(lines):
    expected = reserve_request(lines.items(), RESERVE_FUNDERS, CEILING).over
    assert (_admissibility(lines).severity is Severity.ERROR) == expected
    assert bool(_alerts(lines)) == expected
    assert bool(_screen(lines)) == expected
