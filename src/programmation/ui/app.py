"""Starting the desktop app: QApplication in French, the main window, start-up work."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..adapters.persistence.database import Database
from ..paths import APP_AUTHOR, APP_NAME, resources_dir
from . import background
from .controller import MainController
from .instruction.controller import install as install_instruction
from .main_window import MainWindow

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
_translators: list[QTranslator] = []  # kept alive as long as the application


def install_french(app: QApplication) -> bool:
    """French locale, and Qt's own buttons in French (« Annuler », « Oui »).

    ``qtbase_fr.qm`` comes from Qt's translations folder, or from the app's
    resources in a packaged build. Returns False when no file was found.
    """
    QLocale.setDefault(FRENCH)
    if _translators:
        return True
    folders = (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(resources_dir() / "translations"))
    for folder in folders:
        translator = QTranslator(app)
        if translator.load(FRENCH, "qtbase", "_", folder):
            app.installTranslator(translator)
            _translators.append(translator)
            return True
    return False


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    install_french(app)
    return app


def build_main_window(database: Database) -> tuple[MainWindow, MainController]:
    """The main window wired to the services of ``database``, with its data loaded."""
    window = MainWindow()
    controller = MainController(window, database)
    controller.load()
    controller.instruction = install_instruction(window, controller)  # menu « Instruction »
    return window, controller


def run_gui(database: Database, *, offer_demo: bool = False) -> int:
    """Show the main window on ``database`` and run until it closes; returns the exit code."""
    app = create_application()
    window, controller = build_main_window(database)
    window.show()
    QTimer.singleShot(0, lambda: controller.after_show(offer_demo=offer_demo))
    QTimer.singleShot(0, controller.instruction.ask_at_start)  # « Qui travaille ? »
    code = app.exec()
    background.wait_all()
    return code
