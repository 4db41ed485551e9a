"""Batch work on the demo: status of many dossiers, instructors, export of the selection."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.domain.dossier import Application, Carrier
from programmation.domain.lifecycle import Status
from programmation.domain.people import Person
from programmation.domain.review import Revision
from programmation.services import batch
from programmation.services.dossier_list import DossierListService
from programmation.services.errors import ServiceError

AT = datetime(2026, 11, 20, 11, 0)
EURO = '#,##0.00\\ "€"'


def _ids(db, **where) -> dict[str, int]:
    """Reference → id of the dossiers matching column == value."""
    a = t.application
    query = select(a.c.reference, a.c.id).order_by(a.c.reference)
    for column, value in where.items():
        query = query.where(a.c[column] == value)
    with db.engine.connect() as connection:
        return dict(connection.execute(query).all())


def _people(db) -> dict[str, int]:
    with db.engine.connect() as connection:
        return dict(connection.execute(select(t.person.c.name, t.person.c.id)).all())


# --- status -----------------------------------------------------------------------------------

def test_the_targets_offered_are_those_at_least_one_selected_dossier_may_reach(demo_database):
    submitted = list(_ids(demo_database, status=Status.SUBMITTED).values())[:2]
    closed = list(_ids(demo_database, status=Status.CLOSED).values())[:1]
    choices = {c.status: c for c in batch.status_targets(demo_database, submitted + closed)}
    assert set(choices) == {Status.ADMISSIBLE, Status.INADMISSIBLE, Status.AWAITING_INFO,
                            Status.WITHDRAWN}
    assert (choices[Status.ADMISSIBLE].allowed, choices[Status.ADMISSIBLE].total) == (2, 3)
    assert choices[Status.ADMISSIBLE].text == "Recevable — 2 dossier(s) sur 3"
    assert batch.status_targets(demo_database, closed) == []


def test_a_batch_status_change_lists_the_refused_with_their_reason(demo_copy):
    submitted = _ids(demo_copy, status=Status.SUBMITTED)
    granted = dict(list(_ids(demo_copy, status=Status.GRANTED).items())[:2])
    result = batch.change_status(demo_copy, batch.ChangeStatus(
        [*submitted.values(), *granted.values()], Status.ADMISSIBLE, "Mehdi Saïdi",
        "Pièces vérifiées"), now=lambda: AT)
    assert sorted(result.changed) == sorted(submitted)
    assert result.refused == [(reference, "passage de « Accordé » à « Recevable » non autorisé")
                              for reference in sorted(granted)]
    assert set(_ids(demo_copy, status=Status.ADMISSIBLE)) >= set(submitted)
    assert set(_ids(demo_copy, status=Status.GRANTED)) >= set(granted)


# --- instructors ------------------------------------------------------------------------------

def test_instructors_offered_are_the_active_people_of_the_selected_dossiers_contract(
        demo_database):
    ids = list(_ids(demo_database, year=2025).values())[:3]
    choices = batch.instructor_choices(demo_database, ids)
    assert [c.label.split(" (")[0] for c in choices] == ["Anne Dufour", "Claire Vanhove",
                                                         "Laurent Caron", "Mehdi Saïdi"]
    assert all(c.total == 3 for c in choices)


def test_instructors_are_added_to_many_dossiers_and_recorded_in_their_history(demo_copy):
    people, ids = _people(demo_copy), list(_ids(demo_copy, year=2025).values())[:3]
    first = batch.assign_instructors(demo_copy, batch.AssignInstructors(
        ids, [people["Claire Vanhove"]], replace=False, actor="Anne Dufour"), now=lambda: AT)
    second = batch.assign_instructors(demo_copy, batch.AssignInstructors(
        ids[:2], [people["Mehdi Saïdi"], people["Claire Vanhove"]], replace=False,
        actor="Anne Dufour"), now=lambda: AT)
    assert (len(first.changed), len(second.changed)) == (3, 2)
    with demo_copy.unit_of_work() as uow:
        assigned = [[p.name for p in uow.session.get(Application, i).assignees] for i in ids]
        notes = [r.note for r in uow.session.scalars(
            select(Revision).where(t.revision.c.application_id == ids[0])
            .order_by(t.revision.c.id))]
    assert assigned == [["Claire Vanhove", "Mehdi Saïdi"]] * 2 + [["Claire Vanhove"]]
    assert notes == ["Instructeurs : Claire Vanhove (avant : aucun)",
                     "Instructeurs : Claire Vanhove, Mehdi Saïdi (avant : Claire Vanhove)"]
    again = batch.assign_instructors(demo_copy, batch.AssignInstructors(
        ids[:1], [people["Mehdi Saïdi"]], replace=False, actor="Anne Dufour"))
    assert again.changed == () and len(again.unchanged) == 1
    assert batch.instructor_choices(demo_copy, ids)[1].assigned == 3  # Claire Vanhove


def test_replacing_sets_exactly_the_checked_instructors_and_may_clear_them(demo_copy):
    people, ids = _people(demo_copy), list(_ids(demo_copy, year=2026).values())[:2]
    for chosen in ([people["Anne Dufour"], people["Laurent Caron"]], [people["Laurent Caron"]]):
        batch.assign_instructors(demo_copy, batch.AssignInstructors(ids, chosen, True, "moi"))
    with demo_copy.unit_of_work() as uow:
        assert [p.name for p in uow.session.get(Application, ids[0]).assignees] == [
            "Laurent Caron"]
    batch.assign_instructors(demo_copy, batch.AssignInstructors(ids, [], True, "moi"))
    with demo_copy.unit_of_work() as uow:
        assert uow.session.get(Application, ids[1]).assignees == []
        snapshot = json.loads(uow.session.scalars(select(Revision).order_by(
            t.revision.c.id.desc())).first().snapshot)
    assert snapshot == {"instructeurs": {"avant": ["Laurent Caron"], "apres": []}}


def test_dossiers_of_another_contract_are_refused_and_the_others_assigned(demo_copy):
    people = _people(demo_copy)
    old, new = list(_ids(demo_copy, year=2019).values())[:2], list(
        _ids(demo_copy, year=2025).values())[:1]
    result = batch.assign_instructors(demo_copy, batch.AssignInstructors(
        old + new, [people["Claire Vanhove"], people["Mehdi Saïdi"]], False, "moi"))
    assert len(result.changed) == 1 and len(result.refused) == 2
    assert result.refused[0][1] == ("Claire Vanhove, Mehdi Saïdi n'instruisent pas le contrat "
                                    "de ce dossier")
    assert result.summary == "1 dossier(s) modifié(s), 2 refusé(s)"


def test_bad_assignments_are_refused_whole(demo_copy):
    people, ids = _people(demo_copy), list(_ids(demo_copy, year=2025).values())[:2]
    with demo_copy.unit_of_work() as uow:
        uow.session.get(Person, people["Laurent Caron"]).active = False
        uow.commit()
    with demo_copy.engine.connect() as connection:
        before = connection.execute(select(t.assignment)).all()
    for command, message in (
            (batch.AssignInstructors(ids, [], False, "moi"), "cochez au moins un instructeur"),
            (batch.AssignInstructors(ids, [people["Anne Dufour"]], False, " "), "indiquez qui"),
            (batch.AssignInstructors(ids, [99_999], False, "moi"), "instructeur introuvable"),
            (batch.AssignInstructors(ids, [people["Anne Dufour"], people["Laurent Caron"]], False,
                                     "moi"), "instructeur inactif : Laurent Caron")):
        with pytest.raises(ServiceError, match=message):
            batch.assign_instructors(demo_copy, command)
    with demo_copy.engine.connect() as connection:
        assert connection.execute(select(t.assignment)).all() == before


# --- export -----------------------------------------------------------------------------------

def test_the_export_holds_the_selection_in_order_with_french_money_formats(demo_database,
                                                                          tmp_path):
    ids = list(reversed(_ids(demo_database, year=2024).values()))
    reports: list[tuple[int, int]] = []
    written = batch.export_selection(demo_database, ids, tmp_path / "selection",
                                     lambda done, total: reports.append((done, total)))
    assert written == tmp_path / "selection.xlsx"
    assert reports[-1] == (len(ids), len(ids))
    sheet = load_workbook(written).active
    assert sheet.title == "Sélection"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{len(ids) + 1}"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Référence", "Année", "Modalité", "Porteur"]
    rows = DossierListService(demo_database).rows(ids)
    for line, dossier_id in enumerate(ids, start=2):
        row, cells = rows[dossier_id], {h: c for h, c in zip(header, sheet[line], strict=True)}
        assert cells["Référence"].value == row.reference
        assert cells["Année"].value == 2024
        assert cells["Demandé"].value == pytest.approx(float(row.requested))
        assert cells["Accordé"].value == pytest.approx(float(row.granted))
        assert cells["Demandé"].number_format == EURO and cells["Coût total"].data_type == "n"
        assert cells["Statut"].value == row.status.label
    assert not list(tmp_path.glob(".*partiel"))


def test_texts_that_look_like_formulas_stay_texts(demo_copy, tmp_path):
    (dossier_id,) = list(_ids(demo_copy, year=2025).values())[:1]
    with demo_copy.unit_of_work() as uow:
        application = uow.session.get(Application, dossier_id)
        application.carrier = Carrier('=HYPERLINK("http://exemple.invalid","Cliquez")')
        application.title = "+33 atelier @ cuisine"
        uow.commit()
    sheet = load_workbook(batch.export_selection(demo_copy, [dossier_id],
                                                 tmp_path / "x.xlsx")).active
    carrier, title = sheet["D2"], sheet["F2"]
    assert (carrier.value, carrier.data_type) == ('=HYPERLINK("http://exemple.invalid",'
                                                  '"Cliquez")', "s")
    assert (title.value, title.data_type) == ("+33 atelier @ cuisine", "s")
    assert carrier.quotePrefix and title.quotePrefix


def test_an_export_that_cannot_be_written_says_why_and_leaves_no_file(demo_database, tmp_path):
    ids = list(_ids(demo_database, year=2024).values())[:3]
    with pytest.raises(ServiceError, match="impossible d'écrire"):
        batch.export_selection(demo_database, ids, tmp_path / "absent" / "x.xlsx")
    with pytest.raises(ServiceError, match="aucun dossier"):
        batch.export_selection(demo_database, [], tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []
