"""What an import would do, row by row, without writing anything.

Rows are grouped into dossiers (same « N° dossier », or without one the same
carrier + title + year); each dossier is matched with the database (same
reference, else same carrier — SIRET, RNA or name — + title + year), its
carrier, pillar, call, status path and funding lines resolved, and compared
with what is stored. Every row ends as to create, to update, unchanged, or
rejected with its column and a French reason — never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..adapters.importing.lookup import CallInfo, CarrierInfo, DossierInfo, FunderInfo
from ..adapters.importing.rows import Bindings, ParsedRow, parse_row
from ..adapters.importing.table import Table
from ..adapters.importing.values import text_key
from ..domain.channels import Channel, FundingLineStatus, Labelled
from ..domain.dauphin import CARRIER_FIELDS, DOSSIER_FIELDS, Field
from ..domain.lifecycle import Status
from ..domain.money import format_eur

Progress = Callable[[int, int], None]


class Outcome(Labelled):
    CREATE = "create", "À créer"
    UPDATE = "update", "À mettre à jour"
    UNCHANGED = "unchanged", "Inchangée"


@dataclass(frozen=True)
class Rejection:
    row: int
    column: str
    reason: str


class Refused(Exception):
    """A dossier-level problem: every row of the dossier is rejected with it."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


@dataclass
class NewCarrier:
    name: str
    siret: str | None
    rna: str | None
    details: dict[str, str]  # legal_form, postcode, city, email, phone
    id: int | None = None  # set once written


@dataclass
class NewCall:
    contract_id: int
    channel: Channel
    year: int
    title: str
    id: int | None = None


KEEP = object()  # « leave the dossier's call as it is »


@dataclass
class LinePlan:
    """One funding line: all its values when new, the changed ones when it exists."""

    row: int
    funder: FunderInfo
    year: int
    values: dict[str, object]
    existing_id: int | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.existing_id is None or bool(self.values)


@dataclass
class DossierPlan:
    reference: str
    title: str
    year: int
    channel: Channel
    contract_id: int
    existing: DossierInfo | None
    carrier: CarrierInfo | NewCarrier
    call: CallInfo | NewCall | object | None
    values: dict[str, object]  # columns to write (all on creation, the changed ones else)
    path: tuple[Status, ...]
    lines: list[LinePlan]
    changes: list[str] = field(default_factory=list)

    def outcome(self, line: LinePlan) -> Outcome:
        if self.existing is None:
            return Outcome.CREATE
        return Outcome.UPDATE if self.changes or line.changed else Outcome.UNCHANGED


@dataclass
class Plan:
    dossiers: list[DossierPlan]
    rejections: list[Rejection]
    empty_rows: int
    row_count: int

    def rejected_rows(self) -> set[int]:
        return {r.row for r in self.rejections}


@dataclass(frozen=True)
class ParsedRows:
    """The rows read and typed (this does not depend on the database: done once)."""

    valid: tuple[ParsedRow, ...]
    rejections: tuple[Rejection, ...]
    empty: int
    row_count: int


def parse_rows(table: Table, bindings: Bindings, progress: Progress | None = None
               ) -> ParsedRows:
    valid, rejections, empty = [], [], 0
    total = len(table.rows)
    for i, row in enumerate(table.rows):
        parsed = parse_row(table, row, bindings)
        if parsed is None:
            empty += 1
        elif parsed.errors:
            rejections += [Rejection(row.number, column, reason)
                           for column, reason in parsed.errors]
        else:
            valid.append(parsed)
        if progress and i % 2000 == 0:
            progress(i, total)
    return ParsedRows(tuple(valid), tuple(rejections), empty, total)


def group_key(values: dict) -> tuple:
    if Field.REFERENCE in values:
        return ("ref", values[Field.REFERENCE])
    carrier = values.get(Field.SIRET) or values.get(Field.RNA) \
        or "nom:" + text_key(values[Field.CARRIER])
    return ("key", carrier, text_key(values[Field.TITLE]), values[Field.YEAR])


def _same(first: object, other: object) -> bool:
    if first == other:
        return True
    if isinstance(first, str) and isinstance(other, str):
        return text_key(first) == text_key(other)
    return first == other


