"""Recevabilité: each automatic check says in French what it found, never crashes."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

import pytest

from programmation.domain.admissibility import (
    MANUAL_CHECKLIST,
    Severity,
    check_admissibility,
    unticked,
)
from programmation.domain.call import Call
from programmation.domain.channels import Channel
from programmation.domain.contract import Contract
from programmation.domain.dossier import (
    Application,
    Attachment,
    BudgetEntry,
    BudgetVersion,
    Carrier,
)
from programmation.domain.funding import FundingLine
from programmation.domain.presets import QUARTIERS_2030, default_funders, pillar_preset

D = Decimal
AT = datetime(2026, 11, 2, 9, 0)
PIECES = ("statuts", "rib", "budget_association", "bilan", "dirigeants", "rapport_activite")
NNBSP, NBSP = "\u202f", "\u00a0"


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


@pytest.fixture
def contract() -> Contract:
    contract = Contract("Contrat", "Cœur de Flandre", "Hazebrouck", 2024, 2030,
                        pillar_preset=QUARTIERS_2030)
    contract.pillars = pillar_preset(QUARTIERS_2030)
    contract.funders = default_funders()
    return contract


def _attachment(kind: str) -> Attachment:
    return Attachment(kind, f"{kind}.pdf", "application/pdf", b"%PDF",
                      hashlib.sha256(b"%PDF").hexdigest(), AT)


def dossier(contract: Contract, *, channel: Channel = Channel.AAP, etat: str = "6000",
            caf: str = "2000", total_cost: str = "10000", qpv: str | None = "0.80",
            submitted: date = date(2026, 12, 1), carrier: Carrier | None = None,
            late_reason: str = "", balanced: bool = True) -> Application:
    etat_funder, caf_funder = contract.funder("ETAT-147"), contract.funder("CAF")
    application = Application(
        "2027-AAP-001", 2027, channel, "Soutien scolaire",
        carrier or Carrier("Maison de quartier Élan", siret="73282932000074"),
        contract.pillar("EDU"), contract=contract, total_cost=D(total_cost),
        qpv_share=None if qpv is None else D(qpv), submitted_on=submitted,
        late_reason=late_reason,
        call=Call(Channel.AAP, 2027, "AAP 2027", deadline=date(2026, 12, 15))
        if channel is Channel.AAP else None,
    )
    application.funding_lines = [FundingLine(etat_funder, 2027, D(etat)),
                                 FundingLine(caf_funder, 2027, D(caf))]
    own = max(D(total_cost) - D(etat) - D(caf), D(0)) + (D(0) if balanced else D(500))
    application.budget_versions = [BudgetVersion("requested", AT, [
        BudgetEntry("604", D(total_cost)), BudgetEntry("74", D(etat), etat_funder),
        BudgetEntry("74", D(caf), caf_funder), BudgetEntry("RP", own)])]
    application.attachments = [_attachment(kind) for kind in PIECES]
    return application


def messages(application: Application, contract: Contract) -> dict[str, tuple[Severity, str]]:
    report = check_admissibility(application, contract)
    return {check.label: (check.severity, check.message) for check in report.checks}


def test_a_complete_dossier_passes_every_check_and_says_why(contract):
    report = check_admissibility(dossier(contract), contract)
    assert report.passed and not report.warnings
    found = messages(dossier(contract), contract)
    assert found["Porteur identifié"] == (
        Severity.OK, "Maison de quartier Élan identifié (SIRET 73282932000074)")
    assert found["Budget équilibré"][1] == f"charges = produits = {eur('10 000,00 €')}"
    assert found["Part de financements publics"][1] == (
        f"financements publics {eur('8 000,00 €')}, soit 80,0{NBSP}% du coût total "
        f"(plafond 80{NBSP}%)")
    assert found["Date limite de dépôt"][1] == "déposé le 01/12/2026, avant la date limite du " \
                                               "15/12/2026"
    assert found["Pièces jointes"][1] == ("toutes les pièces demandées sont jointes "
                                          "(6 pièces sur 6)")


def test_a_carrier_without_siret_or_rna_is_not_identified(contract):
    found = messages(dossier(contract, carrier=Carrier("Collectif sans papiers")), contract)
    assert found["Porteur identifié"] == (Severity.ERROR,
                                          "porteur non identifié : SIRET ou RNA requis")


def test_a_wrong_siret_key_is_named(contract):
    carrier = Carrier("Club", siret="73282932000075")
    assert messages(dossier(contract, carrier=carrier), contract)["Porteur identifié"][1] == (
        "SIRET « 73282932000075 » : clé de contrôle invalide")


def test_an_unbalanced_budget_gives_the_gap(contract):
    severity, message = messages(dossier(contract, balanced=False), contract)["Budget équilibré"]
    assert severity is Severity.ERROR
    assert message == (f"budget déséquilibré : charges {eur('10 000,00 €')} ≠ produits "
                       f"{eur('10 500,00 €')} (écart {eur('-500,00 €')})")


def test_a_request_above_the_total_cost_is_refused(contract):
    found = messages(dossier(contract, etat="9000", caf="3000", total_cost="11000"), contract)
    assert found["Demande dans le coût de l'action"] == (
        Severity.ERROR, f"montant demandé {eur('12 000,00 €')} supérieur au coût total de "
        f"l'action {eur('11 000,00 €')}")


def test_a_public_share_above_the_contract_ceiling_is_refused(contract):
    severity, message = messages(dossier(contract, etat="7000"), contract)[
        "Part de financements publics"]
    assert severity is Severity.ERROR
    assert message.startswith(f"financements publics {eur('9 000,00 €')}, soit 90,0{NBSP}%")


def test_too_few_beneficiaries_living_in_the_qpv_is_refused(contract):
    assert messages(dossier(contract, qpv="0.30"), contract)["Bénéficiaires habitant le QPV"] \
        == (Severity.ERROR, f"part des bénéficiaires habitant le QPV (30{NBSP}%) sous le minimum "
            f"du contrat (50{NBSP}%)")
    assert messages(dossier(contract, qpv=None), contract)["Bénéficiaires habitant le QPV"][1] \
        == "part des bénéficiaires habitant le QPV non renseignée"


def test_a_reserve_project_above_the_ceiling_is_refused(contract):
    found = messages(dossier(contract, channel=Channel.RESERVE, etat="4000", caf="1500"),
                     contract)
    assert found["Plafond de l'enveloppe de réserve"] == (
        Severity.ERROR, f"demande au-dessus du plafond de la réserve : {eur('5 500,00 €')} "
        f"demandés (plafond par projet {eur('5 000,00 €')})")
    assert found["Date limite de dépôt"] == (Severity.OK,
                                             "pas de date limite : dépôt au fil de l'eau")


def test_a_late_dossier_without_a_reason_fails_and_with_one_is_only_flagged(contract):
    late = dossier(contract, submitted=date(2026, 12, 20))
    assert messages(late, contract)["Date limite de dépôt"] == (
        Severity.ERROR, "déposé le 20/12/2026, après la date limite du 15/12/2026, sans motif "
        "de retard enregistré")
    excused = dossier(contract, submitted=date(2026, 12, 20),
                      late_reason="Dossier posté à temps, reçu en retard")
    report = check_admissibility(excused, contract)
    assert report.passed
    assert [c.message for c in report.warnings] == [
        "déposé le 20/12/2026, après la date limite du 15/12/2026 — motif du retard : "
        "« Dossier posté à temps, reçu en retard »"]


def test_missing_pieces_are_named_by_the_channel_checklist(contract):
    application = dossier(contract)
    application.attachments = application.attachments[:2]
    assert messages(application, contract)["Pièces jointes"] == (
        Severity.ERROR, "pièces manquantes : Budget prévisionnel de l'association, Dernier "
        "bilan / compte-rendu financier, Liste des dirigeants, Rapport d'activité")


def test_a_dossier_without_budget_or_cost_gets_messages_not_a_crash(contract):
    application = dossier(contract, total_cost="0")
    application.budget_versions = []
    found = messages(application, contract)
    assert found["Budget équilibré"] == (Severity.ERROR, "budget de l'action non saisi")
    assert found["Demande dans le coût de l'action"][1] == "coût total de l'action non renseigné"
    assert found["Part de financements publics"][1] == "coût total de l'action non renseigné"


def test_the_manual_checklist_lists_what_is_not_ticked_yet():
    codes = [item.code for item in MANUAL_CHECKLIST]
    assert unticked(codes) == []
    assert [item.label for item in unticked(codes[1:])] == [
        "L'action bénéficie aux habitants du quartier prioritaire"]
