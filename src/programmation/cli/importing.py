"""``programmation import`` and ``programmation export dauphin``: dossiers in and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_db_argument, open_database

SHOWN_REJECTIONS = 10


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="importer des dossiers (export Dauphin, classeur ou CSV)",
        description="Importe les dossiers d'un export Dauphin, d'un classeur (.xlsx, .xls, "
        ".ods) ou d'un fichier .csv. Affiche d'abord l'aperçu : lignes à créer, à mettre à "
        "jour, inchangées et rejetées (ligne, colonne, motif).",
    )
    parser.add_argument("file", metavar="FICHIER", help="le fichier à importer")
    add_db_argument(parser)
    parser.add_argument("--mapping", default=None, metavar="NOM",
                        help="correspondance de colonnes enregistrée (par défaut : Dauphin)")
    parser.add_argument("--dry-run", action="store_true",
                        help="montrer l'aperçu sans rien écrire dans la base")
    parser.add_argument("--all-or-nothing", action="store_true",
                        help="ne rien importer si une seule ligne est rejetée")
    parser.add_argument("--actor", default="", metavar="NOM",
                        help="qui importe (inscrit dans l'historique des dossiers)")
    parser.add_argument("--report", type=Path, default=None, metavar="RAPPORT.xlsx",
                        help="écrire le rapport (synthèse et lignes rejetées)")
    parser.set_defaults(handler=run_import)
    _register_export(subparsers)


def _export_subparsers(subparsers):
    """The ``export`` group's subcommands (the group may already exist, from another module)."""
    parser = subparsers.choices.get("export")
    if parser is None:
        parser = subparsers.add_parser("export", help="exporter des données",
                                       description="Exports de la base vers des fichiers.")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(title="exports", metavar="FORMAT", required=True)


def _register_export(subparsers) -> None:
    dauphin = _export_subparsers(subparsers).add_parser(
        "dauphin", help="exporter des dossiers au format Dauphin (.xlsx)",
        description="Écrit les dossiers d'une année (et d'une modalité) au format des exports "
        "Dauphin : une ligne par financeur, réimportable par « programmation import ».")
    add_db_argument(dauphin)
    dauphin.add_argument("--year", type=int, required=True, metavar="ANNÉE",
                         help="exercice des dossiers à exporter")
    dauphin.add_argument("--channel", default=None, metavar="MODALITÉ",
                         help="AAP, AMI, RESERVE ou CPO (par défaut : toutes)")
    dauphin.add_argument("--output", type=Path, required=True, metavar="FICHIER.xlsx")
    dauphin.set_defaults(handler=run_export_dauphin)


def _print_preview(result) -> None:
    from ..services.import_plan import Outcome

    print(f"Fichier : {result.file_name} (correspondance {result.mapping}) — "
          f"{result.row_count} ligne(s)")
    print(f"  à créer : {result.count(Outcome.CREATE)} · à mettre à jour : "
          f"{result.count(Outcome.UPDATE)} · inchangées : {result.count(Outcome.UNCHANGED)} · "
          f"rejetées : {result.rejected} · vides : {result.empty_rows}")
    if result.rejections:
        print("Premières lignes rejetées :")
        for rejection in result.rejections[:SHOWN_REJECTIONS]:
            print(f"  ligne {rejection.row}, « {rejection.column} » : {rejection.reason}")
        if len(result.rejections) > SHOWN_REJECTIONS:
            print(f"  … et {len(result.rejections) - SHOWN_REJECTIONS} autre(s) motif(s) "
                  "(voir le rapport : --report)")


def run_import(args) -> int:
    from ..domain.dauphin import DAUPHIN_MAPPING
    from ..services import importing
    from ..services.errors import ServiceError

    database = open_database(args.sub_db, create=False)
    try:
        result = importing.preview(database, args.file, args.mapping or DAUPHIN_MAPPING)
        _print_preview(result)
        if not args.dry_run:
            mode = importing.Mode.ALL_OR_NOTHING if args.all_or_nothing \
                else importing.Mode.VALID_ONLY
            result = importing.apply(database, result, mode, args.actor)
            print(result.summary())
        else:
            print("Essai à blanc : rien n'a été écrit dans la base.")
        if args.report is not None:
            print(f"Rapport écrit : {importing.save_report(result, args.report)}")
        return 1 if result.rejected else 0
    except ServiceError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    finally:
        database.dispose()


def run_export_dauphin(args) -> int:
    from ..domain.channels import Channel
    from ..services.errors import ServiceError
    from ..services.exporting_dauphin import ExportDauphin, export_dauphin

    channel = None
    if args.channel:
        try:
            channel = Channel(args.channel.upper())
        except ValueError:
            print(f"Erreur : modalité « {args.channel} » inconnue (AAP, AMI, RESERVE ou CPO)",
                  file=sys.stderr)
            return 2
    database = open_database(args.sub_db, create=False)
    try:
        result = export_dauphin(database, ExportDauphin(args.output, args.year, channel))
        print(f"Export Dauphin : {result.summary()}")
        return 0
    except ServiceError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    finally:
        database.dispose()
