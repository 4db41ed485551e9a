"""Importing dossiers from Dauphin exports, spreadsheets and CSV files.

``preview`` reads the file and says, row by row, what an import would do
(create, update, leave unchanged, reject with the column and the reason);
``apply`` does it in one transaction — the valid rows only, or all or nothing.
Every data row is counted exactly once, so the counts always add up. An
import compares before writing: importing the same file twice changes
nothing the second time and records no history.

Status decision: an imported dossier walks the lifecycle legally up to its
status, each step recorded (« Import Dauphin », who, when). A row that would
need an illegal move (going back, a committee step for a RESERVE dossier) is
rejected with the lifecycle's own reason: an import never writes a
transition the lifecycle forbids.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ..adapters.importing import ImportFileError, read_table
from ..adapters.importing.rows import Bindings, bind
from ..adapters.importing.table import Table
from ..adapters.persistence.database import Database
from ..domain.channels import Labelled
from ..domain.dauphin import DAUPHIN_MAPPING
from .errors import ServiceError
from .import_mappings import load_mapping
from .import_plan import Outcome, ParsedRows, Plan, Rejection, parse_rows
from .import_planner import build_plan
from .import_write import write_plan

Progress = Callable[[int, int], None]


class Mode(Labelled):
    VALID_ONLY = "valid_only", "Lignes valides seulement"
    ALL_OR_NOTHING = "all_or_nothing", "Tout ou rien"


@dataclass(frozen=True)
class PreparedSource:
    """A file read and bound to a mapping: what ``apply`` needs to redo the plan."""

    table: Table
    bindings: Bindings
    mapping: str
    contract_id: int | None
    parsed: ParsedRows | None = None  # kept by a preview, so an apply does not read again


@dataclass(frozen=True)
class PreviewRow:
    row: int
    outcome: Outcome
    reference: str
    carrier: str
    title: str
    year: int
    funder: str
    requested: Decimal
    detail: str


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    mapping: str
    rows: tuple[PreviewRow, ...]
    rejections: tuple[Rejection, ...]
    empty_rows: int
    row_count: int
    source: PreparedSource = field(repr=False, compare=False)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def rejected(self) -> int:
        return len({r.row for r in self.rejections})

    def summary(self) -> str:
        return (f"{self.row_count} ligne(s) : {self.count(Outcome.CREATE)} à créer, "
                f"{self.count(Outcome.UPDATE)} à mettre à jour, "
                f"{self.count(Outcome.UNCHANGED)} inchangée(s), {self.rejected} rejetée(s)"
                + (f", {self.empty_rows} vide(s)" if self.empty_rows else ""))


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    mapping: str
    mode: Mode
    applied: bool
    created: int
    updated: int
    unchanged: int
    rejected: int
    blocked: int  # valid rows left out because others were rejected (all or nothing)
    empty_rows: int
    row_count: int
    rejections: tuple[Rejection, ...]
    dossiers_created: int = 0
    dossiers_updated: int = 0
    carriers_created: int = 0
    calls_created: int = 0
    at: datetime | None = None

    def summary(self) -> str:
        if not self.applied:
            return (f"Rien n'a été importé : {self.rejected} ligne(s) rejetée(s) en mode "
                    f"« tout ou rien » ({self.blocked} ligne(s) valide(s) non importée(s))")
        return (f"{self.created} ligne(s) importée(s) ({self.dossiers_created} dossier(s) "
                f"créé(s)), {self.updated} mise(s) à jour ({self.dossiers_updated} dossier(s)), "
                f"{self.unchanged} inchangée(s), {self.rejected} rejetée(s)"
                + (f", {self.empty_rows} vide(s)" if self.empty_rows else ""))


def default_actor() -> str:
    try:
        return getpass.getuser() or "Utilisateur"
    except (OSError, KeyError):
        return "Utilisateur"


def prepare(database: Database, path: str | Path, mapping: str = DAUPHIN_MAPPING,
            contract_id: int | None = None) -> PreparedSource:
    """Read the file and bind its columns; ServiceError (French) if it cannot be imported."""
    column_mapping = load_mapping(database, mapping)
    try:
        table = read_table(path)
        return PreparedSource(table, bind(table, column_mapping), mapping, contract_id)
    except ImportFileError as error:
        raise ServiceError(str(error)) from None
    except OSError as error:
        raise ServiceError(f"« {Path(path).name} » illisible : {error.strerror or error}") \
            from None


def source_columns(path: str | Path) -> tuple[str, list[str]]:
    """The file's name and its column names (to build a new mapping)."""
    try:
        table = read_table(path)
    except ImportFileError as error:
        raise ServiceError(str(error)) from None
    return table.name, list(table.columns)


def _plan(database: Database, source: PreparedSource, session=None) -> Plan:
    assert source.parsed is not None
    if session is not None:
        return build_plan(session.connection(), source.parsed, source.bindings,
                          source.contract_id)
    with database.unit_of_work() as uow:
        return build_plan(uow.session.connection(), source.parsed, source.bindings,
                          source.contract_id)


def _parsed(source: PreparedSource, progress: Progress | None) -> PreparedSource:
    if source.parsed is not None:
        return source
    return replace(source, parsed=parse_rows(source.table, source.bindings, progress))


