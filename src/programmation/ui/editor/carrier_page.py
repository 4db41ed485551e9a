"""The « Porteur » tab: pick a carrier from the register (search completer) or type a new one."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...services.dossier_editing import CarrierForm
from ..widgets import MUTED_STYLE, text_label
from .fields import FormFields
from .parts import AlertBox, form_box, hint, two_columns
from .undo import CallbackEdit

CARRIER_ROLE = Qt.ItemDataRole.UserRole + 1
_FIELDS = (("Nom", "name"), ("Forme juridique", "legal_form"), ("SIRET", "siret"),
           ("RNA", "rna"), ("Adresse", "address"), ("Code postal", "postcode"),
           ("Commune", "city"), ("Représentant légal", "representative"),
           ("Contact", "contact_name"), ("E-mail", "email"), ("Téléphone", "phone"))


def carrier_line(carrier: CarrierForm) -> str:
    ids = " · ".join(part for part in (carrier.siret and f"SIRET {carrier.siret}",
                                       carrier.rna and f"RNA {carrier.rna}", carrier.city) if part)
    return f"{carrier.name} — {ids}" if ids else carrier.name


class CarrierPage(QWidget):
    def __init__(self, fields: FormFields, gateway, alerts: AlertBox, parent=None) -> None:
        super().__init__(parent)
        self.fields, self.gateway = fields, gateway
        self.search = QLineEdit()
        self.search.setObjectName("recherche_porteur")
        self.search.setPlaceholderText("Nom, SIRET, RNA ou commune d'un porteur du répertoire…")
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.search.setCompleter(self.completer)
        self.search.textEdited.connect(self._find)
        self.completer.activated[QModelIndex].connect(self._picked)
        self.new_button = QPushButton("Nouveau porteur")
        self.new_button.setObjectName("nouveau_porteur")
        self.new_button.clicked.connect(self.start_new)
        self.origin = text_label("", style=MUTED_STYLE, name="origine_porteur")
        widgets = {path: fields.line(f"Porteur · {caption}", f"carrier.{path}",
                                     name=f"porteur_{path}") for caption, path in _FIELDS}
        qpv_only = fields.check("Porteur · QPV", "Intervient uniquement dans le quartier "
                                "prioritaire", lambda f: f.carrier.qpv_only,
                                lambda f, v: setattr(f.carrier, "qpv_only", v),
                                name="porteur_qpv_only")
        find = QWidget()
        row = QHBoxLayout(find)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        identity = form_box("Identification", [(c, widgets[p]) for c, p in _FIELDS[:4]])
        contact = form_box("Adresse et contacts", [(c, widgets[p]) for c, p in _FIELDS[4:]]
                           + [("Périmètre", qpv_only)])
        layout = two_columns(
            [form_box("Répertoire des porteurs", [("Rechercher", find)]), self.origin, identity,
             contact],
            [alerts, hint("Le porteur est identifié par son SIRET (14 chiffres) ou son numéro "
                          "RNA (W suivi de 9 chiffres). Les modifications faites ici mettent à "
                          "jour sa fiche dans le répertoire.")])
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(layout)
        self.show_origin()

    # --- the register ----------------------------------------------------------------------

    def _find(self, text: str) -> None:
        self.matches.clear()
        if len(text.strip()) < 2:
            return
        for carrier in self.gateway.carriers(text):
            item = QStandardItem(carrier_line(carrier))
            item.setData(carrier, CARRIER_ROLE)
            self.matches.appendRow(item)
        self.completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        carrier = index.data(CARRIER_ROLE)
        if isinstance(carrier, CarrierForm):
            self.choose(carrier)

    def choose(self, carrier: CarrierForm) -> None:
        """Take a carrier of the register (one undo step)."""
        current = self.fields.current().carrier
        if carrier == current:
            return
        self.fields.binder.stack.push(CallbackEdit(
            f"Choisir le porteur « {carrier.name} »", self._set_carrier, replace(current),
            replace(carrier)))
        self.search.clear()

    def start_new(self) -> None:
        """Forget the chosen carrier: the fields describe a new one (one undo step)."""
        current = self.fields.current().carrier
        self.fields.binder.stack.push(CallbackEdit(
            "Nouveau porteur", self._set_carrier, replace(current), CarrierForm()))

    def _set_carrier(self, carrier: CarrierForm) -> None:
        form = self.fields.current()
        form.carrier = replace(carrier)
        self.fields.load(form)
        self.show_origin()
        self.fields.binder.notify()

    def show_origin(self) -> None:
        carrier = self.fields.current().carrier
        self.origin.setText(
            f"Porteur du répertoire (fiche n° {carrier.id}) : vos modifications mettront à jour "
            "sa fiche." if carrier.id is not None else
            "Nouveau porteur : il sera ajouté au répertoire à l'enregistrement du dossier.")
