"""A contract set up without any dossier: the starting point of an import into a new base."""

from __future__ import annotations

from ..adapters.persistence.database import Database
from ..demo import has_data
from ..demo.actors import contract_2024
from .errors import ServiceError


def set_up_demo_contract(database: Database) -> int:
    """The Hazebrouck 2024-2030 contract (pillars, funders, people, scoring grid), no dossier.

    Returns the contract's id. Refused on a base that already holds a contract.
    """
    if has_data(database):
        raise ServiceError("la base contient déjà un contrat")
    contract = contract_2024()
    with database.unit_of_work() as uow:
        uow.session.add(contract)
        uow.commit()
    assert contract.id is not None
    return contract.id