def _preview_rows(plan: Plan) -> tuple[PreviewRow, ...]:
    rows = []
    for dossier in plan.dossiers:
        for line in dossier.lines:
            detail = "; ".join(dossier.changes + line.changes) if dossier.existing else ""
            requested = line.values.get("requested")
            rows.append(PreviewRow(line.row, dossier.outcome(line), dossier.reference,
                                   dossier.carrier.name, dossier.title, dossier.year,
                                   line.funder.name, requested, detail))
    return tuple(sorted(rows, key=lambda r: r.row))


def preview(database: Database, path: str | Path, mapping: str = DAUPHIN_MAPPING,
            contract_id: int | None = None, progress: Progress | None = None) -> ImportPreview:
    """What importing the file would do; nothing is written."""
    source = _parsed(prepare(database, path, mapping, contract_id), progress)
    return _to_preview(source, _plan(database, source))


def _to_preview(source: PreparedSource, plan: Plan) -> ImportPreview:
    return ImportPreview(source.table.name, source.mapping, _preview_rows(plan),
                         tuple(sorted(plan.rejections, key=lambda r: r.row)), plan.empty_rows,
                         plan.row_count, source)


def apply(database: Database, preview_or_file: ImportPreview | str | Path,
          mode: Mode = Mode.VALID_ONLY, actor: str = "", *, mapping: str = DAUPHIN_MAPPING,
          contract_id: int | None = None, progress: Progress | None = None,
          now: Callable[[], datetime] = datetime.now) -> ImportReport:
    """Import in one transaction; the plan is made again on the data as it is now."""
    actor = actor.strip() or default_actor()
    source = _parsed(preview_or_file.source if isinstance(preview_or_file, ImportPreview)
                     else prepare(database, preview_or_file, mapping, contract_id), progress)
    reason = f"Import {'Dauphin' if source.mapping == DAUPHIN_MAPPING else source.mapping}" \
             f" ({source.table.name})"
    with database.unit_of_work() as uow:
        plan = _plan(database, source, uow.session)
        result = _to_preview(source, plan)
        counts = {o: result.count(o) for o in Outcome}
        if mode is Mode.ALL_OR_NOTHING and plan.rejections:
            blocked = counts[Outcome.CREATE] + counts[Outcome.UPDATE]
            return _report(result, mode, False, {Outcome.UNCHANGED: counts[Outcome.UNCHANGED]},
                           blocked, now())
        try:
            written = write_plan(uow.session, plan, actor, reason, now(), progress)
            uow.commit()
        except Exception as error:  # nothing is half-written: the unit of work rolls back
            raise ServiceError(f"import annulé, la base est inchangée : {error}") from error
    return _report(result, mode, True, counts, 0, now(), written)


def _report(result: ImportPreview, mode: Mode, applied: bool, counts: dict, blocked: int,
            at: datetime, written=None) -> ImportReport:
    extra = {}
    if written is not None:
        extra = {"dossiers_created": written.dossiers_created,
                 "dossiers_updated": written.dossiers_updated,
                 "carriers_created": written.carriers_created,
                 "calls_created": written.calls_created}
    return ImportReport(
        result.file_name, result.mapping, mode, applied, counts.get(Outcome.CREATE, 0),
        counts.get(Outcome.UPDATE, 0), counts.get(Outcome.UNCHANGED, 0), result.rejected,
        blocked, result.empty_rows, result.row_count, result.rejections, at=at, **extra)


def save_report(result: ImportReport | ImportPreview, path: str | Path) -> Path:
    """The report workbook: a summary sheet and the rejected rows (row, column, reason)."""
    from ..adapters.importing.report import write_report

    if isinstance(result, ImportPreview):
        lines = [("Fichier", result.file_name), ("Correspondance", result.mapping),
                 ("Mode", "Aperçu (rien n'a été importé)"), ("Lignes lues", result.row_count)]
        lines += [("Lignes à créer", result.count(Outcome.CREATE)),
                  ("Lignes à mettre à jour", result.count(Outcome.UPDATE)),
                  ("Lignes inchangées", result.count(Outcome.UNCHANGED))]
        lines += [("Lignes rejetées", result.rejected), ("Lignes vides", result.empty_rows)]
    else:
        lines = [("Fichier", result.file_name), ("Correspondance", result.mapping),
                 ("Mode", result.mode.label), ("Résultat", result.summary()),
                 ("Lignes lues", result.row_count), ("Lignes importées", result.created),
                 ("Lignes mises à jour", result.updated), ("Lignes inchangées", result.unchanged),
                 ("Lignes rejetées", result.rejected),
                 ("Lignes non importées (tout ou rien)", result.blocked),
                 ("Lignes vides", result.empty_rows),
                 ("Dossiers créés", result.dossiers_created),
                 ("Dossiers mis à jour", result.dossiers_updated),
                 ("Porteurs créés", result.carriers_created)]
    try:
        return write_report(Path(path), lines, result.rejections)
    except OSError as error:
        raise ServiceError(f"rapport non enregistré : {error.strerror or error}") from None
