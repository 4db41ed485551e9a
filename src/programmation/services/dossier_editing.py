"""Typing a dossier in full (CERFA 12156): load a form, check it, save it in one transaction.

The form is plain editable data that the editor fills; :func:`save_form`
validates it at the edge (French messages naming the field), then creates or
updates the dossier, its carrier, funding lines, indicators, attachments and
budget, and records the edit as a revision of the dossier — all or nothing.
Budget versions are kept: the first save is the budget « as requested »; once
the dossier has entered instruction, budget changes go to an « adjusted »
version and the requested one is never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..adapters.persistence.database import Database
from ..domain.alerts import Alert, ContractRules, DossierFacts, Request, alerts
from ..domain.budget import ACCOUNTS, ACCOUNTS_BY_CODE, SUBSIDY_ACCOUNT, Budget, BudgetLine
from ..domain.channels import Channel, FundingNature
from ..domain.checklist import Checklist, checklist
from ..domain.contract import Contract
from ..domain.dossier import Application, BudgetEntry, BudgetVersion, Carrier, Indicator
from ..domain.funding import FundingLine
from ..domain.lifecycle import Status
from ..domain.money import ZERO
from ..domain.review import Revision
from ..domain.text import search_key
from .attachments import AttachmentInfo, CheckedFile, duplicate_of, info, new_attachment
from .errors import ServiceError

REQUESTED, ADJUSTED = "requested", "adjusted"
BUDGET_KIND_LABELS = {REQUESTED: "tel que demandé", ADJUSTED: "tel qu'ajusté après instruction"}
_BEFORE_INSTRUCTION = frozenset({Status.DRAFT, Status.SUBMITTED, Status.AWAITING_INFO,
                                 Status.ADMISSIBLE, Status.INADMISSIBLE, Status.WITHDRAWN})

# --- the form ------------------------------------------------------------------------------


@dataclass
class CarrierForm:
    id: int | None = None  # a carrier of the register, or None to create one
    name: str = ""
    legal_form: str = "Association loi 1901"
    siret: str = ""
    rna: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    representative: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    qpv_only: bool = False


@dataclass
class BudgetLineForm:
    account: str
    amount: Decimal
    funder_code: str | None = None  # on 74 lines
    label: str = ""


@dataclass
class FundingRequestForm:
    funder_code: str
    year: int
    requested: Decimal
    nature: FundingNature | None = None  # None: the funder's usual nature


@dataclass
class IndicatorForm:
    label: str
    target: Decimal | None = None
    unit: str = ""
    id: int | None = None  # keeps the achieved value of a stored indicator


@dataclass(frozen=True)
class PendingAttachment:
    """A checked file to attach when the form is saved."""

    kind: str
    file: CheckedFile


@dataclass(frozen=True)
class FunderChoice:
    code: str
    name: str
    public: bool
    nature: FundingNature
    subsidy: bool  # has a 74 line in the CERFA budget (not the carrier's own money)


@dataclass(frozen=True)
class CallChoice:
    id: int
    title: str
    channel: Channel
    year: int


@dataclass(frozen=True)
class Choices:
    """What the editor offers in its lists, and the contract's rules."""

    contract_id: int
    contract_name: str
    years: tuple[int, ...]
    pillars: tuple[tuple[str, str], ...]  # (code, name)
    flags: tuple[tuple[str, str], ...]
    funders: tuple[FunderChoice, ...]
    calls: tuple[CallChoice, ...]
    rules: ContractRules

    def funder(self, code: str) -> FunderChoice | None:
        return next((f for f in self.funders if f.code == code), None)


@dataclass
class DossierForm:
    choices: Choices
    year: int
    channel: Channel
    id: int | None = None
    reference: str = ""
    status: Status = Status.DRAFT
    duration_years: int = 1
    carrier: CarrierForm = field(default_factory=CarrierForm)
    title: str = ""
    summary: str = ""
    objectives: str = ""
    content: str = ""
    expected_results: str = ""
    pillar_code: str = ""
    flag_codes: list[str] = field(default_factory=list)
    call_id: int | None = None
    is_renewal: bool = False
    previous_reference: str = ""
    places: str = ""
    start_date: date | None = None
    end_date: date | None = None
    submitted_on: date | None = None
    target_public: str = ""
    beneficiaries: int | None = None
    qpv_share: Decimal | None = None  # a ratio: 0.85 for 85 %
    women: int | None = None
    men: int | None = None
    is_flagship: bool = False
    indicators: list[IndicatorForm] = field(default_factory=list)
    budget: list[BudgetLineForm] = field(default_factory=list)
    funding: list[FundingRequestForm] = field(default_factory=list)
    attachments: list[AttachmentInfo] = field(default_factory=list)  # stored
    new_attachments: list[PendingAttachment] = field(default_factory=list)
    removed_attachment_ids: list[int] = field(default_factory=list)
    budget_kind: str = REQUESTED  # the version the budget grid shows

    @property
    def years(self) -> range:
        return range(self.year, self.year + self.duration_years)

    @property
    def kept_attachments(self) -> list[AttachmentInfo]:
        return [a for a in self.attachments if a.id not in self.removed_attachment_ids]


