"""Typing a dossier in full (CERFA 12156): save a form in one transaction, renew a dossier.

The form (:mod:`.dossier_forms`) is plain editable data that the editor fills
(:mod:`.dossier_loading`); :func:`save_form` validates it at the edge
(:mod:`.dossier_validation`, French messages naming the field), then creates or
updates the dossier, its carrier, funding lines, indicators, attachments and
budget (its versions kept by :mod:`.dossier_budgets`), and records the edit as a
revision of the dossier — all or nothing.

This module is the editor's door: it also offers the form, its rules and the
loading use cases, wherever they live.
"""


from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..adapters.persistence.database import Database
from ..domain.channels import Channel
from ..domain.contract import Contract
from ..domain.dossier import Application, BudgetEntry, BudgetVersion, Carrier, Indicator
from ..domain.funding import FundingLine
from ..domain.lifecycle import Status
from ..domain.review import Revision
from .attachments import duplicate_of, new_attachment
from .dossier_budgets import (
    BudgetComparisonRow,
    compare_budgets,
    entered_instruction,
    store_budget,
)
from .dossier_forms import (
    ADJUSTED,
    BUDGET_KIND_LABELS,
    REQUESTED,
    BudgetLineForm,
    CallChoice,
    CarrierForm,
    Choices,
    DossierForm,
    FunderChoice,
    FundingRequestForm,
    IndicatorForm,
    PendingAttachment,
    SaveResult,
    form_alerts,
    form_budget,
    form_checklist,
)
from .dossier_loading import (
    COPIED_FIELDS,
    current_contract_id,
    find_carriers,
    form_of,
    load_form,
    new_form,
    snapshot,
)
from .dossier_validation import MAX_AMOUNT, MAX_COUNT, validate
from .errors import ServiceError

__all__ = [  # the editor's door: the form, its rules and its use cases, wherever they live
    "ADJUSTED", "BUDGET_KIND_LABELS", "MAX_AMOUNT", "MAX_COUNT", "REQUESTED",
    "BudgetComparisonRow", "BudgetLineForm", "CallChoice", "CarrierForm", "Choices",
    "DossierForm", "FunderChoice", "FundingRequestForm", "IndicatorForm", "PendingAttachment",
    "SaveResult", "compare_budgets", "current_contract_id", "entered_instruction",
    "find_carriers", "form_alerts", "form_budget", "form_checklist", "load_form", "new_form",
    "next_reference", "renew", "save_form", "validate",
]

# --- saving ----------------------------------------------------------------------------------

_FIELD_NAMES = {
    "carrier": "porteur", "title": "intitulé", "summary": "résumé", "objectives": "objectifs",
    "content": "contenu", "expected_results": "résultats attendus", "pillar_code": "pilier",
    "flag_codes": "priorités transversales", "call_id": "appel", "year": "année",
    "channel": "modalité", "is_renewal": "nouvelle / reconduite", "places": "lieux",
    "start_date": "date de début", "end_date": "date de fin", "submitted_on": "date de dépôt",
    "target_public": "public visé", "beneficiaries": "bénéficiaires",
    "qpv_share": "part habitant le QPV", "women": "femmes", "men": "hommes",
    "is_flagship": "action phare", "indicators": "indicateurs", "budget": "budget",
    "funding": "financements", "attachments": "pièces jointes",
}
_EDITABLE_UNTIL = frozenset({Status.DRAFT, Status.SUBMITTED, Status.AWAITING_INFO})


def _carrier(session: Session, wanted: CarrierForm) -> tuple[Carrier, list[str]]:
    notes = []
    if wanted.id is not None:
        carrier = session.get(Carrier, wanted.id)
        if carrier is None:
            raise ServiceError("Porteur : introuvable dans le répertoire")
    else:
        probe = Carrier(wanted.name, siret=wanted.siret or None, rna=wanted.rna or None)
        carrier = None
        for column, value in ((Carrier.siret, probe.siret), (Carrier.rna, probe.rna)):
            if value and carrier is None:
                carrier = session.scalars(select(Carrier).where(column == value)).first()
        if carrier is None:
            carrier = probe
            session.add(carrier)
        else:
            notes.append(f"porteur déjà au répertoire (même identifiant) : « {carrier.name} » "
                         "repris et mis à jour")
    values = asdict(wanted)
    values.pop("id")
    if not values["name"].strip():
        values.pop("name")
    for name, value in values.items():
        setattr(carrier, name, value.strip() if isinstance(value, str) else value)
    Carrier.__post_init__(carrier)  # normalised SIRET/RNA and search text, as at creation
    return carrier, notes


