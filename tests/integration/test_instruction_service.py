"""Instructors, recevabilité and demandes de compléments, on a copy of the demo database."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import datetime

import pytest
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.domain.admissibility import MANUAL_CHECKLIST, Severity
from programmation.domain.channels import FundingLineStatus
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


@pytest.fixture
def db(demo_database, tmp_path):
    """A private copy of the session's demo database, to write in."""
    target = tmp_path / "demo.sqlite"
    with closing(sqlite3.connect(demo_database.label)) as source, \
            closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    database = Database.open(target)
    yield database
    database.dispose()


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


def test_a_new_instructor_is_added_once_with_a_name(db):
    region = next(f for f in list_funders(db) if f.code == "REGION")
    added = create_person(db, CreatePerson("  Lucie   Morel ", "Région", region.id))
    assert (added.name, added.funder_name) == ("Lucie Morel", "Région Hauts-de-France")
    assert "Lucie Morel" in [p.name for p in list_people(db)]
    with pytest.raises(ServiceError, match="« lucie morel » figure déjà"):
        create_person(db, CreatePerson("lucie morel"))
    with pytest.raises(ServiceError, match="nom de l'instructeur manquant"):
        create_person(db, CreatePerson("   "))


def test_the_automatic_checks_of_a_demo_dossier_are_in_words(demo_database):
    view = load_admissibility(demo_database, dossier(demo_database, "2027-AAP-001"))
    assert view.can_decide and view.can_request_info and not view.passed
    found = {c.label: (c.severity, c.message) for c in view.checks}
    assert found["Date limite de dépôt"] == (
        Severity.OK, "déposé le 04/11/2026, avant la date limite du 15/12/2026")
    assert found["Pièces jointes"][0] is Severity.ERROR
    assert found["Pièces jointes"][1].startswith("pièces manquantes : Statuts, RIB")


def test_a_dossier_failing_a_check_cannot_be_declared_admissible(db):
    application = dossier(db, "2027-AAP-001")
    with pytest.raises(ServiceError) as refused:
        decide_admissibility(db, DecideAdmissibility(application, True, MEHDI,
                                                     ticked=ALL_TICKED))
    assert str(refused.value).startswith("2027-AAP-001 ne peut pas être déclaré recevable : "
                                         "pièces manquantes : Statuts")
    assert status(db, application) is Status.SUBMITTED


def test_the_manual_checklist_must_be_ticked_before_recevable(db):
    application = dossier(db, "2027-AAP-001")
    attach_every_piece(db, application)
    with pytest.raises(ServiceError) as refused:
        decide_admissibility(db, DecideAdmissibility(application, True, MEHDI,
                                                     ticked=ALL_TICKED[:-1]))
    assert str(refused.value) == ("points à vérifier avant de déclarer le dossier recevable : "
                                  "La demande est signée par le représentant légal")


def test_a_recevable_dossier_is_recorded_with_its_instructor(db):
    application = dossier(db, "2027-AAP-001")
    attach_every_piece(db, application)
    said = decide_admissibility(db, DecideAdmissibility(application, True, MEHDI,
                                                        "Dossier complet", ALL_TICKED),
                                now=lambda: AT)
    assert said == ("Recevable : 7 vérifications automatiques conformes, 5 points vérifiés par "
                    "l'instructeur. Dossier complet")
    assert status(db, application) is Status.ADMISSIBLE
    assert history(db, application)[-1] == (Status.ADMISSIBLE, MEHDI, said)
    with db.engine.connect() as connection:
        line_statuses = set(connection.execute(select(t.funding_line.c.status).where(
            t.funding_line.c.application_id == application)).scalars())
    assert line_statuses == {FundingLineStatus.ADMISSIBLE}


def test_an_irrecevable_dossier_needs_a_reason(db):
    application = dossier(db, "2027-AAP-002")
    with pytest.raises(ServiceError, match="indiquez le motif de l'irrecevabilité"):
        decide_admissibility(db, DecideAdmissibility(application, False, MEHDI, " "))
    decide_admissibility(db, DecideAdmissibility(application, False, MEHDI,
                                                 "Action hors quartier prioritaire"))
    assert status(db, application) is Status.INADMISSIBLE
    assert history(db, application)[-1] == (
        Status.INADMISSIBLE, MEHDI, "Irrecevable : Action hors quartier prioritaire")


def test_a_dossier_already_in_instruction_is_not_declared_admissible_again(db):
    application = dossier(db, "2027-AAP-012")
    with pytest.raises(ServiceError) as refused:
        decide_admissibility(db, DecideAdmissibility(application, False, MEHDI, "Hors délai"))
    assert str(refused.value) == ("2027-AAP-012 : passage de « En instruction » à "
                                  "« Irrecevable » non autorisé")


def test_asking_for_more_pauses_the_dossier_until_the_carrier_answers(db):
    application = dossier(db, "2027-AAP-012")
    request_information(db, RequestInformation(application, ("RIB à jour", " ", "Budget signé"),
                                               MEHDI))
    assert status(db, application) is Status.AWAITING_INFO
    assert history(db, application)[-1] == (
        Status.AWAITING_INFO, MEHDI, "Compléments demandés : RIB à jour ; Budget signé")
    waiting = load_admissibility(db, application)
    assert [(r.items, r.answered_at) for r in waiting.requests] == [
        (("RIB à jour", "Budget signé"), None)]
    answer_information(db, AnswerInformation(application, MEHDI, "RIB reçu par courriel"),
                       now=lambda: AT)
    assert status(db, application) is Status.SUBMITTED
    assert history(db, application)[-1][2] == "Compléments reçus : RIB reçu par courriel"
    assert load_admissibility(db, application).requests[0].answered_at == AT


def test_an_empty_request_for_more_is_refused(db):
    with pytest.raises(ServiceError, match="au moins un élément demandé"):
        request_information(db, RequestInformation(dossier(db, "2027-AAP-012"), (" ",), MEHDI))


def test_dossiers_are_assigned_to_several_instructors_at_once(db):
    ids = [dossier(db, "2027-AAP-012"), dossier(db, "2027-AAP-013")]
    people = {p.name: p.id for p in list_people(db)}
    result = assign_instructors(db, AssignInstructors(
        ids, [people["Mehdi Saïdi"], people["Anne Dufour"]], False, "Coordination"))
    assert result.changed == ("2027-AAP-012", "2027-AAP-013")
    assert [p.name for p in assignees(db, ids[1])] == ["Anne Dufour", "Mehdi Saïdi"]
