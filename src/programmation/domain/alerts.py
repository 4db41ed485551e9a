"""The rules shown beside a dossier's fields while it is typed, in words.

Alerts never block saving (a draft may be incomplete); they say what the
instruction will find: an unbalanced budget, a request above the action's cost
or above the contract's public-funding ceiling, a RESERVE project above its
ceiling, too few beneficiaries living in the QPV, an unidentified carrier,
inconsistent dates, a degressive CPO, missing pieces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .budget import Budget
from .channels import Channel, Labelled
from .checklist import checklist
from .identifiers import carrier_identity_error
from .money import ZERO, format_eur, format_percent, share, total
from .reserve import reserve_request
from .text import search_key


class AlertField(Labelled):
    """Where an alert is shown: the part of the editor holding the faulty fields."""

    CARRIER = "porteur", "Porteur"
    ACTION = "action", "Action"
    PUBLIC = "public", "Public"
    BUDGET = "budget", "Budget"
    FUNDING = "financements", "Financements"
    ATTACHMENTS = "pieces", "Pièces jointes"


@dataclass(frozen=True)
class Alert:
    field: AlertField
    message: str


@dataclass(frozen=True)
class ContractRules:
    """The contract's settings the alerts check against."""

    public_funding_ceiling: Decimal = Decimal("0.80")
    reserve_project_ceiling: Decimal = Decimal("5000.00")
    qpv_share_minimum: Decimal = Decimal("0.50")
    # (year, funder code) of every RESERVE envelope; None: unknown, every line counts
    reserve_funders: frozenset[tuple[int, str]] | None = None

    @classmethod
    def of(cls, contract, reserve_funders: Iterable[tuple[int, str]] | None = None
           ) -> ContractRules:
        """The contract's settings; ``reserve_funders``: (year, code) of its RESERVE envelopes."""
        return cls(contract.public_funding_ceiling, contract.reserve_project_ceiling,
                   contract.qpv_share_minimum,
                   None if reserve_funders is None else frozenset(reserve_funders))

    def reserve_funders_in(self, year: int) -> frozenset[str] | None:
        if self.reserve_funders is None:
            return None
        return frozenset(code for y, code in self.reserve_funders if y == year)


@dataclass(frozen=True)
class Request:
    """An amount asked from one funder for one year."""

    funder_code: str
    funder_name: str
    public: bool
    year: int
    amount: Decimal


@dataclass(frozen=True)
class DossierFacts:
    """What the alerts look at, as typed so far (None: not filled in)."""

    channel: Channel
    year: int
    duration_years: int = 1
    total_cost: Decimal = ZERO
    budget: Budget = field(default_factory=Budget)
    requests: tuple[Request, ...] = ()
    siret: str | None = None
    rna: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    beneficiaries: int | None = None
    qpv_share: Decimal | None = None
    women: int | None = None
    men: int | None = None
    attachments: tuple[tuple[str, str], ...] = ()  # (kind, filename)
    funder_names: dict[str, str] = field(default_factory=dict)  # code → name, for 74 lines

    @property
    def years(self) -> range:
        return range(self.year, self.year + self.duration_years)


def alerts(facts: DossierFacts, rules: ContractRules) -> list[Alert]:
    """Every rule the dossier breaks, in words, in the order of the editor's tabs."""
    found = [Alert(AlertField.CARRIER, m) for m in _carrier(facts)]
    found += [Alert(AlertField.ACTION, m) for m in _dates(facts)]
    found += [Alert(AlertField.PUBLIC, m) for m in _public(facts, rules)]
    found += [Alert(AlertField.BUDGET, m) for m in facts.budget.balance_errors()]
    found += [Alert(AlertField.FUNDING, m) for m in _funding(facts, rules)]
    missing = checklist(facts.channel, facts.attachments).missing
    if missing:
        found.append(Alert(AlertField.ATTACHMENTS, "pièces manquantes : "
                           + ", ".join(kind.label for kind in missing)))
    return found


def _carrier(facts: DossierFacts) -> list[str]:
    error = carrier_identity_error(facts.siret, facts.rna)
    return [error] if error else []


def _dates(facts: DossierFacts) -> list[str]:
    start, end = facts.start_date, facts.end_date
    if start is None or end is None:
        return ["dates de début et de fin de l'action à renseigner"]
    if end < start:
        return [f"la date de fin ({end:%d/%m/%Y}) précède la date de début ({start:%d/%m/%Y})"]
    first, last = facts.years[0], facts.years[-1]
    if end < date(first, 1, 1) or start > date(last, 12, 31):
        years = str(first) if first == last else f"{first}–{last}"
        return [f"la période de l'action ({start:%d/%m/%Y} – {end:%d/%m/%Y}) ne recouvre pas "
                f"l'année du dossier ({years})"]
    return []


