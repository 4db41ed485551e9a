"""The RESERVE envelope: small projects decided as they come, in co-instruction.

Each funder puts a yearly envelope on the reserve; a project may take at most
the contract's per-project ceiling from it. What a project takes *from the
reserve* is what it asks of the funders holding a RESERVE envelope that year;
its lines on other funders (droit commun, CAF…) are decided by those funders on
their own procedures and do not count against the ceiling. That rule lives in
:func:`reserve_request`, used by the RESERVE screen, the admissibility check
and the editor's alerts alike. The co-instruction decision
gathers the answer of every participating funder (agreement, amount, who,
when): the project is granted once every participant has answered and at
least one agreed. The balance of each envelope — envelope minus what was
granted — is always shown and can never go below zero. The committee is
informed afterwards of the decisions taken since its last meeting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .money import format_eur, money, total


class ReserveRefused(ValueError):
    """A co-instruction step the rules refuse; the message is French."""


@dataclass(frozen=True)
class FunderBalance:
    """One funder's reserve envelope for a year and what it already granted."""

    funder_code: str
    funder_name: str
    envelope: Decimal
    granted: Decimal

    @property
    def balance(self) -> Decimal:
        return money(self.envelope) - money(self.granted)

    def take(self, amount: Decimal) -> FunderBalance:
        """The envelope after granting ``amount``; refused if the balance would go below zero."""
        amount = money(amount)
        if amount < 0:
            raise ReserveRefused(f"{self.funder_name} : montant négatif")
        if amount > self.balance:
            raise ReserveRefused(
                f"{self.funder_name} : {format_eur(amount)} dépasse le solde de l'enveloppe de "
                f"réserve ({format_eur(self.balance)})")
        return FunderBalance(self.funder_code, self.funder_name, self.envelope,
                             money(self.granted) + amount)


@dataclass(frozen=True)
class Participant:
    """A funder with a reserve envelope whom the project asks for money."""

    funder_code: str
    funder_name: str
    requested: Decimal


@dataclass(frozen=True)
class FunderAnswer:
    """A participant's answer in the co-instruction: agreement, amount, who, when."""

    funder_code: str
    agreed: bool
    amount: Decimal
    agreed_by: str
    agreed_at: datetime
    comment: str = ""


def ceiling_error(amount: Decimal, ceiling: Decimal) -> str | None:
    if money(amount) > money(ceiling):
        return (f"le projet demande {format_eur(amount)} à l'enveloppe de réserve, au-dessus du "
                f"plafond par projet du contrat ({format_eur(ceiling)})")
    return None


@dataclass(frozen=True)
class ReserveRequest:
    """What a RESERVE project asks of the reserve, against the contract's per-project ceiling.

    ``asked`` is on the funders holding a RESERVE envelope that year, ``outside`` on the
    others; ``known`` is False when the caller could not tell the reserve's funders, in which
    case every line counted as asked of the reserve (the strict reading)."""

    asked: Decimal
    outside: Decimal
    ceiling: Decimal
    known: bool = True

    @property
    def over(self) -> bool:
        return self.asked > self.ceiling

    @property
    def asked_text(self) -> str:
        where = " à l'enveloppe de réserve" if self.known else ""
        return f"{format_eur(self.asked)} demandés{where}"

    @property
    def summary(self) -> str:
        """The amounts in words: « 3 669,00 € demandés à l'enveloppe de réserve (plafond…) »."""
        text = f"{self.asked_text} (plafond par projet {format_eur(self.ceiling)})"
        if self.outside:
            text += (f" ; {format_eur(self.outside)} demandés à d'autres financeurs, hors "
                     "réserve")
        return text


