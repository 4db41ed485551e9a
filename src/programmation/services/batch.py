"""Acting on many dossiers at once: change status, assign instructors, export the selection.

The status change is ``services.lifecycle.change_status`` (one transaction, the
refused listed with their reason). Assigning instructors is one transaction too,
recorded in each changed dossier's history. The export reads the dossiers 500 at a
time and has ``adapters.exporting.selection`` write them to an .xlsx in French
number formats where a text is never a formula (``=HYPERLINK(…)`` stays a name).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..adapters.persistence import tables as t
from ..adapters.persistence.database import Database
from ..domain.dossier import Application
from ..domain.lifecycle import Status, allowed_targets
from ..domain.people import Person
from ..domain.review import Revision
from .dossier_list import DossierListService
from .errors import ServiceError
from .lifecycle import BatchResult, ChangeStatus, change_status

__all__ = ["AssignInstructors", "AssignmentResult", "BatchResult", "ChangeStatus",
           "InstructorChoice", "TargetChoice", "assign_instructors", "change_status",
           "export_selection", "instructor_choices", "status_targets"]

_CHUNK = 900  # ids per IN (…): well under the bound-parameter limits of SQLite and PostgreSQL


def chunks(ids: Sequence[int], size: int = _CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


# --- status -------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetChoice:
    status: Status
    allowed: int  # how many of the selected dossiers may move to it
    total: int

    @property
    def text(self) -> str:
        if self.allowed < self.total:
            return f"{self.status.label} — {self.allowed} dossier(s) sur {self.total}"
        return f"{self.status.label} — les {self.total} dossiers" if self.total > 1 \
            else self.status.label


def status_targets(database: Database, application_ids: Sequence[int]) -> list[TargetChoice]:
    """The statuses at least one selected dossier may move to, in lifecycle order."""
    a = t.application
    states: dict[tuple, int] = {}
    with database.engine.connect() as connection:
        for part in chunks(list(application_ids)):
            query = (select(a.c.status, a.c.channel, func.count()).where(a.c.id.in_(part))
                     .group_by(a.c.status, a.c.channel))
            for status, channel, count in connection.execute(query):
                states[status, channel] = states.get((status, channel), 0) + count
    total = sum(states.values())
    allowed = {target: sum(n for (status, channel), n in states.items()
                           if target in allowed_targets(status, channel)) for target in Status}
    return [TargetChoice(target, allowed[target], total) for target in Status if allowed[target]]


# --- instructors --------------------------------------------------------------------------
@dataclass(frozen=True)
class InstructorChoice:
    id: int
    label: str  # « Claire Vanhove (Cœur de Flandre agglo — …) »
    assigned: int  # how many of the selected dossiers already have this instructor
    total: int


@dataclass(frozen=True)
class AssignInstructors:
    application_ids: Sequence[int]
    person_ids: Sequence[int]
    replace: bool  # False: add to those already assigned; True: they become the only ones
    actor: str


@dataclass(frozen=True)
class AssignmentResult:
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    refused: tuple[tuple[str, str], ...]  # (reference, why)

    @property
    def summary(self) -> str:
        text = f"{len(self.changed)} dossier(s) modifié(s)"
        if self.unchanged:
            text += f", {len(self.unchanged)} déjà à jour"
        if self.refused:
            text += f", {len(self.refused)} refusé(s)"
        return text


def instructor_choices(database: Database,
                       application_ids: Sequence[int]) -> list[InstructorChoice]:
    """The active instructors of the selected dossiers' contracts, with their current share."""
    a, p, asg = t.application, t.person, t.assignment
    ids = list(application_ids)
    contracts: set[int] = set()
    assigned: dict[int, int] = {}
    with database.engine.connect() as connection:
        for part in chunks(ids):
            contracts |= set(connection.execute(
                select(a.c.contract_id).where(a.c.id.in_(part)).distinct()).scalars())
            for person_id, count in connection.execute(
                    select(asg.c.person_id, func.count()).where(asg.c.application_id.in_(part))
                    .group_by(asg.c.person_id)):
                assigned[person_id] = assigned.get(person_id, 0) + count
        people = connection.execute(
            select(p.c.id, p.c.name, p.c.organisation)
            .where(p.c.contract_id.in_(contracts), p.c.active.is_(True))
            .order_by(p.c.name, p.c.id)).all()
    return [InstructorChoice(row.id, f"{row.name} ({row.organisation})" if row.organisation
                             else row.name, assigned.get(row.id, 0), len(ids))
            for row in people]


def _people(session, person_ids: Iterable[int]) -> list[Person]:
    wanted = set(person_ids)
    people = list(session.scalars(select(Person).where(t.person.c.id.in_(wanted))))
    if len(people) != len(wanted):
        raise ServiceError("instructeur introuvable : la liste a changé, rouvrez la fenêtre")
    inactive = [p.name for p in people if not p.active]
    if inactive:
        raise ServiceError(f"instructeur inactif : {', '.join(inactive)}")
    return sorted(people, key=lambda p: (p.name, p.id))


