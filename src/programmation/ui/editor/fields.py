"""Form fields bound to the dossier form: each widget reads and writes one value, undoably.

``FormFields`` builds the widgets of a page (line edits for text, amounts,
numbers, percentages and dates typed in French; text areas; combos; ticks),
binds them to the editor's undo stack, and shows a form's values again after
loading or saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ...services.dossier_editing import DossierForm
from . import inputs
from .undo import Binder, Binding, store_parsed

Current = Callable[[], DossierForm]


@dataclass(frozen=True)
class Kind:
    """How a line edit reads and shows its value."""

    parse: Callable[[str], object] | None
    show: Callable[[object], str] | None
    placeholder: str = ""


TEXT = Kind(None, None)
AMOUNT = Kind(inputs.parse_amount, inputs.amount_text, "0,00")
COUNT = Kind(inputs.parse_count, inputs.count_text)
PERCENT = Kind(inputs.parse_percent, inputs.percent_text, "en %")
DATE = Kind(inputs.parse_date, inputs.date_text, "jj/mm/aaaa")


def getter(path: str) -> Callable[[DossierForm], object]:
    """``"carrier.name"`` → a function reading that value from a form."""
    return lambda form: reduce(getattr, path.split("."), form)


def setter(path: str) -> Callable[[DossierForm, object], None]:
    head, _, last = path.rpartition(".")
    read = getter(head) if head else (lambda form: form)
    return lambda form, value: setattr(read(form), last, value)


class FormFields:
    def __init__(self, binder: Binder, current: Current) -> None:
        self.binder, self.current = binder, current
        self._shown: list[tuple[Binding, Callable[[DossierForm], object]]] = []
        self.widgets: dict[str, QWidget] = {}
        self._choices: dict[QComboBox, list[object]] = {}

    def _bind(self, widget: QWidget, caption: str, name: str,
              store: Callable[[object], str | None],
              raw_of: Callable[[DossierForm], object]) -> Binding:
        widget.setObjectName(name)
        widget.setAccessibleName(caption)
        self.widgets[name] = widget
        binding = self.binder.bind(widget, caption, store)
        self._shown.append((binding, raw_of))
        binding.show(raw_of(self.current()))
        return binding

    def line(self, caption: str, path: str, kind: Kind = TEXT, *, name: str = "",
             after: Callable[[], None] | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(kind.placeholder)
        get, put = getter(path), setter(path)

        def assign(value) -> None:
            put(self.current(), value)
            if after is not None:
                after()

        if kind.parse is None:
            store = lambda raw: assign(raw) or None  # noqa: E731
            raw_of = get
        else:
            store = store_parsed(kind.parse, assign)
            raw_of = lambda form: kind.show(get(form))  # noqa: E731
        self._bind(edit, caption, name or path, store, raw_of)
        return edit

    def text(self, caption: str, path: str, *, name: str = "", lines: int = 3
             ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        get, put = getter(path), setter(path)
        self._bind(edit, caption, name or path,
                   lambda raw: put(self.current(), raw) or None, get)
        return edit

    def combo(self, caption: str, path: str, items: Sequence[tuple[object, str]], *,
              name: str = "", after: Callable[[], None] | None = None) -> QComboBox:
        """A list of choices; the widget holds positions (Qt would turn enums into text)."""
        combo = QComboBox()
        values = self._fill(combo, items)
        get, put = getter(path), setter(path)

        def store(raw) -> None:
            put(self.current(), values[raw] if raw is not None and raw >= 0 else None)
            if after is not None:
                after()

        def position(form: DossierForm) -> int:
            value = get(form)
            return next((i for i, v in enumerate(values) if v == value), -1)

        self._bind(combo, caption, name or path, store, position)
        self._choices[combo] = values
        return combo

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[object, str]]) -> list[object]:
        combo.clear()
        for position, (_, label) in enumerate(items):
            combo.addItem(label, position)
        return [value for value, _ in items]

    def check(self, caption: str, text: str, read: Callable[[DossierForm], bool],
              write: Callable[[DossierForm, bool], None], *, name: str) -> QCheckBox:
        box = QCheckBox(text)
        self._bind(box, caption, name,
                   lambda raw: write(self.current(), bool(raw)) or None, read)
        return box

    def refill(self, combo: QComboBox, items: Sequence[tuple[object, str]]) -> None:
        """New entries for a combo (e.g. the calls of another channel), without an undo step.

        If the form's value is no longer offered, the form takes the first entry.
        """
        binding, raw_of = next((b, r) for b, r in self._shown if b.widget is combo)
        values = self._choices[combo]
        self.binder.applying = True
        try:
            values[:] = self._fill(combo, items)
        finally:
            self.binder.applying = False
        wanted = raw_of(self.current())
        binding.show(wanted)
        if wanted < 0:
            binding.apply(binding.read())

    def load(self, form: DossierForm) -> None:
        """Show ``form``'s values (after loading or saving): nothing is recorded."""
        for binding, raw_of in self._shown:
            binding.show(raw_of(form))
            binding.error = None
            binding.widget.setStyleSheet("")
            binding.widget.setToolTip("")
