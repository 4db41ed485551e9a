"""The budget of an action in the CERFA 12156*06 layout, and its two balance rules.

Cash budget: charges (60–69, charges indirectes) must equal produits (70–79,
ressources propres), with one 74 line per funder. Contributions volontaires en
nature are kept apart: emplois (86) must equal ressources (87).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .money import ZERO, format_eur, money, total


class Side(StrEnum):
    CHARGE = "charge"
    PRODUCT = "product"
    IN_KIND_USE = "in_kind_use"  # 86
    IN_KIND_RESOURCE = "in_kind_resource"  # 87


@dataclass(frozen=True)
class Account:
    code: str
    label: str
    side: Side
    parent: str | None = None


def _accounts() -> list[Account]:
    c, p, u, r = Side.CHARGE, Side.PRODUCT, Side.IN_KIND_USE, Side.IN_KIND_RESOURCE
    rows = [
        ("60", "Achats", c, None), ("604", "Prestations de services", c, "60"),
        ("601", "Achats matières et fournitures", c, "60"),
        ("606", "Autres fournitures", c, "60"),
        ("61", "Services extérieurs", c, None), ("613", "Locations", c, "61"),
        ("615", "Entretien et réparation", c, "61"), ("616", "Assurance", c, "61"),
        ("618", "Documentation", c, "61"),
        ("62", "Autres services extérieurs", c, None),
        ("622", "Rémunérations intermédiaires et honoraires", c, "62"),
        ("623", "Publicité, publications", c, "62"),
        ("625", "Déplacements, missions", c, "62"), ("627", "Services bancaires, autres", c, "62"),
        ("63", "Impôts et taxes", c, None), ("64", "Charges de personnel", c, None),
        ("641", "Rémunération des personnels", c, "64"), ("645", "Charges sociales", c, "64"),
        ("647", "Autres charges de personnel", c, "64"),
        ("65", "Autres charges de gestion courante", c, None),
        ("66", "Charges financières", c, None), ("67", "Charges exceptionnelles", c, None),
        ("68", "Dotation aux amortissements", c, None),
        ("69", "Impôt sur les bénéfices ; participation des salariés", c, None),
        ("CI", "Charges indirectes affectées à l'action", c, None),
        ("70", "Vente de produits finis, prestations de services, marchandises", p, None),
        ("73", "Dotations et produits de tarification", p, None),
        ("74", "Subventions d'exploitation", p, None),
        ("75", "Autres produits de gestion courante", p, None),
        ("756", "Cotisations", p, "75"), ("758", "Dons manuels, mécénat", p, "75"),
        ("76", "Produits financiers", p, None), ("77", "Produits exceptionnels", p, None),
        ("78", "Reprises sur amortissements et provisions", p, None),
        ("79", "Transfert de charges", p, None),
        ("RP", "Ressources propres affectées à l'action", p, None),
        ("86", "Emplois des contributions volontaires en nature", u, None),
        ("860", "Secours en nature", u, "86"),
        ("861", "Mise à disposition gratuite de biens et services", u, "86"),
        ("862", "Prestations", u, "86"), ("864", "Personnel bénévole", u, "86"),
        ("87", "Contributions volontaires en nature", r, None),
        ("870", "Bénévolat", r, "87"), ("871", "Prestations en nature", r, "87"),
        ("875", "Dons en nature", r, "87"),
    ]
    return [Account(code, label, side, parent) for code, label, side, parent in rows]


ACCOUNTS: tuple[Account, ...] = tuple(_accounts())
ACCOUNTS_BY_CODE: dict[str, Account] = {a.code: a for a in ACCOUNTS}
SUBSIDY_ACCOUNT = "74"


class BudgetError(ValueError):
    """A budget line that cannot exist; the message is French."""


@dataclass(frozen=True)
class BudgetLine:
    """One amount on one CERFA account; 74 lines name their funder."""

    account: str
    amount: Decimal
    funder_code: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.account not in ACCOUNTS_BY_CODE:
            raise BudgetError(f"compte « {self.account} » inconnu du plan CERFA")
        object.__setattr__(self, "amount", money(self.amount))
        if self.amount < 0:
            raise BudgetError(f"compte {self.account} : montant négatif")
        if self.account == SUBSIDY_ACCOUNT and not self.funder_code:
            raise BudgetError("une ligne 74 (subvention) doit nommer son financeur")

    @property
    def side(self) -> Side:
        return ACCOUNTS_BY_CODE[self.account].side


@dataclass(frozen=True)
class Budget:
    lines: tuple[BudgetLine, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, lines: Iterable[BudgetLine]) -> Budget:
        return cls(tuple(lines))

    def total(self, side: Side) -> Decimal:
        return total(line.amount for line in self.lines if line.side is side)

    @property
    def total_charges(self) -> Decimal:
        return self.total(Side.CHARGE)

    @property
    def total_products(self) -> Decimal:
        return self.total(Side.PRODUCT)

    def subsidies(self) -> dict[str, Decimal]:
        """Requested subsidies (74) per funder code."""
        result: dict[str, Decimal] = {}
        for line in self.lines:
            if line.account == SUBSIDY_ACCOUNT and line.funder_code:
                result[line.funder_code] = result.get(line.funder_code, ZERO) + line.amount
        return result

    def balance_errors(self) -> list[str]:
        """The broken balance rules, in words (empty when balanced)."""
        errors = []
        charges, products = self.total_charges, self.total_products
        if charges != products:
            errors.append(
                f"budget déséquilibré : charges {format_eur(charges)} ≠ produits "
                f"{format_eur(products)} (écart {format_eur(charges - products)})"
            )
        uses, resources = self.total(Side.IN_KIND_USE), self.total(Side.IN_KIND_RESOURCE)
        if uses != resources:
            errors.append(
                f"contributions en nature déséquilibrées : emplois (86) {format_eur(uses)} ≠ "
                f"ressources (87) {format_eur(resources)}"
            )
        return errors

    def differences(self, other: Budget) -> dict[tuple[str, str | None], tuple[Decimal, Decimal]]:
        """Per (account, funder) the amounts here and in ``other`` where they differ."""
        def keyed(budget: Budget) -> dict[tuple[str, str | None], Decimal]:
            sums: dict[tuple[str, str | None], Decimal] = {}
            for line in budget.lines:
                key = (line.account, line.funder_code)
                sums[key] = sums.get(key, ZERO) + line.amount
            return sums

        mine, theirs = keyed(self), keyed(other)
        return {
            key: (mine.get(key, ZERO), theirs.get(key, ZERO))
            for key in sorted(set(mine) | set(theirs), key=lambda k: (k[0], k[1] or ""))
            if mine.get(key, ZERO) != theirs.get(key, ZERO)
        }
