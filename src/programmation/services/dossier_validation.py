"""Checking a dossier form before it is saved: every message names its field, in French."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from ..domain.budget import ACCOUNTS_BY_CODE, SUBSIDY_ACCOUNT
from ..domain.money import ZERO
from .carriers import CarrierFields, field_errors
from .dossier_forms import CarrierForm, DossierForm

MAX_AMOUNT = Decimal("999999999999.99")  # beyond, a typing slip (and beyond the columns)
MAX_COUNT = 10_000_000
_LENGTHS = (("title", "Action · Intitulé", 300), ("places", "Action · Lieux", 300),
            ("target_public", "Public · Public visé", 300))


def validate(form: DossierForm) -> list[str]:
    """What must be fixed before saving, each message naming its field."""
    errors = []
    if not form.title.strip():
        errors.append("Action · Intitulé : à renseigner")
    for name, caption, limit in _LENGTHS:
        if len(getattr(form, name)) > limit:
            errors.append(f"{caption} : {limit} caractères au plus")
    errors += _carrier_errors(form.carrier)
    errors += _action_errors(form)
    errors += _public_errors(form)
    errors += _budget_errors(form)
    errors += _funding_errors(form)
    for number, indicator in enumerate(form.indicators, 1):
        if not indicator.label.strip():
            errors.append(f"Indicateurs · ligne {number} : libellé à renseigner")
        elif len(indicator.label) > 300 or len(indicator.unit) > 40:
            errors.append(f"Indicateurs · ligne {number} : texte trop long")
        if indicator.target is not None and not ZERO <= indicator.target <= MAX_AMOUNT:
            errors.append(f"Indicateurs · « {indicator.label} » : cible négative ou trop élevée")
    return errors


def _carrier_errors(carrier: CarrierForm) -> list[str]:
    """The register's own field rules (lengths, e-mail, postcode), named for the editor.

    The SIRET/RNA keys stay a non-blocking alert here (a dossier typed from paper is
    not held up by a carrier's typo; admissibility flags it), but their format must hold.
    """
    errors = []
    if carrier.id is None and not carrier.name.strip():
        errors.append("Porteur · Nom : choisissez un porteur du répertoire ou saisissez son nom")
    values = CarrierFields(**{f.name: getattr(carrier, f.name) for f in fields(CarrierFields)})
    for name, message in field_errors(values).items():
        if name not in ("name", "siret", "rna"):
            errors.append(f"Porteur · {message}")
    siret = "".join(carrier.siret.split()).replace(".", "")
    if siret and (len(siret) > 14 or not siret.isdigit()):
        errors.append(f"Porteur · SIRET « {carrier.siret} » : 14 chiffres attendus")
    if len(carrier.rna.replace(" ", "")) > 10:
        errors.append(f"Porteur · RNA « {carrier.rna} » : « W » suivi de 9 chiffres attendu")
    return errors


def _action_errors(form: DossierForm) -> list[str]:
    c = form.choices
    errors = []
    if form.pillar_code not in {code for code, _ in c.pillars}:
        errors.append("Action · Pilier : à choisir")
    if form.year not in c.years:
        errors.append(f"Action · Année : {form.year} est hors du contrat "
                      f"({c.years[0]}–{c.years[-1]})")
    known_flags = {code for code, _ in c.flags}
    if any(code not in known_flags for code in form.flag_codes):
        errors.append("Action · Priorités transversales : priorité inconnue du contrat")
    if form.call_id is not None:
        call = next((k for k in c.calls if k.id == form.call_id), None)
        if call is None:
            errors.append("Action · Appel : appel inconnu du contrat")
        elif call.channel is not form.channel:
            errors.append(f"Action · Appel : « {call.title} » est un {call.channel.value}, "
                          f"pas un dossier {form.channel.label.lower()}")
    return errors


def _public_errors(form: DossierForm) -> list[str]:
    errors = []
    for name, caption in (("beneficiaries", "Bénéficiaires"), ("women", "Femmes"),
                          ("men", "Hommes")):
        value = getattr(form, name)
        if value is not None and value < 0:
            errors.append(f"Public · {caption} : nombre négatif")
        elif value is not None and value > MAX_COUNT:
            errors.append(f"Public · {caption} : {value} personnes, est-ce une erreur de frappe ?")
    if form.qpv_share is not None and not ZERO <= form.qpv_share <= 1:
        errors.append("Public · Part habitant le QPV : entre 0 et 100 %")
    return errors


def _budget_errors(form: DossierForm) -> list[str]:
    errors = []
    for line in form.budget:
        account = ACCOUNTS_BY_CODE.get(line.account)
        where = f"Budget · compte {line.account}"
        if account is None:
            errors.append(f"{where} : compte inconnu du plan CERFA")
        elif line.amount < 0:
            errors.append(f"{where} ({account.label}) : montant négatif")
        elif line.amount > MAX_AMOUNT:
            errors.append(f"{where} ({account.label}) : montant trop élevé")
        elif line.account == SUBSIDY_ACCOUNT and form.choices.funder(line.funder_code or "") \
                is None:
            errors.append(f"{where} : la subvention doit nommer un financeur du contrat")
    return errors


def _funding_errors(form: DossierForm) -> list[str]:
    errors, seen = [], set()
    for line in form.funding:
        funder = form.choices.funder(line.funder_code)
        name = funder.name if funder else line.funder_code
        if funder is None:
            errors.append(f"Financements · « {line.funder_code} » : financeur inconnu")
        elif line.year not in form.years:
            errors.append(f"Financements · {name} : {line.year} hors des années du dossier")
        elif not ZERO <= line.requested <= MAX_AMOUNT:
            errors.append(f"Financements · {name} ({line.year}) : montant négatif ou trop élevé")
        elif (line.funder_code, line.year) in seen:
            errors.append(f"Financements · {name} ({line.year}) : saisi deux fois")
        seen.add((line.funder_code, line.year))
    return errors

