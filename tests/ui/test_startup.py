"""Start-up and menus: French Qt, daily backup in the background, demo offer, open, about."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from programmation import __version__
from programmation.ui import startup
from programmation.ui.app import build_main_window, install_french, run_gui
from programmation.ui.background import BackgroundJob
from programmation.ui.main_window import MainWindow

NNBSP, NBSP = "\u202f", "\u00a0"


def _backups(db) -> list[str]:
    return sorted(p.name for p in db.backup_dir.glob("*.sqlite")) if db.backup_dir.exists() else []


def test_qt_buttons_speak_french(qapp):
    assert install_french(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Oui"


def test_background_job_works_off_the_ui_thread_and_reports_on_it(qtbot):
    seen = {}
    job = BackgroundJob(lambda: seen.setdefault("worker", threading.get_ident()) or 42)
    results = []
    job.succeeded.connect(lambda result: results.append((result, threading.get_ident())))
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert seen["worker"] != threading.get_ident()
    assert results == [(seen["worker"], threading.get_ident())]


def test_background_job_failure_arrives_as_a_message(qtbot):
    job = BackgroundJob(lambda: 1 / 0)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
    assert failed.args == ["division by zero"]
    job.wait()


def test_first_start_takes_a_backup_in_the_background_and_says_so(window, qtbot):
    assert _backups(window.controller.database) == []
    window.controller.after_show()
    qtbot.waitUntil(lambda: "Copie de sauvegarde" in window.statusBar().currentMessage(),
                    timeout=5000)
    (backup,) = _backups(window.controller.database)
    assert backup.endswith("-auto.sqlite")
    assert window.statusBar().currentMessage() == f"Copie de sauvegarde enregistrée : {backup}"


def test_no_backup_when_the_last_one_is_recent(window, qtbot):
    window.controller.database.backup("auto")
    before = _backups(window.controller.database)
    window.controller.after_show()
    assert window.controller.jobs == []
    assert _backups(window.controller.database) == before


def test_menu_backup_now_writes_a_manual_copy(window, qtbot):
    window.action_backup.trigger()
    qtbot.waitUntil(lambda: "Copie de sauvegarde" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert [name for name in _backups(window.controller.database) if "manuelle" in name]


def test_empty_base_offers_the_demo_and_loads_it_in_the_background(
        qtbot, database, monkeypatch, fixture_builder):
    asked = []

    def answer_yes(parent, title, text, *args):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    monkeypatch.setattr(startup, "demo_builder", lambda db: fixture_builder)
    window, controller = build_main_window(database)
    qtbot.addWidget(window)
    window.show()
    assert window.totals_label.text().startswith("0 dossier — ")
    controller.after_show(offer_demo=True)
    assert asked and "Hazebrouck" in asked[0][1]
    qtbot.waitUntil(lambda: window.table.model().rowCount() == 4, timeout=10_000)
    assert window.totals_label.text().startswith("4 dossiers — total demandé 1")
    assert window.filter_bar.year.count() == 3  # Tous, 2025, 2024
    qtbot.waitUntil(lambda: not any(j.is_running() for j in controller.jobs), timeout=5000)


def test_declining_the_demo_leaves_the_base_empty(qtbot, database, monkeypatch, fixture_builder):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.No)
    monkeypatch.setattr(startup, "demo_builder", lambda db: fixture_builder)
    window, controller = build_main_window(database)
    qtbot.addWidget(window)
    controller.after_show(offer_demo=True)
    assert window.table.model().rowCount() == 0


def test_a_base_with_dossiers_is_not_offered_the_demo(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("demo offered"))
    window.controller.database.backup("auto")
    window.controller.after_show(offer_demo=True)


def test_open_another_base_from_the_file_menu(window, qtbot, tmp_path, monkeypatch):
    from programmation.adapters.persistence.database import Database

    other = tmp_path / "autre" / "autre.sqlite"
    Database.open(other).dispose()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.action_open.trigger()
    assert window.windowTitle().endswith("autre.sqlite")
    assert window.table.model().rowCount() == 0
    assert window.totals_label.text() == (
        f"0 dossier — total demandé 0,00{NBSP}€ — accordé 0,00{NBSP}€")
    assert window.filter_bar.year.count() == 1


def test_a_file_that_is_not_a_base_is_refused_in_words(window, tmp_path, monkeypatch):
    junk = tmp_path / "notes.sqlite"
    junk.write_text("ceci n'est pas une base " * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: errors.append(text))
    window.action_open.trigger()
    assert errors and errors[0].startswith(f"Impossible d'ouvrir « {junk} »")
    assert window.table.model().rowCount() == 4  # the current base stays open


def test_about_shows_the_version(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.action_about.trigger()
    assert f"version {__version__}" in shown[0]


def test_run_gui_shows_the_window_and_returns_when_it_closes(qtbot, demo_db):
    def close_main_window():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                assert widget.totals_label.text().startswith("4 dossiers")
                widget.close()

    QTimer.singleShot(300, close_main_window)
    assert run_gui(demo_db) == 0


def test_background_job_progress_reaches_the_ui_thread(qtbot):
    def count(report):
        for done in range(1, 4):
            report(done, 3)
        return "fini"

    job = BackgroundJob(count, reports_progress=True)
    seen = []
    job.progressed.connect(lambda done, total: seen.append((done, total, threading.get_ident())))
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert [(d, t) for d, t, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert {ident for *_, ident in seen} == {threading.get_ident()}
