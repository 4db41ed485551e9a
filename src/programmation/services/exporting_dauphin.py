"""Exporting dossiers in Dauphin's layout (a year, a call's channel, or a selection).

The workbook re-imports through the Dauphin mapping with identical results:
references, titles, carriers, statuses (« Statut » plus our detailed status)
and every funding line to the cent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..adapters.exporting.dauphin import write_dauphin_workbook
from ..adapters.persistence.database import Database
from ..domain.channels import Channel
from ..domain.dauphin import Field, to_dauphin
from ..domain.dossier import Application
from ..domain.funding import FundingLine
from .errors import ServiceError


@dataclass(frozen=True)
class ExportDauphin:
    """Which dossiers: those of ``year`` (and ``channel``), or the ``ids`` selected."""

    path: Path
    year: int | None = None
    channel: Channel | None = None
    ids: Sequence[int] | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    dossiers: int
    rows: int

    def summary(self) -> str:
        return f"{self.dossiers} dossier(s), {self.rows} ligne(s) écrites dans {self.path.name}"


def _dossier_values(application: Application) -> dict[Field, object]:
    carrier = application.carrier
    return {
        Field.REFERENCE: application.reference, Field.YEAR: application.year,
        Field.TITLE: application.title, Field.CARRIER: carrier.name,
        Field.SIRET: carrier.siret, Field.RNA: carrier.rna,
        Field.LEGAL_FORM: carrier.legal_form, Field.POSTCODE: carrier.postcode,
        Field.CITY: carrier.city, Field.EMAIL: carrier.email, Field.PHONE: carrier.phone,
        Field.CHANNEL: application.channel.label,
        Field.CALL: application.call.title if application.call is not None else None,
        Field.PILLAR: application.pillar.name, Field.STATUS: to_dauphin(application.status),
        Field.DETAILED_STATUS: application.status.label,
        Field.TOTAL_COST: application.total_cost, Field.SUBMITTED_ON: application.submitted_on,
        Field.START_DATE: application.start_date, Field.END_DATE: application.end_date,
        Field.SUMMARY: application.summary,
    }


def _line_values(line: FundingLine) -> dict[Field, object]:
    return {
        Field.FUNDER: line.funder.name, Field.LINE_YEAR: line.year, Field.NATURE: line.nature,
        Field.REQUESTED: line.requested, Field.PROPOSED: line.proposed,
        Field.GRANTED: line.granted, Field.LINE_STATUS: line.status, Field.OPINION: line.opinion,
        Field.DECISION_DATE: line.decision_date,
        Field.DECISION_REFERENCE: line.decision_reference,
    }


def dauphin_rows(application: Application) -> list[dict[Field, object]]:
    """One row per funding line (a dossier without lines still gets its row)."""
    dossier = _dossier_values(application)
    return [dossier | _line_values(line) for line in application.funding_lines] or [dossier]


def export_dauphin(database: Database, command: ExportDauphin) -> ExportResult:
    if command.year is None and not command.ids:
        raise ServiceError("indiquez une année ou une sélection de dossiers à exporter")
    a = Application
    query = select(a).options(
        joinedload(a.carrier), joinedload(a.pillar), joinedload(a.call),  # type: ignore[arg-type]
        selectinload(a.funding_lines),  # type: ignore[arg-type]
    ).order_by(a.reference)  # type: ignore[attr-defined]
    if command.ids:
        query = query.where(a.id.in_(list(command.ids)))  # type: ignore[attr-defined]
    if command.year is not None:
        query = query.where(a.year == command.year)  # type: ignore[attr-defined]
    if command.channel is not None:
        query = query.where(a.channel == command.channel)  # type: ignore[attr-defined]
    with database.unit_of_work() as uow:
        applications = uow.session.scalars(query).unique().all()
        rows = [row for application in applications for row in dauphin_rows(application)]
    if not applications:
        raise ServiceError("aucun dossier ne correspond : rien à exporter")
    try:
        count = write_dauphin_workbook(Path(command.path), rows)
    except OSError as error:
        raise ServiceError(f"export non écrit : {error.strerror or error}") from None
    return ExportResult(Path(command.path), len(applications), count)
