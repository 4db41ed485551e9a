"""La proposition de programmation of a year, from the database to the solver and back.

Which dossiers compete (the *candidates*): the dossiers of the year on the AAP,
AMI and CPO channels that are in instruction or instructed — « en instruction »,
« instruit », « inscrit en comité », « ajourné » (and « recevable » if already
scored) — and have been scored by at least one instructor; their score is the
mean of the instructors' totals on 100. The others are listed with the reason
they are left aside. RESERVE dossiers are not part of the proposal: they are
decided as they come, against their own envelope.

The envelopes: each funder's envelopes of the year on AAP, AMI and CPO, pooled
(the issue's rule: every funder's envelope per year), less what the dossiers
outside the candidates already take (granted amounts, and proposed amounts of
dossiers still in the pipeline). A funder without any envelope that year is
outside the programming: its lines are left as they are.

The CPO floor is the contract's (``cpo_floor`` on ``cpo_rule_basis``) on the
State's specific credits, applied when at least one CPO candidate asks them.
It is the programming view's rule (``programming_money``): CPO money (or
conventions) of the year at least the floor times all the money (or dossiers)
those credits fund in the year. What the dossiers outside the candidates
already take from those credits that year — granted amounts, running CPOs of
earlier years, proposed amounts of dossiers still in the pipeline, every
channel — enters the solver as committed amounts, so that once the proposal is
applied the view shows the share the proposal announced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from ..adapters.persistence.database import Database
from ..domain import proposal as solver
from ..domain.channels import Channel, PillarKind
from ..domain.dossier import Application
from ..domain.funding import Envelope
from ..domain.lifecycle import Status
from ..domain.money import ZERO, format_eur
from .errors import ServiceError
from .instruction import get_application, get_person
from .programming import contract_for_year, year_applications
from .programming_money import consumption, cpo_floor_rule, funded_money
from .scoring import PIPELINE, mean_scores

COMPETING = frozenset({Status.ADMISSIBLE, Status.UNDER_REVIEW, Status.REVIEWED,
                       Status.ON_AGENDA, Status.POSTPONED})
PROGRAMMED_CHANNELS = (Channel.AAP, Channel.AMI, Channel.CPO)


@dataclass(frozen=True)
class ProposeOptions:
    year: int
    priority_weight: Decimal = Decimal(1)  # weight of the contract's priority pillars
    min_share: Decimal = Decimal(1)  # 1: a dossier is funded in full or not at all
    cpo_floor: bool = True
    time_limit: float = 10.0
    pillar_min_share: Mapping[str, Decimal] = field(default_factory=dict)  # pillar code → ratio
    pillar_max_share: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class DossierLabel:
    reference: str
    title: str
    pillar: str
    channel: Channel


@dataclass(frozen=True)
class ProposalOutcome:
    year: int
    proposal: solver.Proposal
    greedy: solver.Proposal
    comparison: solver.Comparison
    dossiers: Mapping[int, DossierLabel]
    skipped: tuple[tuple[str, str], ...]  # (reference, why it is not a candidate)
    notes: tuple[str, ...]


@dataclass
class _Inputs:
    candidates: list[solver.Candidate] = field(default_factory=list)
    envelopes: list[solver.Envelope] = field(default_factory=list)
    labels: dict[int, DossierLabel] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    floor: solver.CpoFloor | None = None  # the contract's, with what is committed outside


def _why_not_competing(application: Application, year: int, scored: bool) -> str | None:
    if application.year != year or application.channel not in PROGRAMMED_CHANNELS:
        return "hors proposition"
    if application.status not in COMPETING:
        return f"« {application.status.label} » : pas en instruction"
    if not scored:
        return "pas encore noté par un instructeur"
    return None


def _envelopes(session, year: int, applications, competing_ids: set[int]) -> dict[str, Decimal]:
    """Per funder code: the year's AAP + AMI + CPO envelopes less what others already take."""
    pooled: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for envelope in session.scalars(select(Envelope).where(Envelope.year == year)):  # type: ignore[attr-defined]
        if envelope.channel in PROGRAMMED_CHANNELS:
            pooled[envelope.funder.code] += envelope.amount
    for application in applications:
        if application.id in competing_ids or application.channel not in PROGRAMMED_CHANNELS:
            continue
        for line in application.lines_for(year):
            if line.funder.code in pooled:
                pooled[line.funder.code] -= sum(consumption(application, line))
    return dict(pooled)


def _inputs(session, options: ProposeOptions) -> _Inputs:
    contract = contract_for_year(session, options.year)
    applications = year_applications(session, options.year)
    scores = mean_scores(session, [a.id for a in applications], list(contract.criteria))
    found = _Inputs()
    competing = []
    for application in applications:
        why = _why_not_competing(application, options.year, application.id in scores)
        if why is None:
            competing.append(application)
        elif why != "hors proposition":
            found.skipped.append((application.reference, why))
    available = _envelopes(session, options.year, applications, {a.id for a in competing})
    names = {f.code: f.name for f in contract.funders}
    for code, amount in sorted(available.items()):
        if amount < 0:
            found.notes.append(f"{names[code]} : enveloppe déjà dépassée de "
                               f"{format_eur(-amount)} par les dossiers hors proposition")
        found.envelopes.append(solver.Envelope(code, max(amount, ZERO), names[code]))
    for application in competing:
        requested = {line.funder.code: line.requested for line in
                     application.lines_for(options.year)
                     if line.funder.code in available and line.requested > 0}
        if not requested:
            found.skipped.append((application.reference, "ne sollicite aucun financeur doté "
                                  f"d'une enveloppe en {options.year}"))
            continue
        found.candidates.append(solver.Candidate(
            application.id, application.reference, application.pillar.code,
            scores[application.id][0], requested, application.channel is Channel.CPO,
            options.min_share))
        found.labels[application.id] = DossierLabel(application.reference, application.title,
                                                    application.pillar.name, application.channel)
    floor = cpo_floor_rule(contract)
    if floor is not None:
        candidates = frozenset(c.dossier_id for c in found.candidates)
        found.floor = floor.committing(
            funded_money(applications, options.year, floor.funder_codes, candidates))
    return found


