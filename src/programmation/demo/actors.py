"""Carriers and contracts of the demo, from the seeds."""

from __future__ import annotations

from decimal import Decimal

from ..domain.contract import Contract, Neighbourhood
from ..domain.dossier import Carrier
from ..domain.people import Person
from ..domain.presets import (
    CONTRAT_2015,
    QUARTIERS_2030,
    cross_cutting_flags,
    default_funders,
    pillar_preset,
)
from ..domain.scoring import default_grid
from .seeds import contract_facts, demo_rna, demo_siret

TOWN_SERVICE = "Ville d'Hazebrouck — service Politique de la ville"
_STREETS = ["rue Pasteur", "rue du Maréchal Foch", "rue de la Clef", "rue Nationale",
            "place du Général de Gaulle", "rue de Merville", "boulevard de l'Abbé Lemire",
            "rue d'Aire", "rue du Rivage", "avenue de la Gare"]


class CarrierRegistry:
    """One Carrier per organisation name, created on first use with demo identifiers."""

    def __init__(self) -> None:
        self._by_name: dict[str, Carrier] = {}

    def get(self, name: str) -> Carrier:
        if name not in self._by_name:
            index = len(self._by_name) + 1
            is_town = name.startswith("Ville d")
            first = name.split()[0].lower()
            association = not is_town and first in {"association", "centre", "crèche",
                                                    "circul’livre", "arc-en-ciel", "union"}
            self._by_name[name] = Carrier(
                name=name,
                legal_form="Collectivité territoriale" if is_town
                else "Association loi 1901" if association else "Autre organisme",
                siret=demo_siret(index),
                rna=demo_rna(index) if association else None,
                address=f"{index * 7 % 90 + 1} {_STREETS[index % len(_STREETS)]}",
                postcode="59190",
                city="Hazebrouck",
                representative=["Mme Lefebvre", "M. Vandamme", "Mme Decroix", "M. Dehaene",
                                "Mme Verhaeghe"][index % 5],
                contact_name=["Julie Delattre", "Karim Benali", "Sophie Deswarte",
                              "Thomas Leroy"][index % 4],
                email=f"contact{index}@exemple-asso.fr",
                phone=f"03 28 41 {index % 100:02d} {index * 3 % 100:02d}",
                qpv_only=index % 3 == 0,
            )
        return self._by_name[name]

    def all(self) -> list[Carrier]:
        return list(self._by_name.values())


def contract_2015() -> Contract:
    previous = next(n for n in contract_facts()["neighbourhoods"] if n["status"] == "previous")
    contract = Contract(
        name="Contrat de ville 2015-2020 d'Hazebrouck (prorogé jusqu'en 2023)",
        territory="Communauté de communes de Flandre intérieure (CCFI)",
        town="Hazebrouck", start_year=2015, end_year=2023, pillar_preset=CONTRAT_2015,
    )
    contract.neighbourhoods = [Neighbourhood(previous["code"], previous["name"],
                                             previous["population"])]
    contract.pillars = pillar_preset(CONTRAT_2015)
    contract.flags = cross_cutting_flags()
    contract.funders = default_funders()
    renamed = {"EPCI": "Communauté de communes de Flandre intérieure (CCFI)",
               "REGION": "Région Nord-Pas-de-Calais / Hauts-de-France"}
    for funder in contract.funders:
        funder.name = renamed.get(funder.code, funder.name)
    return contract


def contract_2024() -> Contract:
    facts = contract_facts()
    current = next(n for n in facts["neighbourhoods"] if n["status"] == "current")
    previous = next(n for n in facts["neighbourhoods"] if n["status"] == "previous")
    contract = Contract(
        name="Contrat de ville 2024-2030 d'Hazebrouck — Quartiers 2030",
        territory="Cœur de Flandre agglo", town="Hazebrouck", start_year=2024, end_year=2030,
        mid_term_review_year=facts["contract"]["mid_term_review_year"],
        pillar_preset=QUARTIERS_2030, public_funding_ceiling=Decimal("0.80"),
        reserve_project_ceiling=Decimal("5000"), cpo_floor=Decimal("0.50"),
    )
    # The 2024 text gives no QPV code: the 2015 geography's code is kept until notified.
    contract.neighbourhoods = [Neighbourhood(current["code"] or previous["code"],
                                             current["name"], current["population"])]
    contract.pillars = pillar_preset(QUARTIERS_2030)
    contract.flags = cross_cutting_flags()
    contract.funders = default_funders()
    contract.criteria = default_grid()
    funders = {f.code: f for f in contract.funders}
    contract.people = [
        Person("Claire Vanhove", "Cœur de Flandre agglo — politique de la ville", funders["EPCI"]),
        Person("Mehdi Saïdi", "Préfecture du Nord — délégué du préfet", funders["ETAT-147"]),
        Person("Anne Dufour", "Ville d'Hazebrouck", funders["VILLE"]),
        Person("Laurent Caron", "CAF du Nord", funders["CAF"]),
    ]
    return contract
