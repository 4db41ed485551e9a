"""The carrier register: search, create/update with SIRET/RNA checks, dossiers, duplicates, merge.

Search runs in SQL on the normalised ``search_text`` column, the same on SQLite
and PostgreSQL. A merge is one transaction: the kept carrier takes the other's
dossiers and the fields it lacks, each moved dossier records the merge in its
history, the other carrier is deleted — or nothing happens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from ..adapters.persistence import tables as t
from ..adapters.persistence.database import Database
from ..domain import carrier_matching as matching
from ..domain.dossier import Application, Carrier
from ..domain.identifiers import rna_error, siret_error
from ..domain.lifecycle import Status
from ..domain.money import ZERO
from ..domain.review import Revision
from ..domain.text import search_key
from .errors import ServiceError


@dataclass(frozen=True)
class CarrierFields:
    """What the register form edits (identifiers as typed; they are normalised on save)."""

    name: str
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


FIELD_LABELS = {
    "name": "Nom", "legal_form": "Forme juridique", "siret": "SIRET", "rna": "RNA",
    "address": "Adresse", "postcode": "Code postal", "city": "Commune",
    "representative": "Représentant légal", "contact_name": "Contact", "email": "Courriel",
    "phone": "Téléphone", "qpv_only": "Intervient uniquement dans le QPV",
}
_MAX_LENGTHS = {column.name: column.type.length for column in t.carrier.c  # SIRET, RNA: format
                if getattr(column.type, "length", None) and column.name in FIELD_LABELS
                and column.name not in ("siret", "rna")}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTCODE = re.compile(r"\d{5}")


@dataclass(frozen=True)
class CarrierRow:
    id: int
    name: str
    legal_form: str
    siret: str
    rna: str
    city: str
    dossiers: int  # how many dossiers it carries, from first_year to last_year
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class CarrierDossier:
    id: int
    reference: str
    year: int
    title: str
    status: str  # its French label
    requested: Decimal
    granted: Decimal


@dataclass(frozen=True)
class SaveCarrier:
    fields: CarrierFields
    carrier_id: int | None = None  # None: a new carrier


@dataclass(frozen=True)
class DuplicatePair:
    """A probable duplicate: ``kept`` is the one suggested to keep."""

    kept: CarrierRow
    other: CarrierRow
    reason: str  # « même SIRET », « noms proches 93 % »…
    score: int


@dataclass(frozen=True)
class MergeCarriers:
    kept_id: int
    absorbed_id: int
    actor: str


@dataclass(frozen=True)
class MergeResult:
    kept_name: str
    absorbed_name: str
    moved: tuple[str, ...]  # references of the dossiers now with the kept carrier
    filled: tuple[str, ...]  # labels of the fields taken from the absorbed carrier


# --- validation ---------------------------------------------------------------------------
def field_errors(values: CarrierFields) -> dict[str, str]:
    """Field name → French message naming the field; empty when the carrier may be saved."""
    errors: dict[str, str] = {}
    if not values.name.strip():
        errors["name"] = "Nom : obligatoire"
    if values.siret.strip() and (error := siret_error(values.siret)):
        errors["siret"] = error
    if values.rna.strip() and (error := rna_error(values.rna)):
        errors["rna"] = error
    if values.email.strip() and not _EMAIL.fullmatch(values.email.strip()):
        errors["email"] = f"Courriel « {values.email.strip()} » : adresse invalide"
    if values.postcode.strip() and not _POSTCODE.fullmatch(values.postcode.strip()):
        errors["postcode"] = f"Code postal « {values.postcode.strip()} » : 5 chiffres attendus"
    for name, limit in _MAX_LENGTHS.items():
        value = getattr(values, name, None)
        if isinstance(value, str) and name not in errors and len(value.strip()) > limit:
            errors[name] = f"{FIELD_LABELS[name]} : {limit} caractères au plus"
    return errors


def identity_warning(values: CarrierFields) -> str | None:  # a warning: saving is allowed
    if values.siret.strip() or values.rna.strip():
        return None
    return "ni SIRET ni RNA : le porteur ne pourra pas être rapproché de ses doublons"


def _normalised(values: CarrierFields) -> Carrier:
    """A transient Carrier: stripped texts, identifiers normalised, search text computed."""
    data = {k: v.strip() if isinstance(v, str) else v for k, v in asdict(values).items()}
    return Carrier(**data)


# --- reading ------------------------------------------------------------------------------
def _rows_query(text: str = ""):
    c, a = t.carrier, t.application
    counts = (select(a.c.carrier_id, func.count().label("n"), func.min(a.c.year).label("first"),
                     func.max(a.c.year).label("last"))
              .group_by(a.c.carrier_id).subquery())
    query = (select(c.c.id, c.c.name, c.c.legal_form, c.c.siret, c.c.rna, c.c.city,
                    func.coalesce(counts.c.n, 0), counts.c.first, counts.c.last)
             .outerjoin(counts, counts.c.carrier_id == c.c.id)
             .order_by(c.c.search_text, c.c.id))
    for word in search_key(text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(c.c.search_text.like(f"%{escaped}%", escape="\\"))
    return query


def list_carriers(database: Database, text: str = "") -> list[CarrierRow]:
    """Carriers whose name, SIRET, RNA or town contain every word of ``text`` (any accent/case)."""
    with database.engine.connect() as connection:
        return [CarrierRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5], r[6], r[7], r[8])
                for r in connection.execute(_rows_query(text))]


def _fields_from(source: object) -> CarrierFields:
    """The form's fields of a Carrier or of a row of the carrier table (None → "")."""
    values = {f.name: getattr(source, f.name) for f in fields(CarrierFields)}
    return CarrierFields(**{name: "" if v is None else v for name, v in values.items()})