def _settings(session, options: ProposeOptions, found: _Inputs) -> solver.ProposalSettings:
    contract = contract_for_year(session, options.year)
    weights = {p.code: options.priority_weight for p in contract.pillars
               if p.kind is PillarKind.PRIORITY}
    floor = None
    if options.cpo_floor and found.floor is not None:
        asked = [c for c in found.candidates if found.floor.draws_on(c.requested)]
        if any(c.is_cpo for c in asked):
            floor = found.floor
            if floor.committed_total:
                found.notes.append(
                    f"plancher CPO : déjà engagés en {options.year} hors proposition sur les "
                    f"crédits spécifiques de l'État, {floor.quantity(floor.committed_cpo)} en "
                    f"CPO sur {floor.quantity(floor.committed_total)}")
        elif asked:
            found.notes.append("aucun dossier CPO candidat ne sollicite les crédits "
                               "spécifiques de l'État : le plancher CPO n'est pas appliqué")
    unknown = sorted((set(options.pillar_min_share) | set(options.pillar_max_share))
                     - {p.code for p in contract.pillars})
    if unknown:
        raise ServiceError("pilier inconnu du contrat : " + ", ".join(unknown))
    return solver.ProposalSettings(
        pillar_weights=weights, pillar_min_share=options.pillar_min_share,
        pillar_max_share=options.pillar_max_share, cpo_floor=floor,
        time_limit=options.time_limit, pillar_labels={p.code: p.name for p in contract.pillars})


def propose(database: Database, options: ProposeOptions) -> ProposalOutcome:
    """The exact proposal of the year and the greedy one beside it (slow: run it off the UI
    thread)."""
    if options.priority_weight < 0:
        raise ServiceError("le poids des piliers prioritaires ne peut pas être négatif")
    if not Decimal(0) < options.min_share <= Decimal(1):
        raise ServiceError("la part minimale de financement doit être entre 0 et 100 %")
    with database.unit_of_work() as uow:
        found = _inputs(uow.session, options)
        if not found.candidates and not found.skipped:
            raise ServiceError(f"aucun dossier en {options.year} : rien à proposer")
        try:
            settings = _settings(uow.session, options, found)
        except ValueError as error:  # a share outside 0–100 %
            raise ServiceError(f"proposition impossible : {error}") from None
    try:
        best = solver.optimal_proposal(found.candidates, found.envelopes, settings)
        greedy = solver.greedy_proposal(found.candidates, found.envelopes, settings)
    except (ValueError, solver.ProposalError) as error:
        raise ServiceError(f"proposition impossible : {error}") from None
    return ProposalOutcome(options.year, best, greedy, solver.compare(best, greedy),
                           found.labels, tuple(found.skipped), tuple(found.notes))


@dataclass(frozen=True)
class ApplyProposal:
    year: int
    proposal: solver.Proposal
    actor: str
    person_id: int | None = None  # an instructor attached to a funder writes only its lines


def apply_proposal(database: Database, command: ApplyProposal) -> int:
    """Write the proposal's amounts as proposed amounts (0 for a dossier left out), in one
    transaction; returns the number of funding lines written."""
    if not command.actor.strip():
        raise ServiceError("indiquez qui applique la proposition")
    if command.proposal.status == "infeasible":
        raise ServiceError("une proposition impossible ne peut pas être appliquée")
    enveloped = {use.funder_code for use in command.proposal.envelopes}
    written = 0
    with database.unit_of_work() as uow:
        only = None
        if command.person_id is not None:
            only = get_person(uow.session, command.person_id).funder
        for line in command.proposal.lines:
            application = get_application(uow.session, line.dossier_id)
            for funding in application.lines_for(command.year):
                if funding.funder.code not in enveloped or (only and funding.funder is not only):
                    continue
                if funding.granted is not None or application.status not in PIPELINE:
                    raise ServiceError(f"{application.reference} a été décidé depuis le calcul "
                                       "de la proposition : relancez-la")
                funding.proposed = line.amounts.get(funding.funder.code, ZERO)
                funding.proposed_by = f"{command.actor.strip()} — proposition de programmation"
                written += 1
        uow.commit()
    return written


@dataclass(frozen=True)
class PillarOption:
    """A pillar the proposal's share rules may name: its code, name, and whether priority."""

    code: str
    name: str
    priority: bool


def proposal_pillars(database: Database, year: int) -> tuple[PillarOption, ...]:
    """The pillars of the contract running in ``year`` (archived ones left out)."""
    with database.unit_of_work() as uow:
        contract = contract_for_year(uow.session, year)
        return tuple(PillarOption(p.code, p.name, p.kind is PillarKind.PRIORITY)
                     for p in contract.pillars if not p.archived)
