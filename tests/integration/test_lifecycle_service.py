from datetime import datetime

import pytest
from sqlalchemy import select

from programmation.domain.dossier import Application
from programmation.domain.lifecycle import Status
from programmation.services.errors import ServiceError
from programmation.services.lifecycle import ChangeStatus, change_status


def _ids(db, status):
    with db.unit_of_work() as uow:
        return {a.reference: a.id for a in uow.session.scalars(
            select(Application).where(Application.status == status))}


def test_a_batch_changes_the_allowed_and_lists_the_refused(demo_copy):
    submitted, closed = _ids(demo_copy, Status.SUBMITTED), _ids(demo_copy, Status.CLOSED)
    some_closed = dict(list(closed.items())[:2])
    result = change_status(demo_copy, ChangeStatus(
        [*submitted.values(), *some_closed.values()], Status.ADMISSIBLE, "Claire Vanhove",
        "Pièces vérifiées"), now=lambda: datetime(2026, 11, 21, 15, 0))
    assert sorted(result.changed) == sorted(submitted)
    assert [ref for ref, _ in result.refused] == sorted(some_closed)
    assert all("Clos" in why for _, why in result.refused)
    assert set(_ids(demo_copy, Status.ADMISSIBLE)) >= set(submitted)
    with demo_copy.unit_of_work() as uow:
        moved = uow.session.get(Application, next(iter(submitted.values())))
        last = moved.history[-1]
        assert (last.actor, last.reason, last.at) == ("Claire Vanhove", "Pièces vérifiées",
                                                      datetime(2026, 11, 21, 15, 0))


def test_a_change_without_actor_is_refused_and_writes_nothing(demo_copy):
    submitted = _ids(demo_copy, Status.SUBMITTED)
    with pytest.raises(ServiceError, match="qui"):
        change_status(demo_copy, ChangeStatus(list(submitted.values()),
                                              Status.ADMISSIBLE, " "))
    assert _ids(demo_copy, Status.SUBMITTED) == submitted


def test_a_batch_of_thousands_is_loaded_in_chunks_and_fully_accounted_for(tmp_path):
    from programmation.adapters.persistence.database import Database
    from programmation.demo import build_demo

    db = Database.open(tmp_path / "big.sqlite")
    build_demo(db, size=2500)
    with db.engine.connect() as connection:
        ids = connection.exec_driver_sql("SELECT id FROM application").scalars().all()
    result = change_status(db, ChangeStatus(ids, Status.ADMISSIBLE, "Claire Vanhove"))
    assert len(result.changed) + len(result.refused) == 2500
    db.dispose()