def carrier_fields(database: Database, carrier_id: int) -> CarrierFields | None:
    with database.engine.connect() as connection:
        row = connection.execute(select(t.carrier).where(t.carrier.c.id == carrier_id)).first()
    return None if row is None else _fields_from(row)


def carrier_dossiers(database: Database, carrier_id: int) -> list[CarrierDossier]:
    """The carrier's dossiers over the years, latest first, with requested and granted sums."""
    a, fl = t.application, t.funding_line
    sums = (select(fl.c.application_id, func.sum(fl.c.requested).label("requested"),
                   func.sum(fl.c.granted).label("granted"))
            .group_by(fl.c.application_id).subquery())
    query = (select(a.c.id, a.c.reference, a.c.year, a.c.title, a.c.status,
                    sums.c.requested, sums.c.granted)
             .outerjoin(sums, sums.c.application_id == a.c.id)
             .where(a.c.carrier_id == carrier_id)
             .order_by(a.c.year.desc(), a.c.reference))
    with database.engine.connect() as connection:  # SUM keeps the Cents type: Decimal euros
        return [CarrierDossier(r[0], r[1], r[2], r[3], Status(r[4]).label, r[5] or ZERO,
                               r[6] or ZERO) for r in connection.execute(query)]


# --- writing ------------------------------------------------------------------------------
def _check_identifiers_free(session, probe: Carrier, carrier_id: int | None) -> None:
    for attribute, label in (("siret", "SIRET"), ("rna", "RNA")):
        value = getattr(probe, attribute)
        other = value and session.execute(select(t.carrier.c.name).where(
            t.carrier.c[attribute] == value, t.carrier.c.id != (carrier_id or 0))).scalar()
        if other:
            raise ServiceError(f"{label} {value} déjà enregistré pour « {other} » : "
                               "fusionnez plutôt les deux porteurs (onglet « Doublons »)")


