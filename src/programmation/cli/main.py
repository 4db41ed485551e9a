"""Entry point of the ``programmation`` command.

Each group of subcommands lives in its own module exposing ``register(subparsers)``;
a subcommand sets ``handler(args) -> int`` on its parser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from . import demo, importing, instruction, maintenance

GROUPS = (demo, maintenance, instruction, importing)


class CommandError(Exception):
    """A failure to report to the user in one French sentence (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="programmation",
        description="Programmation financière du contrat de ville. Sans sous-commande, "
        "ouvre l'application.",
    )
    parser.add_argument("--version", action="version", version=f"programmation {__version__}")
    parser.add_argument("--db", type=Path, help="fichier de base SQLite ou URL PostgreSQL à "
                        "ouvrir (par défaut : la base de l'utilisateur)")
    subparsers = parser.add_subparsers(title="sous-commandes", metavar="COMMANDE")
    for group in GROUPS:
        group.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_gui(args.db)
        return handler(args)
    except CommandError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    except (RuntimeError, ValueError) as error:
        # Domain and database errors carry French messages meant for the user.
        print(f"Erreur : {error}", file=sys.stderr)
        return 2


def _open_gui(db: Path | None) -> int:
    from ..adapters.persistence.database import Database
    from ..paths import default_database
    from ..ui.app import run_gui

    target = db or default_database()
    return run_gui(Database.open(target), offer_demo=db is None)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
