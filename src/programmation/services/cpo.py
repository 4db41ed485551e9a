"""CPO use cases: create a 3-year convention, its timeline, bilans, renewals, payments, avenants.

A CPO is a dossier of channel CPO over three years with one funding line per
funder and year, and an ``Agreement`` (the convention: reference, signature,
social-impact measure) with its avenants. Year N is committed by the
committee's decision; years N+1 and N+2 are renewed one by one, each only
once the previous year's bilan (``Report``) is in — the renewal is written as
the decision reference of that year's lines (« Reconduction 2025 »). What CPOs
take from the envelopes, and their floor, is :mod:`.cpo_envelopes`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence.database import Database
from ..domain.channels import Channel, FundingLineStatus, Opinion, PaymentKind
from ..domain.cpo import (
    CpoYears,
    amount_errors,
    cpo_years,
    is_renewal_reference,
    payment_error,
    renewal_reference,
    social_impact_error,
)
from ..domain.dossier import Application, Carrier
from ..domain.follow_up import Agreement, Payment, Report
from ..domain.funding import FundingLine
from ..domain.lifecycle import Status
from ..domain.money import ZERO, money, total
from ..domain.review import AgreementAmendment, Revision
from .campaigns import Clock
from .cpo_envelopes import MultiYearEnvelopes as MultiYearEnvelopes  # the CPO tab's door
from .cpo_envelopes import multi_year_envelopes as multi_year_envelopes
from .errors import ServiceError
from .instruction import current_contract, get_application, move

PAYABLE = frozenset({Status.NOTIFIED, Status.IN_PAYMENT, Status.TO_JUSTIFY, Status.JUSTIFIED})


def _cpo(session: Session, application_id: int) -> Application:
    application = get_application(session, application_id)
    if application.channel is not Channel.CPO:
        raise ServiceError(f"{application.reference} n'est pas une CPO")
    return application


def _agreement(session: Session, application: Application) -> Agreement | None:
    return session.scalars(select(Agreement).where(
        Agreement.application_id == application.id)  # type: ignore[attr-defined]
        .order_by(Agreement.id)).first()  # type: ignore[attr-defined]


def _reports(session: Session, application: Application) -> dict[int, Report]:
    return {r.year: r for r in session.scalars(select(Report).where(
        Report.application_id == application.id))}  # type: ignore[attr-defined]


def _payments(session: Session, application: Application) -> list[Payment]:
    ids = [line.id for line in application.funding_lines]
    return list(session.scalars(select(Payment).where(
        Payment.funding_line_id.in_(ids)).order_by(Payment.paid_on, Payment.id)))  # type: ignore[attr-defined]


def cpo_state(session: Session, application: Application,
              bilans: frozenset[int] | None = None) -> CpoYears:
    """Decided, renewed years and bilans received (read now unless given), from the dossier."""
    decided = any(h.to_status is Status.GRANTED for h in application.history)
    renewed = frozenset(
        year for year in cpo_years(application.year)[1:]
        if application.lines_for(year) and all(
            is_renewal_reference(line.decision_reference, year)
            for line in application.lines_for(year)))
    if bilans is None:
        bilans = frozenset(year for year, r in _reports(session, application).items()
                           if r.received_on is not None)
    return CpoYears(application.year, decided, renewed, bilans)


def _actor(actor: str, what: str) -> str:
    if not actor.strip():
        raise ServiceError(f"indiquez qui {what}")
    return actor.strip()


# --- creating a CPO -------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateCpo:
    carrier_id: int
    title: str
    pillar_code: str
    first_year: int
    amounts: tuple[tuple[str, int, Decimal], ...]  # (funder code, year, amount)
    social_impact_measure: str
    actor: str
    summary: str = ""


def _cpo_errors(command: CreateCpo, names: dict[str, str]) -> list[str]:
    errors = [] if command.title.strip() else ["intitulé de l'action manquant"]
    by_funder: dict[str, dict[int, Decimal]] = {}
    for code, year, amount in command.amounts:
        if code not in names:
            errors.append(f"financeur « {code} » inconnu du contrat")
            continue
        by_funder.setdefault(names[code], {})[year] = money(amount)
    errors += amount_errors({n: v for n, v in by_funder.items() if any(v.values())},
                            command.first_year)
    impact = social_impact_error(command.social_impact_measure)
    return errors + ([impact] if impact else [])


def create_cpo(database: Database, command: CreateCpo, now: Clock = datetime.now) -> int:
    """A new 3-year CPO dossier (draft) with its convention in preparation; returns its id."""
    from .dossier_editing import next_reference  # the editor's numbering of references

    actor = _actor(command.actor, "crée la CPO")
    at = now()
    with database.unit_of_work() as uow:
        session = uow.session
        contract = current_contract(session)
        funders = {f.code: f for f in contract.funders}
        errors = _cpo_errors(command, {code: f.name for code, f in funders.items()})
        if command.pillar_code not in {p.code for p in contract.pillars}:
            errors.append("pilier de l'action à choisir")
        if command.first_year + 2 > contract.end_year or command.first_year not in contract.years:
            errors.append(f"une CPO {command.first_year}-{command.first_year + 2} dépasse le "
                          f"contrat ({contract.start_year}–{contract.end_year})")
        carrier = session.get(Carrier, command.carrier_id)
        if carrier is None:
            errors.append("porteur à choisir dans le répertoire")
        if errors:
            raise ServiceError("\n".join(errors))
        application = Application(
            next_reference(session, command.first_year, Channel.CPO), command.first_year,
            Channel.CPO, command.title.strip(), carrier, contract.pillar(command.pillar_code),
            summary=command.summary.strip(), contract=contract, duration_years=3)
        application.funding_lines = [
            FundingLine(funders[code], year, money(amount), funders[code].default_nature)
            for code, year, amount in sorted(command.amounts, key=lambda a: (a[1], a[0]))
            if any(money(v) for c, _, v in command.amounts if c == code)]
        application.total_cost = application.requested_total()
        session.add(application)
        session.flush()
        session.add(Agreement(application, f"CPO {application.reference}", None,
                              application.year, application.year + 2,
                              command.social_impact_measure.strip()))
        session.add(Revision(application, at, actor, "Création de la CPO (3 ans)", json.dumps(
            {"amounts": [[c, y, str(a)] for c, y, a in command.amounts]})))
        uow.commit()
        return application.id


@dataclass(frozen=True)
class RecordConvention:
    application_id: int
    reference: str
    signed_on: date | None
    social_impact_measure: str


def record_convention(database: Database, command: RecordConvention) -> None:
    """Write (or correct) the convention of a CPO: reference, signature, social-impact measure."""
    errors = [] if command.reference.strip() else ["référence de la convention manquante"]
    impact = social_impact_error(command.social_impact_measure)
    if impact or errors:
        raise ServiceError("\n".join(errors + ([impact] if impact else [])))
    with database.unit_of_work() as uow:
        application = _cpo(uow.session, command.application_id)
        agreement = _agreement(uow.session, application)
        if agreement is None:
            agreement = Agreement(application, "", None, application.year, application.year + 2)
            uow.session.add(agreement)
        agreement.reference = command.reference.strip()
        agreement.signed_on = command.signed_on
        agreement.social_impact_measure = command.social_impact_measure.strip()
        uow.commit()


# --- the timeline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CpoRow:
    id: int
    reference: str
    carrier: str
    title: str
    years: str
    status: str
    yearly: Decimal  # what the CPO asks each year, every funder together
    next_step: str


def _next_step(state: CpoYears) -> str:
    if not state.decided:
        return "En attente de la décision du comité"
    year = state.next_renewal()
    if year is None:
        return "Toutes les années sont confirmées"
    blocker = state.renewal_blocker(year)
    return f"Reconduction {year} possible" if blocker is None else blocker[0].upper() + blocker[1:]


def list_cpos(database: Database) -> list[CpoRow]:
    with database.unit_of_work() as uow:
        cpos = uow.session.scalars(select(Application).where(
            Application.channel == Channel.CPO).order_by(  # type: ignore[attr-defined]
            Application.year.desc(), Application.reference).options(  # type: ignore[attr-defined]
            selectinload(Application.history), selectinload(Application.carrier),  # type: ignore[arg-type]
            selectinload(Application.funding_lines))).all()  # type: ignore[arg-type]
        bilans: dict[int, set[int]] = {}
        for application_id, year in uow.session.execute(select(
                Report.application_id, Report.year).where(  # type: ignore[attr-defined]
                Report.received_on.is_not(None))):  # type: ignore[attr-defined]
            bilans.setdefault(application_id, set()).add(year)
        return [CpoRow(a.id, a.reference, a.carrier.name, a.title,
                       f"{a.year}–{a.year + a.duration_years - 1}", a.status.label,
                       a.requested_total(a.year), _next_step(cpo_state(
                           uow.session, a, frozenset(bilans.get(a.id, ())))))
                for a in cpos]


@dataclass(frozen=True)
class LineView:
    funder: str
    requested: Decimal
    granted: Decimal | None
    paid: Decimal


@dataclass(frozen=True)
class BilanView:
    received_on: date | None
    action_took_place: bool
    actual_cost: Decimal | None
    beneficiaries: int | None
    comment: str


@dataclass(frozen=True)
class YearView:
    year: int
    lines: tuple[LineView, ...]
    confirmed: bool
    confirmation: str  # how the year was confirmed, in words
    bilan: BilanView | None
    payments: tuple[tuple[date, str, str, Decimal], ...]  # (paid on, funder, kind, amount)

    @property
    def granted(self) -> Decimal:
        return total(line.granted or ZERO for line in self.lines)

    @property
    def paid(self) -> Decimal:
        return total(line.paid for line in self.lines)


@dataclass(frozen=True)
class CpoTimeline:
    id: int
    reference: str
    carrier: str
    title: str
    status: str
    convention: str
    social_impact_measure: str
    has_convention: bool
    years: tuple[YearView, ...]
    amendments: tuple[tuple[date, str], ...]
    next_renewal: int | None
    renewal_blocker: str | None
    payable_funders: tuple[tuple[str, str], ...]  # (code, name)


def _confirmation(state: CpoYears, year: int, lines: list[FundingLine]) -> str:
    if year == state.first_year:
        return "Engagée par le comité" if state.decided else "Décision du comité attendue"
    if state.is_confirmed(year):
        when = lines[0].decision_date
        return f"Reconduite le {when:%d/%m/%Y}" if when else "Reconduite"
    return "À reconduire" if state.decided else "—"


def _bilan_view(report: Report | None) -> BilanView | None:
    if report is None:
        return None
    return BilanView(report.received_on, report.action_took_place, report.actual_cost,
                     report.beneficiaries, report.comment)


def _year_view(application: Application, state: CpoYears, year: int,
               payments: list[Payment], reports: dict[int, Report]) -> YearView:
    lines = application.lines_for(year)
    paid = {line.id: total(p.amount for p in payments if p.funding_line is line)
            for line in lines}
    return YearView(
        year, tuple(LineView(line.funder.name, line.requested, line.granted, paid[line.id])
                    for line in lines),
        state.is_confirmed(year), _confirmation(state, year, lines), _bilan_view(reports.get(year)),
        tuple((p.paid_on, p.funding_line.funder.name, p.kind.label, p.amount)
              for p in payments if p.funding_line.year == year))


def cpo_timeline(database: Database, application_id: int) -> CpoTimeline:
    with database.unit_of_work() as uow:
        session = uow.session
        application = _cpo(session, application_id)
        state = cpo_state(session, application)
        agreement = _agreement(session, application)
        payments, reports = _payments(session, application), _reports(session, application)
        amendments = [] if agreement is None else session.scalars(select(AgreementAmendment)
            .where(AgreementAmendment.agreement_id == agreement.id)  # type: ignore[attr-defined]
            .order_by(AgreementAmendment.signed_on)).all()  # type: ignore[attr-defined]
        convention = "Convention non enregistrée" if agreement is None else (
            f"{agreement.reference} — signée le {agreement.signed_on:%d/%m/%Y}"
            if agreement.signed_on else f"{agreement.reference} — en préparation")
        year = state.next_renewal()
        return CpoTimeline(
            application.id, application.reference, application.carrier.name, application.title,
            application.status.label, convention,
            agreement.social_impact_measure if agreement else "", agreement is not None,
            tuple(_year_view(application, state, y, payments, reports)
                  for y in cpo_years(application.year)),
            tuple((a.signed_on, a.description) for a in amendments), year,
            state.renewal_blocker(year) if year is not None else "toutes les années sont "
            "confirmées",
            tuple(dict.fromkeys((line.funder.code, line.funder.name)
                                for line in application.funding_lines)))


# --- the yearly cycle -----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordBilan:
    application_id: int
    year: int
    received_on: date
    action_took_place: bool
    actual_cost: Decimal | None
    beneficiaries: int | None
    comment: str
    actor: str


def record_bilan(database: Database, command: RecordBilan, now: Clock = datetime.now) -> None:
    """Record (or correct) the bilan of one year of the CPO."""
    actor = _actor(command.actor, "enregistre le bilan")
    if command.actual_cost is not None and money(command.actual_cost) < 0:
        raise ServiceError("Bilan : coût réalisé négatif")
    if command.beneficiaries is not None and command.beneficiaries < 0:
        raise ServiceError("Bilan : nombre de bénéficiaires négatif")
    with database.unit_of_work() as uow:
        application = _cpo(uow.session, command.application_id)
        if not cpo_state(uow.session, application).is_confirmed(command.year):
            raise ServiceError(f"Bilan {command.year} : l'année n'est pas confirmée, il n'y a "
                               "rien à justifier")
        report = _reports(uow.session, application).get(command.year)
        if report is None:
            report = Report(application, command.year)
            uow.session.add(report)
        report.received_on, report.action_took_place = command.received_on, \
            command.action_took_place
        report.actual_cost = None if command.actual_cost is None else money(command.actual_cost)
        report.beneficiaries, report.comment = command.beneficiaries, command.comment.strip()
        uow.session.add(Revision(application, now(), actor, f"Bilan {command.year} reçu",
                                 json.dumps({"year": command.year})))
        uow.commit()


def renew_year(database: Database, application_id: int, year: int, actor: str,
               now: Clock = datetime.now) -> None:
    """Confirm year ``year`` of the CPO, at the amounts of its first year (no degressivity)."""
    actor = _actor(actor, "reconduit la CPO")
    at = now()
    with database.unit_of_work() as uow:
        application = _cpo(uow.session, application_id)
        blocker = cpo_state(uow.session, application).renewal_blocker(year)
        if blocker:
            raise ServiceError(f"{application.reference} : {blocker}")
        first = {line.funder.code: line for line in application.lines_for(application.year)}
        for line in application.lines_for(year):
            committed = first[line.funder.code].granted if line.funder.code in first else None
            line.granted = committed if committed is not None else line.granted
            line.status = FundingLineStatus.VOTED if line.granted else FundingLineStatus.REFUSED
            line.opinion = Opinion.FAVOURABLE
            line.opinion_reason = f"Reconduction confirmée par {actor} après le bilan {year - 1}"
            line.decision_date, line.decision_reference = at.date(), renewal_reference(year)
        uow.commit()


@dataclass(frozen=True)
class RecordPayment:
    application_id: int
    year: int
    funder_code: str
    kind: PaymentKind
    amount: Decimal
    paid_on: date
    actor: str


def record_payment(database: Database, command: RecordPayment, now: Clock = datetime.now) -> None:
    """A versement on one year's line; only a confirmed year of a notified CPO is paid."""
    actor = _actor(command.actor, "enregistre le versement")
    with database.unit_of_work() as uow:
        application = _cpo(uow.session, command.application_id)
        if application.status not in PAYABLE:
            raise ServiceError(f"{application.reference} est « {application.status.label} » : "
                               "la convention doit être notifiée avant tout versement")
        blocker = cpo_state(uow.session, application).payment_blocker(command.year)
        line = next((x for x in application.lines_for(command.year)
                     if x.funder.code == command.funder_code), None)
        if blocker or line is None:
            raise ServiceError(blocker or f"aucune ligne {command.funder_code} en {command.year}")
        paid = total(p.amount for p in _payments(uow.session, application)
                     if p.funding_line is line)
        error = payment_error(command.amount, line.granted_or_zero, paid)
        if error:
            raise ServiceError(f"{line.funder.name} {command.year} : {error}")
        uow.session.add(Payment(line, command.kind, money(command.amount), command.paid_on))
        if application.status is Status.NOTIFIED:
            move(application, Status.IN_PAYMENT, actor, "Premier versement", now())
        uow.commit()


def add_amendment(database: Database, application_id: int, signed_on: date,
                  description: str) -> None:
    """An avenant to the CPO's convention."""
    if not description.strip():
        raise ServiceError("Avenant : objet manquant")
    with database.unit_of_work() as uow:
        application = _cpo(uow.session, application_id)
        agreement = _agreement(uow.session, application)
        if agreement is None:
            raise ServiceError(f"{application.reference} : enregistrez d'abord la convention")
        uow.session.add(AgreementAmendment(agreement, signed_on, description.strip()))
        uow.commit()
