"""What the proposal starts from: candidates, envelopes, settings (the CPO floor
is in ``floor``).

Every amount and share is checked here, with a French message quoting back the
value received the French way (``10,001 €``, ``120 %``), so the rest of the
package computes on valid Decimals only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ..money import CENT, NBSP
from .formatting import HUNDRED, format_decimal

if TYPE_CHECKING:
    from .floor import CpoFloor

Basis = Literal["money", "conventions"]

ZERO = Decimal(0)
ONE = Decimal(1)
FRACTION_STEP = Decimal("0.0001")


def _as_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what} : valeur non finie ({value})")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"{what} doit être un Decimal, pas un {type(value).__name__}")


def _as_amount(value: object, what: str) -> Decimal:
    amount = _as_decimal(value, what)
    if amount != amount.quantize(CENT):
        raise ValueError(f"{what} doit être au centime près (reçu {format_decimal(amount)}"
                         f"{NBSP}€)")
    return amount


def _as_share(value: object, what: str) -> Decimal:
    """A ratio between 0 and 1, said to the user as a percentage."""
    share = _as_decimal(value, what)
    if not ZERO <= share <= ONE:
        raise ValueError(f"{what} doit être comprise entre 0 et 100{NBSP}% (reçu "
                         f"{format_decimal(share * HUNDRED)}{NBSP}%)")
    return share


@dataclass(frozen=True)
class Candidate:
    """A dossier competing for the year's envelopes.

    ``requested`` maps a funder code to the (positive) amount asked of that
    funder for the year. With ``min_share`` below 1 the dossier may be funded
    at a fraction in [min_share, 1] applied to all its lines alike, or not at all.
    """

    dossier_id: int
    label: str
    pillar: str
    score: Decimal
    requested: Mapping[str, Decimal]
    is_cpo: bool = False
    min_share: Decimal = ONE

    def __post_init__(self) -> None:
        score = _as_decimal(self.score, "le score")
        if not ZERO <= score <= HUNDRED:
            raise ValueError(f"le score du dossier {self.label} doit être entre 0 et 100")
        requested: dict[str, Decimal] = {}
        for code, value in self.requested.items():
            amount = _as_amount(value, f"le montant demandé à {code}")
            if amount <= 0:
                raise ValueError(f"le montant demandé à {code} par {self.label} doit être positif")
            requested[code] = amount.quantize(CENT)
        min_share = _as_share(self.min_share, "la part minimale de financement")
        if min_share == 0:
            raise ValueError(f"la part minimale de financement de {self.label} doit être positive")
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "requested", requested)
        object.__setattr__(self, "min_share", min_share)

    @property
    def total_requested(self) -> Decimal:
        return sum(self.requested.values(), ZERO)


@dataclass(frozen=True)
class Envelope:
    """Money a funder makes available for the year."""

    funder_code: str
    amount: Decimal
    label: str = ""

    def __post_init__(self) -> None:
        amount = _as_amount(self.amount, f"l'enveloppe {self.funder_code}")
        if amount < 0:
            raise ValueError(f"l'enveloppe {self.funder_code} ne peut pas être négative")
        object.__setattr__(self, "amount", amount.quantize(CENT))

    @property
    def name(self) -> str:
        return self.label or self.funder_code


@dataclass(frozen=True)
class ProposalSettings:
    """Weights and rules of the proposal; shares are ratios of the total proposed."""

    pillar_weights: Mapping[str, Decimal] = field(default_factory=dict)
    pillar_min_share: Mapping[str, Decimal] = field(default_factory=dict)
    pillar_max_share: Mapping[str, Decimal] = field(default_factory=dict)
    cpo_floor: CpoFloor | None = None  # see ``floor``
    time_limit: float = 10.0
    pillar_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        weights = {p: _as_decimal(w, f"le poids du pilier {p}")
                   for p, w in self.pillar_weights.items()}
        if any(w < 0 for w in weights.values()):
            raise ValueError("le poids d'un pilier ne peut pas être négatif")
        lows = {p: _as_share(s, f"la part minimale du pilier {p}")
                for p, s in self.pillar_min_share.items()}
        highs = {p: _as_share(s, f"la part maximale du pilier {p}")
                 for p, s in self.pillar_max_share.items()}
        if not self.time_limit > 0:
            raise ValueError("la limite de temps doit être positive")
        object.__setattr__(self, "pillar_weights", weights)
        object.__setattr__(self, "pillar_min_share", lows)
        object.__setattr__(self, "pillar_max_share", highs)
        object.__setattr__(self, "pillar_labels", dict(self.pillar_labels))

    def weight(self, pillar: str) -> Decimal:
        return self.pillar_weights.get(pillar, ONE)

    def pillar_name(self, pillar: str) -> str:
        return self.pillar_labels.get(pillar, pillar)
