"""The filter bar: « Tous » first, one filter per change, typing debounced."""

from __future__ import annotations

from PySide6.QtCore import Qt

from programmation.domain.channels import Channel
from programmation.services.dossier_list import DossierFilter, DossierListService
from programmation.ui.dossiers.filter_bar import FilterBar


def _bar(qtbot, db) -> FilterBar:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_options(DossierListService(db).options())
    bar.show()
    return bar


def _entries(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_every_combo_starts_with_tous_then_the_choices_of_the_base(qtbot, demo_db):
    bar = _bar(qtbot, demo_db)
    assert _entries(bar.year) == ["Tous", "2025", "2024"]
    assert _entries(bar.channel)[:3] == ["Tous", "Appel à projets",
                                         "Appel à manifestation d'intérêt"]
    assert _entries(bar.pillar) == ["Tous", "Éducation (0-25 ans, réussite éducative, parentalité)",
                                    "Santé (dont santé mentale)", "Accès aux droits",
                                    "Culture et sport"]
    assert "Compléments demandés" in _entries(bar.status)
    assert "Ville d'Hazebrouck" in _entries(bar.funder)
    assert bar.current_filter() == DossierFilter()


def test_choosing_a_modality_emits_the_filter_at_once(qtbot, demo_db, screen):
    bar = _bar(qtbot, demo_db)
    with qtbot.waitSignal(bar.filter_changed, timeout=1000) as emitted:
        screen.choose(bar.channel, "Convention pluriannuelle d'objectifs")
    assert emitted.args[0].channel is Channel.CPO


def test_typing_in_search_emits_once_when_the_user_pauses(qtbot, demo_db):
    bar = _bar(qtbot, demo_db)
    received = []
    bar.filter_changed.connect(received.append)
    qtbot.keyClicks(bar.search, "rivage")
    assert received == []  # nothing while typing
    qtbot.waitUntil(lambda: len(received) == 1, timeout=2000)
    qtbot.wait(400)
    assert [f.text for f in received] == ["rivage"]


def test_effacer_les_filtres_goes_back_to_tous_with_one_emission(qtbot, demo_db, screen):
    bar = _bar(qtbot, demo_db)
    screen.choose(bar.year, "2024")
    bar.search.setText("foot")
    received = []
    bar.filter_changed.connect(received.append)
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert received == [DossierFilter()]
    assert bar.year.currentText() == "Tous" and bar.search.text() == ""


def test_new_options_keep_the_current_choice(qtbot, demo_db, screen):
    bar = _bar(qtbot, demo_db)
    screen.choose(bar.year, "2024")
    bar.set_options(DossierListService(demo_db).options())
    assert bar.year.currentText() == "2024"
    assert bar.current_filter().year == 2024
