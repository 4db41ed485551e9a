"""``programmation demo``: load the Hazebrouck demonstration contract."""

from __future__ import annotations

import sys
import time

from .common import add_db_argument, open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="charger la démonstration (contrat de ville d'Hazebrouck)",
        description="Charge dans une base vide le contrat de ville 2024-2030 d'Hazebrouck, "
        "ses appels 2015-2026 et la programmation en cours.",
    )
    add_db_argument(parser)
    parser.add_argument("--size", type=int, default=None, metavar="N",
                        help="compléter par des dossiers synthétiques jusqu'à N dossiers")
    parser.add_argument("--if-missing", action="store_true",
                        help="ne rien faire si la base contient déjà des données")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..demo import build_demo, has_data

    if args.size is not None and args.size < 0:
        print("Erreur : --size doit être positif", file=sys.stderr)
        return 2
    database = open_database(args.sub_db)
    try:
        if args.if_missing and has_data(database):
            return 0
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            print(f"\r  dossiers synthétiques : {done}/{total}", end="", file=sys.stderr)

        count = build_demo(database, args.size, progress)
        if args.size:
            print(file=sys.stderr)
        print(f"Démonstration chargée : {count} dossiers en "
              f"{time.perf_counter() - started:.1f} s dans {database.label}")
        return 0
    finally:
        database.dispose()
