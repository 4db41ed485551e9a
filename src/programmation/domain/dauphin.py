"""Dauphin, the State's grant platform: its export layout and its statuses, as pure data.

A Dauphin export lists one row per funding request line (one funder of one
dossier): the dossier's columns repeat on each of its lines. The column names
below are those of the exports the team receives (``N° dossier``, ``Intitulé
de l'action``, ``Porteur / Structure``…); each accepts the variants other
extractions use (``Action - Code dossier``, ``Code SIRET``, ``Tiers``,
``Exercice budgétaire``… as in the GISPRO extracts). The same fields are the
targets of any saved column mapping.

Dauphin's statuses are coarser than our lifecycle: « En cours » covers our
*en instruction*, *instruit*, *inscrit en comité* and *ajourné*. Each Dauphin
status therefore carries the **family** of our statuses it stands for: a
dossier already in that family keeps its status on re-import, and our export
writes, next to « Statut », a « Statut détaillé (Programmation) » column with
our exact status, which an import takes when it agrees with « Statut » — so a
round trip through Dauphin's layout loses nothing.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from functools import cache, lru_cache

from .channels import Channel, Labelled
from .lifecycle import Status, allowed_targets
from .text import search_key

S = Status
DAUPHIN_MAPPING = "Dauphin"


class Field(Labelled):
    """What a column of an imported sheet may hold."""

    REFERENCE = "reference", "N° de dossier"
    YEAR = "year", "Exercice"
    TITLE = "title", "Intitulé de l'action"
    CARRIER = "carrier", "Porteur (raison sociale)"
    SIRET = "siret", "SIRET"
    RNA = "rna", "N° RNA"
    LEGAL_FORM = "legal_form", "Forme juridique du porteur"
    POSTCODE = "postcode", "Code postal du porteur"
    CITY = "city", "Commune du porteur"
    EMAIL = "email", "Courriel du porteur"
    PHONE = "phone", "Téléphone du porteur"
    CHANNEL = "channel", "Modalité (AAP, AMI, réserve, CPO)"
    CALL = "call", "Appel"
    PILLAR = "pillar", "Pilier / thématique"
    STATUS = "status", "Statut du dossier"
    DETAILED_STATUS = "detailed_status", "Statut détaillé (Programmation)"
    TOTAL_COST = "total_cost", "Coût total de l'action"
    SUBMITTED_ON = "submitted_on", "Date de dépôt"
    START_DATE = "start_date", "Date de début"
    END_DATE = "end_date", "Date de fin"
    SUMMARY = "summary", "Description de l'action"
    FUNDER = "funder", "Financeur"
    LINE_YEAR = "line_year", "Année de financement"
    NATURE = "nature", "Nature des crédits"
    REQUESTED = "requested", "Montant demandé"
    PROPOSED = "proposed", "Montant proposé"
    GRANTED = "granted", "Montant accordé"
    LINE_STATUS = "line_status", "Statut de la demande au financeur"
    OPINION = "opinion", "Avis"
    DECISION_DATE = "decision_date", "Date de décision"
    DECISION_REFERENCE = "decision_reference", "N° de décision"


# Without these columns a sheet cannot be imported at all.
REQUIRED_FIELDS = (Field.TITLE, Field.CARRIER, Field.YEAR, Field.FUNDER, Field.REQUESTED)
AMOUNT_FIELDS = frozenset({Field.REQUESTED, Field.PROPOSED, Field.GRANTED, Field.TOTAL_COST})
DATE_FIELDS = frozenset({Field.SUBMITTED_ON, Field.START_DATE, Field.END_DATE,
                         Field.DECISION_DATE})
YEAR_FIELDS = frozenset({Field.YEAR, Field.LINE_YEAR})
# Fields of the dossier (repeated on each of its lines) and of the carrier.
DOSSIER_FIELDS = frozenset({
    Field.REFERENCE, Field.YEAR, Field.TITLE, Field.CHANNEL, Field.CALL, Field.PILLAR,
    Field.STATUS, Field.DETAILED_STATUS, Field.TOTAL_COST, Field.SUBMITTED_ON,
    Field.START_DATE, Field.END_DATE, Field.SUMMARY,
})
CARRIER_FIELDS = frozenset({Field.CARRIER, Field.SIRET, Field.RNA, Field.LEGAL_FORM,
                            Field.POSTCODE, Field.CITY, Field.EMAIL, Field.PHONE})

# The Dauphin layout: (column written by our export, field, other names read on import).
DAUPHIN_COLUMNS: tuple[tuple[str, Field, tuple[str, ...]], ...] = (
    ("N° dossier", Field.REFERENCE, ("Numéro de dossier", "N° de dossier", "Code dossier",
                                     "Action - Code dossier", "Numéro dossier")),
    ("Exercice", Field.YEAR, ("Exercice budgétaire", "Année", "Année d'exercice")),
    ("Intitulé de l'action", Field.TITLE, ("Intitulé", "Intitulé du projet", "Nom de l'action",
                                           "Action", "Intitulé de la demande")),
    ("Porteur / Structure", Field.CARRIER, ("Raison sociale", "Porteur", "Structure", "Tiers",
                                            "Nom du porteur", "Bénéficiaire")),
    ("SIRET", Field.SIRET, ("Code SIRET", "N° SIRET", "Numéro SIRET")),
    ("N° RNA", Field.RNA, ("RNA", "Numéro RNA", "Code RNA")),
    ("Forme juridique", Field.LEGAL_FORM, ("Statut juridique",)),
    ("Code postal", Field.POSTCODE, ()),
    ("Commune", Field.CITY, ("Ville",)),
    ("Courriel", Field.EMAIL, ("Email", "E-mail", "Adresse électronique")),
    ("Téléphone", Field.PHONE, ()),
    ("Modalité", Field.CHANNEL, ("Type de programmation", "Modalité de financement")),
    ("Appel", Field.CALL, ("Appel à projets", "Campagne")),
    ("Thématique", Field.PILLAR, ("Pilier", "Pilier / thématique", "Axe",
                                  "Thématique principale")),
    ("Statut", Field.STATUS, ("Statut du dossier", "État du dossier", "Etat")),
    ("Statut détaillé (Programmation)", Field.DETAILED_STATUS, ()),
    ("Coût total de l'action", Field.TOTAL_COST, ("Coût total", "Budget total de l'action",
                                                  "Montant total du projet")),
    ("Date de dépôt", Field.SUBMITTED_ON, ("Date de transmission", "Date de dépôt du dossier")),
    ("Date de début", Field.START_DATE, ("Date de début de l'action",)),
    ("Date de fin", Field.END_DATE, ("Date de fin de l'action",)),
    ("Description de l'action", Field.SUMMARY, ("Description", "Résumé de l'action")),
    ("Financeur", Field.FUNDER, ("Financeur sollicité", "Co-financeur")),
    ("Année de financement", Field.LINE_YEAR, ("Exercice de financement",)),
    ("Nature des crédits", Field.NATURE, ("Type de crédits",)),
    ("Montant demandé", Field.REQUESTED, ("Montant sollicité", "Montant de la demande")),
    ("Montant proposé", Field.PROPOSED, ("Montant proposé par l'instructeur",)),
    ("Montant accordé", Field.GRANTED, ("Montant voté", "Montant attribué")),
    ("Statut financeur", Field.LINE_STATUS, ("Statut de la demande au financeur",
                                             "Décision financeur")),
    ("Avis", Field.OPINION, ("Avis de l'instructeur",)),
    ("Date de décision", Field.DECISION_DATE, ("Date de vote",)),
    ("N° de décision", Field.DECISION_REFERENCE, ("Référence de la décision",)),
)
DAUPHIN_HEADERS = tuple(header for header, _, _ in DAUPHIN_COLUMNS)


def header_key(name: object) -> str:
    """A column name as compared: ``"N° dossier"`` and ``"n dossier "`` are the same."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", search_key(str(name or ""))).split())


