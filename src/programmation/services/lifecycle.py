"""Moving dossiers along their lifecycle, one or many at once.

Calls of several hundred dossiers are normal: a batch is one transaction in
which every allowed change is made and recorded, and every refused one is
listed with the reason; nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ..adapters.persistence.database import Database
from ..domain.dossier import Application
from ..domain.lifecycle import Status, transition_error
from .errors import ServiceError


@dataclass(frozen=True)
class ChangeStatus:
    application_ids: Sequence[int]
    target: Status
    actor: str
    reason: str = ""


@dataclass
class BatchResult:
    changed: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (reference, why)

    @property
    def summary(self) -> str:
        text = f"{len(self.changed)} dossier(s) passé(s) au nouveau statut"
        if self.refused:
            text += f", {len(self.refused)} refusé(s)"
        return text


CHUNK = 500  # ids per query: SQLite limits the number of bound parameters


def _load(session, ids: Sequence[int]) -> list[Application]:
    ids = list(dict.fromkeys(ids))
    loaded: list[Application] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        loaded += session.scalars(
            select(Application).where(Application.id.in_(chunk))  # type: ignore[attr-defined]
        ).all()
    return loaded


def change_status(database: Database, command: ChangeStatus,
                  now: Callable[[], datetime] = datetime.now) -> BatchResult:
    if not command.actor.strip():
        raise ServiceError("indiquez qui effectue le changement de statut")
    result = BatchResult()
    at = now()
    with database.unit_of_work() as uow:
        applications = sorted(_load(uow.session, command.application_ids),
                              key=lambda a: a.reference)
        missing = set(command.application_ids) - {a.id for a in applications}
        if missing:
            raise ServiceError(f"{len(missing)} dossier(s) introuvable(s)")
        for application in applications:
            error = transition_error(application.status, command.target, application.channel)
            if error:
                result.refused.append((application.reference, error))
                continue
            application.change_status(command.target, command.actor, command.reason, at)
            result.changed.append(application.reference)
        uow.commit()
    return result