def save_carrier(database: Database, command: SaveCarrier) -> int:
    """Create or update a carrier; returns its id. Refuses invalid or already-used identifiers."""
    errors = field_errors(command.fields)
    if errors:
        raise ServiceError(" ; ".join(errors.values()))
    probe = _normalised(command.fields)
    with database.unit_of_work() as uow:
        session = uow.session
        _check_identifiers_free(session, probe, command.carrier_id)
        if command.carrier_id is None:
            session.add(probe)
            carrier = probe
        else:
            carrier = session.get(Carrier, command.carrier_id)
            if carrier is None:
                raise ServiceError("porteur introuvable : il a peut-être été fusionné ou supprimé")
            renamed = carrier.name != probe.name
            for name in [f.name for f in fields(CarrierFields)] + ["search_text"]:
                setattr(carrier, name, getattr(probe, name))
            if renamed:
                for application in _dossiers_of(session, carrier.id):
                    application.refresh_search_text()  # the dossier list searches carrier names
        uow.commit()
        return carrier.id


def _dossiers_of(session, carrier_id: int) -> list[Application]:
    return list(session.scalars(select(Application).where(
        t.application.c.carrier_id == carrier_id).order_by(t.application.c.reference)))


# --- duplicates and merge -----------------------------------------------------------------
def find_duplicate_carriers(database: Database,
                            threshold: int = matching.NAME_THRESHOLD) -> list[DuplicatePair]:
    """Probable duplicates (same SIRET, same RNA, near-identical names), strongest first."""
    rows = {row.id: row for row in list_carriers(database)}
    identities = {i: matching.CarrierIdentity(i, r.name, r.siret or None, r.rna or None)
                  for i, r in rows.items()}
    counts = {i: r.dossiers for i, r in rows.items()}
    pairs = []
    for match in matching.find_duplicates(list(identities.values()), threshold):
        first, second = identities[match.first_id], identities[match.second_id]
        kept, other = matching.suggested_kept(first, second, counts)
        pairs.append(DuplicatePair(rows[kept.id], rows[other.id], match.label, match.score))
    return pairs


def _record_merge(session, application: Application, absorbed: dict, kept: Carrier,
                  actor: str, at: datetime) -> None:
    note = (f"Porteur « {absorbed['name']} » fusionné dans « {kept.name} » : "
            "dossier rattaché au porteur conservé")
    snapshot = {"fusion_porteurs": {"porteur_absorbe": absorbed,
                                    "porteur_conserve": {"id": kept.id, "name": kept.name}}}
    session.add(Revision(application, at, actor, note, json.dumps(snapshot, ensure_ascii=False)))


def merge_carriers(database: Database, command: MergeCarriers,
                   now: Callable[[], datetime] = datetime.now) -> MergeResult:
    """Fold ``absorbed`` into ``kept`` in one transaction (see the module docstring)."""
    if command.kept_id == command.absorbed_id:
        raise ServiceError("un porteur ne peut pas être fusionné avec lui-même")
    if not command.actor.strip():
        raise ServiceError("indiquez qui effectue la fusion")
    at = now()
    with database.unit_of_work() as uow:
        session = uow.session
        kept = session.get(Carrier, command.kept_id)
        absorbed = session.get(Carrier, command.absorbed_id)
        if kept is None or absorbed is None:
            raise ServiceError("porteur introuvable : il a peut-être déjà été fusionné")
        kept_fields = _fields_from(kept)
        before = {"id": absorbed.id, **asdict(_fields_from(absorbed))}
        filled = matching.filled_fields(asdict(kept_fields), before)
        merged = _normalised(replace(kept_fields, **filled))
        for name in [*filled, "search_text"]:
            setattr(kept, name, getattr(merged, name))
        moved = _dossiers_of(session, absorbed.id)
        for application in moved:
            application.carrier = kept
            application.refresh_search_text()
            _record_merge(session, application, before, kept, command.actor.strip(), at)
        session.flush()  # the dossiers leave the absorbed carrier before it goes
        session.delete(absorbed)
        uow.commit()
        return MergeResult(kept.name, before["name"], tuple(a.reference for a in moved),
                           tuple(FIELD_LABELS[name] for name in filled))
