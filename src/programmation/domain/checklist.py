"""The completeness checklist: which pieces a dossier of each channel must carry.

The pieces follow what the partners ask for with a CERFA 12156 demand: the
association's statuts, a RIB, its own budget, the last bilan / compte-rendu
financier, the list of its officers and its activity report. A CPO adds the
projet associatif and the measure of social impact; a RESERVE project, small
and decided as it comes, only needs the light list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .channels import Channel, Labelled
from .text import search_key


class PieceKind(Labelled):
    STATUTES = "statuts", "Statuts"
    BANK_DETAILS = "rib", "RIB"
    ASSOCIATION_BUDGET = "budget_association", "Budget prévisionnel de l'association"
    LAST_ACCOUNTS = "bilan", "Dernier bilan / compte-rendu financier"
    OFFICERS = "dirigeants", "Liste des dirigeants"
    ACTIVITY_REPORT = "rapport_activite", "Rapport d'activité"
    ASSOCIATION_PROJECT = "projet_associatif", "Projet associatif"
    SOCIAL_IMPACT = "impact_social", "Mesure d'impact social"
    OTHER = "autre", "Autre pièce"


P = PieceKind
_FULL = (P.STATUTES, P.BANK_DETAILS, P.ASSOCIATION_BUDGET, P.LAST_ACCOUNTS, P.OFFICERS,
         P.ACTIVITY_REPORT)
EXPECTED: dict[Channel, tuple[PieceKind, ...]] = {
    Channel.AAP: _FULL,
    Channel.AMI: _FULL,
    Channel.CPO: (*_FULL, P.ASSOCIATION_PROJECT, P.SOCIAL_IMPACT),
    Channel.RESERVE: (P.STATUTES, P.BANK_DETAILS, P.ASSOCIATION_BUDGET),
}

# Words people (and older data) use for the pieces, matched on normalised text.
_ALIASES = {
    "budget previsionnel": P.ASSOCIATION_BUDGET,
    "budget de l'association": P.ASSOCIATION_BUDGET,
    "releve d'identite bancaire": P.BANK_DETAILS,
    "compte-rendu financier": P.LAST_ACCOUNTS,
    "compte rendu financier": P.LAST_ACCOUNTS,
    "bilan": P.LAST_ACCOUNTS,
    "comptes annuels": P.LAST_ACCOUNTS,
    "composition du bureau": P.OFFICERS,
    "liste des membres du conseil d'administration": P.OFFICERS,
    "impact social": P.SOCIAL_IMPACT,
}


def piece_kind(text: str) -> PieceKind:
    """The kind a stored ``kind`` text stands for: its code, its label or a usual alias."""
    key = search_key(text or "")
    for kind in PieceKind:
        if key in (kind.value, search_key(kind.label)):
            return kind
    return _ALIASES.get(key, PieceKind.OTHER)


def piece_label(text: str) -> str:
    """The French label to show for a stored kind (unknown texts are shown as they are)."""
    kind = piece_kind(text)
    return text if kind is PieceKind.OTHER and text and text != kind.value else kind.label


@dataclass(frozen=True)
class ChecklistItem:
    kind: PieceKind
    filenames: tuple[str, ...]

    @property
    def present(self) -> bool:
        return bool(self.filenames)

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class Checklist:
    channel: Channel
    items: tuple[ChecklistItem, ...]

    @property
    def missing(self) -> list[PieceKind]:
        return [item.kind for item in self.items if not item.present]

    @property
    def complete(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        """``4 pièces sur 6`` — what the tab title and the list say."""
        present = sum(item.present for item in self.items)
        return f"{present} pièce{'s' if present > 1 else ''} sur {len(self.items)}"


def checklist(channel: Channel, attachments: Iterable[tuple[str, str]]) -> Checklist:
    """The expected pieces of ``channel``, each with the files (kind, filename) that cover it."""
    found: dict[PieceKind, list[str]] = {}
    for kind_text, filename in attachments:
        found.setdefault(piece_kind(kind_text), []).append(filename)
    return Checklist(channel, tuple(
        ChecklistItem(kind, tuple(found.get(kind, ()))) for kind in EXPECTED[channel]
    ))
