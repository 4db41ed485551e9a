"""Recevabilité: what the tool checks by itself, and what the instructor ticks.

The automatic checks (domain brief §8) each give a readable French sentence:
carrier identified (SIRET / RNA), budget balanced, requested amount within the
total cost, public-funding share within the contract's ceiling, share of
beneficiaries living in the QPV at least the contract's minimum, the RESERVE
ceiling per project, the deadline, the attachments. A late dossier with a
recorded reason is only flagged (a warning); without one it fails.

The manual checklist holds what only a person can judge; a dossier is declared
*recevable* once every automatic check passes and every manual item is ticked.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .alerts import qpv_share_error
from .channels import Channel
from .checklist import checklist
from .contract import Contract
from .dossier import Application
from .money import format_eur, format_percent, share, total
from .reserve import reserve_request


class Severity(StrEnum):
    OK = "ok"
    WARNING = "warning"  # flagged for the instructor, does not block
    ERROR = "error"  # blocks the « recevable » decision


@dataclass(frozen=True)
class Check:
    """One automatic check: its name, its outcome and a sentence saying why."""

    code: str
    label: str
    severity: Severity
    message: str

    @property
    def passed(self) -> bool:
        return self.severity is not Severity.ERROR


@dataclass(frozen=True)
class AdmissibilityReport:
    checks: tuple[Check, ...]

    @property
    def errors(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.severity is Severity.WARNING)

    @property
    def passed(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ManualItem:
    code: str
    label: str


MANUAL_CHECKLIST: tuple[ManualItem, ...] = (
    ManualItem("PUBLIC", "L'action bénéficie aux habitants du quartier prioritaire"),
    ManualItem("ORIENT", "L'action s'inscrit dans les orientations du contrat de ville"),
    ManualItem("PIECES", "Les pièces jointes sont lisibles et à jour (statuts, RIB, budget)"),
    ManualItem("BILANS", "Le porteur a rendu les bilans des subventions précédentes"),
    ManualItem("SIGNE", "La demande est signée par le représentant légal"),
)


def unticked(ticked: Sequence[str]) -> list[ManualItem]:
    """The manual items not ticked yet (unknown codes are ignored)."""
    return [item for item in MANUAL_CHECKLIST if item.code not in set(ticked)]


def _check(code: str, label: str, error: str | None, ok: str) -> Check:
    if error:
        return Check(code, label, Severity.ERROR, error)
    return Check(code, label, Severity.OK, ok)


def _carrier(application: Application) -> Check:
    carrier = application.carrier
    ids = ", ".join(f"{name} {value}" for name, value in (("SIRET", carrier.siret),
                                                          ("RNA", carrier.rna)) if value)
    return _check("PORTEUR", "Porteur identifié", carrier.identity_error(),
                  f"{carrier.name} identifié ({ids})")


def _budget(application: Application) -> Check:
    version = application.current_budget()
    if version is None:
        return _check("BUDGET", "Budget équilibré", "budget de l'action non saisi", "")
    errors = version.budget().balance_errors()
    return _check("BUDGET", "Budget équilibré", " ; ".join(errors),
                  f"charges = produits = {format_eur(version.budget().total_charges)}")


def _requested(application: Application) -> Check:
    asked, cost = application.requested_total(application.year), application.total_cost
    label = "Demande dans le coût de l'action"
    if not cost:
        return _check("DEMANDE", label, "coût total de l'action non renseigné", "")
    if asked > cost:
        return _check("DEMANDE", label, f"montant demandé {format_eur(asked)} supérieur au coût "
                      f"total de l'action {format_eur(cost)}", "")
    return _check("DEMANDE", label, None, f"{format_eur(asked)} demandés pour un coût total de "
                  f"{format_eur(cost)}")


def _public_share(application: Application, contract: Contract) -> Check:
    lines = application.lines_for(application.year)
    public = total(line.requested for line in lines if line.funder.is_public)
    ratio, ceiling = share(public, application.total_cost), contract.public_funding_ceiling
    label = "Part de financements publics"
    if ratio is None:
        return _check("PUBLIC", label, "coût total de l'action non renseigné", "")
    text = (f"financements publics {format_eur(public)}, soit {format_percent(ratio)} du coût "
            f"total (plafond {format_percent(ceiling, 0)})")
    return _check("PUBLIC", label, text if ratio > ceiling else None, text)


def _qpv(application: Application, contract: Contract) -> Check:
    error = qpv_share_error(application.qpv_share, contract.qpv_share_minimum)
    ok = ""
    if application.qpv_share is not None:
        ok = (f"{format_percent(application.qpv_share, 0)} des bénéficiaires habitent le QPV "
              f"(minimum {format_percent(contract.qpv_share_minimum, 0)})")
    return _check("QPV", "Bénéficiaires habitant le QPV", error, ok)


def _reserve(application: Application, contract: Contract,
             reserve_funders: Collection[str] | None) -> Check | None:
    """The per-project ceiling on what the project asks of the reserve (domain.reserve)."""
    if application.channel is not Channel.RESERVE:
        return None
    request = reserve_request(((line.funder.code, line.requested)
                               for line in application.lines_for(application.year)),
                              reserve_funders, contract.reserve_project_ceiling)
    return _check("RESERVE", "Plafond de l'enveloppe de réserve",
                  f"demande au-dessus du plafond de la réserve : {request.summary}"
                  if request.over else None, request.summary)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _deadline(application: Application) -> Check:
    label = "Date limite de dépôt"
    deadline = getattr(application.call, "deadline", None)
    if deadline is None:
        return _check("DELAI", label, None, "pas de date limite : dépôt au fil de l'eau")
    if application.submitted_on is None:
        return _check("DELAI", label, "date de dépôt non renseignée", "")
    when = f"déposé le {_day(application.submitted_on)}"
    if application.submitted_on <= deadline:
        return _check("DELAI", label, None, f"{when}, avant la date limite du {_day(deadline)}")
    late = f"{when}, après la date limite du {_day(deadline)}"
    if application.late_reason.strip():
        return Check("DELAI", label, Severity.WARNING,
                     f"{late} — motif du retard : « {application.late_reason.strip()} »")
    return _check("DELAI", label, f"{late}, sans motif de retard enregistré", "")


def _attachments(application: Application) -> Check:
    """The pieces the dossier's channel expects (domain.checklist), each named if missing."""
    pieces = checklist(application.channel,
                       [(a.kind, a.filename) for a in application.attachments])
    missing = ", ".join(kind.label for kind in pieces.missing)
    return _check("PIECES", "Pièces jointes", f"pièces manquantes : {missing}" if missing
                  else None, f"toutes les pièces demandées sont jointes ({pieces.summary()})")


def check_admissibility(application: Application, contract: Contract,
                       reserve_funders: Collection[str] | None = None) -> AdmissibilityReport:
    """Every automatic check of a dossier against its contract's rules.

    ``reserve_funders``: the codes of the funders holding a RESERVE envelope in the dossier's
    year; a RESERVE project's ceiling counts only what it asks of them. Without them (None)
    every line of the year counts — pass them wherever the envelopes can be read."""
    checks = [
        _carrier(application), _budget(application), _requested(application),
        _public_share(application, contract), _qpv(application, contract),
        _reserve(application, contract, reserve_funders), _deadline(application),
        _attachments(application),
    ]
    return AdmissibilityReport(tuple(c for c in checks if c is not None))

