"""``programmation check`` and ``programmation backup``: keep the data safe."""

from __future__ import annotations

from .common import add_db_argument, open_database


def register(subparsers) -> None:
    check = subparsers.add_parser("check", help="vérifier l'intégrité de la base",
                                  description="Contrôle d'intégrité SQLite et des références.")
    add_db_argument(check)
    check.set_defaults(handler=run_check)
    backup = subparsers.add_parser("backup", help="sauvegarder la base maintenant",
                                   description="Copie datée dans le dossier « sauvegardes » "
                                   "à côté de la base (les 10 plus récentes sont gardées).")
    add_db_argument(backup)
    backup.set_defaults(handler=run_backup)


def run_check(args) -> int:
    database = open_database(args.sub_db, create=False)
    try:
        problems = database.integrity_problems()
        if problems:
            for problem in problems:
                print(problem)
            print(f"{len(problems)} problème(s) détecté(s) dans {database.label}")
            return 1
        print(f"Base saine : {database.label}")
        return 0
    finally:
        database.dispose()


def run_backup(args) -> int:
    database = open_database(args.sub_db, create=False)
    try:
        target = database.backup("manuelle")
        if target is None:
            print("Les bases PostgreSQL se sauvegardent côté serveur (pg_dump).")
            return 1
        print(f"Sauvegarde écrite : {target}")
        return 0
    finally:
        database.dispose()