def qpv_share_error(share: Decimal | None, minimum: Decimal) -> str | None:
    """None if enough beneficiaries live in the QPV, else why not (a share is a ratio)."""
    if share is None:
        return "part des bénéficiaires habitant le QPV non renseignée"
    if share < minimum:
        return (f"part des bénéficiaires habitant le QPV ({format_percent(share, 0)}) sous le "
                f"minimum du contrat ({format_percent(minimum, 0)})")
    return None


def _public(facts: DossierFacts, rules: ContractRules) -> list[str]:
    messages = []
    if facts.beneficiaries is None:
        messages.append("nombre de bénéficiaires non renseigné")
    error = qpv_share_error(facts.qpv_share, rules.qpv_share_minimum)
    if error:
        messages.append(error)
    counted = (facts.women or 0) + (facts.men or 0)
    if facts.beneficiaries is not None and counted > facts.beneficiaries:
        messages.append(f"femmes et hommes ({counted}) plus nombreux que les bénéficiaires "
                        f"({facts.beneficiaries})")
    return messages


def _funding(facts: DossierFacts, rules: ContractRules) -> list[str]:
    messages = []
    cost = facts.total_cost
    for year in facts.years:
        asked = [r for r in facts.requests if r.year == year]
        requested = total(r.amount for r in asked)
        label = f"demande {year}" if facts.duration_years > 1 else "montant demandé"
        if requested and not cost:
            messages.append(f"{label} de {format_eur(requested)} sans coût total de l'action "
                            "(budget à remplir)")
        elif requested > cost:
            messages.append(f"{label} ({format_eur(requested)}) supérieur au coût total de "
                            f"l'action ({format_eur(cost)})")
        public = share(total(r.amount for r in asked if r.public), cost)
        if public is not None and public > rules.public_funding_ceiling:
            messages.append(
                f"financements publics ({format_percent(public)} du coût) au-dessus du plafond "
                f"du contrat ({format_percent(rules.public_funding_ceiling, 0)})")
        if facts.channel is Channel.RESERVE:
            messages += _reserve_ceiling(asked, rules, year)
    if facts.channel is Channel.CPO:
        messages += _degressive(facts.requests, facts.years)
    messages += _subsidy_mismatches(facts)
    return messages


def _reserve_ceiling(asked: list[Request], rules: ContractRules, year: int) -> list[str]:
    """The per-project ceiling on what is asked of the reserve's funders (domain.reserve)."""
    request = reserve_request(((r.funder_code, r.amount) for r in asked),
                              rules.reserve_funders_in(year), rules.reserve_project_ceiling)
    if not request.over:
        return []
    return [f"projet de réserve : {request.asked_text}, au-dessus du plafond par projet "
            f"({format_eur(request.ceiling)})"]


def _degressive(requests: Iterable[Request], years: range) -> list[str]:
    """A CPO asks every funder for the same amount each year (no degressivity)."""
    by_funder: dict[str, dict[int, Decimal]] = {}
    names: dict[str, str] = {}
    for r in requests:
        by_funder.setdefault(r.funder_code, {})[r.year] = r.amount
        names[r.funder_code] = r.funder_name
    messages = []
    for code, amounts in by_funder.items():
        per_year = [amounts.get(year, ZERO) for year in years]
        if len(set(per_year)) > 1:
            detail = ", ".join(f"{y} : {format_eur(a)}" for y, a in zip(years, per_year,
                                                                         strict=True))
            messages.append(f"{names[code]} : montants différents selon les années ({detail}) — "
                            "une CPO demande le même montant chaque année")
    return messages


def _subsidy_mismatches(facts: DossierFacts) -> list[str]:
    """The first year's requests should match the 74 lines of the budget, funder by funder."""
    if not facts.budget.lines:
        return []
    subsidies = facts.budget.subsidies()
    asked: dict[str, Decimal] = {}
    names = {code: facts.funder_names.get(code, code) for code in subsidies}
    for r in facts.requests:
        if r.year == facts.year:
            asked[r.funder_code] = asked.get(r.funder_code, ZERO) + r.amount
            names[r.funder_code] = r.funder_name
    messages = []
    position = {code: i for i, code in enumerate(facts.funder_names)}  # the contract's order
    for code in sorted(set(asked) | set(subsidies),
                       key=lambda c: (position.get(c, len(position)), search_key(names[c]))):
        a, s = asked.get(code, ZERO), subsidies.get(code, ZERO)
        if a != s:
            messages.append(f"{names.get(code, code)} : {format_eur(a)} demandés pour "
                            f"{facts.year}, {format_eur(s)} en ligne 74 du budget")
    return messages
