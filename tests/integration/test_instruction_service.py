"""Instructors, recevabilité and demandes de compléments, on a copy of the demo database."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.domain.admissibility import MANUAL_CHECKLIST, Severity
from programmation.domain.channels import Channel, FundingLineStatus
from programmation.domain.checklist import EXPECTED
from programmation.domain.dossier import Application, Attachment
from programmation.domain.lifecycle import Status
from programmation.services.errors import ServiceError
from programmation.services.instruction import (
    AnswerInformation,
    AssignInstructors,
    CreatePerson,
    DecideAdmissibility,
    RequestInformation,
    answer_information,
    assign_instructors,
    assignees,
    create_person,
    decide_admissibility,
    list_funders,
    list_people,
    load_admissibility,
    request_information,
)

AT = datetime(2026, 11, 20, 14, 30)
ALL_TICKED = tuple(item.code for item in MANUAL_CHECKLIST)
PIECES = ("statuts", "rib", "budget_association", "bilan", "dirigeants", "rapport_activite")
MEHDI = "Mehdi Saïdi (Préfecture du Nord — délégué du préfet)"


def dossier(db: Database, reference: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(t.application.c.id).where(
            t.application.c.reference == reference)).scalar_one()


def attach_every_piece(db: Database, application_id: int) -> None:
    with db.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        application.attachments = [
            Attachment(kind, f"{kind}.pdf", "application/pdf", b"%PDF-1.4",
                       hashlib.sha256(b"%PDF-1.4").hexdigest(), AT) for kind in PIECES]
        uow.commit()


def missing_pieces(db: Database, application_id: int) -> list[str]:
    """The labels of the AAP pieces the dossier does not carry, in the checklist's order."""
    with db.engine.connect() as connection:
        kinds = set(connection.execute(select(t.attachment.c.kind).where(
            t.attachment.c.application_id == application_id)).scalars())
    return [kind.label for kind in EXPECTED[Channel.AAP] if kind.value not in kinds]


def history(db: Database, application_id: int) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(t.status_change.c.to_status, t.status_change.c.actor,
                   t.status_change.c.reason)
            .where(t.status_change.c.application_id == application_id)
            .order_by(t.status_change.c.id))]


def status(db: Database, application_id: int) -> Status:
    with db.engine.connect() as connection:
        return connection.execute(select(t.application.c.status).where(
            t.application.c.id == application_id)).scalar_one()


def test_the_demo_instructors_are_listed_with_the_funder_they_instruct_for(demo_database):
    people = {p.name: p.funder_code for p in list_people(demo_database)}
    assert people == {"Anne Dufour": "VILLE", "Claire Vanhove": "EPCI",
                      "Laurent Caron": "CAF", "Mehdi Saïdi": "ETAT-147"}


def test_a_new_instructor_is_added_once_with_a_name(demo_copy):
    region = next(f for f in list_funders(demo_copy) if f.code == "REGION")
    added = create_person(demo_copy, CreatePerson("  Lucie   Morel ", "Région", region.id))
    assert (added.name, added.funder_name) == ("Lucie Morel", "Région Hauts-de-France")
    assert "Lucie Morel" in [p.name for p in list_people(demo_copy)]
    with pytest.raises(ServiceError, match="« lucie morel » figure déjà"):
        create_person(demo_copy, CreatePerson("lucie morel"))
    with pytest.raises(ServiceError, match="nom de l'instructeur manquant"):
        create_person(demo_copy, CreatePerson("   "))


def test_the_automatic_checks_of_a_demo_dossier_are_in_words(demo_database):
    application = dossier(demo_database, "2027-AAP-001")
    missing = missing_pieces(demo_database, application)
    assert missing, "the demo's 2027-AAP-001 was filed with only some of its pieces"
    view = load_admissibility(demo_database, application)
    assert view.can_decide and view.can_request_info and not view.passed
    found = {c.label: (c.severity, c.message) for c in view.checks}
    assert found["Date limite de dépôt"] == (
        Severity.OK, "déposé le 04/11/2026, avant la date limite du 15/12/2026")
    assert found["Pièces jointes"][0] is Severity.ERROR
    assert found["Pièces jointes"][1].startswith(f"pièces manquantes : {', '.join(missing)}")


def test_a_dossier_failing_a_check_cannot_be_declared_admissible(demo_copy):
    application = dossier(demo_copy, "2027-AAP-001")
    first_missing = missing_pieces(demo_copy, application)[0]
    with pytest.raises(ServiceError) as refused:
        decide_admissibility(demo_copy, DecideAdmissibility(application, True, MEHDI,
                                                            ticked=ALL_TICKED))
    assert str(refused.value).startswith("2027-AAP-001 ne peut pas être déclaré recevable : "
                                         f"pièces manquantes : {first_missing}")
    assert status(demo_copy, application) is Status.SUBMITTED