@dataclass(frozen=True)
class SaveResult:
    application_id: int
    reference: str
    created: bool
    budget_kind: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BudgetComparisonRow:
    account: str
    label: str
    requested: Decimal
    adjusted: Decimal | None
    difference: Decimal | None


# --- rules as you type -----------------------------------------------------------------------


def form_budget(form: DossierForm) -> Budget:
    """The budget typed so far; lines that cannot exist are left to the save-time checks."""
    lines = []
    for line in form.budget:
        try:
            lines.append(BudgetLine(line.account, line.amount, line.funder_code, line.label))
        except (ValueError, TypeError):
            continue
    return Budget.of(lines)


def _facts(form: DossierForm) -> DossierFacts:
    budget = form_budget(form)
    requests = tuple(
        Request(r.funder_code, f.name, f.public, r.year, r.requested)
        for r in form.funding if (f := form.choices.funder(r.funder_code)) and r.requested >= 0
    )
    pieces = [(a.kind, a.filename) for a in form.kept_attachments]
    pieces += [(p.kind, p.file.filename) for p in form.new_attachments]
    return DossierFacts(
        form.channel, form.year, form.duration_years, budget.total_charges, budget, requests,
        form.carrier.siret or None, form.carrier.rna or None, form.start_date, form.end_date,
        form.beneficiaries, form.qpv_share, form.women, form.men, tuple(pieces),
        {f.code: f.name for f in form.choices.funders},
    )


def form_alerts(form: DossierForm) -> list[Alert]:
    """The rules the dossier breaks as typed so far (never blocking)."""
    return alerts(_facts(form), form.choices.rules)


def form_checklist(form: DossierForm) -> Checklist:
    return checklist(form.channel, _facts(form).attachments)


# --- validation at the edge --------------------------------------------------------------------

MAX_AMOUNT = Decimal("999999999999.99")  # beyond, a typing slip (and beyond the columns)
MAX_COUNT = 10_000_000
_LENGTHS = (("title", "Action · Intitulé", 300), ("places", "Action · Lieux", 300),
            ("target_public", "Public · Public visé", 300))
_CARRIER_LENGTHS = (("name", "Nom", 300), ("legal_form", "Forme juridique", 120),
                    ("address", "Adresse", 300), ("postcode", "Code postal", 10),
                    ("city", "Commune", 120), ("representative", "Représentant légal", 200),
                    ("contact_name", "Contact", 200), ("email", "E-mail", 200),
                    ("phone", "Téléphone", 40))


def validate(form: DossierForm) -> list[str]:
    """What must be fixed before saving, each message naming its field."""
    errors = []
    if not form.title.strip():
        errors.append("Action · Intitulé : à renseigner")
    for name, caption, limit in _LENGTHS:
        if len(getattr(form, name)) > limit:
            errors.append(f"{caption} : {limit} caractères au plus")
    errors += _carrier_errors(form.carrier)
    errors += _action_errors(form)
    errors += _public_errors(form)
    errors += _budget_errors(form)
    errors += _funding_errors(form)
    for number, indicator in enumerate(form.indicators, 1):
        if not indicator.label.strip():
            errors.append(f"Indicateurs · ligne {number} : libellé à renseigner")
        elif len(indicator.label) > 300 or len(indicator.unit) > 40:
            errors.append(f"Indicateurs · ligne {number} : texte trop long")
        if indicator.target is not None and not ZERO <= indicator.target <= MAX_AMOUNT:
            errors.append(f"Indicateurs · « {indicator.label} » : cible négative ou trop élevée")
    return errors


def _carrier_errors(carrier: CarrierForm) -> list[str]:
    errors = []
    if carrier.id is None and not carrier.name.strip():
        errors.append("Porteur · Nom : choisissez un porteur du répertoire ou saisissez son nom")
    for name, caption, limit in _CARRIER_LENGTHS:
        if len(getattr(carrier, name)) > limit:
            errors.append(f"Porteur · {caption} : {limit} caractères au plus")
    siret = "".join(carrier.siret.split()).replace(".", "")
    if siret and (len(siret) > 14 or not siret.isdigit()):
        errors.append(f"Porteur · SIRET « {carrier.siret} » : 14 chiffres attendus")
    if len(carrier.rna.replace(" ", "")) > 10:
        errors.append(f"Porteur · RNA « {carrier.rna} » : « W » suivi de 9 chiffres attendu")
    if carrier.email and "@" not in carrier.email:
        errors.append(f"Porteur · E-mail « {carrier.email} » : adresse invalide")
    return errors


