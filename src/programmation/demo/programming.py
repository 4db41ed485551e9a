"""Demo dossiers of decided calls: built through the domain, every transition recorded."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from ..domain.call import Call
from ..domain.channels import Channel, CommitteeStatus, DecisionOutcome, Opinion, PaymentKind
from ..domain.committee import Committee, CommitteeMember, Decision
from ..domain.contract import Contract, Pillar
from ..domain.dossier import Application, Carrier, Indicator
from ..domain.follow_up import Payment
from ..domain.funding import Funder
from ..domain.lifecycle import Status
from ..domain.money import ZERO, allocate, money
from .budgets import build_budget, euros, funding_lines
from .seeds import DEMO_TODAY, Fiche

S = Status
GRANTED_PATH = [S.SUBMITTED, S.ADMISSIBLE, S.UNDER_REVIEW, S.REVIEWED, S.ON_AGENDA, S.GRANTED,
                S.NOTIFIED, S.IN_PAYMENT, S.TO_JUSTIFY, S.JUSTIFIED, S.SETTLED, S.CLOSED]
REFUSED_PATH = [S.SUBMITTED, S.ADMISSIBLE, S.UNDER_REVIEW, S.REVIEWED, S.ON_AGENDA, S.REFUSED,
                S.CLOSED]
INADMISSIBLE_PATH = [S.SUBMITTED, S.INADMISSIBLE, S.CLOSED]
WITHDRAWN_PATH = [S.SUBMITTED, S.ADMISSIBLE, S.WITHDRAWN]
REVIEW_PATH = [S.SUBMITTED, S.ADMISSIBLE, S.UNDER_REVIEW, S.REVIEWED]
SPECIFIC_SPLIT = (("ETAT-147", 55), ("EPCI", 25), ("VILLE", 20))
COMMON_FUNDERS = ("CAF", "DEPT", "REGION", "ETAT-DC", "BAILLEURS", "ARS")


@dataclass
class Planned:
    """A dossier decided on paper before it is built (amounts are allocated across calls)."""

    fiche: Fiche
    year: int
    outcome: str  # "granted" | "refused" | "inadmissible" | "withdrawn"
    is_renewal: bool
    pillar: Pillar
    carrier: Carrier
    specific_granted: Decimal = ZERO
    previous: Application | None = None
    extra: dict = field(default_factory=dict)


def walk(application: Application, path: list[Status], last: Status, start: date,
         actors: dict[Status, str]) -> None:
    """Move a dossier along ``path`` up to ``last``, a few weeks between steps."""
    if last is S.DRAFT:
        return
    day = min(start, DEMO_TODAY)
    for step in path:
        day = min(day, DEMO_TODAY)
        application.change_status(step, actors.get(step, "Service politique de la ville"),
                                  _REASONS.get(step, ""), datetime.combine(day, time(10, 0)))
        day += timedelta(days=21)
        if step is last:
            return


_REASONS = {
    S.SUBMITTED: "Dépôt du dossier", S.ADMISSIBLE: "Pièces complètes",
    S.INADMISSIBLE: "Action hors quartier prioritaire", S.REVIEWED: "Instruction terminée",
    S.ON_AGENDA: "Inscription à l'ordre du jour", S.GRANTED: "Avis favorable du comité",
    S.REFUSED: "Avis défavorable du comité", S.WITHDRAWN: "Retrait à la demande du porteur",
    S.NOTIFIED: "Convention signée", S.JUSTIFIED: "Bilan reçu et validé",
    S.SETTLED: "Solde versé", S.CLOSED: "Dossier clos",
}
ACTORS = {S.ON_AGENDA: "Chargée de mission politique de la ville",
          S.GRANTED: "Comité de programmation", S.REFUSED: "Comité de programmation",
          S.WITHDRAWN: "Porteur de projet", S.SUBMITTED: "Porteur de projet"}


def split_specific(amount: Decimal, funders: dict[str, Funder]) -> dict[Funder, Decimal]:
    parts = allocate(amount, [Decimal(w) for _, w in SPECIFIC_SPLIT])
    return {funders[code]: part
            for (code, _), part in zip(SPECIFIC_SPLIT, parts, strict=True) if part}


def build_dossier(plan: Planned, contract: Contract, call: Call | None, number: int,
                  rng: random.Random, last_status: Status | None, *,
                  channel: Channel = Channel.AAP, submitted_on: date | None = None,
                  decided_on: date | None = None, path: list[Status] | None = None,
                  actors: dict[Status, str] | None = None,
                  common_funders: bool = True) -> Application:
    """A dossier for ``plan``, walked along its lifecycle up to ``last_status``.

    Without a call (RESERVE, CPO), ``submitted_on`` and ``decided_on`` date it.
    """
    if call is not None:
        channel = call.channel
        submitted_on = min(call.deadline - timedelta(days=rng.randrange(1, 30)),
                           DEMO_TODAY - timedelta(days=rng.randrange(0, 20)))
        decided_on = call.committee_date
    funders = {f.code: f for f in contract.funders}
    year = plan.year
    granted_specific = split_specific(plan.specific_granted, funders) if plan.specific_granted \
        else {}
    common = {funders[code]: euros(rng.randrange(10, 60) * 100)
              for code in rng.sample(COMMON_FUNDERS, rng.randrange(0, 3))} \
        if common_funders else {}
    requested = {f: euros(float(a) * rng.uniform(1.0, 1.25)) for f, a in granted_specific.items()}
    if not requested:  # refused or never decided: a request of the usual size
        base = rng.randrange(20, 180) * 100
        requested = split_specific(euros(base), funders)
    requested.update(common)
    application = Application(
        reference=f"{year}-{channel.value}-{number:03d}", year=year, channel=channel,
        title=plan.fiche.title, carrier=plan.carrier, pillar=plan.pillar,
        summary=plan.fiche.content, objectives="\n".join(plan.fiche.objectives),
        content=plan.fiche.content, is_renewal=plan.is_renewal, previous=plan.previous,
        places="Quartier Pasteur-Foch, Hazebrouck", start_date=date(year, 1, 1),
        end_date=date(year, 12, 31), target_public=rng.choice(
            ["Enfants 6-11 ans", "Jeunes 12-25 ans", "Familles", "Adultes en insertion",
             "Seniors", "Tous publics du quartier"]),
        beneficiaries=rng.randrange(12, 160), qpv_share=Decimal(rng.randrange(55, 96)) / 100,
        submitted_on=submitted_on, call=call, contract=contract,
    )
    application.women = application.beneficiaries * rng.randrange(40, 65) // 100
    application.men = application.beneficiaries - application.women
    application.indicators = [Indicator(label, Decimal(rng.randrange(5, 100)))
                              for label in plan.fiche.indicators[:4]]
    version, total_cost = build_budget(requested, rng.uniform(0.55, 0.8), rng,
                                       datetime.combine(application.submitted_on, time(9)),
                                       rng.random() < 0.4)
    application.budget_versions.append(version)
    application.total_cost = total_cost
    granted = None
    if plan.outcome == "granted":
        granted = dict(granted_specific)
        granted.update({f: euros(float(a) * rng.uniform(0.6, 1.0)) for f, a in common.items()})
    elif plan.outcome == "refused":
        granted = {}
    application.funding_lines = funding_lines(
        requested, year, granted, decided_on, f"CP-{year}" if granted is not None else "")
    for line in application.funding_lines:
        if granted is not None:
            line.opinion = Opinion.FAVOURABLE if line.granted else Opinion.UNFAVOURABLE
    if path is None:
        path = {"granted": GRANTED_PATH, "refused": REFUSED_PATH, "pending": REVIEW_PATH,
                "inadmissible": INADMISSIBLE_PATH, "withdrawn": WITHDRAWN_PATH}[plan.outcome]
    walk(application, path, last_status or path[-1], application.submitted_on,
         actors or ACTORS)
    return application


def payments_for(application: Application, paid_on: date) -> list[Payment]:
    """Avance of 60 % at notification, solde once the dossier is settled."""
    payments = []
    reached = {change.to_status for change in application.history}
    for line in application.funding_lines:
        if not line.granted or S.IN_PAYMENT not in reached:
            continue
        advance = money(line.granted * Decimal("0.6"))
        payments.append(Payment(line, PaymentKind.ADVANCE, advance, paid_on))
        if S.SETTLED in reached:
            payments.append(Payment(line, PaymentKind.BALANCE, line.granted - advance,
                                    paid_on + timedelta(days=400)))
    return payments


def committee_for(contract: Contract, call: Call, decided: list[Application]) -> Committee:
    committee = Committee(f"Comité de programmation {call.year}", call.committee_date,
                          CommitteeStatus.CLOSED, contract=contract)
    funders = {f.code: f for f in contract.funders}
    committee.members = [
        CommitteeMember("M. le Sous-préfet de Dunkerque", "État", True, funders["ETAT-147"]),
        CommitteeMember("M. le Président", contract.territory, True, funders["EPCI"]),
        CommitteeMember("Mme l'Adjointe à la politique de la ville", "Ville d'Hazebrouck", True,
                        funders["VILLE"]),
        CommitteeMember("Représentant de la CAF du Nord", "CAF du Nord", True, funders["CAF"]),
        CommitteeMember("Représentante du Département", "Département du Nord", True,
                        funders["DEPT"]),
        CommitteeMember("Membres du conseil citoyen", "Conseil citoyen Pasteur-Foch", False),
    ]
    for application in decided:
        granted = application.granted_total() > 0
        committee.decisions.append(Decision(
            application, DecisionOutcome.GRANTED if granted else DecisionOutcome.REFUSED,
            Opinion.FAVOURABLE if granted else Opinion.UNFAVOURABLE,
            "" if granted else "Action ne répondant pas aux priorités de l'appel",
            datetime.combine(call.committee_date, time(11)),
        ))
    return committee


def annual_call(year: int, channel: Channel = Channel.AAP) -> Call:
    return Call(channel, year, f"Appel à projets politique de la ville {year}",
                opening_date=date(year - 1, 10, 15), deadline=date(year - 1, 12, 15),
                committee_date=date(year, 3, 12))
