"""Blind scoring, the avis and the proposed amounts, on a copy of the demo database."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.domain.channels import Opinion
from programmation.domain.lifecycle import Status
from programmation.services.errors import ServiceError
from programmation.services.instruction import CreatePerson, create_person, list_people
from programmation.services.scoring import (
    CriterionView,
    GiveOpinion,
    ProposeAmount,
    SaveGrid,
    SaveMarks,
    give_opinion,
    lines_for_person,
    load_grid,
    opinions,
    propose_amount,
    save_grid,
    save_marks,
    scores_for,
)

D = Decimal
CODES = ("PERT", "COHE", "ENJE", "EFFI", "EFFN", "PART")
AT = datetime(2026, 11, 20, 10, 0)


def dossier(db: Database, reference: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(t.application.c.id).where(
            t.application.c.reference == reference)).scalar_one()


def person(db: Database, name: str) -> int:
    return next(p.id for p in list_people(db) if p.name == name)


def marks(*values: int) -> dict[str, int]:
    return dict(zip(CODES, values, strict=True))


def test_an_instructor_sees_the_others_scores_only_after_saving_their_own(demo_copy):
    application = dossier(demo_copy, "2027-AAP-009")  # recevable, nobody has scored it yet
    claire, mehdi = person(demo_copy, "Claire Vanhove"), person(demo_copy, "Mehdi Saïdi")
    total = save_marks(demo_copy, SaveMarks(application, claire, marks(4, 4, 4, 4, 4, 4),
                                            {"PERT": "Besoin fort du quartier"}), now=lambda: AT)
    assert total == D("100.0")

    blind = scores_for(demo_copy, application, mehdi)
    assert not blind.revealed and blind.own is None
    assert blind.scores == () and blind.mean is None and blind.spread is None
    assert blind.scored_by_others == 1  # he knows someone scored, not how

    save_marks(demo_copy, SaveMarks(application, mehdi, marks(2, 2, 2, 2, 2, 2)), now=lambda: AT)
    seen = scores_for(demo_copy, application, mehdi)
    assert seen.revealed
    assert [(s.person.split(" (")[0], s.total) for s in seen.scores] == [
        ("Claire Vanhove", D("100.0")), ("Mehdi Saïdi", D("50.0"))]
    assert (seen.mean, seen.spread, seen.disagreement) == (D("75.0"), D("50.0"), True)
    assert seen.own.total == D("50.0")
    assert seen.scores[0].marks[0].comment == "Besoin fort du quartier"


def test_close_totals_are_not_flagged_as_a_disagreement(demo_copy):
    application = dossier(demo_copy, "2027-AAP-010")  # recevable, nobody has scored it yet
    a, b = person(demo_copy, "Anne Dufour"), person(demo_copy, "Laurent Caron")
    save_marks(demo_copy, SaveMarks(application, a, marks(3, 3, 3, 3, 3, 3)))
    save_marks(demo_copy, SaveMarks(application, b, marks(3, 3, 3, 3, 3, 2)))
    seen = scores_for(demo_copy, application, a)
    assert (seen.mean, seen.spread, seen.disagreement) == (D("72.9"), D("4.2"), False)


def test_saving_again_replaces_one_s_own_marks(demo_copy):
    # a recevable dossier nobody has scored yet
    application, anne = dossier(demo_copy, "2027-AAP-011"), person(demo_copy, "Anne Dufour")
    save_marks(demo_copy, SaveMarks(application, anne, marks(1, 1, 1, 1, 1, 1)))
    save_marks(demo_copy, SaveMarks(application, anne, marks(4, 4, 4, 4, 4, 0)))
    seen = scores_for(demo_copy, application, anne)
    assert len(seen.scores) == 1 and seen.own.total == D("83.3")


def test_a_mark_outside_the_scale_is_refused_and_nothing_is_written(demo_copy):
    application, anne = dossier(demo_copy, "2027-AAP-012"), person(demo_copy, "Anne Dufour")
    with pytest.raises(ServiceError) as refused:
        save_marks(demo_copy, SaveMarks(application, anne, {**marks(1, 2, 3, 4, 4, 4), "EFFI": 5,
                                                            "PART": -1}))
    assert str(refused.value) == ("notation incomplète : Efficacité : note entre 0 et 4 attendue "
                                  "(reçu « 5 ») ; Participation des habitants : note entre 0 et "
                                  "4 attendue (reçu « -1 »)")
    with pytest.raises(ServiceError, match="Pertinence : note manquante"):
        save_marks(demo_copy, SaveMarks(application, anne, {"COHE": 2}))
    assert scores_for(demo_copy, application, anne).own is None


def test_the_first_marks_start_the_instruction_of_an_admissible_dossier(demo_copy):
    application, laurent = dossier(demo_copy, "2027-AAP-008"), person(demo_copy, "Laurent Caron")
    save_marks(demo_copy, SaveMarks(application, laurent, marks(2, 3, 2, 3, 2, 3)), now=lambda: AT)
    with demo_copy.engine.connect() as connection:
        status, last = connection.execute(
            select(t.application.c.status, t.status_change.c.actor)
            .join(t.status_change).where(t.application.c.id == application)
            .order_by(t.status_change.c.id.desc())).first()
    assert status is Status.UNDER_REVIEW
    assert last == "Laurent Caron (CAF du Nord)"


def test_a_dossier_not_yet_admissible_cannot_be_scored(demo_copy):
    application, anne = dossier(demo_copy, "2027-AAP-001"), person(demo_copy, "Anne Dufour")
    with pytest.raises(ServiceError, match="« Déposé » : seul un dossier recevable"):
        save_marks(demo_copy, SaveMarks(application, anne, marks(1, 1, 1, 1, 1, 1)))


def test_an_instructor_of_a_funder_proposes_only_that_funder_s_amount(demo_copy):
    application, mehdi = dossier(demo_copy, "2027-AAP-012"), person(demo_copy, "Mehdi Saïdi")
    lines = {item.line.funder_code: item
             for item in lines_for_person(demo_copy, application, mehdi)}
    assert lines["ETAT-147"].editable
    assert not lines["EPCI"].editable
    saved = propose_amount(demo_copy, ProposeAmount(lines["ETAT-147"].line.line_id, D("8000"),
                                                    mehdi))
    assert (saved.proposed, saved.proposed_by) == (
        D("8000.00"), "Mehdi Saïdi (Préfecture du Nord — délégué du préfet)")
    with pytest.raises(ServiceError) as refused:
        propose_amount(demo_copy, ProposeAmount(lines["EPCI"].line.line_id, D("3000"), mehdi))
    assert str(refused.value) == (
        "Mehdi Saïdi instruit pour État — crédits spécifiques politique de la ville (BOP 147) : "
        "seul le montant de ce financeur lui revient, pas celui de Cœur de Flandre agglo")
    after = {item.line.funder_code: item.line for item in
             lines_for_person(demo_copy, application, mehdi)}
    assert after["EPCI"].proposed is None and after["ETAT-147"].proposed == D("8000.00")


def test_a_coordinator_without_funder_proposes_every_line_but_not_a_negative_amount(demo_copy):
    coordinator = create_person(demo_copy, CreatePerson("Sophie Deswarte", "Chef de projet")).id
    application = dossier(demo_copy, "2027-AAP-012")
    items = lines_for_person(demo_copy, application, coordinator)
    assert all(item.editable for item in items)
    for item in items:
        propose_amount(demo_copy, ProposeAmount(item.line.line_id, item.line.requested,
                                                coordinator))
    with pytest.raises(ServiceError, match="ne peut pas être négatif"):
        propose_amount(demo_copy, ProposeAmount(items[0].line.line_id, D("-1"), coordinator))


def test_the_avis_needs_reasons_unless_favourable_and_replaces_one_s_previous_avis(demo_copy):
    application, anne = dossier(demo_copy, "2027-AAP-012"), person(demo_copy, "Anne Dufour")
    with pytest.raises(ServiceError, match="avis « Défavorable » : indiquez vos motifs"):
        give_opinion(demo_copy, GiveOpinion(application, anne, Opinion.UNFAVOURABLE, "  "))
    give_opinion(demo_copy, GiveOpinion(application, anne, Opinion.FAVOURABLE))
    give_opinion(demo_copy, GiveOpinion(application, anne, Opinion.FAVOURABLE_WITH_RESERVE,
                                        "Sous réserve d'un budget ajusté"))
    given = opinions(demo_copy, application)
    assert [(o.person_id, o.opinion, o.reason) for o in given] == [
        (anne, Opinion.FAVOURABLE_WITH_RESERVE, "Sous réserve d'un budget ajusté")]


def test_the_grid_is_editable_but_a_scored_criterion_stays(demo_copy):
    grid = load_grid(demo_copy)
    assert [c.code for c in grid] == list(CODES)
    heavier = tuple(CriterionView(c.code, c.label, 3 if c.code == "PERT" else c.weight,
                                  c.scale_max, c.guidance) for c in grid)
    save_grid(demo_copy, SaveGrid((*heavier, CriterionView("INNO", "Innovation", 1, 4,
                                                           "Nouveauté"))))
    assert [(c.code, c.weight) for c in load_grid(demo_copy)][:1] == [("PERT", 3)]
    assert load_grid(demo_copy)[-1].label == "Innovation"
    application, anne = dossier(demo_copy, "2027-AAP-012"), person(demo_copy, "Anne Dufour")
    total = save_marks(demo_copy, SaveMarks(application, anne,
                                            {**marks(4, 0, 0, 0, 0, 0), "INNO": 0}))
    assert total == D("33.3")  # 4×3 out of 4×(3 + 5 + 1)
    with pytest.raises(ServiceError, match="« Innovation » a déjà des notes"):
        save_grid(demo_copy, SaveGrid(heavier))
    with pytest.raises(ServiceError, match="le code « PERT » est déjà utilisé"):
        save_grid(demo_copy, SaveGrid(heavier + heavier[:1]))
