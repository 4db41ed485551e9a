"""The dossier editor driven like a user typing a paper CERFA 12156 into it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from programmation.domain.budget import Side
from programmation.domain.channels import Channel
from programmation.services import dossier_editing
from programmation.ui.editor.dialog import DossierEditor
from programmation.ui.editor.gateway import EditorGateway

NNBSP, NBSP = "\u202f", "\u00a0"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def eur(text: str, symbol: bool = False) -> str:
    """« 1 234,50 » written with plain spaces in the test, as the screen shows it."""
    text = text.replace(" €", f"{NBSP}€")
    return text.replace(" ", NNBSP).replace(f"{NNBSP}€", f"{NBSP}€")


def keys(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key (QTest only knows ASCII keys: accents come as key events)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


class Editor:
    """Typing into the editor: fields by name, table cells by row, tabs by title."""

    def __init__(self, qtbot, screen, dialog: DossierEditor) -> None:
        self.qtbot, self.screen, self.dialog = qtbot, screen, dialog

    def tab(self, title: str) -> None:
        self.screen.click_tab(self.dialog.tabs, title)

    def field(self, name: str):
        return self.dialog.fields.widgets[name]

    def type(self, name: str, text: str) -> None:
        widget = self.field(name)
        widget.setFocus()
        keys(self.qtbot, widget, text)
        self.qtbot.keyClick(widget, Qt.Key.Key_Tab)

    def cell(self, view, row: int, column: int, text: str) -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                              pos=view.visualRect(index).center())
        self.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                               pos=view.visualRect(index).center())
        editor = view.indexWidget(index)
        assert editor is not None, "the cell did not open for editing"
        if isinstance(editor, QLineEdit):
            editor.selectAll()
            keys(self.qtbot, editor, text)
            self.qtbot.keyClick(editor, Qt.Key.Key_Return)
            QApplication.processEvents()  # the view closes its editor on the next turn

    def budget(self, side: Side, code: str, text: str, label: str | None = None) -> None:
        model = self.dialog.budget_page.models[side]
        self.cell(self.dialog.budget_page.views[side], model.row_of(code, label), 2, text)

    def click(self, button: QPushButton) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def alerts(self, name: str) -> list[str]:
        return self.dialog.boxes[next(f for f in self.dialog.boxes if f.value == name)].texts()


@pytest.fixture
def gateway(demo_db):
    return EditorGateway(demo_db, "Léa Martin")


@pytest.fixture
def new_editor(qtbot, screen, gateway):
    contract_id = dossier_editing.current_contract_id(gateway.database)
    dialog = DossierEditor(gateway, gateway.new(contract_id, Channel.AAP, 2025))
    qtbot.addWidget(dialog, before_close_func=lambda editor: editor.stack.setClean())
    dialog.resize(1400, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return Editor(qtbot, screen, dialog)


def test_a_paper_cerfa_is_typed_in_full_and_saved_as_a_new_draft(new_editor, gateway):
    e, d = new_editor, new_editor.dialog
    e.tab("Porteur")
    e.type("porteur_name", "Les Jardins du Rivage")
    e.type("porteur_siret", "442 381 793 00011")
    e.type("porteur_city", "Hazebrouck")
    e.type("porteur_representative", "M. Lefebvre")
    e.type("porteur_email", "jardins@rivage.example")
    assert e.alerts("porteur") == []
    e.tab("Action")
    e.type("intitule", "Jardins partagés au pied des immeubles")
    e.type("resume", "Des parcelles cultivées par les habitants.")
    e.screen.choose(e.field("pilier"), "Transition écologique (habitat, mobilité, "
                                       "alimentation, îlots de chaleur)")
    e.type("lieux", "Résidence Pasteur")
    e.type("debut", "03/03/2025")
    e.type("fin", "30/11/2025")
    assert e.alerts("action") == []
    e.tab("Public")
    e.type("public_vise", "Familles du quartier")
    e.type("beneficiaires", "80")
    e.type("part_qpv", "75 %")
    e.type("femmes", "45")
    e.type("hommes", "35")
    assert e.alerts("public") == []
    e.tab("Indicateurs")
    e.click(d.findChild(QPushButton, "ajouter_indicateur"))
    editor = d.indicators_page.view.indexWidget(d.indicators_page.model.index(0, 0))
    keys(e.qtbot, editor, "Familles participantes")
    e.qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    e.cell(d.indicators_page.view, 0, 1, "30")
    e.tab("Budget")
    e.budget(Side.CHARGE, "601", "4 500")
    e.budget(Side.CHARGE, "641", "5500,50")
    e.budget(Side.PRODUCT, "74", "8 000", "Ville d'Hazebrouck")
    assert d.budget_page.balance.text().startswith(
        f"Total des charges {eur('10 000,50 €')} · total des produits {eur('8 000,00 €')}")
    assert e.alerts("budget")[0].startswith("budget déséquilibré")
    e.budget(Side.PRODUCT, "RP", "2 000,50")
    assert d.budget_page.balance.text().endswith("budget équilibré ✓")
    assert e.alerts("budget") == []
    e.tab("Financements")
    e.click(d.findChild(QPushButton, "reprendre_budget"))
    funding = d.funding_page.model
    assert funding.index(funding.row_of("VILLE"), 2).data() == eur("8 000,00")
    assert e.alerts("financements") == []
    e.click(d.save_button)
    assert d.banner.text().startswith("Dossier 2025-AAP-001 enregistré.")
    saved = gateway.load(d.form.id)
    assert (saved.title, saved.carrier.siret, saved.qpv_share, saved.women) == (
        "Jardins partagés au pied des immeubles", "44238179300011", Decimal("0.7500"), 45)
    assert saved.start_date.isoformat() == "2025-03-03"
    assert [(f.funder_code, f.requested) for f in saved.funding] == [("VILLE", Decimal("8000.00"))]
    assert [(i.label, i.target) for i in saved.indicators] == [
        ("Familles participantes", Decimal("30.00"))]
    assert d.windowTitle().startswith("Dossier 2025-AAP-001 — Jardins partagés")


def test_the_budget_total_and_balance_follow_each_keystroke(new_editor):
    e, d = new_editor, new_editor.dialog
    e.tab("Budget")
    view, model = d.budget_page.views[Side.CHARGE], d.budget_page.models[Side.CHARGE]
    index = model.index(model.row_of("604"), 2)
    e.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                        pos=view.visualRect(index).center())
    editor = view.indexWidget(index)
    totals = []
    for key in "125":
        e.qtbot.keyClick(editor, key)
        totals.append(d.budget_page.balance.text().split(" · ")[0])
    assert totals == [f"Total des charges {eur(f'{t} €')}" for t in ("1,00", "12,00", "125,00")]
    assert e.alerts("budget") == [
        f"budget déséquilibré : charges {eur('125,00 €')} ≠ produits {eur('0,00 €')} "
        f"(écart {eur('125,00 €')})"]
    e.qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert d.stack.count() == 1  # the three keystrokes are one undoable change
    d.stack.undo()
    assert model.index(model.row_of("604"), 2).data() == ""
    assert e.alerts("budget") == []


def test_a_field_change_is_undone_with_ctrl_z_and_redone_with_ctrl_shift_z(new_editor):
    e, d = new_editor, new_editor.dialog
    e.tab("Action")
    e.type("intitule", "Atelier vélo")
    e.type("lieux", "Square Foch")
    title = e.field("intitule")
    title.setFocus()
    e.qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert e.field("lieux").text() == "" and d.form.places == ""
    assert title.text() == "Atelier vélo"
    e.qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == "" and d.form.title == ""
    e.qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                     | Qt.KeyboardModifier.ShiftModifier)
    assert title.text() == "Atelier vélo" and d.form.title == "Atelier vélo"
    assert d.undo_action.text() == "Annuler Modifier « Action · Intitulé »"


def test_typing_in_a_text_area_is_one_change_until_the_field_is_left(new_editor):
    e, d = new_editor, new_editor.dialog
    e.tab("Action")
    e.type("resume", "Ateliers")
    e.type("resume", " du mercredi")
    assert d.form.summary == "Ateliers du mercredi" and d.stack.count() == 2
    d.stack.undo()
    assert e.field("resume").toPlainText() == "Ateliers" and d.form.summary == "Ateliers"


def test_each_kind_of_edit_is_pushed_then_undone(new_editor, tmp_path):
    e, d = new_editor, new_editor.dialog
    e.screen.choose(e.field("modalite"), "Convention pluriannuelle d'objectifs")
    assert d.funding_page.model.columnCount() == 5 and d.form.duration_years == 3
    d.stack.undo()
    assert d.form.channel is Channel.AAP and d.funding_page.model.columnCount() == 3
    d.indicators_page.model.add_row()
    d.stack.undo()
    assert d.form.indicators == []
    e.tab("Financements")
    funding = d.funding_page.model
    e.cell(d.funding_page.view, funding.row_of("CAF"), 2, "1 500")
    assert [f.requested for f in d.form.funding] == [Decimal("1500.00")]
    d.stack.undo()
    assert d.form.funding == []
    d.carrier_page.choose(gateway_carrier(d))
    assert d.form.carrier.id is not None and e.field("porteur_name").text()
    d.stack.undo()
    assert d.form.carrier.id is None and e.field("porteur_name").text() == ""
    rib = tmp_path / "RIB Élan.pdf"
    rib.write_bytes(PDF)
    d.attachments_page.add_files([str(rib)])
    assert [p.kind for p in d.form.new_attachments] == ["rib"]
    d.stack.undo()
    assert d.form.new_attachments == []
    assert d.stack.isClean()


def gateway_carrier(dialog):
    return dialog.gateway.carriers("elan")[0]


@pytest.mark.qt_log_ignore(  # the offscreen platform says so when the completer pops up
    r"^This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))$")
def test_a_carrier_is_picked_from_the_register_by_typing_in_the_completer(new_editor):
    e, d = new_editor, new_editor.dialog
    search = d.carrier_page.search
    search.setFocus()
    e.qtbot.keyClicks(search, "rivage")
    popup = d.carrier_page.completer.popup()
    e.qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.model().index(0, 0).data() == "Club sportif du Rivage — RNA W595000001 · " \
                                               "Hazebrouck"
    e.qtbot.keyClick(popup, Qt.Key.Key_Down)
    e.qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert e.field("porteur_name").text() == "Club sportif du Rivage"
    assert e.field("porteur_rna").text() == "W595000001"
    assert d.carrier_page.origin.text().startswith("Porteur du répertoire")
    assert e.alerts("porteur") == []


def test_unreadable_input_is_shown_on_the_field_and_refused_at_save(new_editor, gateway):
    e, d = new_editor, new_editor.dialog
    e.tab("Action")
    e.type("intitule", "Atelier théâtre")
    e.tab("Public")
    e.type("beneficiaires", "douze")
    assert e.field("beneficiaires").toolTip() == "« douze » n'est pas un nombre"
    e.type("part_qpv", "140")
    e.click(d.save_button)
    assert d.banner.text() == (
        "À corriger avant d'enregistrer :\n"
        "• Public · Bénéficiaires : « douze » n'est pas un nombre\n"
        "• Public · Part habitant le QPV : « 140 » : pourcentage entre 0 et 100 attendu")
    assert d.form.id is None
    e.tab("Budget")
    e.budget(Side.CHARGE, "604", "12a")
    assert d.budget_page.message.text() == (  # typed key by key, « 12 » was taken
        "604 Prestations de services : « 12a » n'est pas un montant (montant retenu : 12,00)")
    assert d.budget_page.state.amounts == {("604", None): Decimal("12.00")}


def test_a_missing_title_is_refused_by_the_service_naming_the_field(new_editor):
    d = new_editor.dialog
    new_editor.click(d.save_button)
    assert "• Action · Intitulé : à renseigner" in d.banner.text()
    assert d.tabs.tabText(d.tabs.currentIndex()).startswith("Action")


def test_a_file_dropped_on_the_tab_is_attached_ticked_opened_and_saved(new_editor, tmp_path,
                                                                       gateway):
    e, d = new_editor, new_editor.dialog
    e.tab("Pièces jointes")
    statuts = tmp_path / "Statuts association.pdf"
    statuts.write_bytes(PDF)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(statuts))])
    page = d.attachments_page
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(page, enter)  # the page accepts files dragged over it…
    assert enter.isAccepted()
    QApplication.sendEvent(page, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                            buttons, modifiers))  # …and takes them
    assert page.model.index(0, 0).data() == "Statuts"
    assert page.checklist.item(0).text() == "✓  Statuts — Statuts association.pdf"
    assert page.checklist.item(1).text() == "✗  RIB — manquante"
    opened = []
    page.opener = opened.append
    page.view.selectRow(0)
    e.click(page.open_button)
    assert opened[0].toLocalFile().endswith("Statuts association.pdf")
    assert Path(opened[0].toLocalFile()).read_bytes() == PDF
    exe = tmp_path / "bilan.pdf"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    page.add_files([str(exe), str(statuts)])
    assert page.message.text() == ("« bilan.pdf » est un programme (son contenu le montre), "
                                   "pas un document : refusé\n"
                                   "« Statuts association.pdf » est déjà joint "
                                   "(« Statuts association.pdf »)")
    e.tab("Porteur")
    e.type("porteur_name", "Atelier des Flandres")
    e.tab("Action")
    e.type("intitule", "Atelier couture")
    e.click(d.save_button)
    assert d.banner.text().startswith("Dossier 2025-AAP-001 enregistré."), d.banner.text()
    assert [(a.kind_label, a.filename) for a in gateway.load(d.form.id).attachments] == [
        ("Statuts", "Statuts association.pdf")]
    assert page.model.index(0, 3).data() != "à l'enregistrement"


def test_editor_models_pass_the_qt_model_tester(new_editor, qtmodeltester, tmp_path):
    d = new_editor.dialog
    d.budget_page.state.apply((("604", None), Decimal("100")))
    d.indicators_page.model.add_row()
    rib = tmp_path / "rib.pdf"
    rib.write_bytes(PDF)
    d.attachments_page.add_files([str(rib)])
    for model in (*d.budget_page.models.values(), d.funding_page.model,
                  d.indicators_page.model, d.attachments_page.model):
        qtmodeltester.check(model, force_py=True)
