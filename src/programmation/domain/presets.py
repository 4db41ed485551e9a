"""Shipped presets: the pillar grids of the two contract generations and the funders."""

from __future__ import annotations

from .channels import FunderKind, FundingNature, PillarKind
from .contract import CrossCuttingFlag, Pillar
from .funding import Funder

QUARTIERS_2030 = "quartiers-2030"
CONTRAT_2015 = "contrat-2015-2020"

_Q2030 = [
    ("EDU", "Éducation (0-25 ans, réussite éducative, parentalité)", PillarKind.PRIORITY),
    ("EMP", "Emploi et développement économique", PillarKind.PRIORITY),
    ("SAN", "Santé (dont santé mentale)", PillarKind.PRIORITY),
    ("ECO", "Transition écologique (habitat, mobilité, alimentation, îlots de chaleur)",
     PillarKind.PRIORITY),
    ("SEC", "Sécurité et prévention de la délinquance", PillarKind.PRIORITY),
    ("LSC", "Lien social et citoyenneté", PillarKind.THEME),
    ("ADR", "Accès aux droits", PillarKind.THEME),
    ("CSP", "Culture et sport", PillarKind.THEME),
    ("MOB", "Mobilité", PillarKind.THEME),
]

# The 2015 generation: its four pillars, then the ten thématiques of the fiches
# actions, each mapped onto today's grid for reporting over the years.
_C2015 = [
    ("P1", "Cohésion sociale", PillarKind.PILLAR, "LSC"),
    ("P2", "Cadre de vie et renouvellement urbain", PillarKind.PILLAR, "ECO"),
    ("P3", "Développement économique et emploi", PillarKind.PILLAR, "EMP"),
    ("P4", "Citoyenneté et valeurs de la République", PillarKind.PILLAR, "LSC"),
    ("T01", "Emploi et développement économique", PillarKind.THEMATIQUE, "EMP"),
    ("T02", "Jeunesse et éducation", PillarKind.THEMATIQUE, "EDU"),
    ("T03", "Citoyenneté, médiation et valeurs de la République", PillarKind.THEMATIQUE, "LSC"),
    ("T04", "Parentalité et petite enfance", PillarKind.THEMATIQUE, "EDU"),
    ("T05", "Culture et sports", PillarKind.THEMATIQUE, "CSP"),
    ("T06", "Soins et santé", PillarKind.THEMATIQUE, "SAN"),
    ("T07", "Cadre de vie et propreté des espaces verts", PillarKind.THEMATIQUE, "ECO"),
    ("T08", "Sécurité routière et voirie", PillarKind.THEMATIQUE, "SEC"),
    ("T09", "Mobilité et accessibilité", PillarKind.THEMATIQUE, "MOB"),
    ("T10", "Résidences et logements", PillarKind.THEMATIQUE, "ECO"),
]

THEMATIQUE_CODES_2015 = {name: code for code, name, kind, _ in _C2015
                         if kind is PillarKind.THEMATIQUE}


def pillar_preset(name: str) -> list[Pillar]:
    """Fresh Pillar objects of a preset (``quartiers-2030`` or ``contrat-2015-2020``)."""
    if name == QUARTIERS_2030:
        return [Pillar(code, label, kind, i, code) for i, (code, label, kind) in enumerate(_Q2030)]
    if name == CONTRAT_2015:
        return [Pillar(code, label, kind, i, target)
                for i, (code, label, kind, target) in enumerate(_C2015)]
    raise KeyError(f"grille de piliers « {name} » inconnue")


def cross_cutting_flags() -> list[CrossCuttingFlag]:
    return [
        CrossCuttingFlag("CADRE", "Cadre de vie"),
        CrossCuttingFlag("DISCRI", "Lutte contre les discriminations"),
        CrossCuttingFlag("EGALITE", "Égalité femmes-hommes"),
        CrossCuttingFlag("JEUNES", "Jeunesse / adolescents"),
    ]


_FUNDERS = [
    ("ETAT-147", "État — crédits spécifiques politique de la ville (BOP 147)",
     FunderKind.STATE_SPECIFIC, FundingNature.SPECIFIC, True),
    ("ETAT-DC", "État — droit commun (FIPD, DRAC, VVV, BOP 102/103, adultes-relais)",
     FunderKind.STATE_COMMON, FundingNature.COMMON_LAW, False),
    ("EPCI", "Cœur de Flandre agglo", FunderKind.EPCI, FundingNature.SPECIFIC, True),
    ("VILLE", "Ville d'Hazebrouck", FunderKind.TOWN, FundingNature.SPECIFIC, True),
    ("REGION", "Région Hauts-de-France", FunderKind.REGION, FundingNature.COMMON_LAW, True),
    ("DEPT", "Département du Nord", FunderKind.DEPARTMENT, FundingNature.COMMON_LAW, True),
    ("CAF", "CAF du Nord", FunderKind.SOCIAL, FundingNature.COMMON_LAW, True),
    ("ARS", "ARS Hauts-de-France", FunderKind.SOCIAL, FundingNature.COMMON_LAW, False),
    ("CPAM", "CPAM des Flandres", FunderKind.SOCIAL, FundingNature.COMMON_LAW, False),
    ("BAILLEURS", "Bailleurs sociaux (abattement TFPB)", FunderKind.LANDLORD,
     FundingNature.COMMON_LAW, True),
    ("FSE", "FSE+ / FEDER", FunderKind.EUROPE, FundingNature.COMMON_LAW, False),
    ("BDT", "Banque des Territoires", FunderKind.PUBLIC_BANK, FundingNature.COMMON_LAW, False),
    ("FT", "France Travail", FunderKind.OTHER_PUBLIC, FundingNature.COMMON_LAW, False),
    ("AUTRES-PUB", "Autres financeurs publics", FunderKind.OTHER_PUBLIC,
     FundingNature.COMMON_LAW, False),
    ("PRIVE", "Fonds privés", FunderKind.PRIVATE, FundingNature.COMMON_LAW, False),
    ("AUTO", "Autofinancement du porteur", FunderKind.SELF, FundingNature.OWN, False),
]


def default_funders() -> list[Funder]:
    return [Funder(code, name, kind, nature, voting, i)
            for i, (code, name, kind, nature, voting) in enumerate(_FUNDERS)]
