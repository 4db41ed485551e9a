"""From cells to typed fields: which column holds which field, and each row parsed.

A row that cannot be read keeps every problem found, each naming its column
as the file names it, in French.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...domain.channels import Channel, FundingLineStatus, FundingNature, Labelled, Opinion
from ...domain.dauphin import (
    AMOUNT_FIELDS,
    DATE_FIELDS,
    REQUIRED_FIELDS,
    YEAR_FIELDS,
    Field,
    dauphin_field,
    dauphin_status,
    header_key,
    our_status,
)
from ...domain.identifiers import normalize_rna, normalize_siret, rna_error, siret_error
from .table import ImportFileError, SourceRow, Table
from .values import (
    ValueProblem,
    is_empty,
    parse_amount,
    parse_date,
    parse_text,
    parse_year,
    text_key,
)

# Longest text each field may hold (the database's column widths).
MAX_LENGTHS = {
    Field.REFERENCE: 40, Field.TITLE: 300, Field.CARRIER: 300, Field.LEGAL_FORM: 120,
    Field.POSTCODE: 10, Field.CITY: 120, Field.EMAIL: 200, Field.PHONE: 40, Field.CALL: 300,
    Field.DECISION_REFERENCE: 80, Field.FUNDER: 200, Field.PILLAR: 200,
}
UNCOMPUTED = ("formule enregistrée sans sa valeur : ouvrez le fichier dans Excel ou LibreOffice "
              "et enregistrez-le pour figer les résultats")


@dataclass(frozen=True)
class ColumnMapping:
    """Which field each source column holds. The built-in Dauphin mapping reads column names
    (and their variants); a saved mapping lists the columns of a given sheet."""

    name: str
    columns: dict[str, Field] = field(default_factory=dict)  # header_key → field
    dauphin: bool = False

    def field_of(self, header: str) -> Field | None:
        if self.dauphin:
            return dauphin_field(header)
        return self.columns.get(header_key(header))


@dataclass(frozen=True)
class Bindings:
    """Field → (column index, column name as the file writes it)."""

    columns: dict[Field, tuple[int, str]]

    def header(self, wanted: Field) -> str:
        return self.columns[wanted][1] if wanted in self.columns else wanted.label


def bind(table: Table, mapping: ColumnMapping) -> Bindings:
    """Bind the file's columns to fields; refuse a file missing a required column."""
    found: dict[Field, tuple[int, str]] = {}
    for index, header in enumerate(table.columns):
        target = mapping.field_of(header)
        if target is None:
            continue
        if target in found:
            raise ImportFileError(
                f"« {table.name} » : deux colonnes pour « {target.label} » : "
                f"« {found[target][1]} » et « {header} » — gardez-en une seule")
        found[target] = (index, header)
    missing = [f"« {f.label} »" for f in REQUIRED_FIELDS if f not in found]
    if missing:
        raise ImportFileError(
            f"« {table.name} » : colonne(s) {', '.join(missing)} introuvable(s) avec la "
            f"correspondance « {mapping.name} »")
    return Bindings(found)


@dataclass
class ParsedRow:
    number: int
    values: dict[Field, object]
    errors: list[tuple[str, str]]  # (column, reason)


def _labelled(kind: type[Labelled], extra: dict[str, Labelled] | None = None):
    table = {text_key(m.label): m for m in kind} | {text_key(m.value): m for m in kind}
    table |= extra or {}

    def parse(value: object) -> Labelled | None:
        text = parse_text(value)
        if text is None:
            return None
        found = table.get(text_key(text))
        if found is None:
            choices = ", ".join(m.label for m in kind)
            raise ValueProblem(f"« {text} » inconnu (valeurs possibles : {choices})")
        return found
    return parse


def _status(value: object):
    text = parse_text(value)
    if text is None:
        return None
    found = dauphin_status(text) or our_status(text)
    if found is None:
        raise ValueProblem(f"statut « {text} » inconnu (statut Dauphin ou de Programmation)")
    return found


def _detailed_status(value: object):
    text = parse_text(value)
    if text is None:
        return None
    found = our_status(text)
    if found is None:
        raise ValueProblem(f"statut « {text} » inconnu")
    return found


def _identifier(normalize: Callable[[str], str], check: Callable[[str], str | None]):
    def parse(value: object) -> str | None:
        text = parse_text(value)
        if text is None:
            return None
        error = check(text)
        if error:
            raise ValueProblem(error)
        return normalize(text)
    return parse


def _amount(value: object):
    amount = parse_amount(value)
    if amount is not None and amount < 0:
        raise ValueProblem(f"montant négatif ({value})")
    return amount


PARSERS: dict[Field, Callable[[object], object]] = {
    **dict.fromkeys(AMOUNT_FIELDS, _amount),
    **dict.fromkeys(DATE_FIELDS, parse_date),
    **dict.fromkeys(YEAR_FIELDS, parse_year),
    Field.CHANNEL: _labelled(Channel, {"reserve": Channel.RESERVE, "enveloppe reserve":
                                       Channel.RESERVE, "appel a projet": Channel.AAP}),
    Field.STATUS: _status,
    Field.DETAILED_STATUS: _detailed_status,
    Field.LINE_STATUS: _labelled(FundingLineStatus, {"accordee": FundingLineStatus.VOTED,
                                                     "rejetee": FundingLineStatus.REFUSED}),
    Field.NATURE: _labelled(FundingNature, {"specifique": FundingNature.SPECIFIC,
                                            "credits specifiques politique de la ville":
                                            FundingNature.SPECIFIC}),
    Field.OPINION: _labelled(Opinion),
    Field.SIRET: _identifier(normalize_siret, siret_error),
    Field.RNA: _identifier(normalize_rna, rna_error),
}


def parse_row(table: Table, row: SourceRow, bindings: Bindings) -> ParsedRow | None:
    """The row's fields, typed; None for a row without any value."""
    parsed = ParsedRow(row.number, {}, [])
    values, width, uncomputed = row.values, len(row.values), table.uncomputed
    for target, (index, header) in bindings.columns.items():
        value = values[index] if index < width else None
        if value is None or value == "":
            if uncomputed and (row.number, index) in uncomputed:
                parsed.errors.append((header, UNCOMPUTED))
            continue
        try:
            result = PARSERS.get(target, parse_text)(value)
        except ValueProblem as problem:
            parsed.errors.append((header, str(problem)))
            continue
        limit = MAX_LENGTHS.get(target)
        if limit and isinstance(result, str) and len(result) > limit:
            parsed.errors.append((header, f"texte trop long ({len(result)} caractères, "
                                          f"{limit} au plus)"))
        elif result is not None:
            parsed.values[target] = result
    if not parsed.values and not parsed.errors and all(is_empty(v) for v in values):
        return None
    for required in REQUIRED_FIELDS:
        if required not in parsed.values and not any(
                column == bindings.header(required) for column, _ in parsed.errors):
            parsed.errors.append((bindings.header(required), "valeur manquante"))
    return parsed