def group_rows(rows: list[ParsedRow], bindings: Bindings, rejections: list[Rejection]
               ) -> list[tuple[dict, list[ParsedRow]]]:
    """Rows of the same dossier together, with the dossier's values (first given wins);
    a row contradicting its dossier's values is rejected."""
    groups: dict[tuple, tuple[dict, list[ParsedRow], dict]] = {}
    for row in rows:
        key = group_key(row.values)
        if key not in groups:
            groups[key] = ({}, [], {})
        merged, members, origin = groups[key]
        conflict = next((f for f in DOSSIER_FIELDS | CARRIER_FIELDS
                         if f in row.values and f in merged
                         and not _same(merged[f], row.values[f])), None)
        if conflict is not None:
            shown = getattr(merged[conflict], "label", merged[conflict])
            rejections.append(Rejection(
                row.number, bindings.header(conflict),
                f"diffère de la ligne {origin[conflict]} du même dossier (« {shown} »)"))
            continue
        for name in DOSSIER_FIELDS | CARRIER_FIELDS:
            if name in row.values and name not in merged:
                merged[name], origin[name] = row.values[name], row.number
        members.append(row)
    return [(merged, members) for merged, members, _ in groups.values()]


class CarrierIndex:
    """Carriers by SIRET, RNA and normalised name, the stored ones and those to create."""

    def __init__(self, stored: list[CarrierInfo]) -> None:
        self.by_siret: dict[str, CarrierInfo | NewCarrier] = {}
        self.by_rna: dict[str, CarrierInfo | NewCarrier] = {}
        self.by_name: dict[str, CarrierInfo | NewCarrier] = {}
        for carrier in stored:
            self._add(carrier)

    def _add(self, carrier: CarrierInfo | NewCarrier) -> None:
        if carrier.siret:
            self.by_siret.setdefault(carrier.siret, carrier)
        if carrier.rna:
            self.by_rna.setdefault(carrier.rna, carrier)
        self.by_name.setdefault(text_key(carrier.name), carrier)

    def resolve(self, values: dict) -> CarrierInfo | NewCarrier:
        siret, rna = values.get(Field.SIRET), values.get(Field.RNA)
        found = (siret and self.by_siret.get(siret)) or (rna and self.by_rna.get(rna))
        if not found:
            named = self.by_name.get(text_key(values[Field.CARRIER]))
            if named and not (siret and named.siret) and not (rna and named.rna):
                found = named
        if found:
            return found
        details = {f.value: values[f] for f in (Field.LEGAL_FORM, Field.POSTCODE, Field.CITY,
                                                 Field.EMAIL, Field.PHONE) if f in values}
        carrier = NewCarrier(values[Field.CARRIER], siret, rna, details)
        self._add(carrier)
        return carrier


LINE_FIELDS = {
    Field.REQUESTED: "requested", Field.PROPOSED: "proposed", Field.GRANTED: "granted",
    Field.LINE_STATUS: "status", Field.NATURE: "nature", Field.OPINION: "opinion",
    Field.DECISION_DATE: "decision_date", Field.DECISION_REFERENCE: "decision_reference",
}
DOSSIER_COLUMNS = {
    Field.TITLE: "title", Field.YEAR: "year", Field.CHANNEL: "channel",
    Field.TOTAL_COST: "total_cost", Field.SUBMITTED_ON: "submitted_on",
    Field.START_DATE: "start_date", Field.END_DATE: "end_date", Field.SUMMARY: "summary",
}
_LABELS = {attr: f.label for f, attr in (LINE_FIELDS | DOSSIER_COLUMNS).items()} | {
    "pillar_id": Field.PILLAR.label}


def show(value: object) -> str:
    """A value in a change description."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return format_eur(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Labelled):
        return value.label
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def diff(old: object, given: dict[str, object], names: dict[int, str] | None = None
         ) -> tuple[dict[str, object], list[str]]:
    """The given values that differ from ``old``'s attributes, and their descriptions."""
    changed, texts = {}, []
    for attr, new in given.items():
        before = getattr(old, attr)
        if isinstance(new, str) and isinstance(before, str) and new.strip() == before.strip():
            continue
        if new == before:
            continue
        changed[attr] = new
        if attr == "pillar_id" and names is not None:
            before, new = names.get(before, before), names.get(new, new)
        texts.append(f"{_LABELS[attr]} : {show(before)} → {show(new)}")
    return changed, texts


def default_line_status(given: dict) -> FundingLineStatus:
    granted = given.get("granted")
    if granted is None:
        return FundingLineStatus.TRANSMITTED
    return FundingLineStatus.VOTED if granted > 0 else FundingLineStatus.REFUSED
