"""Probable duplicate carriers, and what a merge of two of them keeps.

Two carriers are probably the same organisation when they share a SIRET, an
RNA number, or when their names are near-identical once normalised (accents,
case, punctuation, a trailing acronym in brackets and filler words such as
« association », « de », « la » removed): the token-sort similarity of
rapidfuzz reaches :data:`NAME_THRESHOLD` percent. Pure rules: no database.

The name comparison is all-pairs but runs in C (``rapidfuzz.process.cdist``)
on the upper triangle, a block of rows at a time, so memory stays bounded and
10,000 carriers are compared in about a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .channels import Labelled
from .money import NBSP
from .text import search_key

NAME_THRESHOLD = 90  # percent of token-sort similarity between normalised names
_BLOCK = 1000  # rows of the similarity matrix computed at once
_ACRONYM = re.compile(r"\(\s*[A-Z][A-Z0-9.&\-]{1,11}\s*\)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_FILLER = frozenset({
    "association", "asso", "assoc", "a", "au", "aux", "d", "de", "des", "du", "en", "et",
    "l", "la", "le", "les",
})

# The fields a merge may fill on the kept carrier from the other one (when empty there).
MERGEABLE_FIELDS = ("legal_form", "siret", "rna", "address", "postcode", "city",
                    "representative", "contact_name", "email", "phone")


class MatchReason(Labelled):
    SAME_SIRET = "siret", "même SIRET"
    SAME_RNA = "rna", "même RNA"
    CLOSE_NAMES = "names", "noms proches"


@dataclass(frozen=True)
class CarrierIdentity:
    """What matching looks at: the name and the two identifiers."""

    id: int
    name: str
    siret: str | None = None
    rna: str | None = None


@dataclass(frozen=True)
class DuplicateMatch:
    """Two carriers that are probably one; ``score`` is 100 for a shared identifier."""

    first_id: int
    second_id: int
    reason: MatchReason
    score: int

    @property
    def label(self) -> str:
        if self.reason is MatchReason.CLOSE_NAMES:
            return f"{self.reason.label} {self.score}{NBSP}%"
        return self.reason.label


def name_key(name: str) -> str:
    """The name as compared: normalised words, filler words dropped, sorted.

    ``"Association Droit au Vélo (ADAV)"`` → ``"droit velo"``. Sorting the words
    makes a plain ratio on keys the token-sort ratio on names.
    """
    words = _NOT_WORD.sub(" ", search_key(_ACRONYM.sub(" ", name or ""))).split()
    kept = [word for word in words if word not in _FILLER] or words
    return " ".join(sorted(kept))


def name_similarity(first: str, second: str) -> int:
    """Similarity of two carrier names in percent (0–100), after :func:`name_key`."""
    return round(fuzz.ratio(name_key(first), name_key(second)))


def find_duplicates(carriers: Sequence[CarrierIdentity],
                    threshold: int = NAME_THRESHOLD) -> list[DuplicateMatch]:
    """Every probable duplicate pair, once, with its strongest reason.

    Carriers sharing an identifier are paired with the first of their group
    (merging them one by one into it), then close names are paired.
    """
    found: dict[frozenset[int], DuplicateMatch] = {}
    for reason, attribute in ((MatchReason.SAME_SIRET, "siret"), (MatchReason.SAME_RNA, "rna")):
        for first, other in _same_value_pairs(carriers, attribute):
            found.setdefault(frozenset((first, other)), DuplicateMatch(first, other, reason, 100))
    for first, other, score in _close_name_pairs(carriers, threshold):
        found.setdefault(frozenset((first, other)),
                         DuplicateMatch(first, other, MatchReason.CLOSE_NAMES, score))
    order = list(MatchReason)
    return sorted(found.values(), key=lambda m: (order.index(m.reason), -m.score,
                                                 m.first_id, m.second_id))


def _same_value_pairs(carriers: Iterable[CarrierIdentity],
                      attribute: str) -> Iterable[tuple[int, int]]:
    groups: dict[str, list[int]] = {}
    for carrier in carriers:
        value = getattr(carrier, attribute)
        if value:
            groups.setdefault(value, []).append(carrier.id)
    for ids in groups.values():
        first, *others = sorted(ids)
        for other in others:
            yield first, other


def _close_name_pairs(carriers: Sequence[CarrierIdentity],
                      threshold: int) -> Iterable[tuple[int, int, int]]:
    keyed = [(c.id, name_key(c.name)) for c in carriers]
    keyed = sorted((item for item in keyed if item[1]), key=lambda item: item[0])
    keys = [key for _, key in keyed]
    for start in range(0, len(keys), _BLOCK):
        # Rounded scores in the matrix: cut one point lower, then decide on the exact score.
        matrix = process.cdist(keys[start:start + _BLOCK], keys[start:], scorer=fuzz.ratio,
                               score_cutoff=max(threshold - 1, 0), dtype=np.uint8, workers=-1)
        rows, columns = np.nonzero(matrix)
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            if column <= row:  # the lower triangle and the diagonal: each pair once
                continue
            first, second = start + row, start + column
            score = round(fuzz.ratio(keys[first], keys[second]))
            if score >= threshold:
                yield keyed[first][0], keyed[second][0], score


def suggested_kept(first: CarrierIdentity, second: CarrierIdentity,
                   dossier_counts: Mapping[int, int]) -> tuple[CarrierIdentity, CarrierIdentity]:
    """(kept, absorbed): keep the carrier with more dossiers, then the identified one, then the
    older one."""
    def weight(carrier: CarrierIdentity) -> tuple[int, int, int]:
        identified = int(bool(carrier.siret)) + int(bool(carrier.rna))
        return dossier_counts.get(carrier.id, 0), identified, -carrier.id

    return (first, second) if weight(first) >= weight(second) else (second, first)


def filled_fields(kept: Mapping[str, object], other: Mapping[str, object]) -> dict[str, object]:
    """The fields the kept carrier takes from the other one: those it lacks and the other has."""
    return {name: other[name] for name in MERGEABLE_FIELDS
            if _empty(kept.get(name)) and not _empty(other.get(name))}


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
