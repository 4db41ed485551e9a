import sqlite3

from programmation.adapters.persistence.backup import backup_database, list_backups


def test_backup_is_a_readable_copy_and_old_ones_rotate(demo_database, tmp_path):
    folder = tmp_path / "sauvegardes"
    for _ in range(4):
        backup_database(demo_database.engine, folder, keep=3)
    backups = list_backups(folder, "demo")
    assert len(backups) == 3
    copy = sqlite3.connect(backups[-1])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = copy.execute("SELECT count(*) FROM application").fetchone()[0]
    finally:
        copy.close()
    with demo_database.engine.connect() as connection:
        assert count == connection.exec_driver_sql("SELECT count(*) FROM application").scalar()
