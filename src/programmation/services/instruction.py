"""Instruction: the instructors, who instructs which dossier, recevabilité, compléments.

Every act is recorded with its actor: status changes go through the lifecycle
(``Application.change_status``), so the dossier's history says who, when, why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..adapters.persistence.database import Database
from ..domain.admissibility import (
    MANUAL_CHECKLIST,
    Check,
    ManualItem,
    check_admissibility,
    unticked,
)
from ..domain.channels import FundingLineStatus
from ..domain.contract import Contract
from ..domain.dossier import Application
from ..domain.funding import Funder
from ..domain.lifecycle import Status, TransitionRefused
from ..domain.people import Person
from ..domain.review import InfoRequest
from .batch import (  # noqa: F401 - assignment, batch and recorded, lives there
    AssignInstructors,
    AssignmentResult,
    assign_instructors,
)
from .errors import ServiceError
from .reserve_funders import reserve_funders_in

Clock = Callable[[], datetime]


# --- shared look-ups ---------------------------------------------------------------------------


def current_contract(session: Session) -> Contract:
    """The contract the team works on now: the most recent generation."""
    contract = session.scalars(
        select(Contract).order_by(Contract.start_year.desc(), Contract.id.desc())  # type: ignore[attr-defined]
    ).first()
    if contract is None:
        raise ServiceError("la base ne contient aucun contrat de ville")
    return contract


def get_application(session: Session, application_id: int) -> Application:
    application = session.get(Application, application_id)
    if application is None:
        raise ServiceError(f"dossier n° {application_id} introuvable")
    return application


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise ServiceError(f"instructeur n° {person_id} introuvable")
    return person


def move(application: Application, target: Status, actor: str, reason: str,
         at: datetime) -> None:
    """A recorded status change, or a ServiceError saying in French why not."""
    if not actor.strip():
        raise ServiceError("indiquez qui effectue cet acte d'instruction")
    try:
        application.change_status(target, actor.strip(), reason, at)
    except TransitionRefused as refused:
        raise ServiceError(f"{application.reference} : {refused}") from None


# --- people ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str
    organisation: str
    funder_id: int | None
    funder_code: str
    funder_name: str
    label: str


@dataclass(frozen=True)
class FunderOption:
    id: int
    code: str
    name: str


def person_view(person: Person) -> PersonView:
    funder = person.funder
    return PersonView(person.id, person.name, person.organisation,
                      funder.id if funder else None, funder.code if funder else "",
                      funder.name if funder else "", person.label)


def list_people(database: Database) -> list[PersonView]:
    """The active instructors of the current contract, by name."""
    with database.unit_of_work() as uow:
        try:
            contract = current_contract(uow.session)
        except ServiceError:
            return []
        return [person_view(p) for p in contract.people if p.active]


def list_funders(database: Database) -> list[FunderOption]:
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        return [FunderOption(f.id, f.code, f.name) for f in contract.funders]


@dataclass(frozen=True)
class CreatePerson:
    name: str
    organisation: str = ""
    funder_id: int | None = None
    email: str = ""


def create_person(database: Database, command: CreatePerson) -> PersonView:
    name = " ".join(command.name.split())
    if not name:
        raise ServiceError("nom de l'instructeur manquant")
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        if any(p.name.casefold() == name.casefold() for p in contract.people):
            raise ServiceError(f"« {name} » figure déjà parmi les instructeurs du contrat")
        funder = None
        if command.funder_id is not None:
            funder = uow.session.get(Funder, command.funder_id)
            if funder is None or funder not in contract.funders:
                raise ServiceError("financeur inconnu du contrat")
        person = Person(name, command.organisation.strip(), funder, command.email.strip())
        contract.people.append(person)
        uow.commit()
        return person_view(person)


# --- assignment (batch: services.batch.assign_instructors) ------------------------------------


def assignees(database: Database, application_id: int) -> list[PersonView]:
    with database.unit_of_work() as uow:
        return [person_view(p) for p in get_application(uow.session, application_id).assignees]


# --- recevabilité ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoRequestView:
    items: tuple[str, ...]
    requested_by: str
    requested_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class AdmissibilityView:
    application_id: int
    reference: str
    status: Status
    checks: tuple[Check, ...]
    manual: tuple[ManualItem, ...]
    can_decide: bool  # the dossier is « déposé »: recevable / irrecevable may be said
    can_request_info: bool
    requests: tuple[InfoRequestView, ...]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)


_INFO_FROM = frozenset({Status.SUBMITTED, Status.ADMISSIBLE, Status.UNDER_REVIEW})


def _requests(session: Session, application: Application) -> list[InfoRequest]:
    return list(session.scalars(
        select(InfoRequest).where(InfoRequest.application_id == application.id)  # type: ignore[attr-defined]
        .order_by(InfoRequest.requested_at, InfoRequest.id)  # type: ignore[attr-defined]
    ))


def load_admissibility(database: Database, application_id: int) -> AdmissibilityView:
    with database.unit_of_work() as uow:
        application = get_application(uow.session, application_id)
        report = check_admissibility(application, application.contract,
                                     _reserve_funders(uow.session, application))
        return AdmissibilityView(
            application.id, application.reference, application.status, report.checks,
            MANUAL_CHECKLIST, application.status is Status.SUBMITTED,
            application.status in _INFO_FROM,
            tuple(InfoRequestView(tuple(r.items.splitlines()), r.requested_by, r.requested_at,
                                  r.answered_at) for r in _requests(uow.session, application)),
        )


@dataclass(frozen=True)
class DecideAdmissibility:
    application_id: int
    admissible: bool
    actor: str
    reason: str = ""
    ticked: tuple[str, ...] = ()


def decide_admissibility(database: Database, command: DecideAdmissibility,
                         now: Clock = datetime.now) -> str:
    """Recevable (every check passed, every manual item ticked) or irrecevable (with a reason).

    Returns the sentence recorded in the dossier's history.
    """
    reason = command.reason.strip()
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        if command.admissible:
            recorded = _admissible_reason(uow.session, application, command.ticked, reason)
            target, line_status = Status.ADMISSIBLE, FundingLineStatus.ADMISSIBLE
        else:
            if not reason:
                raise ServiceError("indiquez le motif de l'irrecevabilité")
            recorded = f"Irrecevable : {reason}"
            target, line_status = Status.INADMISSIBLE, FundingLineStatus.INADMISSIBLE
        move(application, target, command.actor, recorded, now())
        for line in application.funding_lines:
            if line.granted is None:
                line.status = line_status
        uow.commit()
        return recorded


def _reserve_funders(session: Session, application: Application) -> frozenset[str]:
    return reserve_funders_in(session, application.contract, application.year)


def _admissible_reason(session: Session, application: Application, ticked: Sequence[str],
                       reason: str) -> str:
    report = check_admissibility(application, application.contract,
                                 _reserve_funders(session, application))
    if report.errors:
        raise ServiceError(f"{application.reference} ne peut pas être déclaré recevable : "
                           + " ; ".join(c.message for c in report.errors))
    missing = unticked(ticked)
    if missing:
        raise ServiceError("points à vérifier avant de déclarer le dossier recevable : "
                           + " ; ".join(item.label for item in missing))
    parts = [f"Recevable : {len(report.checks)} vérifications automatiques conformes, "
             f"{len(MANUAL_CHECKLIST)} points vérifiés par l'instructeur"]
    parts += [f"{c.label} — {c.message}" for c in report.warnings]
    if reason:
        parts.append(reason)
    return ". ".join(parts)


# --- demande de compléments --------------------------------------------------------------------


@dataclass(frozen=True)
class RequestInformation:
    application_id: int
    items: tuple[str, ...]
    actor: str


def request_information(database: Database, command: RequestInformation,
                        now: Clock = datetime.now) -> InfoRequestView:
    """Pause the instruction: the dossier waits for the listed documents or answers."""
    items = tuple(" ".join(item.split()) for item in command.items if item.strip())
    if not items:
        raise ServiceError("indiquez au moins un élément demandé au porteur")
    at = now()
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        move(application, Status.AWAITING_INFO, command.actor,
             "Compléments demandés : " + " ; ".join(items), at)
        uow.session.add(InfoRequest(application, "\n".join(items), command.actor.strip(), at))
        uow.commit()
        return InfoRequestView(items, command.actor.strip(), at, None)


@dataclass(frozen=True)
class AnswerInformation:
    application_id: int
    actor: str
    note: str = ""


def answer_information(database: Database, command: AnswerInformation,
                       now: Clock = datetime.now) -> None:
    """The carrier answered: the open requests are closed and the dossier is « déposé » again."""
    at = now()
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        reason = "Compléments reçus" + (f" : {command.note.strip()}" if command.note.strip()
                                        else "")
        move(application, Status.SUBMITTED, command.actor, reason, at)
        for request in _requests(uow.session, application):
            if request.answered_at is None:
                request.answered_at = at
        uow.commit()
