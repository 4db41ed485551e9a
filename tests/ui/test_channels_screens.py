"""The AAP and CPO screens driven like a user; the list model checked for Qt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from sqlalchemy import delete, select

from programmation.adapters.persistence import tables as t
from programmation.domain.call import Call
from programmation.domain.dossier import Application
from programmation.domain.money import format_eur, format_percent
from programmation.services.instruction import list_people
from programmation.services.programming import programming_view


@pytest.fixture
def window(channels_window):
    """Mehdi Saïdi at work (« Qui travaille ? »): the acts are recorded in his name."""
    db = channels_window.db
    channels_window.current_user.choose(db, next(p for p in list_people(db)
                                                 if p.name == "Mehdi Saïdi"))
    return channels_window


def test_the_campaign_list_model_passes_the_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.campaigns.model, force_py=True)
    qtmodeltester.check(window.reserve.model, force_py=True)
    qtmodeltester.check(window.cpo.model, force_py=True)


def test_a_user_creates_next_years_campaign_from_last_years(qtbot, window, screen):
    tab = window.campaigns
    assert screen.column(tab.campaigns, "Année")[0] == "2027"
    screen.click(tab.new_from_last_year)
    dialog = screen.dialog(tab)
    assert dialog.title_edit.text() == "Appel à projets politique de la ville 2028"
    assert (dialog.opening.text(), dialog.deadline.text(), dialog.committee.text()) == (
        "15/10/2027", "15/12/2027", "12/03/2028")
    state = dialog.envelopes.row_of("ETAT-147")
    assert dialog.envelopes.item(state, 1).text() == "32\u202f000,00"
    screen.shot(dialog, "aap_1_depuis_l_an_dernier")
    screen.click(dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == "Campagne « Appel à projets politique de la ville 2028 » créée"
    assert screen.column(tab.campaigns, "Année")[0] == "2028"
    assert tab.campaigns.currentIndex().row() == 0
    screen.shot(window, "aap_2_creee")
    with window.db.unit_of_work() as uow:
        call = uow.session.scalars(select(Call).where(Call.year == 2028)).one()
        assert call.deadline.isoformat() == "2027-12-15"


def test_a_campaign_with_a_mistyped_date_is_refused_in_the_dialog(qtbot, window, screen):
    tab = window.campaigns
    screen.click(tab.new_campaign)
    dialog = screen.dialog(tab)
    qtbot.keyClick(dialog.deadline, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.deadline, "31/02/2027")
    screen.click(dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.message.text() == ("Date limite de dépôt : « 31/02/2027 » : cette date "
                                     "n'existe pas")
    screen.click(dialog.cancel_button)


def _undo_renewals(db, reference: str) -> None:
    """On this copy, take back the demo's renewals of the CPO: its later years are back at the
    committee's decision, unpaid, and its bilans are gone."""
    with db.unit_of_work() as uow:
        cpo = uow.session.scalars(select(Application).where(
            Application.reference == reference)).one()
        first = {line.funder.code: line for line in cpo.lines_for(cpo.year)}
        later = [line for line in cpo.funding_lines if line.year > cpo.year]
        for line in later:
            decided = first[line.funder.code]
            line.decision_reference, line.decision_date = (decided.decision_reference,
                                                           decided.decision_date)
        uow.session.execute(delete(t.payment).where(
            t.payment.c.funding_line_id.in_([line.id for line in later])))
        uow.session.execute(delete(t.report).where(t.report.c.application_id == cpo.id))
        uow.commit()


def test_the_renewal_waits_for_the_bilan_then_the_user_renews_the_year(qtbot, window, screen):
    _undo_renewals(window.db, "2024-CPO-001")  # the demo renewed it
    screen.click_tab(window.tabs, "CPO")
    tab = window.cpo
    tab.reload()
    tab.select_reference("2024-CPO-001")
    assert tab.renew.text() == "Reconduire 2025" and not tab.renew.isEnabled()
    assert "le bilan 2024 n'est pas encore reçu" in tab.renew.toolTip()
    assert "le bilan 2024 n'est pas encore reçu" in tab.renewal_reason.text()
    screen.shot(window, "cpo_1_reconduction_bloquee")
    screen.click(tab.bilan)
    dialog = screen.dialog(tab)
    assert dialog.year.currentText() == "2024"
    qtbot.keyClicks(dialog.actual_cost, "35 000")
    qtbot.keyClicks(dialog.beneficiaries, "42")
    screen.click(dialog.ok_button)
    assert tab.message.text() == "Bilan 2024 enregistré"
    assert tab.renew.isEnabled()
    screen.click(tab.renew)
    assert tab.message.text() == "2024-CPO-001 : année 2025 reconduite"
    assert tab.renew.text() == "Reconduire 2026" and not tab.renew.isEnabled()
    calendar = tab.timeline_scroll.widget().findChild(QTableWidget, "calendrier")
    confirmation = next(r for r in range(calendar.rowCount())
                        if calendar.item(r, 0).text() == "Confirmation")
    assert calendar.item(confirmation, 2).text().startswith("Reconduite le ")
    screen.shot(window, "cpo_2_reconduite")
    with window.db.unit_of_work() as uow:
        cpo = uow.session.scalars(select(Application).where(
            Application.reference == "2024-CPO-001")).one()
        assert {line.decision_reference for line in cpo.lines_for(2025)} == {"Reconduction 2025"}


def test_a_degressive_cpo_typed_by_the_user_is_refused_with_the_reason(qtbot, window, screen):
    screen.click_tab(window.tabs, "CPO")
    tab = window.cpo
    screen.click(tab.new_cpo)
    dialog = screen.dialog(tab)
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
    screen.click(dialog.ok_button)
    assert dialog.isVisible()
    assert "une CPO est sans dégressivité" in dialog.message.text()
    screen.shot(dialog, "cpo_3_degressivite_refusee")
    screen.click(dialog.cancel_button)


def test_the_multi_year_envelopes_show_the_state_floor(window, screen):
    screen.click_tab(window.tabs, "CPO")
    tab = window.cpo
    screen.click_tab(tab.inner, "Enveloppes")
    texts = screen.texts(tab.envelopes_scroll.widget())
    assert "Plancher non atteint pour l'État en 2024, 2025, 2026." in texts  # 2027: nothing yet
    year = programming_view(window.db, 2024).cpo  # the same rule, the same figures
    assert 0 < year.cpo_value < year.total_value / 2
    assert any(text.startswith(format_percent(year.share)) for text in texts)
    assert f"{format_eur(year.cpo_value)} sur {format_eur(year.total_value)}" in texts
    assert format_eur(year.envelope) in texts  # shown beside
    screen.shot(window, "cpo_4_enveloppes")


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_the_modalites_menu_opens_the_channels_window_on_the_chosen_tab(
        qtbot, demo_copy):
    from programmation.ui import background
    from programmation.ui.app import build_main_window

    main, controller = build_main_window(demo_copy)
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
