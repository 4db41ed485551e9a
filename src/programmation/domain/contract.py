"""The contrat de ville: territory, years, neighbourhoods, pillars, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .channels import CpoRuleBasis, PillarKind
from .money import money


@dataclass(eq=False)
class Neighbourhood:
    """A quartier prioritaire; codes change with each national map, so they are data."""

    code: str
    name: str
    population: int | None = None
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Pillar:
    """A pilier / priorité / thématique; ``reporting_code`` maps it onto today's grid."""

    code: str
    name: str
    kind: PillarKind
    position: int = 0
    reporting_code: str | None = None
    archived: bool = False
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class CrossCuttingFlag:
    """A priorité transversale: a non-exclusive flag on an action."""

    code: str
    name: str
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Contract:
    name: str
    territory: str
    town: str
    start_year: int
    end_year: int
    mid_term_review_year: int | None = None
    pillar_preset: str = ""
    public_funding_ceiling: Decimal = Decimal("0.80")
    reserve_project_ceiling: Decimal = Decimal("5000.00")
    cpo_floor: Decimal = Decimal("0.50")
    cpo_rule_basis: CpoRuleBasis = CpoRuleBasis.MONEY
    qpv_share_minimum: Decimal = Decimal("0.50")
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    flags: list[CrossCuttingFlag] = field(default_factory=list)
    funders: list = field(default_factory=list)  # list[Funder]
    calls: list = field(default_factory=list)  # list[Call]
    criteria: list = field(default_factory=list)  # list[scoring.Criterion]
    people: list = field(default_factory=list)  # list[people.Person]
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.end_year < self.start_year:
            raise ValueError("l'année de fin du contrat précède son année de début")
        self.reserve_project_ceiling = money(self.reserve_project_ceiling)

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def pillar(self, code: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.code == code:
                return pillar
        raise KeyError(f"pilier « {code} » inconnu")

    def funder(self, code: str):
        for funder in self.funders:
            if funder.code == code:
                return funder
        raise KeyError(f"financeur « {code} » inconnu")
