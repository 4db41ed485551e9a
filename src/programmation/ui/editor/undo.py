"""Every edit of the dossier editor is a command on one QUndoStack (Ctrl+Z / Ctrl+Shift+Z).

A :class:`Binding` ties a widget to one value of the form: the widget shows a
raw value (text, index, tick), the binding stores it into the form (parsing
French input, remembering a parse error). Typing pushes a :class:`FieldEdit`;
keystrokes in the same field merge into one command until the field loses
focus, so one undo takes back one field change. Table models push
:class:`CallbackEdit` commands the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from .inputs import InputError

_MERGE_ID = 1001
_session = count()


def new_edit_session() -> int:
    """A token that changes whenever the user leaves a field: edits merge within one token."""
    return next(_session)


class FieldEdit(QUndoCommand):
    """One field changed from ``old`` to ``new`` (keystrokes in a row merge)."""

    def __init__(self, binding: Binding, old, new, session: int) -> None:
        super().__init__(f"Modifier « {binding.caption} »")
        self.binding, self.old, self.new, self.session = binding, old, new, session

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, FieldEdit) and other.binding is self.binding
                and other.session == self.session and self.binding.merges):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.binding.apply(self.new)

    def undo(self) -> None:
        self.binding.apply(self.old)


class CallbackEdit(QUndoCommand):
    """A change applied by a callable (table cells, rows, attachments): ``apply(value)``."""

    def __init__(self, text: str, apply: Callable[[object], None], old, new,
                 merge_key: object = None) -> None:
        super().__init__(text)
        self._apply, self.old, self.new, self.merge_key = apply, old, new, merge_key

    def id(self) -> int:
        return -1 if self.merge_key is None else _MERGE_ID + 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, CallbackEdit) and other.merge_key == self.merge_key:
            self.new = other.new
            return True
        return False

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class Binding(QObject):
    """A widget bound to a form value through ``store(raw) -> error message | None``."""

    def __init__(self, widget: QWidget, caption: str, store: Callable[[object], str | None],
                 binder: Binder) -> None:
        super().__init__(widget)
        self.widget, self.caption, self._store, self._binder = widget, caption, store, binder
        self.merges = isinstance(widget, QLineEdit | QPlainTextEdit)
        self.current = self.read()
        self.error: str | None = None

    def read(self):
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        raise TypeError(type(w).__name__)

    def show(self, raw) -> None:
        """Put ``raw`` on screen without recording an edit (the widget signals are ignored)."""
        w = self.widget
        self._binder.applying = True
        try:
            if raw == self.read():
                pass
            elif isinstance(w, QLineEdit):
                w.setText(raw)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(raw)
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(w.findData(raw), 0) if w.count() else -1)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(raw))
        finally:
            self._binder.applying = False
        self.current = self.read()

    def apply(self, raw) -> None:
        """Show ``raw`` and store it into the form (undo and redo come through here)."""
        self.show(raw)
        self.error = self._store(raw)
        self.widget.setProperty("erreur", bool(self.error))
        self.widget.setStyleSheet("border: 1px solid #b3261e;" if self.error else "")
        self.widget.setToolTip(self.error or "")
        self._binder.notify()

    def user_changed(self, *_args) -> None:
        if self._binder.applying:
            return
        new = self.read()
        if new == self.current:
            return
        old, self.current = self.current, new
        self._binder.stack.push(FieldEdit(self, old, new, self._binder.session))


class Binder(QObject):
    """Creates the bindings of one editor and shares its undo stack."""

    changed = Signal()

    def __init__(self, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.applying = False
        self.session = new_edit_session()
        self.bindings: list[Binding] = []
        self._keys = UndoKeys(stack, self)

    def bind(self, widget: QWidget, caption: str, store: Callable[[object], str | None]
             ) -> Binding:
        binding = Binding(widget, caption, store, self)
        self.bindings.append(binding)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(binding.user_changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.setUndoRedoEnabled(False)
            widget.textChanged.connect(binding.user_changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(binding.user_changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(binding.user_changed)
        self.route_undo_keys(widget)
        return binding

    def route_undo_keys(self, widget: QWidget) -> None:
        """Ctrl+Z typed in a field undoes the editor's last change, not the field's own."""
        widget.installEventFilter(self._keys)

    def next_session(self) -> None:
        self.session = new_edit_session()

    def notify(self) -> None:
        self.changed.emit()

    def errors(self) -> list[str]:
        return [f"{b.caption} : {b.error}" for b in self.bindings if b.error]


class UndoKeys(QObject):
    """An event filter sending Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) to the editor's stack."""

    def __init__(self, stack: QUndoStack, binder: Binder) -> None:
        super().__init__(binder)
        self._stack, self._binder = stack, binder

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self._binder.next_session()  # the next keystrokes are another change
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() == \
            QKeySequence("Ctrl+Shift+Z")[0]
        if not (undo or redo):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the field keeps the keys, and hands them to the stack below
            return True
        (self._stack.undo if undo else self._stack.redo)()
        return True


def store_parsed(parse: Callable[[str], object], assign: Callable[[object], None]
                 ) -> Callable[[object], str | None]:
    """A ``store`` for typed text: parse it, assign the value, or return why it is wrong."""
    def store(raw) -> str | None:
        try:
            value = parse(raw)
        except InputError as error:
            return str(error)
        assign(value)
        return None
    return store