def _names(people: Iterable[Person]) -> list[str]:
    return [person.name for person in people]


def _record_assignment(session, application: Application, before: list[str], actor: str,
                       at: datetime) -> None:
    after = _names(application.assignees)
    note = f"Instructeurs : {', '.join(after) or 'aucun'} (avant : {', '.join(before) or 'aucun'})"
    snapshot = {"instructeurs": {"avant": before, "apres": after}}
    session.add(Revision(application, at, actor, note, json.dumps(snapshot, ensure_ascii=False)))


def assign_instructors(database: Database, command: AssignInstructors,
                       now: Callable[[], datetime] = datetime.now) -> AssignmentResult:
    """Add (or set) instructors on many dossiers in one transaction, recorded in each history.

    A dossier whose contract is not the instructor's is refused and listed.
    """
    if not command.actor.strip():
        raise ServiceError("indiquez qui affecte les instructeurs")
    if not command.person_ids and not command.replace:
        raise ServiceError("cochez au moins un instructeur à ajouter")
    at, changed, unchanged, refused = now(), [], [], []
    with database.unit_of_work() as uow:
        session = uow.session
        people = _people(session, command.person_ids)
        for part in chunks(list(command.application_ids)):
            for application in session.scalars(
                    select(Application).where(t.application.c.id.in_(part))
                    .options(selectinload(Application.assignees))  # type: ignore[arg-type]
                    .order_by(t.application.c.reference)):
                strangers = [p.name for p in people if p.contract_id != application.contract_id]
                if strangers:
                    verb = "n'instruisent" if len(strangers) > 1 else "n'instruit"
                    refused.append((application.reference, f"{', '.join(strangers)} {verb} pas "
                                    "le contrat de ce dossier"))
                    continue
                before = _names(application.assignees)
                kept = [] if command.replace else list(application.assignees)
                wanted = sorted({id(p): p for p in kept + people}.values(),
                                key=lambda p: (p.name, p.id))
                if [p.id for p in wanted] == [p.id for p in application.assignees]:
                    unchanged.append(application.reference)
                    continue
                application.assignees = wanted
                _record_assignment(session, application, before, command.actor.strip(), at)
                changed.append(application.reference)
        uow.commit()
    return AssignmentResult(tuple(changed), tuple(unchanged), tuple(refused))


# --- export -------------------------------------------------------------------------------
def export_selection(database: Database, application_ids: Sequence[int], path: str | Path,
                     progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the selected dossiers, in the given order, to an .xlsx; returns the file written.

    The file appears whole or not at all (written aside, then renamed).
    """
    from ..adapters.exporting.selection import write_selection_workbook  # openpyxl: on export

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    if not application_ids:
        raise ServiceError("aucun dossier sélectionné à exporter")
    if not target.parent.is_dir():
        raise ServiceError(f"impossible d'écrire « {target} » : le dossier "
                           f"« {target.parent} » n'existe pas")
    partial = target.with_name(f".{target.name}.partiel")
    try:
        write_selection_workbook(partial, _selection_rows(database, list(application_ids),
                                                          progress))
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ServiceError(f"impossible d'écrire « {target} » : {exc.strerror or exc} "
                           "(le fichier est-il ouvert dans un tableur ?)") from exc
    return target


def _extras(connection, ids: Sequence[int]) -> tuple[dict[int, str], dict[int, list[str]]]:
    """SIRET of each dossier's carrier and names of its instructors."""
    a, c, p, asg = t.application, t.carrier, t.person, t.assignment
    sirets = dict(connection.execute(select(a.c.id, c.c.siret).join(c, c.c.id == a.c.carrier_id)
                                     .where(a.c.id.in_(ids))).all())
    names: dict[int, list[str]] = {}
    for dossier_id, name in connection.execute(
            select(asg.c.application_id, p.c.name).join(p, p.c.id == asg.c.person_id)
            .where(asg.c.application_id.in_(ids)).order_by(p.c.name)):
        names.setdefault(dossier_id, []).append(name)
    return sirets, names


def _selection_rows(database: Database, ids: list[int],
                    progress: Callable[[int, int], None] | None) -> Iterator[tuple]:
    """The values of each exported dossier, in the columns' order, read 500 dossiers at a time."""
    service = DossierListService(database)
    for done, part in enumerate(chunks(ids, 500), start=1):
        rows = service.rows(part)
        with database.engine.connect() as connection:
            sirets, names = _extras(connection, part)
        for r in (rows[i] for i in part if i in rows):
            yield (r.reference, r.year, r.channel.label, r.carrier, sirets.get(r.id) or "",
                   r.title, r.pillar, r.status.label, ", ".join(names.get(r.id, [])),
                   r.total_cost, r.requested, r.proposed, r.granted,
                   "Reconduit" if r.is_renewal else "Nouveau")
        if progress is not None:
            progress(min(done * 500, len(ids)), len(ids))
