"""Column mappings for imports: Dauphin's, built in, and those saved by name.

A saved mapping lists, for the columns of a given kind of sheet, the field
each one holds (stored as JSON in ``import_mapping``: column name → field).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select

from ..adapters.importing.rows import ColumnMapping
from ..adapters.persistence.database import Database
from ..domain.dauphin import DAUPHIN_MAPPING, REQUIRED_FIELDS, Field, dauphin_field, header_key
from ..domain.review import ImportMapping
from .errors import ServiceError

NEW_MAPPING = "Nouvelle correspondance…"


def mapping_names(database: Database) -> list[str]:
    """Dauphin first, then the saved mappings by name."""
    with database.unit_of_work() as uow:
        names = uow.session.scalars(select(ImportMapping.name)  # type: ignore[attr-defined]
                                    .order_by(ImportMapping.name)).all()  # type: ignore[attr-defined]
    return [DAUPHIN_MAPPING, *names]


def load_mapping(database: Database, name: str) -> ColumnMapping:
    if name == DAUPHIN_MAPPING:
        return ColumnMapping(DAUPHIN_MAPPING, dauphin=True)
    columns = mapping_columns(database, name)
    if not columns:
        raise ServiceError(f"correspondance « {name} » introuvable")
    return ColumnMapping(name, {header_key(column): f for column, f in columns.items()})


def mapping_columns(database: Database, name: str) -> dict[str, Field]:
    """A saved mapping as written: column name → field (empty if there is none)."""
    if name == DAUPHIN_MAPPING:
        return {}
    with database.unit_of_work() as uow:
        payload = uow.session.scalars(select(ImportMapping.columns).where(  # type: ignore[attr-defined]
            ImportMapping.name == name)).first()  # type: ignore[attr-defined]
    return {} if payload is None else {c: Field(v) for c, v in json.loads(payload).items()}


def guess_fields(columns: list[str]) -> dict[str, Field | None]:
    """What the Dauphin names suggest for each column (a starting point for a new mapping)."""
    return {column: dauphin_field(column) for column in columns}


def missing_fields(columns: Mapping[str, Field | None]) -> list[Field]:
    chosen = set(columns.values())
    return [f for f in REQUIRED_FIELDS if f not in chosen]


def save_mapping(database: Database, name: str, columns: Mapping[str, Field | None], *,
                 replace: bool = False, now=datetime.now) -> str:
    """Save (or with ``replace``, overwrite) a mapping; returns its name."""
    name = " ".join(name.split())
    if not name:
        raise ServiceError("donnez un nom à la correspondance")
    if name.casefold() in (DAUPHIN_MAPPING.casefold(), NEW_MAPPING.casefold()):
        raise ServiceError(f"« {name} » est réservé : choisissez un autre nom")
    if len(name) > 120:
        raise ServiceError("nom de correspondance trop long (120 caractères au plus)")
    kept = {column: f for column, f in columns.items() if f is not None}
    missing = missing_fields(kept)
    if missing:
        raise ServiceError("associez une colonne à : " + ", ".join(f.label for f in missing))
    chosen = list(kept.values())
    doubles = sorted({f.label for f in chosen if chosen.count(f) > 1})
    if doubles:
        raise ServiceError("un champ ne peut venir que d'une colonne : " + ", ".join(doubles))
    payload = json.dumps({c: f.value for c, f in kept.items()}, ensure_ascii=False)
    with database.unit_of_work() as uow:
        stored = uow.session.scalars(select(ImportMapping).where(
            ImportMapping.name == name)).first()  # type: ignore[attr-defined]
        if stored is not None and not replace:
            raise ServiceError(f"une correspondance « {name} » existe déjà")
        if stored is None:
            uow.session.add(ImportMapping(name, payload, now()))
        else:
            stored.columns, stored.created_at = payload, now()
        uow.commit()
    return name


def delete_mapping(database: Database, name: str) -> None:
    with database.unit_of_work() as uow:
        stored = uow.session.scalars(select(ImportMapping).where(
            ImportMapping.name == name)).first()  # type: ignore[attr-defined]
        if stored is None:
            raise ServiceError(f"correspondance « {name} » introuvable")
        uow.session.delete(stored)
        uow.commit()
