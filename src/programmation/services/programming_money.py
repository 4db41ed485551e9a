"""What the dossiers of a year take from the funders, and the CPO share it makes.

- a funding line **consumes** its funder's money with its granted amount once
  decided (``granted`` set), else with its proposed amount while the dossier is
  still in the pipeline (déposé … ajourné); refused, withdrawn or inadmissible
  dossiers consume nothing (:func:`consumption`);
- the **CPO share** is the CPO floor's rule (``domain.proposal.CpoFloor``) on
  the State's specific credits (the funders of kind « État — crédits
  spécifiques », one code or several): in money, what CPO dossiers take from
  those credits in the year against what every dossier takes (every channel;
  a CPO decided in an earlier year counts for its line of the year); in
  conventions, the CPO dossiers those credits fund against all the dossiers
  they fund — as the contract says — against the contract's floor: CPO value
  ≥ floor × whole value. The programming view tallies every dossier of the
  year; the proposal (``services.proposal``) tallies those outside its
  candidates as already committed, so the share shown once a proposal is
  applied is the one the proposal announced.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain.channels import Channel, CpoRuleBasis, FunderKind
from ..domain.contract import Contract
from ..domain.cpo import floor_check
from ..domain.dossier import Application
from ..domain.money import ZERO, format_eur
from ..domain.proposal import CpoFloor
from .scoring import PIPELINE


def consumption(application: Application, line) -> tuple[Decimal, Decimal]:
    """(proposed, granted) that one funding line takes from its envelope."""
    if line.granted is not None:
        return ZERO, line.granted
    if application.status in PIPELINE:
        return line.proposed or ZERO, ZERO
    return ZERO, ZERO


@dataclass(frozen=True)
class CpoShare:
    """The CPO share of the year on the State's specific credits, against the floor."""

    funder_name: str
    basis: CpoRuleBasis
    floor: Decimal
    cpo_value: Decimal  # money, or a number of conventions
    total_value: Decimal
    share: Decimal | None  # 0 while those credits fund nothing yet
    met: bool
    text: str
    envelope: Decimal = ZERO  # the State's specific-credit envelopes of the year


def state_specific_codes(contract: Contract) -> tuple[str, ...]:
    """The codes of the State's specific credits (BOP 147…), on which the CPO floor is kept."""
    return tuple(f.code for f in contract.funders if f.kind is FunderKind.STATE_SPECIFIC)


def cpo_floor_rule(contract: Contract) -> CpoFloor | None:
    """The contract's CPO floor on the State's specific credits (None without them)."""
    codes = state_specific_codes(contract)
    if not codes:
        return None
    return CpoFloor(codes, contract.cpo_floor, contract.cpo_rule_basis.value)


def funded_money(applications: list[Application], year: int, codes: tuple[str, ...],
                 leave_out: frozenset[int] = frozenset()) -> list[tuple[bool, dict]]:
    """(is a CPO, funder code → money taken in ``year``) of each dossier drawing on ``codes``
    (granted, or proposed while in the pipeline — :func:`consumption`), except ``leave_out``."""
    found = []
    for application in applications:
        if application.id in leave_out:
            continue
        taken: dict[str, Decimal] = {}
        for line in application.lines_for(year):
            if line.funder.code in codes:
                taken[line.funder.code] = (taken.get(line.funder.code, ZERO)
                                           + sum(consumption(application, line)))
        if any(taken.values()):
            found.append((application.channel is Channel.CPO, taken))
    return found


def cpo_share(contract: Contract, year: int, applications: list[Application],
              envelope: Decimal) -> CpoShare | None:
    """CPO money (or conventions) on the State's specific credits of the year against all the
    money (or dossiers) they fund — ``CpoFloor.tally``, set against the floor by
    ``domain.cpo.floor_check``; ``envelope`` is shown beside it."""
    floor = cpo_floor_rule(contract)
    if floor is None:
        return None
    names = " + ".join(f.name for f in contract.funders if f.code in floor.funder_codes)
    cpo, whole = floor.tally(funded_money(applications, year, floor.funder_codes))
    basis = contract.cpo_rule_basis
    check = floor_check(basis, contract.cpo_floor, cpo, whole)
    if basis is CpoRuleBasis.MONEY:
        shown = (f"{format_eur(cpo)} de CPO sur {format_eur(whole)} de crédits accordés ou "
                 f"proposés (enveloppe de l'année : {format_eur(envelope)})")
    else:
        count, every = int(cpo), int(whole)
        shown = (f"{count} convention{'s' if count > 1 else ''} CPO sur {every} "
                 f"dossier{'s' if every > 1 else ''} financé{'s' if every > 1 else ''}")
    text = f"{names} {year} : {shown} — {check.describe()} (base : {basis.label.lower()})"
    return CpoShare(names, basis, check.floor, check.cpo_value, check.whole_value,
                    check.share if whole else ZERO, check.met, text, envelope)
