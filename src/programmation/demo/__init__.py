"""The demo database: the Hazebrouck contrat de ville with realistic dossiers.

Deterministic (same seed, same database), built from the two source contracts:
historical calls 2015-2023 drawn from the 64 fiches actions of 2015, the
2024-2030 contract's calls, and the programming under way in all four channels.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import func, select

from ..adapters.persistence import tables as t
from ..adapters.persistence.database import Database
from .actors import CarrierRegistry, contract_2015, contract_2024
from .current import build_current
from .follow_through import add_follow_through
from .history import build_history
from .synthetic import add_synthetic

SEED = 20240101


class DemoError(RuntimeError):
    """The demo cannot be loaded here; the message is French."""


def has_data(database: Database) -> bool:
    with database.engine.connect() as connection:
        return bool(connection.execute(select(func.count()).select_from(t.contract)).scalar())


def build_demo(database: Database, size: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Load the demo into an empty database; returns the number of dossiers.

    ``size`` scales the synthetic part so the database holds at least that many
    dossiers. Everything is written in one transaction.
    """
    if has_data(database):
        raise DemoError("la base contient déjà un contrat : la démonstration n'est chargée "
                        "que dans une base vide")
    rng = random.Random(SEED)
    with database.unit_of_work() as uow:
        old, new = contract_2015(), contract_2024()
        uow.session.add_all([old, new])
        carriers = CarrierRegistry()
        history = build_history(uow.session, old, new, carriers, rng)
        current = build_current(uow.session, old, new, carriers, rng)
        add_follow_through(uow.session, new, current, history, rng)
        built = history + current
        uow.session.flush()
        count = len(built)
        if size and size > count:
            add_synthetic(uow.session, size - count, rng, progress)
            count = size
        uow.commit()
    return count
