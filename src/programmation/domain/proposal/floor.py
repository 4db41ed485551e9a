"""The CPO floor: one rule for the proposal and for the programming view.

On the funders it names (the State's specific credits: one funder code or
several), CPO dossiers must make at least ``share`` of what those funders give
in the year::

    CPO value >= share x whole value

On basis "money" the values are money: what the CPO dossiers get from those
funders in the year, and what every dossier gets. On basis "conventions" they
are numbers of dossiers: the CPO dossiers those funders fund in the year, and
all the dossiers they fund. Every channel counts, and every dossier with money
of that year — a CPO decided in an earlier year counts for its line of the year.

The proposal decides only its candidates' money: what is already committed on
those funders for the year outside it (granted, or proposed on a dossier that
does not compete) enters as ``committed_cpo`` and ``committed_total``, in the
basis's unit (:meth:`CpoFloor.committing` tallies them). The proposal's own
dossiers then add to both sides, so the floor the solver keeps is the floor
the programming view shows once the proposal is applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from .formatting import format_decimal, format_eur, format_pct, plural
from .inputs import ONE, ZERO, Basis, _as_amount, _as_decimal, _as_share

Dossier = tuple[bool, Mapping[str, Decimal]]  # (is a CPO, money per funder code)


@dataclass(frozen=True)
class CpoFloor:
    """CPO dossiers must take at least ``share`` of the money of ``funder_codes`` in the
    year (basis "money") or of the dossiers they fund (basis "conventions"), counting what
    is already committed outside the proposal (``committed_cpo`` of ``committed_total``)."""

    funder_codes: tuple[str, ...] | str
    share: Decimal = Decimal("0.5")
    basis: Basis = "money"
    committed_cpo: Decimal = ZERO
    committed_total: Decimal = ZERO

    def __post_init__(self) -> None:
        codes = ((self.funder_codes,) if isinstance(self.funder_codes, str)
                 else tuple(dict.fromkeys(self.funder_codes)))
        if not codes or not all(codes):
            raise ValueError("le plancher CPO doit nommer au moins un financeur")
        if self.basis not in ("money", "conventions"):
            raise ValueError(f"base du plancher CPO inconnue : {self.basis}")
        cpo = self._committed(self.committed_cpo, cpo=True)
        whole = self._committed(self.committed_total, cpo=False)
        if cpo > whole:
            raise ValueError("plancher CPO : le déjà engagé en CPO dépasse le déjà engagé total")
        object.__setattr__(self, "funder_codes", codes)
        object.__setattr__(self, "share", _as_share(self.share, "la part plancher des CPO"))
        object.__setattr__(self, "committed_cpo", cpo)
        object.__setattr__(self, "committed_total", whole)

    def _committed(self, value: object, cpo: bool) -> Decimal:
        if self.basis == "money":
            label = f"le montant déjà engagé{' en CPO' if cpo else ''} (plancher CPO)"
            amount = _as_amount(value, label)
            if amount < 0:
                raise ValueError(f"{label} ne peut pas être négatif")
            return amount
        label = f"le nombre de dossiers{' CPO' if cpo else ''} déjà financés (plancher CPO)"
        count = _as_decimal(value, label)
        if count < 0 or count != count.to_integral_value():
            raise ValueError(f"{label} doit être un entier positif (reçu "
                             f"{format_decimal(count)})")
        return count

    @property
    def funder_code(self) -> str:
        """The funder codes in one word (``ETAT-147``, or ``ETAT-147, ETAT-ANRU``)."""
        return ", ".join(self.funder_codes)

    def draws_on(self, codes: Iterable[str]) -> bool:
        return any(code in self.funder_codes for code in codes)

    def value(self, amounts: Mapping[str, Decimal]) -> Decimal:
        """What one dossier counts for: its money from the floor's funders, or 1 if any."""
        money = sum((amounts.get(code, ZERO) for code in self.funder_codes), ZERO)
        if self.basis == "money":
            return money
        return ONE if money > 0 else ZERO

    def tally(self, dossiers: Iterable[Dossier]) -> tuple[Decimal, Decimal]:
        """(CPO value, whole value) of ``dossiers`` — (is a CPO, money per funder code)."""
        cpo = whole = ZERO
        for is_cpo, amounts in dossiers:
            value = self.value(amounts)
            whole += value
            cpo += value if is_cpo else ZERO
        return cpo, whole

    def committing(self, dossiers: Iterable[Dossier]) -> CpoFloor:
        """The floor with ``dossiers`` (outside the proposal) counted as already committed."""
        cpo, whole = self.tally(dossiers)
        return replace(self, committed_cpo=self.committed_cpo + cpo,
                       committed_total=self.committed_total + whole)

    def year_values(self, cpo: Decimal, whole: Decimal) -> tuple[Decimal, Decimal]:
        """The year's CPO and whole values: the committed ones plus ``cpo`` of ``whole``."""
        return self.committed_cpo + cpo, self.committed_total + whole

    def slack(self, cpo: Decimal = ZERO, whole: Decimal = ZERO) -> Decimal:
        """How far above the floor the year stands once ``cpo`` of ``whole`` is added."""
        year_cpo, year_whole = self.year_values(cpo, whole)
        return year_cpo - self.share * year_whole

    def met(self, cpo: Decimal = ZERO, whole: Decimal = ZERO,
            tolerance: Decimal = ZERO) -> bool:
        """The floor holds once ``cpo`` of ``whole`` is added (up to ``tolerance``)."""
        return self.slack(cpo, whole) >= -tolerance

    def scope(self, funders: str) -> str:
        """The rule in words: « 50 % des crédits État — BOP 147 de l'année »."""
        if self.basis == "money":
            return f"{format_pct(self.share)} des crédits {funders} de l'année"
        return f"{format_pct(self.share)} des dossiers financés par {funders} dans l'année"

    def quantity(self, value: Decimal) -> str:
        """A value in the basis's unit: an amount, or a number of dossiers."""
        if self.basis == "money":
            return format_eur(value)
        return plural(int(value), "dossier", "dossiers")