_ALIASES = {header_key(name): field
            for header, field, others in DAUPHIN_COLUMNS for name in (header, *others)}


def dauphin_field(header: object) -> Field | None:
    """The field a Dauphin column name stands for, or None."""
    return _ALIASES.get(header_key(header))


# --- statuses ------------------------------------------------------------------------------

_INSTRUCTION = frozenset({S.UNDER_REVIEW, S.REVIEWED, S.ON_AGENDA, S.POSTPONED,
                          S.AWAITING_INFO})


@dataclass(frozen=True)
class DauphinStatus:
    """A Dauphin status: where an imported dossier goes, and the family it stands for."""

    label: str
    status: Status
    family: frozenset[Status]


# In this order our export picks the first Dauphin status whose family holds ours.
DAUPHIN_STATUSES: tuple[DauphinStatus, ...] = (
    DauphinStatus("En cours de saisie", S.DRAFT, frozenset({S.DRAFT})),
    DauphinStatus("Transmise", S.SUBMITTED, frozenset({S.SUBMITTED, S.AWAITING_INFO})),
    DauphinStatus("En cours", S.UNDER_REVIEW, _INSTRUCTION),
    DauphinStatus("Prise en charge", S.UNDER_REVIEW, _INSTRUCTION),
    DauphinStatus("En attente d'instruction", S.UNDER_REVIEW, _INSTRUCTION),
    DauphinStatus("Recevable", S.ADMISSIBLE, frozenset({S.ADMISSIBLE}) | _INSTRUCTION),
    DauphinStatus("Non recevable", S.INADMISSIBLE, frozenset({S.INADMISSIBLE})),
    DauphinStatus("Rejetée", S.REFUSED, frozenset({S.REFUSED})),
    DauphinStatus("Refusée", S.REFUSED, frozenset({S.REFUSED})),
    DauphinStatus("Votée", S.GRANTED, frozenset({S.GRANTED, S.NOTIFIED})),
    DauphinStatus("Accordée", S.GRANTED, frozenset({S.GRANTED, S.NOTIFIED})),
    DauphinStatus("A été versé", S.IN_PAYMENT, frozenset({S.IN_PAYMENT})),
    DauphinStatus("A justifier", S.TO_JUSTIFY, frozenset({S.TO_JUSTIFY})),
    DauphinStatus("Justification en cours", S.TO_JUSTIFY, frozenset({S.TO_JUSTIFY})),
    DauphinStatus("Justification à modifier", S.TO_JUSTIFY, frozenset({S.TO_JUSTIFY})),
    DauphinStatus("Justifiée", S.JUSTIFIED, frozenset({S.JUSTIFIED, S.SETTLED})),
    DauphinStatus("Clôturée", S.CLOSED, frozenset({S.CLOSED, S.WITHDRAWN})),
)
_BY_KEY = {search_key(d.label): d for d in DAUPHIN_STATUSES}
_OUR_LABELS = {search_key(s.label): s for s in Status} | {s.value: s for s in Status}


