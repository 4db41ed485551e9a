"""The facts the demo is built from, read from the two source contracts' extracts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..domain.identifiers import with_luhn_key
from ..paths import resources_dir

# Partners of the 2015 fiches that are funders or institutions, never carriers.
_NOT_CARRIERS = (
    "Ville d", "Conseil Citoyen", "Communauté de Communes", "Département", "Région",
    "DIRECCTE", "État", "Pays Cœur", "Agence Régionale", "Éducation nationale", "DDTM", "DRAC",
    "Europe", "Caisse d", "Police", "Gendarmerie", "Chambre", "CCI", "Bailleurs", "Partenord",
    "SPE", "Agence Nationale", "Fédération", "Syndicat", "Office du Tourisme",
    "Établissements scolaires", "Médiat", "Associations sportives", "Associations culturelles",
    "Centres socio-éducatifs régionaux", "Association Nationale", "Association Française des P",
    "Association des Fournisseurs",
)


@dataclass(frozen=True)
class Fiche:
    number: int
    theme: str
    title: str
    priority: int
    partners: tuple[str, ...]
    indicators: tuple[str, ...]
    objectives: tuple[str, ...]
    content: str

    @property
    def carrier_candidates(self) -> list[str]:
        return [p for p in self.partners if not p.startswith(_NOT_CARRIERS)]


@cache
def fiches() -> tuple[Fiche, ...]:
    raw = json.loads((resources_dir() / "demo" / "fiches_actions_2015.json").read_text("utf-8"))
    return tuple(
        Fiche(f["number"], f["theme"], f["title"], f["priority"], tuple(f["partners"]),
              tuple(f["indicators"]), tuple(f["objectives"]), f["content"])
        for f in raw
    )


@cache
def contract_facts() -> dict:
    return json.loads((resources_dir() / "demo" / "contract_2024.json").read_text("utf-8"))


# Figures of the 2024 contract (diagnostic of the 2015-2022 programming).
SPENDING_2015_2022 = {  # reporting pillar code of the Quartiers 2030 grid → euros
    "EDU": 574_157, "EMP": 464_959, "LSC": 462_794, "SAN": 235_242, "ECO": 125_200,
    "SEC": 44_200,
}
SPENDING_LABELS = {
    "EDU": "Éducation", "EMP": "Emploi et développement", "LSC": "Lien social et citoyenneté",
    "SAN": "Santé", "ECO": "Logement", "SEC": "Accès aux droits et prévention",
}
# Actions submitted per call (40 in 2016 and 23 in 2022 per the seed; between, a
# steady decline) and how many were accepted (always ≥ 57 %, 72 % in 2018).
SUBMITTED = {2015: 42, 2016: 40, 2017: 37, 2018: 32, 2019: 29, 2020: 26, 2021: 25, 2022: 23,
             2023: 24}
ACCEPTED = {2015: 26, 2016: 24, 2017: 23, 2018: 23, 2019: 19, 2020: 15, 2021: 16, 2022: 14,
            2023: 15}
# Share of new actions: high at first, falling until 2019, then rising (seed 2024).
NEW_SHARE = {2015: 1.0, 2016: 0.55, 2017: 0.42, 2018: 0.31, 2019: 0.21, 2020: 0.28, 2021: 0.36,
             2022: 0.43, 2023: 0.5}


# The demo is dated: nothing in it happens after this day.
DEMO_TODAY = date(2026, 11, 20)


def demo_siret(index: int) -> str:
    """A well-formed SIRET (valid key) for demo carriers; not a real establishment."""
    return with_luhn_key(f"9{index:07d}00{index % 100:02d}1"[:13])


def demo_rna(index: int) -> str:
    return f"W59{index:07d}"
