"""Writing an import plan inside the caller's transaction.

New dossiers (the bulk of a first import) go in with multi-row inserts; the
dossiers that change are loaded as domain objects and changed through them,
so every status step is checked by the lifecycle and recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence import tables as t
from ..domain.call import Call
from ..domain.channels import Channel
from ..domain.contract import Pillar
from ..domain.dossier import Application, Carrier
from ..domain.funding import Funder, FundingLine
from ..domain.text import search_key
from .import_plan import KEEP, DossierPlan, NewCall, NewCarrier, Plan

CHUNK = 2000


@dataclass(frozen=True)
class Written:
    dossiers_created: int
    dossiers_updated: int
    carriers_created: int
    calls_created: int


def write_plan(session: Session, plan: Plan, actor: str, reason: str, at: datetime,
               progress: Callable[[int, int], None] | None = None) -> Written:
    connection = session.connection()
    creations = [d for d in plan.dossiers if d.existing is None]
    updates = [d for d in plan.dossiers
               if d.existing is not None and (d.changes or any(x.changed for x in d.lines))]
    calls = _insert_calls(connection, [d.call for d in creations + updates])
    carriers = _insert_carriers(connection, [d.carrier for d in creations + updates])
    _update(session, updates, actor, reason, at)
    for start in range(0, len(creations), CHUNK):
        _create(connection, creations[start:start + CHUNK], actor, reason, at)
        if progress:
            progress(min(start + CHUNK, len(creations)), len(creations))
    return Written(len(creations), len(updates), carriers, calls)


def _insert_calls(connection: Connection, calls: list) -> int:
    new = list({id(c): c for c in calls if isinstance(c, NewCall) and c.id is None}.values())
    for call in new:
        call.id = connection.execute(insert(t.call).values(
            contract_id=call.contract_id, channel=call.channel, year=call.year, title=call.title,
            pluriannual=False, need_description="", selection_criteria="", closed=False,
        ).returning(t.call.c.id)).scalar_one()
    return len(new)


def _insert_carriers(connection: Connection, carriers: list) -> int:
    new = list({id(c): c for c in carriers
                if isinstance(c, NewCarrier) and c.id is None}.values())
    rows = [{
        "name": c.name, "siret": c.siret, "rna": c.rna,
        "legal_form": c.details.get("legal_form", ""), "address": "",
        "postcode": c.details.get("postcode", ""), "city": c.details.get("city", ""),
        "representative": "", "contact_name": "", "email": c.details.get("email", ""),
        "phone": c.details.get("phone", ""), "qpv_only": False,
        "search_text": search_key(c.name, c.siret or "", c.rna or "",
                                  c.details.get("city", "")),
    } for c in new]
    for start in range(0, len(rows), CHUNK):
        ids = connection.execute(
            insert(t.carrier).returning(t.carrier.c.id, sort_by_parameter_order=True),
            rows[start:start + CHUNK]).scalars().all()
        for carrier, new_id in zip(new[start:start + CHUNK], ids, strict=True):
            carrier.id = new_id
    return len(new)


def _create(connection: Connection, plans: list[DossierPlan], actor: str, reason: str,
            at: datetime) -> None:
    rows = [_application_row(plan) for plan in plans]
    ids = connection.execute(
        insert(t.application).returning(t.application.c.id, sort_by_parameter_order=True),
        rows).scalars().all()
    lines, changes = [], []
    for plan, application_id in zip(plans, ids, strict=True):
        lines += [{"application_id": application_id, "funder_id": line.funder.id,
                   "year": line.year, "proposed_by": "", "opinion_reason": "", **line.values}
                  for line in plan.lines]
        previous = None
        for step in plan.path:
            changes.append({"application_id": application_id, "from_status": previous,
                            "to_status": step, "at": at, "actor": actor, "reason": reason})
            previous = step
    connection.execute(insert(t.funding_line), lines)
    if changes:
        connection.execute(insert(t.status_change), changes)


def _application_row(plan: DossierPlan) -> dict:
    call = plan.call if plan.call is not KEEP else None
    return {
        "contract_id": plan.contract_id, "carrier_id": plan.carrier.id,
        "call_id": getattr(call, "id", None), "previous_id": None,
        "reference": plan.reference, "objectives": "", "content": "", "is_renewal": False,
        "places": "", "target_public": "", "beneficiaries": None, "qpv_share": None,
        "women": None, "men": None, "expected_results": "", "is_flagship": False,
        "late_reason": "", "duration_years": 3 if plan.channel is Channel.CPO else 1,
        "search_text": search_key(plan.reference, plan.title, plan.carrier.name),
        **plan.values,
    }


def _update(session: Session, plans: list[DossierPlan], actor: str, reason: str,
            at: datetime) -> None:
    if not plans:
        return
    by_id = {plan.existing.id: plan for plan in plans if plan.existing}
    applications = session.scalars(
        select(Application).where(Application.id.in_(list(by_id)))  # type: ignore[attr-defined]
        .options(selectinload(Application.funding_lines))  # type: ignore[arg-type]
    ).all()
    for application in applications:
        plan = by_id[application.id]
        for attr, value in plan.values.items():
            if attr == "pillar_id":
                application.pillar = session.get(Pillar, value)
            else:
                setattr(application, attr, value)
        application.carrier = session.get(Carrier, plan.carrier.id)
        if plan.call is not KEEP:
            call_id = getattr(plan.call, "id", None)
            application.call = session.get(Call, call_id) if call_id else None
        for step in plan.path:
            application.change_status(step, actor, reason, at)
        _update_lines(session, application, plan)
        application.refresh_search_text()
    session.flush()


def _update_lines(session: Session, application: Application, plan: DossierPlan) -> None:
    stored = {line.id: line for line in application.funding_lines}
    for line_plan in plan.lines:
        if line_plan.existing_id is None:
            funder = session.get(Funder, line_plan.funder.id)
            application.funding_lines.append(
                FundingLine(funder, line_plan.year, **line_plan.values))
            continue
        line = stored[line_plan.existing_id]
        for attr, value in line_plan.values.items():
            setattr(line, attr, value)
