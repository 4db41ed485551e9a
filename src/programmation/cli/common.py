"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--db", dest="sub_db", type=str, required=required, metavar="CHEMIN",
                        help="fichier SQLite (créé s'il manque) ou URL PostgreSQL")


def open_database(target: str, *, create: bool = True):
    from ..adapters.persistence.database import Database

    return Database.open(Path(target) if "://" not in target else target, create=create)
