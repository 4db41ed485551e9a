"""The « Action » and « Public » tabs: what the action is, when, where, and for whom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from ...domain.channels import Channel
from ...services.dossier_editing import DossierForm
from ..widgets import MUTED_STYLE, text_label
from .fields import COUNT, DATE, PERCENT, FormFields
from .parts import AlertBox, form_box, hint, two_columns


def _flag_reader(code: str) -> Callable[[DossierForm], bool]:
    return lambda form: code in form.flag_codes


def _flag_writer(code: str) -> Callable[[DossierForm, bool], None]:
    def write(form: DossierForm, ticked: bool) -> None:
        others = [c for c in form.flag_codes if c != code]
        form.flag_codes = [*others, code] if ticked else others
    return write


def call_items(form: DossierForm) -> list[tuple[object, str]]:
    calls = [c for c in form.choices.calls if c.channel is form.channel]
    return [(None, "(aucun appel)")] + [(c.id, f"{c.title} ({c.year})") for c in calls]


class ActionPage(QWidget):
    """Title and texts on the left; channel, call, pillar, flags and dates on the right."""

    def __init__(self, fields: FormFields, alerts: AlertBox,
                 on_years_changed: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.fields = fields
        self._on_years_changed = on_years_changed
        form = fields.current()
        c = form.choices
        f = fields
        self.reference = text_label("", style=MUTED_STYLE, name="reference_dossier")
        self.channel = f.combo("Action · Modalité", "channel", [(ch, ch.label) for ch in Channel],
                               name="modalite", after=self._channel_changed)
        self.year = f.combo("Action · Année", "year", [(y, str(y)) for y in c.years],
                            name="annee", after=self._on_years_changed)
        self.call = f.combo("Action · Appel", "call_id", call_items(form), name="appel")
        self.renewal = f.combo("Action · Nouvelle ou reconduite", "is_renewal",
                               [(False, "Action nouvelle"), (True, "Action reconduite")],
                               name="reconduction")
        self.previous = text_label("", style=MUTED_STYLE, name="dossier_precedent")
        pillar = f.combo("Action · Pilier", "pillar_code", list(c.pillars), name="pilier")
        flags = QWidget()
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (code, name) in enumerate(c.flags):
            grid.addWidget(f.check("Action · Priorités transversales", name, _flag_reader(code),
                                   _flag_writer(code), name=f"priorite_{code}"), i // 2, i % 2)
        flagship = f.check("Action · Action phare", "Action phare / à suivi renforcé",
                           lambda form: form.is_flagship,
                           lambda form, v: setattr(form, "is_flagship", v), name="action_phare")
        renewal = QWidget()
        row = QHBoxLayout(renewal)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.renewal)
        row.addWidget(self.previous, 1)
        left = [
            self.reference,
            form_box("L'action", [
                ("Intitulé", f.line("Action · Intitulé", "title", name="intitule")),
                ("Résumé", f.text("Action · Résumé", "summary", name="resume", lines=3)),
                ("Objectifs", f.text("Action · Objectifs", "objectives", name="objectifs",
                                     lines=3)),
                ("Contenu et déroulement", f.text("Action · Contenu", "content", name="contenu",
                                                  lines=4)),
            ]),
        ]
        right = [
            form_box("Programmation", [
                ("Modalité", self.channel), ("Année", self.year), ("Appel", self.call),
                ("Nouvelle / reconduite", renewal), ("Pilier", pillar),
                ("Priorités transversales", flags), ("", flagship),
            ]),
            form_box("Où et quand", [
                ("Lieu(x)", f.line("Action · Lieux", "places", name="lieux")),
                ("Date de début", f.line("Action · Date de début", "start_date", DATE,
                                         name="debut")),
                ("Date de fin", f.line("Action · Date de fin", "end_date", DATE, name="fin")),
                ("Date de dépôt", f.line("Action · Date de dépôt", "submitted_on", DATE,
                                         name="depot")),
            ]),
            alerts,
        ]
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(two_columns(left, right, stretch=(5, 4)))
        self.show_state(form)

    def _channel_changed(self) -> None:
        form = self.fields.current()
        form.duration_years = 3 if form.channel is Channel.CPO else 1
        self.fields.refill(self.call, call_items(form))
        self._on_years_changed()

    def show_state(self, form: DossierForm) -> None:
        """What cannot be typed here: the reference, the status, the previous dossier."""
        status = form.status.label
        self.reference.setText(f"Dossier {form.reference} — {status}" if form.reference else
                               f"Nouveau dossier — {status} (la référence est donnée à "
                               "l'enregistrement)")
        self.previous.setText(f"dossier précédent : {form.previous_reference}"
                              if form.previous_reference else "")
        editable = form.status.value in ("draft", "submitted", "awaiting_info")
        for combo in (self.channel, self.year):
            combo.setEnabled(editable)
            combo.setToolTip("" if editable else "L'année et la modalité ne changent plus une "
                             "fois le dossier recevable.")


class PublicPage(QWidget):
    def __init__(self, fields: FormFields, alerts: AlertBox, parent=None) -> None:
        super().__init__(parent)
        f = fields
        left = [
            form_box("Public visé", [
                ("Public (âges, profils)", f.line("Public · Public visé", "target_public",
                                                  name="public_vise")),
                ("Nombre de bénéficiaires", f.line("Public · Bénéficiaires", "beneficiaries",
                                                   COUNT, name="beneficiaires")),
                ("Part habitant le QPV (%)", f.line("Public · Part habitant le QPV",
                                                    "qpv_share", PERCENT, name="part_qpv")),
                ("Femmes", f.line("Public · Femmes", "women", COUNT, name="femmes")),
                ("Hommes", f.line("Public · Hommes", "men", COUNT, name="hommes")),
            ]),
            form_box("Résultats", [
                ("Résultats attendus", f.text("Public · Résultats attendus",
                                              "expected_results", name="resultats", lines=5)),
            ]),
        ]
        right = [alerts, hint("La part des bénéficiaires habitant le quartier prioritaire se "
                              "saisit en pourcentage (par exemple 85 ou 85 %).")]
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(two_columns(left, right))