def _action_errors(form: DossierForm) -> list[str]:
    c = form.choices
    errors = []
    if form.pillar_code not in {code for code, _ in c.pillars}:
        errors.append("Action · Pilier : à choisir")
    if form.year not in c.years:
        errors.append(f"Action · Année : {form.year} est hors du contrat "
                      f"({c.years[0]}–{c.years[-1]})")
    known_flags = {code for code, _ in c.flags}
    if any(code not in known_flags for code in form.flag_codes):
        errors.append("Action · Priorités transversales : priorité inconnue du contrat")
    if form.call_id is not None:
        call = next((k for k in c.calls if k.id == form.call_id), None)
        if call is None:
            errors.append("Action · Appel : appel inconnu du contrat")
        elif call.channel is not form.channel:
            errors.append(f"Action · Appel : « {call.title} » est un {call.channel.value}, "
                          f"pas un dossier {form.channel.label.lower()}")
    return errors


def _public_errors(form: DossierForm) -> list[str]:
    errors = []
    for name, caption in (("beneficiaries", "Bénéficiaires"), ("women", "Femmes"),
                          ("men", "Hommes")):
        value = getattr(form, name)
        if value is not None and value < 0:
            errors.append(f"Public · {caption} : nombre négatif")
        elif value is not None and value > MAX_COUNT:
            errors.append(f"Public · {caption} : {value} personnes, est-ce une erreur de frappe ?")
    if form.qpv_share is not None and not ZERO <= form.qpv_share <= 1:
        errors.append("Public · Part habitant le QPV : entre 0 et 100 %")
    return errors


def _budget_errors(form: DossierForm) -> list[str]:
    errors = []
    for line in form.budget:
        account = ACCOUNTS_BY_CODE.get(line.account)
        where = f"Budget · compte {line.account}"
        if account is None:
            errors.append(f"{where} : compte inconnu du plan CERFA")
        elif line.amount < 0:
            errors.append(f"{where} ({account.label}) : montant négatif")
        elif line.amount > MAX_AMOUNT:
            errors.append(f"{where} ({account.label}) : montant trop élevé")
        elif line.account == SUBSIDY_ACCOUNT and form.choices.funder(line.funder_code or "") \
                is None:
            errors.append(f"{where} : la subvention doit nommer un financeur du contrat")
    return errors


def _funding_errors(form: DossierForm) -> list[str]:
    errors, seen = [], set()
    for line in form.funding:
        funder = form.choices.funder(line.funder_code)
        name = funder.name if funder else line.funder_code
        if funder is None:
            errors.append(f"Financements · « {line.funder_code} » : financeur inconnu")
        elif line.year not in form.years:
            errors.append(f"Financements · {name} : {line.year} hors des années du dossier")
        elif not ZERO <= line.requested <= MAX_AMOUNT:
            errors.append(f"Financements · {name} ({line.year}) : montant négatif ou trop élevé")
        elif (line.funder_code, line.year) in seen:
            errors.append(f"Financements · {name} ({line.year}) : saisi deux fois")
        seen.add((line.funder_code, line.year))
    return errors


# --- loading -------------------------------------------------------------------------------------


def _choices(contract: Contract, keep_pillar: str = "") -> Choices:
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
        ContractRules.of(contract),
    )


def _carrier_form(carrier: Carrier) -> CarrierForm:
    return CarrierForm(carrier.id, carrier.name, carrier.legal_form, carrier.siret or "",
                       carrier.rna or "", carrier.address, carrier.postcode, carrier.city,
                       carrier.representative, carrier.contact_name, carrier.email,
                       carrier.phone, carrier.qpv_only)


_COPIED = ("title", "summary", "objectives", "content", "expected_results", "is_renewal",
           "places", "start_date", "end_date", "submitted_on", "target_public", "beneficiaries",
           "qpv_share", "women", "men", "is_flagship", "duration_years")


