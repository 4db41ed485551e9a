"""The command line, run as a user runs it."""

import subprocess
import sys

import pytest

from programmation.cli.main import main


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("programmation ")


def test_demo_then_check_then_backup(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    assert "Démonstration chargée" in capsys.readouterr().out
    assert main(["demo", "--db", str(db), "--if-missing"]) == 0
    assert main(["check", "--db", str(db)]) == 0
    assert "Base saine" in capsys.readouterr().out
    assert main(["backup", "--db", str(db)]) == 0
    assert "Sauvegarde écrite" in capsys.readouterr().out
    assert len(list((tmp_path / "sauvegardes").glob("demo-*.sqlite"))) == 1


def test_loading_the_demo_twice_is_refused_in_french(demo_file, capsys):
    assert main(["demo", "--db", str(demo_file)]) == 2
    assert "déjà un contrat" in capsys.readouterr().err


def test_check_of_a_missing_file_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "absente.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "n'existe pas" in err and "Traceback" not in err


def test_check_reports_broken_references(demo_file, capsys):
    import sqlite3

    raw = sqlite3.connect(demo_file)
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("UPDATE funding_line SET funder_id = 99999 WHERE id = 1")
    raw.commit()
    raw.close()
    capsys.readouterr()
    assert main(["check", "--db", str(demo_file)]) == 1
    assert "référence cassée : table funding_line" in capsys.readouterr().out


def test_the_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "programmation.cli.main", "--help"],
                            capture_output=True, text=True, check=True)
    assert "demo" in result.stdout and "check" in result.stdout
