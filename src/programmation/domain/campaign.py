"""AAP campaigns: dates in order, late dossiers, a campaign from a template or last year's.

A campaign (appel à projets, annual or pluriannual) opens, closes for deposits
at its deadline and is decided at a committee: opening ≤ deadline ≤ committee.
A dossier deposited after the deadline is flagged late and is accepted only
with a recorded reason. Next year's campaign starts from this year's: dates
shifted by a year, envelopes per funder and targeted pillars copied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .channels import Labelled
from .money import format_eur, money
from .text import search_key

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def date_errors(opening: date | None, deadline: date | None,
                committee: date | None) -> list[str]:
    """The three dates of a call, all given and in order: opening ≤ deadline ≤ committee."""
    errors = [f"{label} manquante" for label, value in (
        ("date d'ouverture", opening), ("date limite de dépôt", deadline),
        ("date du comité", committee)) if value is None]
    if opening and deadline and deadline < opening:
        errors.append(f"la date limite de dépôt ({_day(deadline)}) précède l'ouverture "
                      f"({_day(opening)})")
    if deadline and committee and committee < deadline:
        errors.append(f"la date du comité ({_day(committee)}) précède la date limite de dépôt "
                      f"({_day(deadline)})")
    return errors


def shift_one_year(day: date) -> date:
    """The same day a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class CampaignPlan:
    """What a new AAP campaign will be, before it is written."""

    year: int
    title: str
    pluriannual: bool
    opening_date: date | None
    deadline: date | None
    committee_date: date | None
    envelopes: tuple[tuple[str, Decimal], ...] = ()  # (funder code, amount)
    pillar_codes: tuple[str, ...] = ()

    def errors(self) -> list[str]:
        errors = [] if self.title.strip() else ["intitulé de la campagne manquant"]
        errors += date_errors(self.opening_date, self.deadline, self.committee_date)
        for code, amount in self.envelopes:
            if money(amount) < 0:
                errors.append(f"enveloppe {code} négative ({format_eur(amount)})")
        return errors

    def _shifted(self, year: int) -> str:
        """A year of the title, a year later when it belongs to the campaign's span."""
        return str(year + 1) if self.year - 1 <= year <= self.year + 3 else str(year)

    def next_year(self) -> CampaignPlan:
        """Last year's campaign, a year later: dates shifted, envelopes and pillars copied."""
        return replace(
            self, year=self.year + 1,
            title=_YEAR.sub(lambda m: self._shifted(int(m.group())), self.title),
            opening_date=self.opening_date and shift_one_year(self.opening_date),
            deadline=self.deadline and shift_one_year(self.deadline),
            committee_date=self.committee_date and shift_one_year(self.committee_date),
        )


@dataclass(frozen=True)
class CampaignTemplate:
    """Usual dates of a campaign, as (year offset, month, day) from the programmed year."""

    name: str
    title: str  # with {year} and {last}
    pluriannual: bool
    opening: tuple[int, int, int]
    deadline: tuple[int, int, int]
    committee: tuple[int, int, int]

    def plan(self, year: int, envelopes: Iterable[tuple[str, Decimal]] = (),
             pillar_codes: Iterable[str] = ()) -> CampaignPlan:
        def at(offset: tuple[int, int, int]) -> date:
            return date(year + offset[0], offset[1], offset[2])

        return CampaignPlan(year, self.title.format(year=year, last=year + 2), self.pluriannual,
                            at(self.opening), at(self.deadline), at(self.committee),
                            tuple(envelopes), tuple(pillar_codes))


TEMPLATES = (
    CampaignTemplate("AAP annuel", "Appel à projets politique de la ville {year}", False,
                     (-1, 10, 15), (-1, 12, 15), (0, 3, 12)),
    CampaignTemplate("AAP pluriannuel (3 ans)",
                     "Appel à projets pluriannuel politique de la ville {year}-{last}", True,
                     (-1, 9, 15), (-1, 11, 30), (0, 2, 15)),
)


def template(name: str) -> CampaignTemplate:
    for candidate in TEMPLATES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"modèle de campagne « {name} » inconnu")


# --- late dossiers ------------------------------------------------------------------------


class Lateness(Labelled):
    ON_TIME = "on_time", "Dans les délais"
    LATE_ACCEPTED = "late_accepted", "Hors délai — accepté"
    LATE_PENDING = "late_pending", "Hors délai — motif à saisir"


def is_late(deadline: date | None, submitted_on: date | None) -> bool:
    return deadline is not None and submitted_on is not None and submitted_on > deadline


def lateness(deadline: date | None, submitted_on: date | None, late_reason: str) -> Lateness:
    if not is_late(deadline, submitted_on):
        return Lateness.ON_TIME
    return Lateness.LATE_ACCEPTED if late_reason.strip() else Lateness.LATE_PENDING


def late_admission_error(deadline: date | None, submitted_on: date | None,
                         late_reason: str) -> str | None:
    """A late dossier is admitted only with a recorded reason; None when it may go on."""
    if lateness(deadline, submitted_on, late_reason) is Lateness.LATE_PENDING:
        return (f"dossier déposé le {_day(submitted_on)}, après la date limite du "
                f"{_day(deadline)} : le motif d'acceptation doit être enregistré")
    return None


def late_acceptance_error(deadline: date | None, submitted_on: date | None,
                          reason: str) -> str | None:
    """Why a late-acceptance reason cannot be recorded, or None."""
    if not is_late(deadline, submitted_on):
        return "ce dossier a été déposé dans les délais : aucun motif n'est à enregistrer"
    if not reason.strip():
        return "indiquez le motif pour lequel le dossier hors délai est accepté"
    return None


# --- renewals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PastAction:
    """An action funded last year."""

    id: int
    carrier_id: int
    title: str


@dataclass(frozen=True)
class CurrentAction:
    """A dossier of this year, possibly the renewal of last year's."""

    previous_id: int | None
    carrier_id: int
    title: str


def not_renewed(funded_last_year: Iterable[PastAction],
                this_year: Iterable[CurrentAction]) -> list[PastAction]:
    """Last year's funded actions with no dossier this year (linked, or same carrier and title)."""
    linked, same = set(), set()
    for action in this_year:
        if action.previous_id is not None:
            linked.add(action.previous_id)
        same.add((action.carrier_id, search_key(action.title)))
    return [past for past in funded_last_year
            if past.id not in linked and (past.carrier_id, search_key(past.title)) not in same]
