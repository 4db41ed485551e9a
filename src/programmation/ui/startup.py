"""Work started with the window: the daily backup and, on an empty base, the demo offer.

Both run in the background; the window stays usable and hears back by signal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..adapters.persistence.backup import latest_backup_age_hours
from ..adapters.persistence.database import Database
from .background import BackgroundJob

BACKUP_EVERY_HOURS = 24
DEMO_QUESTION = (
    "La base ne contient encore aucun dossier.\n\n"
    "Voulez-vous charger le contrat de ville de démonstration (Hazebrouck) "
    "pour découvrir l'application ?"
)
DEMO_PROGRESS = "Chargement du contrat de démonstration d'Hazebrouck…"


def backup_is_due(database: Database, max_age_hours: float = BACKUP_EVERY_HOURS) -> bool:
    if database.backup_dir is None or not database.is_sqlite:
        return False
    age = latest_backup_age_hours(database.backup_dir, Path(database.label).stem)
    return age is None or age >= max_age_hours


def start_backup(database: Database, reason: str,
                 report: Callable[[str], None]) -> BackgroundJob | None:
    """Take a rotating backup in the background; ``report`` gets a French sentence."""
    if database.backup_dir is None:
        report("Cette base n'est pas un fichier SQLite : sa sauvegarde relève de son serveur.")
        return None
    job = BackgroundJob(lambda: database.backup(reason), name=f"sauvegarde {reason}")

    def succeeded(path: Path | None) -> None:
        where = path.name if path is not None else "aucun fichier"
        report(f"Copie de sauvegarde enregistrée : {where}")

    job.succeeded.connect(succeeded)
    job.failed.connect(lambda message: report(f"La sauvegarde a échoué : {message}"))
    job.start()
    return job


def backup_if_due(database: Database, report: Callable[[str], None]) -> BackgroundJob | None:
    """The automatic backup at start-up when the last one is over a day old."""
    if not backup_is_due(database):
        return None
    return start_backup(database, "auto", report)


DemoBuilder = Callable[..., object]  # build_demo(database, size=None, progress=None)


def demo_builder(database: Database) -> DemoBuilder | None:
    """``programmation.demo.build_demo``, when installed and the base holds no contract yet."""
    try:
        from .. import demo
    except ImportError:
        return None
    build = getattr(demo, "build_demo", None)
    has_data = getattr(demo, "has_data", None)
    if build is None or (has_data is not None and has_data(database)):
        return None
    return build


def offer_demo(parent: QWidget, database: Database, loaded: Callable[[], None],
               build: DemoBuilder | None = None) -> BackgroundJob | None:
    """Ask whether to load the demo contract; if yes, build it in the background."""
    build = build or demo_builder(database)
    if build is None:
        return None
    answer = QMessageBox.question(
        parent, "Base vide", DEMO_QUESTION,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    progress = QProgressDialog(DEMO_PROGRESS, "", 0, 0, parent)
    progress.setWindowTitle("Démonstration")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.show()
    job = BackgroundJob(lambda report: build(database, progress=report), name="démonstration",
                        reports_progress=True)

    def progressed(done: int, total: int) -> None:
        progress.setRange(0, max(total, 1))
        progress.setValue(done)

    job.progressed.connect(progressed)

    def succeeded(_result: object) -> None:
        progress.close()
        progress.deleteLater()
        loaded()

    def failed(message: str) -> None:
        progress.close()
        progress.deleteLater()
        QMessageBox.critical(parent, "Démonstration",
                             f"Le chargement de la démonstration a échoué :\n{message}")

    job.succeeded.connect(succeeded)
    job.failed.connect(failed)
    job.start()
    return job