def next_reference(session: Session, year: int, channel: Channel) -> str:
    """The next free reference ``2025-AAP-004`` of a year and channel (inside a session)."""
    prefix = f"{year}-{channel.value}-"
    taken = session.scalars(select(Application.reference).where(  # type: ignore[attr-defined]
        Application.reference.like(f"{prefix}%")))  # type: ignore[attr-defined]
    numbers = [int(r[len(prefix):]) for r in taken if r[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"



def _apply(application: Application, form: DossierForm, contract: Contract,
           carrier: Carrier) -> None:
    for name in COPIED_FIELDS:
        setattr(application, name, getattr(form, name))
    application.year, application.channel, application.carrier = form.year, form.channel, carrier
    application.pillar = contract.pillar(form.pillar_code)
    application.flags = [f for f in contract.flags if f.code in form.flag_codes]
    application.call = next((c for c in contract.calls if c.id == form.call_id), None)


def _sync_funding(application: Application, form: DossierForm, contract: Contract) -> None:
    wanted = {(r.funder_code, r.year): r for r in form.funding}
    for line in list(application.funding_lines):
        request = wanted.pop((line.funder.code, line.year), None)
        decided = line.proposed is not None or line.granted is not None
        if request is not None and (request.requested or decided):
            line.requested = request.requested
            line.nature = request.nature or line.nature
            line.__post_init__()  # money to the cent
        elif decided:
            raise ServiceError(f"Financements · {line.funder.name} ({line.year}) : la ligne a "
                               "déjà une proposition ou une décision, elle ne peut être retirée")
        else:
            application.funding_lines.remove(line)
    for (code, year), request in wanted.items():
        if request.requested:
            funder = contract.funder(code)
            application.funding_lines.append(FundingLine(
                funder, year, request.requested, request.nature or funder.default_nature))


def _sync_indicators(application: Application, form: DossierForm) -> None:
    stored = {i.id: i for i in application.indicators}
    kept = []
    for wanted in form.indicators:
        indicator = stored.get(wanted.id) if wanted.id is not None else None
        if indicator is None:
            indicator = Indicator(wanted.label.strip())
        indicator.label, indicator.target, indicator.unit = (
            wanted.label.strip(), wanted.target, wanted.unit.strip())
        kept.append(indicator)
    application.indicators = kept


def _sync_attachments(application: Application, form: DossierForm, at: datetime) -> list[str]:
    for attachment in list(application.attachments):
        if attachment.id in form.removed_attachment_ids:
            application.attachments.remove(attachment)
    notes = []
    for pending in form.new_attachments:
        twin = duplicate_of(pending.file, application.attachments)
        if twin is not None:
            notes.append(f"« {pending.file.filename} » est déjà joint (« {twin.filename} ») : "
                         "non ajouté une seconde fois")
        else:
            application.attachments.append(new_attachment(pending.kind, pending.file, at))
    return notes


def _changes(before: dict | None, after: dict) -> str:
    if before is None:
        return "Création du dossier"
    changed = [label for name, label in _FIELD_NAMES.items() if before.get(name) != after[name]]
    return f"Modification : {', '.join(changed)}" if changed else ""


def _commit(uow) -> None:
    try:
        uow.commit()
    except IntegrityError:  # two laptops on one PostgreSQL base took the same reference
        raise ServiceError("un autre poste vient d'enregistrer un dossier de même référence : "
                           "enregistrez à nouveau") from None


def _stored(session: Session, form: DossierForm) -> tuple[Application | None, dict | None]:
    if form.id is None:
        return None, None
    application = session.get(Application, form.id)
    if application is None:
        raise ServiceError("dossier introuvable (supprimé entre-temps ?)")
    if application.status is Status.CLOSED:
        raise ServiceError(f"{application.reference} est clos : il ne se modifie plus")
    moved = (application.year, application.channel) != (form.year, form.channel)
    if moved and application.status not in _EDITABLE_UNTIL:
        raise ServiceError(f"Action · Année et modalité : elles ne changent plus une fois le "
                           f"dossier « {application.status.label} »")
    return application, snapshot(form_of(application))


def save_form(database: Database, form: DossierForm, actor: str,
              now: Callable[[], datetime] = datetime.now) -> SaveResult:
    """Create or update the dossier of ``form`` in one transaction, or change nothing."""
    if not actor.strip():
        raise ServiceError("indiquez qui enregistre le dossier")
    errors = validate(form)
    if errors:
        raise ServiceError("\n".join(errors))
    at = now()
    with database.unit_of_work() as uow:
        session = uow.session
        contract = session.get(Contract, form.choices.contract_id)
        if contract is None:
            raise ServiceError("contrat introuvable")
        application, before = _stored(session, form)
        carrier, notes = _carrier(session, form.carrier)
        if application is None:
            application = Application(next_reference(session, form.year, form.channel),
                                      form.year, form.channel, form.title, carrier,
                                      contract.pillar(form.pillar_code), contract=contract)
            session.add(application)
        _apply(application, form, contract, carrier)
        _sync_funding(application, form, contract)
        _sync_indicators(application, form)
        kind = store_budget(application, form, contract, at, actor)
        notes += _sync_attachments(application, form, at)
        application.refresh_search_text()
        session.flush()
        after = snapshot(form_of(application))
        note = _changes(before, after)
        if note:
            session.add(Revision(application, at, actor, note, json.dumps(after)))
        _commit(uow)
        return SaveResult(application.id, application.reference, before is None, kind,
                          tuple(notes) if note else ("aucun changement", *notes))


# --- renewal ---------------------------------------------------------------------------------


def _shifted(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _renewal_of(source: Application, session: Session, year: int, at: datetime) -> Application:
    contract = source.contract
    channel = Channel.AAP if source.channel is Channel.AMI else source.channel
    calls = [c for c in contract.calls if c.channel is channel and c.year == year]
    new = Application(next_reference(session, year, channel), year, channel, source.title,
                      source.carrier, source.pillar, contract=contract, previous=source,
                      is_renewal=True, call=calls[0] if calls else None)
    for name in ("summary", "objectives", "content", "expected_results", "places",
                 "target_public", "beneficiaries", "qpv_share", "women", "men", "is_flagship"):
        setattr(new, name, getattr(source, name))
    offset = year - source.year
    new.start_date, new.end_date = (_shifted(source.start_date, offset),
                                    _shifted(source.end_date, offset))
    new.flags = list(source.flags)
    new.indicators = [Indicator(i.label, i.target, unit=i.unit) for i in source.indicators]
    version = source.current_budget()
    if version is not None:
        new.budget_versions = [BudgetVersion(REQUESTED, at, [
            BudgetEntry(e.account, e.amount, e.funder, e.label) for e in version.entries],
            note=f"Repris du dossier {source.reference}")]
    new.total_cost = version.budget().total_charges if version is not None else source.total_cost
    new.funding_lines = [
        FundingLine(line.funder, line.year + offset, line.requested, line.nature)
        for line in source.funding_lines if line.year + offset in new.years
    ]
    return new


def renew(database: Database, application_id: int, year: int, actor: str,
          now: Callable[[], datetime] = datetime.now) -> SaveResult:
    """« Reconduire » : a new draft dossier for ``year``, linked to the original.

    Content, budget, indicators and requested amounts are copied; no proposal,
    decision, status history or attachment is.
    """
    if not actor.strip():
        raise ServiceError("indiquez qui reconduit le dossier")
    at = now()
    with database.unit_of_work() as uow:
        session = uow.session
        source = session.get(Application, application_id)
        if source is None:
            raise ServiceError("dossier introuvable")
        if year <= source.year:
            raise ServiceError(f"Reconduction : l'année {year} doit suivre celle du dossier "
                               f"({source.year})")
        if year not in source.contract.years:
            raise ServiceError(f"Reconduction : {year} est hors du contrat "
                               f"({source.contract.start_year}–{source.contract.end_year})")
        twin = session.scalars(select(Application.reference).where(  # type: ignore[attr-defined]
            Application.previous_id == source.id, Application.year == year)).first()  # type: ignore[attr-defined]
        if twin is not None:
            raise ServiceError(f"{source.reference} est déjà reconduit en {year} : {twin}")
        new = _renewal_of(source, session, year, at)
        session.add(new)
        session.flush()
        session.add(Revision(new, at, actor, f"Reconduction du dossier {source.reference}",
                             json.dumps(snapshot(form_of(new)))))
        _commit(uow)
        return SaveResult(new.id, new.reference, True, REQUESTED,
                          (f"{new.reference} créé en brouillon, reconduction de "
                           f"{source.reference}",))
