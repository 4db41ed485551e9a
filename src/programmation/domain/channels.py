"""Programming channels, funder kinds and the small vocabularies of the model."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry their French label (``member.label``)."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label(cls, label: str):
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(f"« {label} » : valeur inconnue")


class Channel(Labelled):
    AAP = "AAP", "Appel à projets"
    AMI = "AMI", "Appel à manifestation d'intérêt"
    RESERVE = "RESERVE", "Enveloppe de réserve"
    CPO = "CPO", "Convention pluriannuelle d'objectifs"


class FundingNature(Labelled):
    SPECIFIC = "specific", "Crédits spécifiques"
    COMMON_LAW = "common_law", "Droit commun"
    OWN = "own", "Ressources propres"


class FunderKind(Labelled):
    STATE_SPECIFIC = "state_specific", "État — crédits spécifiques"
    STATE_COMMON = "state_common", "État — droit commun"
    EPCI = "epci", "Intercommunalité"
    TOWN = "town", "Commune"
    REGION = "region", "Région"
    DEPARTMENT = "department", "Département"
    SOCIAL = "social", "Organisme social"
    LANDLORD = "landlord", "Bailleur social"
    EUROPE = "europe", "Fonds européens"
    PUBLIC_BANK = "public_bank", "Établissement public"
    OTHER_PUBLIC = "other_public", "Autre financeur public"
    PRIVATE = "private", "Financeur privé"
    SELF = "self", "Autofinancement"

    @property
    def is_public(self) -> bool:
        return self not in (FunderKind.PRIVATE, FunderKind.SELF)


class FundingLineStatus(Labelled):
    TRANSMITTED = "transmitted", "Transmise"
    TAKEN_IN_CHARGE = "taken", "Prise en charge"
    ADMISSIBLE = "admissible", "Recevable"
    INADMISSIBLE = "inadmissible", "Non recevable"
    VOTED = "voted", "Votée"
    REFUSED = "refused", "Refusée"


class Opinion(Labelled):
    FAVOURABLE = "favourable", "Favorable"
    FAVOURABLE_WITH_RESERVE = "reserved", "Favorable sous réserve"
    UNFAVOURABLE = "unfavourable", "Défavorable"


class DecisionOutcome(Labelled):
    GRANTED = "granted", "Accordé"
    REFUSED = "refused", "Refusé"
    POSTPONED = "postponed", "Ajourné"


class CpoRuleBasis(Labelled):
    MONEY = "money", "Montants"
    CONVENTIONS = "conventions", "Nombre de conventions"


class PaymentKind(Labelled):
    ADVANCE = "advance", "Avance"
    INSTALMENT = "instalment", "Acompte"
    BALANCE = "balance", "Solde"


class PillarKind(Labelled):
    PRIORITY = "priority", "Priorité"
    THEME = "theme", "Thématique du quartier"
    PILLAR = "pillar", "Pilier"
    THEMATIQUE = "thematique", "Thématique de fiche action"


class CommitteeStatus(Labelled):
    PLANNED = "planned", "Prévu"
    OPEN = "open", "En séance"
    CLOSED = "closed", "Clos"