def _form_of(application: Application) -> DossierForm:
    version = application.current_budget()
    form = DossierForm(
        _choices(application.contract, application.pillar.code), application.year,
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
    for name in _COPIED:
        setattr(form, name, getattr(application, name))
    return form


def load_form(database: Database, application_id: int) -> DossierForm:
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        if application is None:
            raise ServiceError("dossier introuvable")
        return _form_of(application)


def new_form(database: Database, contract_id: int, channel: Channel, year: int) -> DossierForm:
    """An empty dossier of ``channel`` for ``year`` (in the year's call when there is one)."""
    with database.unit_of_work() as uow:
        contract = uow.session.get(Contract, contract_id)
        if contract is None:
            raise ServiceError("contrat introuvable")
        choices = _choices(contract)
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


def _plain(form: DossierForm) -> dict:
    """The content of a form as JSON-ready data (the snapshot kept in the history)."""
    data = asdict(form)
    for name in ("choices", "new_attachments", "removed_attachment_ids", "reference", "status",
                 "budget_kind", "previous_reference", "id"):
        data.pop(name)
    data["carrier"].pop("id")
    data["indicators"] = [{k: v for k, v in i.items() if k != "id"} for i in data["indicators"]]
    data["attachments"] = sorted([a.kind, a.filename, a.sha256] for a in form.kept_attachments)
    return json.loads(json.dumps(data, default=str))


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


_next_reference = next_reference  # the name services/cpo.py imports


def _apply(application: Application, form: DossierForm, contract: Contract,
           carrier: Carrier) -> None:
    for name in _COPIED:
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


def _keyed(entries: list[BudgetEntry]) -> dict[tuple[str, str | None], Decimal]:
    sums: dict[tuple[str, str | None], Decimal] = {}
    for e in entries:
        key = (e.account, getattr(e.funder, "code", None))
        sums[key] = sums.get(key, ZERO) + e.amount
    return {k: v for k, v in sums.items() if v}


def entered_instruction(application: Application) -> bool:
    return application.status not in _BEFORE_INSTRUCTION or any(
        change.to_status is Status.UNDER_REVIEW for change in application.history)


def _store_budget(application: Application, form: DossierForm, contract: Contract,
                  at: datetime, actor: str) -> str:
    """Keep the budget versions; returns the kind of the version now current."""
    funders = {f.code: f for f in contract.funders}
    entries = [BudgetEntry(line.account, line.amount,
                           funders[line.funder_code] if line.funder_code else None, line.label)
               for line in form.budget if line.amount]
    versions = application.budget_versions
    requested = next((v for v in versions if v.kind == REQUESTED), None)
    adjusted = next((v for v in reversed(versions) if v.kind == ADJUSTED), None)
    current = adjusted or requested
    if current is not None and _keyed(current.entries) == _keyed(entries):
        return current.kind
    if current is None:
        if not entries:
            return REQUESTED
        current = BudgetVersion(REQUESTED, at, entries, note=f"Saisi par {actor}")
        versions.append(current)
    elif current is requested and entered_instruction(application):
        current = BudgetVersion(ADJUSTED, at, entries, note=f"Ajusté par {actor}")
        versions.append(current)
    else:
        current.entries = entries
        current.created_at = at
    application.total_cost = current.budget().total_charges
    return current.kind


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
    return application, _plain(_form_of(application))


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
        kind = _store_budget(application, form, contract, at, actor)
        notes += _sync_attachments(application, form, at)
        application.refresh_search_text()
        session.flush()
        after = _plain(_form_of(application))
        note = _changes(before, after)
        if note:
            session.add(Revision(application, at, actor, note, json.dumps(after)))
        _commit(uow)
        return SaveResult(application.id, application.reference, before is None, kind,
                          tuple(notes) if note else ("aucun changement", *notes))


def compare_budgets(database: Database, application_id: int) -> list[BudgetComparisonRow]:
    """The budget as requested and as adjusted, line by line, with the difference."""
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        if application is None:
            raise ServiceError("dossier introuvable")
        versions = application.budget_versions
        requested = next((v for v in versions if v.kind == REQUESTED), None)
        adjusted = next((v for v in reversed(versions) if v.kind == ADJUSTED), None)
        asked = _keyed(requested.entries) if requested else {}
        final = _keyed(adjusted.entries) if adjusted else None
        names = {f.code: (f.position, f.name) for f in application.contract.funders}
    order = {a.code: i for i, a in enumerate(ACCOUNTS)}
    keys = sorted(set(asked) | set(final or {}),
                  key=lambda k: (order[k[0]], names.get(k[1] or "", (0, ""))[0]))
    rows = []
    for account, funder in keys:
        label = ACCOUNTS_BY_CODE[account].label
        if funder:
            label = f"Subvention — {names.get(funder, (0, funder))[1]}"
        before = asked.get((account, funder), ZERO)
        after = final.get((account, funder), ZERO) if final is not None else None
        rows.append(BudgetComparisonRow(account, label, before, after,
                                        None if after is None else after - before))
    return rows


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
                             json.dumps(_plain(_form_of(new)))))
        _commit(uow)
        return SaveResult(new.id, new.reference, True, REQUESTED,
                          (f"{new.reference} créé en brouillon, reconduction de "
                           f"{source.reference}",))
