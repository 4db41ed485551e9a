"""Budget versions of a dossier: « as requested », then « as adjusted » after instruction.

The first save is the budget as requested; once the dossier has entered
instruction, budget changes go to an adjusted version and the requested one is
never overwritten. The two compare line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..adapters.persistence.database import Database
from ..domain.budget import ACCOUNTS, ACCOUNTS_BY_CODE
from ..domain.contract import Contract
from ..domain.dossier import Application, BudgetEntry, BudgetVersion
from ..domain.lifecycle import Status
from ..domain.money import ZERO
from .dossier_forms import ADJUSTED, REQUESTED, DossierForm
from .errors import ServiceError

_BEFORE_INSTRUCTION = frozenset({Status.DRAFT, Status.SUBMITTED, Status.AWAITING_INFO,
                                 Status.ADMISSIBLE, Status.INADMISSIBLE, Status.WITHDRAWN})


@dataclass(frozen=True)
class BudgetComparisonRow:
    account: str
    label: str
    requested: Decimal
    adjusted: Decimal | None
    difference: Decimal | None


def _keyed(entries: list[BudgetEntry]) -> dict[tuple[str, str | None], Decimal]:
    sums: dict[tuple[str, str | None], Decimal] = {}
    for e in entries:
        key = (e.account, getattr(e.funder, "code", None))
        sums[key] = sums.get(key, ZERO) + e.amount
    return {k: v for k, v in sums.items() if v}


def entered_instruction(application: Application) -> bool:
    return application.status not in _BEFORE_INSTRUCTION or any(
        change.to_status is Status.UNDER_REVIEW for change in application.history)


def store_budget(application: Application, form: DossierForm, contract: Contract,
                 at: datetime, actor: str) -> str:
    """Keep the budget versions; returns the kind of the version now current."""
    funders = {f.code: f for f in contract.funders}
    entries = [BudgetEntry(line.account, line.amount,
                           funders[line.funder_code] if line.funder_code else None, line.label)
               for line in form.budget if line.amount]
    versions = application.budget_versions
    requested = next((v for v in versions if v.kind == REQUESTED), None)
    adjusted = next((v for v in reversed(versions) if v.kind == ADJUSTED), None)
    current = adjusted or requested
    if current is not None and _keyed(current.entries) == _keyed(entries):
        return current.kind
    if current is None:
        if not entries:
            return REQUESTED
        current = BudgetVersion(REQUESTED, at, entries, note=f"Saisi par {actor}")
        versions.append(current)
    elif current is requested and entered_instruction(application):
        current = BudgetVersion(ADJUSTED, at, entries, note=f"Ajusté par {actor}")
        versions.append(current)
    else:
        current.entries = entries
        current.created_at = at
    application.total_cost = current.budget().total_charges
    return current.kind


def compare_budgets(database: Database, application_id: int) -> list[BudgetComparisonRow]:
    """The budget as requested and as adjusted, line by line, with the difference."""
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        if application is None:
            raise ServiceError("dossier introuvable")
        versions = application.budget_versions
        requested = next((v for v in versions if v.kind == REQUESTED), None)
        adjusted = next((v for v in reversed(versions) if v.kind == ADJUSTED), None)
        asked = _keyed(requested.entries) if requested else {}
        final = _keyed(adjusted.entries) if adjusted else None
        names = {f.code: (f.position, f.name) for f in application.contract.funders}
    order = {a.code: i for i, a in enumerate(ACCOUNTS)}
    keys = sorted(set(asked) | set(final or {}),
                  key=lambda k: (order[k[0]], names.get(k[1] or "", (0, ""))[0]))
    rows = []
    for account, funder in keys:
        label = ACCOUNTS_BY_CODE[account].label
        if funder:
            label = f"Subvention — {names.get(funder, (0, funder))[1]}"
        before = asked.get((account, funder), ZERO)
        after = final.get((account, funder), ZERO) if final is not None else None
        rows.append(BudgetComparisonRow(account, label, before, after,
                                        None if after is None else after - before))
    return rows
