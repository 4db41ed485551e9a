"""Who is acting: one object for the whole app, the person chosen in « Qui travaille ? ».

Every act the screens record — a status change, a saved dossier, an import, a
channel decision, an instruction act — is signed with ``CurrentUser.label``.
The main controller owns the one instance and hands it to each screen; the
instruction controller lets the user choose (and remembers the choice per
database, in QSettings: a per-computer preference, the people live in the base).
Until someone is chosen, the session's login name stands in, and ``note`` says so.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..adapters.persistence.database import Database
from ..services.instruction import PersonView, list_people
from .widgets import MUTED_STYLE, text_label
from .window_settings import WindowSettings

SETTINGS_GROUP = "instruction"
FALLBACK_NOTE = ("nom de session\u00a0: personne n'est choisi dans "
                 "«\u00a0Qui travaille\u00a0?\u00a0»")
NOTE_STYLE = "color: #8a4b00;"
ONE_LINE_WIDTH = 420  # a longer name wraps rather than widen its dialog


def login_name() -> str:
    """The session's login name (the stand-in when nobody is chosen)."""
    try:
        return getpass.getuser() or "utilisateur"
    except (KeyError, OSError, ImportError):  # no login name on this system
        return "utilisateur"


def _key(database: Database) -> str:
    return "instructeur_" + hashlib.sha1(database.label.encode("utf-8")).hexdigest()[:12]


class CurrentUser(QObject):
    """Who is working now; ``changed(PersonView | None)`` when someone else takes the seat.

    Calling it gives the label to record: it is the ``Callable[[], str]`` actor the
    screens take.
    """

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, named: str = "",
                 login: Callable[[], str] = login_name) -> None:
        super().__init__(parent)
        self.person: PersonView | None = None
        self.chooser: Callable[[], None] | None = None  # opens « Qui travaille ? »
        self._named, self._login = named.strip(), login
        self._settings = WindowSettings(SETTINGS_GROUP)

    @property
    def is_chosen(self) -> bool:
        return self.person is not None or bool(self._named)

    @property
    def label(self) -> str:
        """The name written in the history: « Claire Vanhove (Cœur de Flandre agglo) »."""
        if self.person is not None:
            return self.person.label
        return self._named or self._login()

    @property
    def note(self) -> str:
        """Empty once someone is chosen; otherwise why the login name is used."""
        return "" if self.is_chosen else FALLBACK_NOTE

    def __call__(self) -> str:
        return self.label

    def ask(self) -> None:
        """Let the user choose who works (when the app has a chooser)."""
        if self.chooser is not None:
            self.chooser()

    def restore(self, database: Database) -> PersonView | None:
        """The person remembered for this database, if they are still an active instructor."""
        remembered = self._settings.integers(_key(database))
        found = next((p for p in list_people(database) if remembered and p.id == remembered[0]),
                     None)
        self._set(found)
        return found

    def choose(self, database: Database, person: PersonView) -> None:
        self._settings.write({_key(database): [person.id]})
        self._set(person)

    def _set(self, person: PersonView | None) -> None:
        self.person = person
        self.changed.emit(person)


class ActingAs(QWidget):
    """« Claire Vanhove (…) », following the current user; when nobody is chosen, the
    login name and why; « Changer… » opens « Qui travaille ? » where the app allows it."""

    def __init__(self, current: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.name = text_label("", name="effectue_par")
        self.note = text_label("", style=NOTE_STYLE, name="effectue_par_note")
        self.change = QPushButton("Changer…")
        self.change.setObjectName("changer_qui_travaille")
        self.change.setToolTip("Qui travaille ? Choisir au nom de qui les actes sont "
                               "enregistrés")
        self.change.setVisible(current.chooser is not None)
        self.change.clicked.connect(current.ask)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.name)
        texts.addWidget(self.note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(texts)
        layout.addWidget(self.change, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        current.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.name.setText(self.current.label)
        self.name.setStyleSheet("" if self.current.is_chosen else MUTED_STYLE)
        self.note.setText(f"({self.current.note})" if self.current.note else "")
        self.note.setVisible(bool(self.current.note))
        for label in (self.name, self.note):  # one line where there is room, else wrapped
            wanted = label.fontMetrics().horizontalAdvance(label.text()) + 8
            label.setMinimumWidth(min(wanted, ONE_LINE_WIDTH))
