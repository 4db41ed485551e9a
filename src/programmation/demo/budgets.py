"""Plausible CERFA budgets and funding lines for demo dossiers (always balanced)."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from ..domain.channels import FundingLineStatus
from ..domain.dossier import BudgetEntry, BudgetVersion
from ..domain.funding import Funder, FundingLine
from ..domain.money import ZERO, allocate, money

_CHARGE_WEIGHTS = {"604": 18, "606": 7, "613": 6, "616": 2, "625": 4, "641": 40, "645": 15,
                   "CI": 8}


def euros(value: float | int) -> Decimal:
    """Whole euros, as money (demo amounts are rounded like real budgets)."""
    return money(round(value))


def build_budget(requested: dict[Funder, Decimal], public_share: float, rng: random.Random,
                 at: datetime, volunteers: bool) -> tuple[BudgetVersion, Decimal]:
    """A balanced requested budget around the subsidies asked; returns it and the total cost."""
    subsidies = sum(requested.values(), ZERO)
    total_cost = euros(float(subsidies) / public_share)
    sales = euros(float(total_cost - subsidies) * rng.uniform(0.0, 0.4))
    own = total_cost - subsidies - sales
    entries = [BudgetEntry(account, amount) for account, amount in zip(
        _CHARGE_WEIGHTS,
        allocate(total_cost, [Decimal(w) for w in _CHARGE_WEIGHTS.values()]),
        strict=True,
    ) if amount]
    entries += [BudgetEntry("74", amount, funder) for funder, amount in requested.items()]
    if sales:
        entries.append(BudgetEntry("70", sales))
    if own:
        entries.append(BudgetEntry("RP", own))
    if volunteers:
        in_kind = euros(rng.randrange(5, 40) * 100)
        entries += [BudgetEntry("864", in_kind), BudgetEntry("870", in_kind)]
    return BudgetVersion("requested", at, entries), total_cost


def funding_lines(requested: dict[Funder, Decimal], year: int,
                  granted: dict[Funder, Decimal] | None, decided_on=None,
                  reference: str = "") -> list[FundingLine]:
    """One line per funder; ``granted`` None means not decided yet, {} means refused."""
    lines = []
    for funder, amount in requested.items():
        line = FundingLine(funder, year, amount, nature=funder.default_nature)
        if granted is not None:
            value = granted.get(funder)
            line.proposed = value if value is not None else ZERO
            line.granted = value if value is not None else ZERO
            line.status = FundingLineStatus.VOTED if value else FundingLineStatus.REFUSED
            line.decision_date = decided_on
            line.decision_reference = reference
        lines.append(line)
    return lines