@lru_cache(maxsize=1024)
def dauphin_status(label: str) -> DauphinStatus | None:
    """The Dauphin status written ``label`` (accents and case ignored: « À justifier »)."""
    return _BY_KEY.get(search_key(label))


@lru_cache(maxsize=1024)
def our_status(text: str) -> Status | None:
    """One of our statuses written by its French label (« Accordé ») or its code."""
    return _OUR_LABELS.get(search_key(text)) or _OUR_LABELS.get(text.strip())


def to_dauphin(status: Status) -> str:
    """The Dauphin status our export writes for one of ours."""
    return next(d.label for d in DAUPHIN_STATUSES if status in d.family)


def imported_status(dauphin: DauphinStatus | None, detailed: Status | None,
                    current: Status | None) -> Status | None:
    """Where a dossier goes: the detailed status if given, else stay put when the current
    status is of the Dauphin status's family, else the Dauphin status's own.

    None means « no status given, keep the current one (or the default on creation) ».
    """
    if detailed is not None:
        return detailed
    if dauphin is None:
        return None
    if current is not None and current in dauphin.family:
        return current
    return dauphin.status


def detailed_status_error(dauphin: DauphinStatus | None, detailed: Status) -> str | None:
    """A detailed status must belong to the Dauphin status written beside it."""
    if dauphin is None or detailed in dauphin.family:
        return None
    return (f"« {detailed.label} » ne correspond pas au statut Dauphin « {dauphin.label} »")


# Statuses an import walks through only when they are the destination.
_DETOURS = frozenset({S.AWAITING_INFO, S.INADMISSIBLE, S.REFUSED, S.WITHDRAWN, S.POSTPONED})


@cache
def import_path(current: Status, target: Status, channel: Channel) -> tuple[Status, ...] | None:
    """The legal steps from ``current`` to ``target`` along the main road (no detour through
    a refusal, a withdrawal or a request for documents unless that is the destination).

    Empty when already there; None when the lifecycle allows no way (going back, or a
    committee step for a RESERVE dossier).
    """
    if current is target:
        return ()
    parents: dict[Status, Status] = {}
    queue = deque([current])
    while queue:
        node = queue.popleft()
        for nxt in sorted(allowed_targets(node, channel), key=list(Status).index):
            if nxt in parents or nxt is current or (nxt in _DETOURS and nxt is not target):
                continue
            parents[nxt] = node
            if nxt is target:
                steps = [nxt]
                while steps[-1] in parents and parents[steps[-1]] is not current:
                    steps.append(parents[steps[-1]])
                return tuple(reversed(steps))
            queue.append(nxt)
    return None


def creation_path(target: Status, channel: Channel) -> tuple[Status, ...] | None:
    """The steps of a dossier created by an import: it was submitted, then went its way."""
    if target is S.DRAFT:
        return ()
    rest = import_path(S.SUBMITTED, target, channel)
    return None if rest is None else (S.SUBMITTED, *rest)
