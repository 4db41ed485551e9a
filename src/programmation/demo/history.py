"""Decided calls: 2015-2023 under the 2015 contract, 2024-2026 under Quartiers 2030.

Counts and amounts follow what the 2024 contract reports of 2015-2022: 40
actions submitted in 2016 and 23 in 2022, at least 57 % accepted each year and
72 % in 2018, and the crédits spécifiques granted per theme summing exactly to
the seed's figures.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from ..domain.contract import Contract, Pillar
from ..domain.dossier import Application
from ..domain.lifecycle import Status
from ..domain.money import allocate
from ..domain.text import search_key
from .actors import TOWN_SERVICE, CarrierRegistry
from .programming import Planned, annual_call, build_dossier, committee_for, payments_for
from .seeds import ACCEPTED, NEW_SHARE, SPENDING_2015_2022, SUBMITTED, Fiche, fiches

# Which reporting codes each of the seed's spending themes gathers.
SPENDING_GROUPS = {"EDU": {"EDU"}, "EMP": {"EMP", "MOB"}, "LSC": {"LSC", "CSP"},
                   "SAN": {"SAN"}, "ECO": {"ECO"}, "SEC": {"SEC", "ADR"}}
CURRENT_CALLS = {2024: (24, 16), 2025: (22, 15), 2026: (23, 15)}  # submitted, accepted


def spending_group(reporting_code: str) -> str:
    return next(group for group, codes in SPENDING_GROUPS.items() if reporting_code in codes)


def thematique_pillar(contract: Contract, fiche: Fiche) -> Pillar:
    wanted = search_key(fiche.theme)
    return next(p for p in contract.pillars if search_key(p.name) == wanted)


def reporting_pillar(contract: Contract, fiche: Fiche, old_contract: Contract) -> Pillar:
    code = thematique_pillar(old_contract, fiche).reporting_code
    return contract.pillar(code)


def _plan_year(year: int, counts: tuple[int, int], last_year: list[Planned],
               rng: random.Random, pillar_of, carriers: CarrierRegistry) -> list[Planned]:
    submitted, accepted = counts
    renewals_wanted = submitted - round(NEW_SHARE.get(year, 0.5) * submitted)
    funded_before = [p for p in last_year if p.outcome == "granted"]
    renewed = rng.sample(funded_before, min(renewals_wanted, len(funded_before)))
    used = {p.fiche.number for p in renewed}
    fresh = [f for f in fiches() if f.number not in used]
    fresh.sort(key=lambda f: (f.priority, rng.random()))
    chosen = [(p.fiche, p) for p in renewed] + [(f, None) for f in fresh[:submitted - len(renewed)]]
    # Renewals of funded actions are accepted first, then new ones by priority.
    order = sorted(range(len(chosen)), key=lambda i: (chosen[i][1] is None,
                                                       chosen[i][0].priority, rng.random()))
    outcomes = {}
    for rank, i in enumerate(order):
        outcomes[i] = "granted" if rank < accepted else "refused"
    rejected = [i for i in order[accepted:]]
    if len(rejected) >= 3:
        outcomes[rejected[-1]] = "inadmissible"
        outcomes[rejected[-2]] = "withdrawn"
    plans = []
    for i, (fiche, previous) in enumerate(chosen):
        candidates = fiche.carrier_candidates or [TOWN_SERVICE]
        carrier_name = previous.carrier.name if previous else candidates[year % len(candidates)]
        plans.append(Planned(fiche, year, outcomes[i], previous is not None, pillar_of(fiche),
                             carriers.get(carrier_name)))
    for plan, (_, previous) in zip(plans, chosen, strict=True):
        plan.extra["from"] = previous
    return plans


def _allocate_spending(plans: list[Planned], rng: random.Random) -> None:
    """Give the granted dossiers of 2015-2022 the seed's crédits spécifiques, exactly."""
    for group, amount in SPENDING_2015_2022.items():
        members = [p for p in plans if p.outcome == "granted" and 2015 <= p.year <= 2022
                   and spending_group(p.pillar.reporting_code) == group]
        weights = [Decimal(rng.randrange(60, 140) * (4 - p.fiche.priority)) for p in members]
        whole_euros = allocate(Decimal(amount), weights)
        for plan, share in zip(members, whole_euros, strict=True):
            plan.specific_granted = share


def _status_for(plan: Planned, year: int) -> Status | None:
    """Where a decided dossier of ``year`` stands in November 2026."""
    if plan.outcome != "granted":
        return None if year <= 2024 else {"refused": Status.REFUSED,
                                          "inadmissible": Status.INADMISSIBLE,
                                          "withdrawn": Status.WITHDRAWN}[plan.outcome]
    if year <= 2022:
        return Status.CLOSED
    return {2023: Status.SETTLED, 2024: Status.JUSTIFIED, 2025: Status.TO_JUSTIFY,
            2026: Status.IN_PAYMENT}[year]


def build_history(session, old: Contract, new: Contract, carriers: CarrierRegistry,
                  rng: random.Random) -> list[Application]:
    years: list[tuple[int, Contract, tuple[int, int]]] = [
        (y, old, (SUBMITTED[y], ACCEPTED[y])) for y in sorted(SUBMITTED)
    ] + [(y, new, counts) for y, counts in CURRENT_CALLS.items()]
    all_plans: list[list[Planned]] = []
    previous: list[Planned] = []
    for year, contract, counts in years:
        if contract is old:
            def pillar_of(fiche, c=contract):
                return thematique_pillar(c, fiche)
        else:
            def pillar_of(fiche, c=contract):
                return reporting_pillar(c, fiche, old)
        previous = _plan_year(year, counts, previous, rng, pillar_of, carriers)
        all_plans.append(previous)
    _allocate_spending([p for plans in all_plans for p in plans], rng)
    built = []
    for plans, (year, contract, _) in zip(all_plans, years, strict=True):
        call = annual_call(year)
        contract.calls.append(call)
        decided = []
        for number, plan in enumerate(plans, start=1):
            if plan.outcome == "granted" and not plan.specific_granted:
                plan.specific_granted = Decimal(rng.randrange(30, 160) * 100)
            source = plan.extra.get("from")
            plan.previous = source.extra.get("built") if source else None
            application = build_dossier(plan, contract, call, number, rng,
                                        _status_for(plan, year))
            plan.extra["built"] = application
            session.add(application)
            if plan.outcome in ("granted", "refused"):
                decided.append(application)
            session.add_all(payments_for(application, date(year, 4, 20)))
            built.append(application)
        session.add(committee_for(contract, call, decided))
    return built
