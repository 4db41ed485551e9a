"""The programming under way in November 2026, in all four channels.

- AAP 2027: the call closes on 15 December 2026; dossiers at every step before
  the committee (one still a draft, one with its budget not yet balanced);
- AMI 2027: a health-mediation need with three answers to compare;
- RESERVE 2026: small projects decided in co-instruction, two still pending;
- CPO: two conventions 2024-2026 for flagship actions, and a new 3-year CPO
  2027-2029 in instruction.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from ..domain.call import Call
from ..domain.channels import Channel
from ..domain.contract import Contract
from ..domain.dossier import Application, BudgetEntry
from ..domain.funding import Envelope, FundingLine
from ..domain.lifecycle import Status
from .actors import CarrierRegistry
from .budgets import euros
from .history import reporting_pillar
from .programming import ACTORS, REVIEW_PATH, Planned, annual_call, build_dossier, payments_for
from .seeds import contract_facts, fiches

S = Status
PENDING_AAP = [S.SUBMITTED] * 7 + [S.ADMISSIBLE] * 4 + [S.UNDER_REVIEW] * 4 + [
    S.REVIEWED, S.AWAITING_INFO, S.DRAFT]
# Envelopes per year: funder → (AAP, CPO, AMI, RESERVE), in euros.
ENVELOPES = {
    "ETAT-147": (32_000, 40_000, 6_000, 4_000),
    "EPCI": (15_000, 12_000, 3_000, 3_000),
    "VILLE": (12_000, 10_000, 2_000, 3_000),
    "CAF": (10_000, 0, 0, 0),
    "DEPT": (8_000, 0, 0, 0),
    "REGION": (6_000, 0, 0, 0),
}
RESERVE_PATH = [S.SUBMITTED, S.ADMISSIBLE, S.UNDER_REVIEW, S.REVIEWED, S.GRANTED, S.NOTIFIED,
                S.IN_PAYMENT]
CHANNELS = (Channel.AAP, Channel.CPO, Channel.AMI, Channel.RESERVE)


def envelopes(contract: Contract) -> list[Envelope]:
    result = []
    for year in range(2024, 2028):
        for code, amounts in ENVELOPES.items():
            funder = contract.funder(code)
            for channel, amount in zip(CHANNELS, amounts, strict=True):
                if amount:
                    result.append(Envelope(funder, year, channel, euros(amount)))
    return result


def _pending(plan: Planned, contract: Contract, call: Call, number: int, rng: random.Random,
             target: Status) -> Application:
    path = REVIEW_PATH if target is not S.AWAITING_INFO else [S.SUBMITTED, S.AWAITING_INFO]
    return build_dossier(plan, contract, call, number, rng, target, path=path)


def build_current(session, old: Contract, new: Contract, carriers: CarrierRegistry,
                  rng: random.Random) -> list[Application]:
    session.add_all(envelopes(new))
    built = []
    by_number = {f.number: f for f in fiches()}

    def plan(fiche_number: int, year: int, carrier: str | None = None) -> Planned:
        fiche = by_number[fiche_number]
        name = carrier or (fiche.carrier_candidates or [
            "Ville d'Hazebrouck — service Politique de la ville"])[0]
        return Planned(fiche, year, "pending", False, reporting_pillar(new, fiche, old),
                       carriers.get(name))

    # AAP 2027, call open until 15 December 2026.
    aap = annual_call(2027)
    new.calls.append(aap)
    for number, (fiche, target) in enumerate(
            zip(rng.sample(list(by_number), len(PENDING_AAP)), PENDING_AAP, strict=True), 1):
        built.append(_pending(plan(fiche, 2027), new, aap, number, rng, target))
    unbalanced = built[-1]  # the draft: its budget does not balance yet
    version = unbalanced.budget_versions[-1]
    version.entries.append(BudgetEntry("618", euros(350), label="Documentation"))

    # AMI 2027: a need without a carrier, three answers.
    ami = Call(Channel.AMI, 2027, "AMI — Médiation santé dans le quartier Pasteur-Foch",
               opening_date=date(2026, 9, 1), deadline=date(2026, 11, 30),
               committee_date=date(2027, 2, 15), budget_ceiling=Decimal("18000"),
               need_description="Un·e médiateur·rice santé présent·e dans le quartier pour "
               "accompagner les habitants dans l'accès aux soins, aux droits et à la prévention "
               "(santé mentale comprise).",
               selection_criteria="Connaissance du quartier ; partenariats avec le centre "
               "hospitalier et la CPAM ; présence hebdomadaire ; coût par bénéficiaire.",
               pillars=[new.pillar("SAN")])
    new.calls.append(ami)
    for number, carrier in enumerate(["Association Santé au cœur des Monts de Flandre",
                                      "Centre d’Animation du Nouveau Monde (CANM)",
                                      "Centre socio-éducatif"], 1):
        built.append(_pending(plan(40, 2027, carrier), new, ami, number, rng,
                              [S.UNDER_REVIEW, S.ADMISSIBLE, S.SUBMITTED][number - 1]))

    built += _reserve(plan, new, rng)
    built += _cpos(plan, new, rng)
    for application in built:
        session.add(application)
        if application.channel is not Channel.CPO:  # CPOs are paid year by year
            session.add_all(payments_for(application, date(application.year, 5, 15)))
    return built


def _reserve(plan, new: Contract, rng: random.Random) -> list[Application]:
    """Small projects decided in co-instruction, without waiting for the committee."""
    result = []
    for number, (fiche, target) in enumerate(
            [(33, S.IN_PAYMENT), (46, S.NOTIFIED), (31, S.REVIEWED), (59, S.SUBMITTED)], 1):
        p = plan(fiche, 2026)
        p.outcome = "granted" if target in (S.IN_PAYMENT, S.NOTIFIED) else "pending"
        if p.outcome == "granted":
            p.specific_granted = euros(rng.randrange(15, 35) * 100)
        submitted = date(2026, 2 * number, 10)
        result.append(build_dossier(
            p, new, None, number, rng, target, channel=Channel.RESERVE, submitted_on=submitted,
            decided_on=date(2026, 2 * number + 1, 20), path=RESERVE_PATH,
            actors={**ACTORS, S.GRANTED: "Co-instruction État / Agglo / Ville"},
            common_funders=False))
    return result


def _cpos(plan, new: Contract, rng: random.Random) -> list[Application]:
    """Two CPOs 2024-2026 for flagship actions, their renewal 2027-2029 and a new one."""
    flagships = contract_facts()["flagship_actions"]
    result: list[Application] = []
    running: dict[int, Application] = {}
    for number, (fiche, carrier, flagship, year, target, hundreds) in enumerate([
        (17, "Mission Locale", flagships[1], 2024, S.IN_PAYMENT, (140, 200)),
        (38, "Association Santé au cœur des Monts de Flandre", flagships[3], 2024,
         S.IN_PAYMENT, (140, 200)),
        (12, "Centre d’Animation du Nouveau Monde (CANM)", flagships[2], 2027, S.UNDER_REVIEW,
         (160, 220)),
        (17, "Mission Locale", flagships[1], 2027, S.UNDER_REVIEW, (280, 340)),
        (38, "Association Santé au cœur des Monts de Flandre", flagships[3], 2027,
         S.REVIEWED, (240, 300)),
    ], 1):
        p = plan(fiche, year, carrier)
        p.outcome = "granted" if target is S.IN_PAYMENT else "pending"
        p.specific_granted = euros(rng.randrange(*hundreds) * 100)
        application = build_dossier(p, new, None, number, rng, target, channel=Channel.CPO,
                                    submitted_on=date(year - 1, 11, 20),
                                    decided_on=date(year, 3, 12))
        application.title = flagship["title"]
        application.summary = flagship["description"]
        application.is_flagship = True
        if fiche in running:  # the convention 2024-2026 renewed for three more years
            application.is_renewal, application.previous = True, running[fiche]
        running.setdefault(fiche, application)
        application.refresh_search_text()
        _spread_over_three_years(application)
        result.append(application)
    return result


def _spread_over_three_years(application: Application) -> None:
    """A CPO: the same amount each year for three years, no degressivity."""
    first_year = list(application.funding_lines)
    for offset in (1, 2):
        for line in first_year:
            application.funding_lines.append(FundingLine(
                line.funder, application.year + offset, line.requested, line.nature,
                line.proposed, line.granted, line.status, line.opinion, line.opinion_reason,
                line.decision_date, line.decision_reference))
