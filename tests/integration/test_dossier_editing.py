"""Typing a dossier from a paper CERFA 12156, saving it in one transaction, renewing it."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from programmation.domain.call import Call
from programmation.domain.channels import Channel
from programmation.domain.contract import Contract
from programmation.domain.dossier import Application, Carrier
from programmation.domain.lifecycle import Status
from programmation.domain.presets import (
    QUARTIERS_2030,
    cross_cutting_flags,
    default_funders,
    pillar_preset,
)
from programmation.domain.review import Revision
from programmation.services import dossier_editing as editing
from programmation.services.attachments import check_file, export_to_temp
from programmation.services.dossier_editing import (
    BudgetLineForm,
    CarrierForm,
    FundingRequestForm,
    IndicatorForm,
    PendingAttachment,
)
from programmation.services.errors import ServiceError

D = Decimal
ACTOR = "Léa Martin (chargée de mission)"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def at(day: int = 1) -> datetime:
    return datetime(2025, 1, day, 10, 0)


def new_contract(database) -> int:
    contract = Contract("Contrat de ville d'Hazebrouck", "Cœur de Flandre agglo", "Hazebrouck",
                        2024, 2030, pillar_preset=QUARTIERS_2030)
    contract.pillars = pillar_preset(QUARTIERS_2030)
    contract.flags = cross_cutting_flags()
    contract.funders = default_funders()
    contract.calls = [Call(Channel.AAP, year, f"Appel à projets {year}") for year in (2025, 2026)]
    with database.unit_of_work() as uow:
        uow.session.add(contract)
        uow.commit()
        return contract.id


@pytest.fixture
def contract_id(database) -> int:
    return new_contract(database)


def paper_cerfa(database, contract_id: int) -> editing.DossierForm:
    """What a carrier wrote on the paper form « Soutien scolaire au Rivage »."""
    form = editing.new_form(database, contract_id, Channel.AAP, 2025)
    form.carrier = CarrierForm(name="Maison de quartier Élan", siret="442 381 793 00011",
                               address="12 rue du Rivage", postcode="59190", city="Hazebrouck",
                               representative="Mme Dupont", email="contact@elan.example")
    form.title = "Soutien scolaire au Rivage"
    form.summary = "Accompagnement aux devoirs des collégiens du quartier."
    form.pillar_code = "EDU"
    form.flag_codes = ["JEUNES"]
    form.start_date, form.end_date = date(2025, 1, 6), date(2025, 12, 19)
    form.beneficiaries, form.qpv_share, form.women, form.men = 120, D("0.85"), 65, 55
    form.indicators = [IndicatorForm("Élèves suivis", D("100"), "élèves")]
    form.budget = [
        BudgetLineForm("604", D("15000")), BudgetLineForm("641", D("10000")),
        BudgetLineForm("74", D("12500"), "ETAT-147"), BudgetLineForm("74", D("7500"), "VILLE"),
        BudgetLineForm("RP", D("5000")), BudgetLineForm("864", D("3000")),
        BudgetLineForm("870", D("3000")),
    ]
    form.funding = [FundingRequestForm("ETAT-147", 2025, D("12500")),
                    FundingRequestForm("VILLE", 2025, D("7500"))]
    return form


def count(database, cls) -> int:
    with database.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(cls))


def test_a_paper_cerfa_saves_as_one_new_draft_dossier_with_its_carrier(database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR, lambda: at())
    assert result.created and result.reference == "2025-AAP-001"
    form = editing.load_form(database, result.application_id)
    assert form.status is Status.DRAFT
    assert form.carrier.siret == "44238179300011" and form.carrier.name == "Maison de quartier Élan"
    assert form.call_id is not None  # the year's AAP call
    assert [(f.funder_code, f.requested) for f in form.funding] == [
        ("ETAT-147", D("12500.00")), ("VILLE", D("7500.00"))]
    assert form.indicators[0].label == "Élèves suivis"
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, result.application_id)
        assert application.total_cost == D("25000.00")
        assert "soutien scolaire" in application.search_text
        assert [v.kind for v in application.budget_versions] == ["requested"]
        assert application.current_budget().budget().balance_errors() == []


def test_a_balanced_complete_cerfa_leaves_only_the_missing_pieces_as_alerts(database,
                                                                             contract_id):
    alerts = editing.form_alerts(paper_cerfa(database, contract_id))
    assert [a.field.value for a in alerts] == ["pieces"]
    assert alerts[0].message.startswith("pièces manquantes : Statuts, RIB")


def test_each_save_is_recorded_in_the_dossiers_history_with_who_and_what(database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR, lambda: at())
    form = editing.load_form(database, result.application_id)
    form.title = "Soutien scolaire au Rivage et à la Gare"
    form.beneficiaries = 140
    editing.save_form(database, form, "Paul (DDETS)", lambda: at(2))
    with database.unit_of_work() as uow:
        revisions = uow.session.scalars(select(Revision).order_by(Revision.id)).all()
        assert [(r.actor, r.note) for r in revisions] == [
            (ACTOR, "Création du dossier"),
            ("Paul (DDETS)", "Modification : intitulé, bénéficiaires"),
        ]
        assert json.loads(revisions[1].snapshot)["beneficiaries"] == 140


def test_saving_an_unchanged_form_writes_no_revision(database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR, lambda: at())
    again = editing.save_form(database, editing.load_form(database, result.application_id),
                              ACTOR, lambda: at(2))
    assert again.notes == ("aucun changement",)
    assert count(database, Revision) == 1


@pytest.mark.parametrize(("change", "message"), [
    (lambda f: setattr(f, "title", "  "), "Action · Intitulé : à renseigner"),
    (lambda f: setattr(f, "qpv_share", D("1.5")), "Public · Part habitant le QPV"),
    (lambda f: setattr(f, "women", -3), "Public · Femmes : nombre négatif"),
    (lambda f: f.budget.append(BudgetLineForm("604", D("-10"))),
     "Budget · compte 604 (Prestations de services) : montant négatif"),
    (lambda f: f.funding.append(FundingRequestForm("ETAT-147", 2031, D("10"))),
     "Financements · État — crédits spécifiques politique de la ville (BOP 147) : 2031"),
    (lambda f: setattr(f.carrier, "siret", "4423817930001199"), "Porteur · SIRET"),
    # the register's own rules, shared with the editor
    (lambda f: setattr(f.carrier, "postcode", "591"), "Porteur · Code postal « 591 »"),
    (lambda f: setattr(f.carrier, "email", "contact@asso"), "Porteur · Courriel"),
    (lambda f: setattr(f, "pillar_code", ""), "Action · Pilier : à choisir"),
])
def test_invalid_input_names_the_field_in_french_and_writes_nothing(database, contract_id,
                                                                    change, message):
    form = paper_cerfa(database, contract_id)
    change(form)
    with pytest.raises(ServiceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        editing.save_form(database, form, ACTOR)
    assert count(database, Application) == 0 and count(database, Carrier) == 0


def test_a_failure_in_the_middle_of_a_save_rolls_everything_back(database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR, lambda: at())
    form = editing.load_form(database, result.application_id)
    form.title = "Nouveau titre"
    form.carrier.name = "Maison de quartier Élan (renommée)"
    form.choices = type(form.choices)(**{**form.choices.__dict__, "contract_id": 999})
    with pytest.raises(ServiceError, match="contrat introuvable"):
        editing.save_form(database, form, ACTOR)
    again = editing.load_form(database, result.application_id)
    assert again.title == "Soutien scolaire au Rivage"
    assert again.carrier.name == "Maison de quartier Élan"


def test_a_carrier_typed_again_with_a_known_siret_is_reused_not_duplicated(database,
                                                                          contract_id):
    editing.save_form(database, paper_cerfa(database, contract_id), ACTOR)
    second = paper_cerfa(database, contract_id)
    second.title = "Ateliers de lecture"
    result = editing.save_form(database, second, ACTOR)
    assert result.reference == "2025-AAP-002"
    assert any("déjà au répertoire" in note for note in result.notes)
    assert count(database, Carrier) == 1


def test_a_carrier_picked_in_the_register_is_found_by_its_words_without_accents(database,
                                                                               contract_id):
    editing.save_form(database, paper_cerfa(database, contract_id), ACTOR)
    found = editing.find_carriers(database, "elan hazeb")
    assert [c.name for c in found] == ["Maison de quartier Élan"]
    assert found[0].id is not None and editing.find_carriers(database, "inconnu") == []


def walk_into_instruction(database, application_id: int) -> None:
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        for step in (Status.SUBMITTED, Status.ADMISSIBLE, Status.UNDER_REVIEW):
            application.change_status(step, "Instructrice", "", at(3))
        uow.commit()


def test_before_instruction_the_requested_budget_is_simply_corrected(database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR)
    form = editing.load_form(database, result.application_id)
    form.budget[0].amount = D("16000")
    form.budget[4].amount = D("6000")
    assert editing.save_form(database, form, ACTOR).budget_kind == "requested"
    rows = editing.compare_budgets(database, result.application_id)
    assert rows[0].requested == D("16000.00") and rows[0].adjusted is None


def test_after_instruction_budget_changes_go_to_an_adjusted_version_compared_line_by_line(
        database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR)
    walk_into_instruction(database, result.application_id)
    form = editing.load_form(database, result.application_id)
    form.budget = [line for line in form.budget if line.account != "641"] + [
        BudgetLineForm("641", D("8000"))]
    form.budget = [BudgetLineForm("74", D("10500"), "ETAT-147") if line.funder_code == "ETAT-147"
                   else line for line in form.budget]
    assert editing.save_form(database, form, ACTOR).budget_kind == "adjusted"
    form = editing.load_form(database, result.application_id)  # a second adjustment
    form.budget[0].amount = D("14000")
    form.budget = [BudgetLineForm("RP", D("4000")) if line.account == "RP" else line
                   for line in form.budget]
    editing.save_form(database, form, ACTOR)
    with database.unit_of_work() as uow:
        versions = uow.session.get(Application, result.application_id).budget_versions
        assert [v.kind for v in versions] == ["requested", "adjusted"]
        assert versions[0].budget().total_charges == D("25000.00")  # never overwritten
    rows = {(r.account, r.label): r for r in editing.compare_budgets(database,
                                                                   result.application_id)}
    assert rows[("604", "Prestations de services")].difference == D("-1000.00")
    assert rows[("641", "Rémunération des personnels")].adjusted == D("8000.00")
    state = next(r for r in rows.values() if r.label.startswith("Subvention — État"))
    assert (state.requested, state.adjusted, state.difference) == (
        D("12500.00"), D("10500.00"), D("-2000.00"))
    assert rows[("864", "Personnel bénévole")].difference == D("0.00")


def test_a_funding_line_with_a_decision_cannot_be_removed_from_the_form(database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR)
    with database.unit_of_work() as uow:
        uow.session.get(Application, result.application_id).funding_lines[0].proposed = D("9000")
        uow.commit()
    form = editing.load_form(database, result.application_id)
    form.funding = form.funding[1:]
    with pytest.raises(ServiceError, match=r"BOP 147.*déjà une proposition"):
        editing.save_form(database, form, ACTOR)
    assert len(editing.load_form(database, result.application_id).funding) == 2


def test_a_cpo_has_its_requests_per_year_and_a_degressive_one_is_flagged(database, contract_id):
    form = paper_cerfa(database, contract_id)
    form.channel, form.duration_years, form.call_id = Channel.CPO, 3, None
    form.funding = [FundingRequestForm("ETAT-147", year, D(amount))
                    for year, amount in ((2025, "12500"), (2026, "12500"), (2027, "10000"))]
    form.budget = [line for line in form.budget if line.funder_code != "VILLE"] + [
        BudgetLineForm("70", D("7500"))]
    messages = [a.message for a in editing.form_alerts(form) if a.field.value == "financements"]
    assert len(messages) == 1 and "montants différents selon les années" in messages[0]
    result = editing.save_form(database, form, ACTOR)
    assert result.reference == "2025-CPO-001"
    assert [f.year for f in editing.load_form(database, result.application_id).funding] == [
        2025, 2026, 2027]


def test_renewal_copies_into_next_years_call_as_a_linked_draft_without_decisions(
        database, contract_id):
    result = editing.save_form(database, paper_cerfa(database, contract_id), ACTOR)
    with database.unit_of_work() as uow:
        application = uow.session.get(Application, result.application_id)
        application.funding_lines[0].proposed = application.funding_lines[0].granted = D("12000")
        application.change_status(Status.SUBMITTED, "Porteur", "", at(2))
        uow.commit()
    renewal = editing.renew(database, result.application_id, 2026, ACTOR, lambda: at(5))
    assert renewal.reference == "2026-AAP-001"
    form = editing.load_form(database, renewal.application_id)
    assert form.is_renewal and form.previous_reference == "2025-AAP-001"
    assert form.status is Status.DRAFT and form.year == 2026
    assert form.start_date == date(2026, 1, 6) and form.end_date == date(2026, 12, 19)
    assert form.call_id is not None and form.choices.calls[1].id == form.call_id
    assert [(f.funder_code, f.year, f.requested) for f in form.funding] == [
        ("ETAT-147", 2026, D("12500.00")), ("VILLE", 2026, D("7500.00"))]
    with database.unit_of_work() as uow:
        new = uow.session.get(Application, renewal.application_id)
        assert all(line.proposed is None and line.granted is None for line in new.funding_lines)
        assert new.history == [] and new.attachments == [] and new.total_cost == D("25000.00")
    with pytest.raises(ServiceError, match="déjà reconduit en 2026 : 2026-AAP-001"):
        editing.renew(database, result.application_id, 2026, ACTOR)
    with pytest.raises(ServiceError, match="doit suivre"):
        editing.renew(database, result.application_id, 2025, ACTOR)


def test_attachments_added_in_the_form_are_saved_with_it_and_duplicates_skipped(database,
                                                                               contract_id):
    form = paper_cerfa(database, contract_id)
    form.new_attachments = [PendingAttachment("statuts", check_file("statuts.pdf", PDF)),
                            PendingAttachment("rib", check_file("copie.pdf", PDF))]
    result = editing.save_form(database, form, ACTOR)
    assert any("déjà joint" in note for note in result.notes)
    form = editing.load_form(database, result.application_id)
    assert [(a.kind_label, a.filename) for a in form.attachments] == [("Statuts", "statuts.pdf")]
    assert [item.present for item in editing.form_checklist(form).items][:2] == [True, False]
    form.removed_attachment_ids = [form.attachments[0].id]
    editing.save_form(database, form, ACTOR)
    assert editing.load_form(database, result.application_id).attachments == []


@pytest.mark.postgres
def test_typing_saving_adjusting_renewing_and_attaching_work_the_same_on_postgresql(
        pg_database):
    form = paper_cerfa(pg_database, new_contract(pg_database))
    form.new_attachments = [PendingAttachment("rib", check_file("rib.pdf", PDF))]
    form.title = "É" * 300  # the longest title the schema takes
    result = editing.save_form(pg_database, form, ACTOR)
    walk_into_instruction(pg_database, result.application_id)
    form = editing.load_form(pg_database, result.application_id)
    form.budget[0].amount = D("14000")
    form.budget = [BudgetLineForm("RP", D("4000")) if line.account == "RP" else line
                   for line in form.budget]
    assert editing.save_form(pg_database, form, ACTOR).budget_kind == "adjusted"
    assert editing.compare_budgets(pg_database, result.application_id)[0].difference == \
        D("-1000.00")
    renewal = editing.renew(pg_database, result.application_id, 2026, ACTOR)
    assert editing.load_form(pg_database, renewal.application_id).previous_reference == \
        "2025-AAP-001"
    attachment = editing.load_form(pg_database, result.application_id).attachments[0]
    assert export_to_temp(pg_database, attachment.id).read_bytes() == PDF
