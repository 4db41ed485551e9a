"""The read-only detail of one dossier, as plain data for the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence import tables as t
from ..adapters.persistence.database import Database
from ..domain.budget import ACCOUNTS_BY_CODE, Side
from ..domain.checklist import piece_label
from ..domain.dossier import Application
from ..domain.money import share


@dataclass(frozen=True)
class CarrierView:
    name: str
    legal_form: str
    siret: str
    rna: str
    address: str
    representative: str
    contact: str
    email: str
    phone: str
    qpv_only: bool


@dataclass(frozen=True)
class FundingLineView:
    funder: str
    year: int
    nature: str
    requested: Decimal
    proposed: Decimal | None
    granted: Decimal | None
    status: str
    opinion: str


@dataclass(frozen=True)
class BudgetLineView:
    side: Side
    account: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class HistoryView:
    at: datetime
    from_status: str
    to_status: str
    actor: str
    reason: str


@dataclass(frozen=True)
class IndicatorView:
    label: str
    target: Decimal | None
    achieved: Decimal | None
    unit: str


@dataclass(frozen=True)
class AttachmentView:
    """A stored piece: its id opens it (``attachments.export_to_temp``)."""

    id: int
    kind: str  # in French: « Budget prévisionnel », « RIB »…
    filename: str
    size: int  # bytes


@dataclass(frozen=True)
class DossierDetail:
    id: int
    reference: str
    year: int
    years: str
    channel: str
    call: str
    status: str
    title: str
    pillar: str
    flags: list[str]
    is_renewal: bool
    previous_reference: str
    summary: str
    objectives: str
    places: str
    start_date: date | None
    end_date: date | None
    target_public: str
    beneficiaries: int | None
    qpv_share: Decimal | None
    women: int | None
    men: int | None
    total_cost: Decimal
    requested: Decimal
    granted: Decimal
    public_share: Decimal | None
    carrier: CarrierView
    funding_lines: list[FundingLineView]
    budget_kind: str
    budget_lines: list[BudgetLineView]
    budget_errors: list[str]
    indicators: list[IndicatorView]
    attachments: list[AttachmentView]
    history: list[HistoryView]


def _carrier_view(application: Application) -> CarrierView:
    c = application.carrier
    return CarrierView(
        c.name, c.legal_form, c.siret or "", c.rna or "",
        ", ".join(part for part in (c.address, f"{c.postcode} {c.city}".strip()) if part),
        c.representative, c.contact_name, c.email, c.phone, c.qpv_only,
    )


def _budget_views(application: Application) -> tuple[str, list[BudgetLineView], list[str]]:
    version = application.current_budget()
    if version is None:
        return "", [], []
    lines = [
        BudgetLineView(
            ACCOUNTS_BY_CODE[e.account].side, e.account,
            e.funder.name if e.funder is not None else ACCOUNTS_BY_CODE[e.account].label,
            e.amount,
        )
        for e in version.entries
    ]
    kind = {"requested": "tel que demandé", "adjusted": "tel qu'ajusté après instruction"}
    return kind.get(version.kind, version.kind), lines, version.budget().balance_errors()


def _attachment_views(session: Session, application_id: int) -> list[AttachmentView]:
    """The pieces without their bytes: the size is measured by the database."""
    a = t.attachment.c
    rows = session.execute(
        select(a.id, a.kind, a.filename, func.length(a.content))
        .where(a.application_id == application_id).order_by(a.id))
    return [AttachmentView(id_, piece_label(kind), filename, size or 0)
            for id_, kind, filename, size in rows]


def load_detail(database: Database, application_id: int) -> DossierDetail | None:
    with database.unit_of_work() as uow:
        application = uow.session.get(
            Application, application_id,
            options=[selectinload(Application.funding_lines),  # type: ignore[arg-type]
                     selectinload(Application.history)],  # type: ignore[arg-type]
        )
        if application is None:
            return None
        public = sum((line.requested for line in application.funding_lines
                      if line.funder.is_public), Decimal(0))
        kind, budget_lines, budget_errors = _budget_views(application)
        last_year = application.year + application.duration_years - 1
        return DossierDetail(
            id=application.id,
            reference=application.reference,
            year=application.year,
            years=str(application.year) if last_year == application.year
            else f"{application.year}–{last_year}",
            channel=application.channel.label,
            call=application.call.title if application.call is not None else "",
            status=application.status.label,
            title=application.title,
            pillar=application.pillar.name,
            flags=[flag.name for flag in application.flags],
            is_renewal=application.is_renewal,
            previous_reference=application.previous.reference if application.previous else "",
            summary=application.summary,
            objectives=application.objectives,
            places=application.places,
            start_date=application.start_date,
            end_date=application.end_date,
            target_public=application.target_public,
            beneficiaries=application.beneficiaries,
            qpv_share=application.qpv_share,
            women=application.women,
            men=application.men,
            total_cost=application.total_cost,
            requested=application.requested_total(),
            granted=application.granted_total(),
            public_share=share(public, application.total_cost),
            carrier=_carrier_view(application),
            funding_lines=[
                FundingLineView(
                    line.funder.name, line.year, line.nature.label, line.requested,
                    line.proposed, line.granted, line.status.label,
                    line.opinion.label if line.opinion else "",
                )
                for line in application.funding_lines
            ],
            budget_kind=kind,
            budget_lines=budget_lines,
            budget_errors=budget_errors,
            indicators=[IndicatorView(i.label, i.target, i.achieved, i.unit)
                        for i in application.indicators],
            attachments=_attachment_views(uow.session, application.id),
            history=[
                HistoryView(h.at, h.from_status.label if h.from_status else "", h.to_status.label,
                            h.actor, h.reason)
                for h in application.history
            ],
        )