def reserve_request(amounts: Iterable[tuple[str, Decimal]],
                    reserve_funders: Collection[str] | None,
                    ceiling: Decimal) -> ReserveRequest:
    """The one rule of the per-project ceiling: ``amounts`` are (funder code, amount) of the
    project's year; only those of ``reserve_funders`` (the funders holding a RESERVE envelope
    that year) are asked of the reserve. ``None``: the funders are unknown, all count."""
    asked, outside = [], []
    for code, amount in amounts:
        counted = reserve_funders is None or code in reserve_funders
        (asked if counted else outside).append(money(amount))
    return ReserveRequest(total(asked), total(outside), money(ceiling),
                          reserve_funders is not None)


def request_warnings(participants: Sequence[Participant], ceiling: Decimal) -> list[str]:
    """What the light instruction must point out before the co-instruction."""
    if not participants:
        return ["aucun financeur de l'enveloppe de réserve n'est sollicité par ce dossier"]
    request = reserve_request(((p.funder_code, p.requested) for p in participants),
                              {p.funder_code for p in participants}, ceiling)
    error = ceiling_error(request.asked, ceiling)
    return [f"{error} : la co-instruction ne pourra accorder que le plafond"] if error else []


def answer_errors(participant: Participant | None, answer: FunderAnswer) -> list[str]:
    """What is wrong with one funder's answer, in words."""
    if participant is None:
        return [f"{answer.funder_code} ne participe pas à la co-instruction de ce dossier"]
    name, amount = participant.funder_name, money(answer.amount)
    errors = [] if answer.agreed_by.strip() else [f"{name} : indiquez qui donne la réponse"]
    if amount < 0:
        errors.append(f"{name} : montant négatif")
    elif answer.agreed and amount == 0:
        errors.append(f"{name} : un accord porte sur un montant")
    elif not answer.agreed and amount:
        errors.append(f"{name} : un refus ne porte sur aucun montant")
    if amount > money(participant.requested):
        errors.append(f"{name} : l'accord ({format_eur(amount)}) dépasse la demande "
                      f"({format_eur(participant.requested)})")
    return errors


@dataclass(frozen=True)
class ReserveOutcome:
    """Where the co-instruction stands once the answers are in."""

    waiting_for: tuple[str, ...]  # funder names still to answer
    granted: bool | None  # None while waiting
    amounts: dict[str, Decimal]  # funder code → amount granted
    balances: dict[str, FunderBalance]  # after the grant

    @property
    def total(self) -> Decimal:
        return total(self.amounts.values())


def decide(participants: Sequence[Participant], answers: Iterable[FunderAnswer],
           balances: Mapping[str, FunderBalance], ceiling: Decimal) -> ReserveOutcome:
    """Check every answer, the ceiling and the balances; say whether the project is granted.

    ``answers`` holds the latest answer of each funder (later ones replace earlier ones).
    Raises ReserveRefused, listing every problem, when nothing may be written.
    """
    by_code = {p.funder_code: p for p in participants}
    latest = {a.funder_code: a for a in answers}
    errors = [e for a in latest.values() for e in answer_errors(by_code.get(a.funder_code), a)]
    amounts = {code: money(a.amount) for code, a in latest.items()
               if a.agreed and code in by_code}
    after = dict(balances)
    for code, amount in amounts.items():
        if code not in after:
            errors.append(f"{by_code[code].funder_name} : aucune enveloppe de réserve cette année")
            continue
        try:
            after[code] = after[code].take(amount)
        except ReserveRefused as exc:
            errors.append(str(exc))
    error = ceiling_error(total(amounts.values()), ceiling)
    if error:
        errors.append(error)
    if errors:
        raise ReserveRefused(" ; ".join(errors))
    waiting = tuple(p.funder_name for p in participants if p.funder_code not in latest)
    granted = None if waiting else any(a.agreed for a in latest.values())
    if not granted:
        return ReserveOutcome(waiting, granted, {}, dict(balances))
    return ReserveOutcome(waiting, granted, amounts, after)


def informs_committee(decided_on: date, last_committee: date | None) -> bool:
    """A reserve decision is listed for the next committee if taken after the last one."""
    return last_committee is None or decided_on > last_committee

