"""The AAP and CPO screens driven like a user; the list model checked for Qt."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from sqlalchemy import select

from programmation.adapters.persistence.backup import backup_database
from programmation.adapters.persistence.database import Database
from programmation.domain.call import Call
from programmation.domain.dossier import Application

SHOTS = os.environ.get("PROGRAMMATION_SCREENSHOTS")  # a folder: keep a screenshot per step


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from programmation.demo import build_demo

    db = Database.open(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    build_demo(db)
    yield db
    db.dispose()


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    from programmation.ui.channels.window import ChannelsWindow

    db = Database.open(backup_database(demo_file.engine, tmp_path, reason="copie"))
    shown = ChannelsWindow(db)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.keyClicks(shown.actor_box.lineEdit(), "Mehdi")
    shown.db = db
    yield shown
    db.dispose()


def _shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(f"{SHOTS}/{name}.png")


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _dialog(qtbot, tab):
    qtbot.waitExposed(tab.dialog)
    tab.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.dialog, timeout=2000)
    return tab.dialog


def test_the_campaign_list_model_passes_the_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.campaigns.model, force_py=True)
    qtmodeltester.check(window.reserve.model, force_py=True)
    qtmodeltester.check(window.cpo.model, force_py=True)


def test_a_user_creates_next_years_campaign_from_last_years(qtbot, window, screen):
    tab = window.campaigns
    assert screen.column(tab.campaigns, "Année")[0] == "2027"
    _click(qtbot, tab.new_from_last_year)
    dialog = _dialog(qtbot, tab)
    assert dialog.title_edit.text() == "Appel à projets politique de la ville 2028"
    assert (dialog.opening.text(), dialog.deadline.text(), dialog.committee.text()) == (
        "15/10/2027", "15/12/2027", "12/03/2028")
    state = dialog.envelopes.row_of("ETAT-147")
    assert dialog.envelopes.item(state, 1).text() == "32\u202f000,00"
    _shot(dialog, "aap_1_depuis_l_an_dernier")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == "Campagne « Appel à projets politique de la ville 2028 » créée"
    assert screen.column(tab.campaigns, "Année")[0] == "2028"
    assert tab.campaigns.currentIndex().row() == 0
    _shot(window, "aap_2_creee")
    with window.db.unit_of_work() as uow:
        call = uow.session.scalars(select(Call).where(Call.year == 2028)).one()
        assert call.deadline.isoformat() == "2027-12-15"


def test_a_campaign_with_a_mistyped_date_is_refused_in_the_dialog(qtbot, window):
    tab = window.campaigns
    _click(qtbot, tab.new_campaign)
    dialog = _dialog(qtbot, tab)
    qtbot.keyClick(dialog.deadline, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.deadline, "31/02/2027")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.message.text() == ("Date limite de dépôt : « 31/02/2027 » : cette date "
                                     "n'existe pas")
    _click(qtbot, dialog.cancel_button)


def test_the_renewal_waits_for_the_bilan_then_the_user_renews_the_year(qtbot, window, screen):
    screen.click_tab(window.tabs, "CPO")
    tab = window.cpo
    tab.select_reference("2024-CPO-001")
    assert tab.renew.text() == "Reconduire 2025" and not tab.renew.isEnabled()
    assert "le bilan 2024 n'est pas encore reçu" in tab.renew.toolTip()
    assert "le bilan 2024 n'est pas encore reçu" in tab.renewal_reason.text()
    _shot(window, "cpo_1_reconduction_bloquee")
    _click(qtbot, tab.bilan)
    dialog = _dialog(qtbot, tab)
    assert dialog.year.currentText() == "2024"
    qtbot.keyClicks(dialog.actual_cost, "35 000")
    qtbot.keyClicks(dialog.beneficiaries, "42")
    _click(qtbot, dialog.ok_button)
    assert tab.message.text() == "Bilan 2024 enregistré"
    assert tab.renew.isEnabled()
    _click(qtbot, tab.renew)
    assert tab.message.text() == "2024-CPO-001 : année 2025 reconduite"
    assert tab.renew.text() == "Reconduire 2026" and not tab.renew.isEnabled()
    calendar = tab.timeline_scroll.widget().findChild(QTableWidget, "calendrier")
    confirmation = next(r for r in range(calendar.rowCount())
                        if calendar.item(r, 0).text() == "Confirmation")
    assert calendar.item(confirmation, 2).text().startswith("Reconduite le ")
    _shot(window, "cpo_2_reconduite")
    with window.db.unit_of_work() as uow:
        cpo = uow.session.scalars(select(Application).where(
            Application.reference == "2024-CPO-001")).one()
        assert {line.decision_reference for line in cpo.lines_for(2025)} == {"Reconduction 2025"}


def test_a_degressive_cpo_typed_by_the_user_is_refused_with_the_reason(qtbot, window, screen):
    screen.click_tab(window.tabs, "CPO")
    tab = window.cpo
    _click(qtbot, tab.new_cpo)
    dialog = _dialog(qtbot, tab)
    screen.choose(dialog.carrier, "Mission Locale")
    qtbot.keyClicks(dialog.title_edit, "Parcours vers l'emploi")
    state = dialog.amounts.row_of("ETAT-147")
    for column, amount in ((1, "9000"), (2, "9000"), (3, "7000")):
        item = dialog.amounts.item(state, column)
        dialog.amounts.scrollToItem(item)
        qtbot.mouseClick(dialog.amounts.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.amounts.visualItemRect(item).center())
        qtbot.keyClick(dialog.amounts, Qt.Key.Key_F2)
        qtbot.keyClicks(QApplication.focusWidget(), amount)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda i=item, a=amount: i.text() == a, timeout=2000)
    qtbot.keyClicks(dialog.impact, "Sorties positives a 6 mois")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "une CPO est sans dégressivité" in dialog.message.text()
    _shot(dialog, "cpo_3_degressivite_refusee")
    _click(qtbot, dialog.cancel_button)


def test_the_multi_year_envelopes_show_the_state_floor(window, screen):
    screen.click_tab(window.tabs, "CPO")
    tab = window.cpo
    screen.click_tab(tab.inner, "Enveloppes")
    texts = screen.texts(tab.envelopes_scroll.widget())
    assert "Plancher non atteint pour l'État en 2024, 2025, 2026, 2027." in texts
    assert any(t.startswith("20,8") for t in texts)
    _shot(window, "cpo_4_enveloppes")


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_the_modalites_menu_opens_the_channels_window_on_the_chosen_tab(
        qtbot, demo_file, tmp_path):
    from programmation.ui import background
    from programmation.ui.app import build_main_window

    db = Database.open(backup_database(demo_file.engine, tmp_path, reason="copie"))
    main, controller = build_main_window(db)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    titles = [a.text() for a in main.channels_menu.actions()]
    assert titles == ["&Appels à projets (campagnes)…", "A&MI…", "Enveloppe de &réserve…",
                      "&CPO et enveloppes pluriannuelles…"]
    main.channels_menu.actions()[2].trigger()
    view = controller.channels.view
    qtbot.waitExposed(view)
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Enveloppe de réserve"
    main.channels_menu.actions()[1].trigger()
    assert controller.channels.view is view
    assert view.tabs.tabText(view.tabs.currentIndex()) == "AMI"
    view.close()
    background.wait_all()
    db.dispose()
