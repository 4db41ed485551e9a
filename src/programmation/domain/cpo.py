"""CPO — convention pluriannuelle d'objectifs: three years, the same amount each year.

The committee decides the three-year commitment once; each later year is
renewed (reconduit) only once the previous year's bilan is in, and is paid on
its own. No degressivity: every funder gives the same amount each year. A CPO
must carry a measure of social impact. CPOs must make at least half (the
contract's floor) of the State's specific-credit envelope — counted in money
or in conventions, as the contract says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .channels import CpoRuleBasis
from .money import format_eur, format_percent, money, share

CPO_YEARS = 3
RENEWAL_PREFIX = "Reconduction"


class CpoRefused(ValueError):
    """A CPO step the rules refuse; the message is French."""


def cpo_years(first_year: int) -> range:
    return range(first_year, first_year + CPO_YEARS)


def amount_errors(amounts: Mapping[str, Mapping[int, Decimal]], first_year: int) -> list[str]:
    """``amounts``: funder name → year → amount. Same amount each of the three years."""
    errors = []
    years = cpo_years(first_year)
    for funder, by_year in amounts.items():
        first = money(by_year.get(first_year, 0))
        if first < 0:
            errors.append(f"{funder} : montant {first_year} négatif")
        for year in years[1:]:
            if year not in by_year:
                errors.append(f"{funder} : montant {year} manquant")
                continue
            amount = money(by_year[year])
            if amount < first:
                errors.append(
                    f"{funder} : {format_eur(amount)} en {year}, moins que les "
                    f"{format_eur(first)} de {first_year} — une CPO est sans dégressivité, "
                    "le même montant chaque année")
            elif amount > first:
                errors.append(f"{funder} : {format_eur(amount)} en {year} pour "
                              f"{format_eur(first)} en {first_year} — une CPO verse le même "
                              "montant chaque année")
        extra = sorted(set(by_year) - set(years))
        if extra:
            errors.append(f"{funder} : une CPO couvre {years[0]}-{years[-1]}, pas {extra[0]}")
    if not any(money(v) > 0 for by_year in amounts.values() for v in by_year.values()):
        errors.append("aucun financeur n'est sollicité")
    return errors


def social_impact_error(measure: str) -> str | None:
    if not measure.strip():
        return "la mesure d'impact social est obligatoire pour une CPO"
    return None


# --- the yearly renewal -------------------------------------------------------------------


def renewal_reference(year: int) -> str:
    return f"{RENEWAL_PREFIX} {year}"


def is_renewal_reference(reference: str, year: int) -> bool:
    return reference.strip() == renewal_reference(year)


@dataclass(frozen=True)
class CpoYears:
    """Where the yearly cycle of a CPO stands."""

    first_year: int
    decided: bool  # the committee granted the three-year commitment
    renewed: frozenset[int]  # later years confirmed
    bilans: frozenset[int]  # years whose bilan is in

    def is_confirmed(self, year: int) -> bool:
        if year == self.first_year:
            return self.decided
        return self.decided and year in self.renewed

    def renewal_blocker(self, year: int) -> str | None:
        """Why ``year`` cannot be renewed now, or None."""
        years = cpo_years(self.first_year)
        if year not in years:
            return f"{year} n'est pas une année de cette CPO ({years[0]}-{years[-1]})"
        if not self.decided:
            return "la CPO n'est pas encore accordée par le comité"
        if year == self.first_year:
            return f"{year} est engagée par la décision du comité"
        if year in self.renewed:
            return f"{year} est déjà reconduite"
        if not self.is_confirmed(year - 1):
            return f"reconduisez d'abord {year - 1}"
        if year - 1 not in self.bilans:
            return (f"le bilan {year - 1} n'est pas encore reçu : la reconduction {year} "
                    "l'attend")
        return None

    def next_renewal(self) -> int | None:
        """The next year to renew, if any."""
        for year in cpo_years(self.first_year)[1:]:
            if year not in self.renewed:
                return year
        return None

    def payment_blocker(self, year: int) -> str | None:
        if not self.is_confirmed(year):
            return (f"l'année {year} n'est pas encore confirmée : aucun versement avant la "
                    "décision ou la reconduction")
        return None


def payment_error(amount: Decimal, granted: Decimal, already_paid: Decimal) -> str | None:
    amount = money(amount)
    if amount <= 0:
        return "un versement doit être positif"
    left = money(granted) - money(already_paid)
    if amount > left:
        return (f"le versement ({format_eur(amount)}) dépasse ce qui reste à verser sur cette "
                f"ligne ({format_eur(left)})")
    return None


# --- the 50 % floor -----------------------------------------------------------------------


@dataclass(frozen=True)
class FloorCheck:
    """The CPO share of a funder's year against the contract's floor."""

    basis: CpoRuleBasis
    floor: Decimal  # e.g. 0.50
    cpo_value: Decimal  # CPO money, or number of CPO conventions
    whole_value: Decimal  # the envelope, or the number of conventions

    @property
    def share(self) -> Decimal | None:
        return share(self.cpo_value, self.whole_value)

    @property
    def met(self) -> bool:
        return self.whole_value > 0 and self.cpo_value >= self.floor * self.whole_value

    @property
    def missing(self) -> Decimal:
        """What CPOs still lack to reach the floor (money, or conventions rounded up)."""
        gap = max(self.floor * self.whole_value - self.cpo_value, Decimal(0))
        if self.basis is CpoRuleBasis.MONEY:
            return money(gap)
        return gap.to_integral_value(rounding=ROUND_CEILING)

    def describe(self) -> str:
        if not self.whole_value:
            return "rien à comparer"
        floor = format_percent(self.floor, 0)
        reached = format_percent(self.share)
        if self.met:
            return f"{reached} ≥ {floor} : plancher atteint"
        lack = (format_eur(self.missing) if self.basis is CpoRuleBasis.MONEY
                else f"{self.missing} convention(s)")
        return f"{reached} < {floor} : il manque {lack}"


def floor_check(basis: CpoRuleBasis, floor: Decimal, cpo_value: Decimal,
                whole_value: Decimal) -> FloorCheck:
    return FloorCheck(basis, Decimal(floor), Decimal(cpo_value), Decimal(whole_value))


def commitments(lines: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    """What CPO lines take from each year: year → amount."""
    result: dict[int, Decimal] = {}
    for year, amount in lines:
        result[year] = money(result.get(year, Decimal(0)) + money(amount))
    return result
