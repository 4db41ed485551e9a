"""Filling a dossier form: from a stored dossier, empty for a new one, and the carrier search.

Also the form's content as JSON-ready data: the snapshot the dossier's history keeps.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import object_session

from ..adapters.persistence.database import Database
from ..domain.alerts import ContractRules
from ..domain.channels import Channel, FundingNature
from ..domain.contract import Contract
from ..domain.dossier import Application, Carrier
from ..domain.text import search_key
from .attachments import info
from .dossier_forms import (
    REQUESTED,
    BudgetLineForm,
    CallChoice,
    CarrierForm,
    Choices,
    DossierForm,
    FunderChoice,
    FundingRequestForm,
    IndicatorForm,
)
from .errors import ServiceError
from .reserve_funders import reserve_funders


def _choices(session, contract: Contract, keep_pillar: str = "") -> Choices:
    return Choices(
        contract.id, contract.name, tuple(contract.years),
        tuple((p.code, p.name) for p in contract.pillars
              if not p.archived or p.code == keep_pillar),
        tuple((f.code, f.name) for f in contract.flags),
        tuple(FunderChoice(f.code, f.name, f.is_public, f.default_nature,
                           f.default_nature is not FundingNature.OWN)
              for f in contract.funders),
        tuple(CallChoice(c.id, c.title, c.channel, c.year)
              for c in sorted(contract.calls, key=lambda c: (c.year, c.id))),
        ContractRules.of(contract, reserve_funders(session, contract)),
    )


def _carrier_form(carrier: Carrier) -> CarrierForm:
    return CarrierForm(carrier.id, carrier.name, carrier.legal_form, carrier.siret or "",
                       carrier.rna or "", carrier.address, carrier.postcode, carrier.city,
                       carrier.representative, carrier.contact_name, carrier.email,
                       carrier.phone, carrier.qpv_only)


# the fields a dossier and its form share as they are
COPIED_FIELDS = ("title", "summary", "objectives", "content", "expected_results", "is_renewal",
                 "places", "start_date", "end_date", "submitted_on", "target_public",
                 "beneficiaries", "qpv_share", "women", "men", "is_flagship", "duration_years")


def form_of(application: Application) -> DossierForm:
    version = application.current_budget()
    form = DossierForm(
        _choices(object_session(application), application.contract, application.pillar.code),
        application.year,
        application.channel, id=application.id, reference=application.reference,
        status=application.status, carrier=_carrier_form(application.carrier),
        pillar_code=application.pillar.code, flag_codes=[f.code for f in application.flags],
        call_id=application.call.id if application.call is not None else None,
        previous_reference=application.previous.reference if application.previous else "",
        indicators=[IndicatorForm(i.label, i.target, i.unit, i.id)
                    for i in application.indicators],
        budget=[BudgetLineForm(e.account, e.amount, getattr(e.funder, "code", None), e.label)
                for e in (version.entries if version else [])],
        funding=[FundingRequestForm(line.funder.code, line.year, line.requested, line.nature)
                 for line in application.funding_lines],
        attachments=[info(a) for a in application.attachments],
        budget_kind=version.kind if version else REQUESTED,
    )
    for name in COPIED_FIELDS:
        setattr(form, name, getattr(application, name))
    return form


def load_form(database: Database, application_id: int) -> DossierForm:
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        if application is None:
            raise ServiceError("dossier introuvable")
        return form_of(application)


def new_form(database: Database, contract_id: int, channel: Channel, year: int) -> DossierForm:
    """An empty dossier of ``channel`` for ``year`` (in the year's call when there is one)."""
    with database.unit_of_work() as uow:
        contract = uow.session.get(Contract, contract_id)
        if contract is None:
            raise ServiceError("contrat introuvable")
        choices = _choices(uow.session, contract)
        calls = [c for c in choices.calls if c.channel is channel and c.year == year]
        return DossierForm(choices, year, channel, duration_years=3 if channel is Channel.CPO
                           else 1, call_id=calls[0].id if len(calls) == 1 else None,
                           pillar_code=choices.pillars[0][0] if choices.pillars else "")


def current_contract_id(database: Database) -> int | None:
    """The contract dossiers are typed into by default: the most recent one."""
    with database.unit_of_work() as uow:
        return uow.session.scalars(select(Contract.id).order_by(  # type: ignore[attr-defined]
            Contract.start_year.desc()).limit(1)).first()  # type: ignore[attr-defined]


def find_carriers(database: Database, text: str, limit: int = 20) -> list[CarrierForm]:
    """Carriers of the register whose name, SIRET, RNA or town contain every typed word."""
    query = select(Carrier)
    for word in search_key(text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Carrier.search_text.like(f"%{escaped}%", escape="\\"))  # type: ignore[attr-defined]
    with database.unit_of_work() as uow:
        found = uow.session.scalars(query.order_by(Carrier.search_text).limit(limit))  # type: ignore[attr-defined]
        return [_carrier_form(c) for c in found]


def snapshot(form: DossierForm) -> dict:
    """The content of a form as JSON-ready data (the snapshot kept in the history)."""
    data = asdict(form)
    for name in ("choices", "new_attachments", "removed_attachment_ids", "reference", "status",
                 "budget_kind", "previous_reference", "id"):
        data.pop(name)
    data["carrier"].pop("id")
    data["indicators"] = [{k: v for k, v in i.items() if k != "id"} for i in data["indicators"]]
    data["attachments"] = sorted([a.kind, a.filename, a.sha256] for a in form.kept_attachments)
    return json.loads(json.dumps(data, default=str))