def test_the_manual_checklist_must_be_ticked_before_recevable(demo_copy):
    application = dossier(demo_copy, "2027-AAP-001")
    attach_every_piece(demo_copy, application)
    with pytest.raises(ServiceError) as refused:
        decide_admissibility(demo_copy, DecideAdmissibility(application, True, MEHDI,
                                                            ticked=ALL_TICKED[:-1]))
    assert str(refused.value) == ("points à vérifier avant de déclarer le dossier recevable : "
                                  "La demande est signée par le représentant légal")


def test_a_recevable_dossier_is_recorded_with_its_instructor(demo_copy):
    application = dossier(demo_copy, "2027-AAP-001")
    attach_every_piece(demo_copy, application)
    said = decide_admissibility(demo_copy, DecideAdmissibility(application, True, MEHDI,
                                                               "Dossier complet", ALL_TICKED),
                                now=lambda: AT)
    assert said == ("Recevable : 7 vérifications automatiques conformes, 5 points vérifiés par "
                    "l'instructeur. Dossier complet")
    assert status(demo_copy, application) is Status.ADMISSIBLE
    assert history(demo_copy, application)[-1] == (Status.ADMISSIBLE, MEHDI, said)
    with demo_copy.engine.connect() as connection:
        line_statuses = set(connection.execute(select(t.funding_line.c.status).where(
            t.funding_line.c.application_id == application)).scalars())
    assert line_statuses == {FundingLineStatus.ADMISSIBLE}


def test_an_irrecevable_dossier_needs_a_reason(demo_copy):
    application = dossier(demo_copy, "2027-AAP-002")
    with pytest.raises(ServiceError, match="indiquez le motif de l'irrecevabilité"):
        decide_admissibility(demo_copy, DecideAdmissibility(application, False, MEHDI, " "))
    decide_admissibility(demo_copy, DecideAdmissibility(application, False, MEHDI,
                                                        "Action hors quartier prioritaire"))
    assert status(demo_copy, application) is Status.INADMISSIBLE
    assert history(demo_copy, application)[-1] == (
        Status.INADMISSIBLE, MEHDI, "Irrecevable : Action hors quartier prioritaire")


def test_a_dossier_already_in_instruction_is_not_declared_admissible_again(demo_copy):
    application = dossier(demo_copy, "2027-AAP-012")
    with pytest.raises(ServiceError) as refused:
        decide_admissibility(demo_copy, DecideAdmissibility(application, False, MEHDI,
                                                            "Hors délai"))
    assert str(refused.value) == ("2027-AAP-012 : passage de « En instruction » à "
                                  "« Irrecevable » non autorisé")


def test_asking_for_more_pauses_the_dossier_until_the_carrier_answers(demo_copy):
    application = dossier(demo_copy, "2027-AAP-012")
    request_information(demo_copy, RequestInformation(
        application, ("RIB à jour", " ", "Budget signé"), MEHDI))
    assert status(demo_copy, application) is Status.AWAITING_INFO
    assert history(demo_copy, application)[-1] == (
        Status.AWAITING_INFO, MEHDI, "Compléments demandés : RIB à jour ; Budget signé")
    waiting = load_admissibility(demo_copy, application)
    assert [(r.items, r.answered_at) for r in waiting.requests] == [
        (("RIB à jour", "Budget signé"), None)]
    answer_information(demo_copy, AnswerInformation(application, MEHDI, "RIB reçu par courriel"),
                       now=lambda: AT)
    assert status(demo_copy, application) is Status.SUBMITTED
    assert history(demo_copy, application)[-1][2] == "Compléments reçus : RIB reçu par courriel"
    assert load_admissibility(demo_copy, application).requests[0].answered_at == AT


def test_an_empty_request_for_more_is_refused(demo_copy):
    with pytest.raises(ServiceError, match="au moins un élément demandé"):
        request_information(demo_copy, RequestInformation(dossier(demo_copy, "2027-AAP-012"),
                                                          (" ",), MEHDI))


def test_dossiers_are_assigned_to_several_instructors_at_once(demo_copy):
    ids = [dossier(demo_copy, "2027-AAP-008"), dossier(demo_copy, "2027-AAP-009")]
    assert [assignees(demo_copy, i) for i in ids] == [[], []]  # recevables, not yet assigned
    people = {p.name: p.id for p in list_people(demo_copy)}
    result = assign_instructors(demo_copy, AssignInstructors(
        ids, [people["Mehdi Saïdi"], people["Anne Dufour"]], False, "Coordination"))
    assert result.changed == ("2027-AAP-008", "2027-AAP-009")
    assert [p.name for p in assignees(demo_copy, ids[1])] == ["Anne Dufour", "Mehdi Saïdi"]
