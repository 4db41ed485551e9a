"""Dossier list at scale: loading the demo with N dossiers, then filtering and sorting.

Prints figures and ratios; no pass/fail. Usage:
    .venv/bin/python bench/bench_dossier_list.py [--size 50000] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from programmation.adapters.persistence.database import Database
from programmation.demo import build_demo, has_data
from programmation.services.dossier_list import (
    Column,
    DossierFilter,
    DossierListService,
)

FRAME_BUDGET_S = 0.1  # what a user perceives as instant


def timed(label: str, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - started
    ratio = elapsed / FRAME_BUDGET_S
    print(f"  {label:<44} {elapsed * 1000:8.1f} ms   ratio au budget {ratio:5.2f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / f"bench-{args.size}.sqlite"
    database = Database.open(path)
    if not has_data(database):
        started = time.perf_counter()
        build_demo(database, args.size)
        print(f"demo --size {args.size}: {time.perf_counter() - started:.1f} s, "
              f"{path.stat().st_size / 1e6:.0f} Mo")
    service = DossierListService(database)
    print(f"Liste des dossiers ({args.size} dossiers), budget d'une interaction : "
          f"{FRAME_BUDGET_S * 1000:.0f} ms")
    ids = timed("tous les dossiers, tri par référence", service.ids, DossierFilter())
    for column in (Column.CARRIER, Column.PILLAR, Column.TOTAL_COST, Column.REQUESTED,
                   Column.GRANTED):
        timed(f"tri par {column.name.lower()} (décroissant)", service.ids, DossierFilter(),
              column, True)
    timed("filtre année 2020", service.ids, DossierFilter(year=2020))
    timed("recherche « velo »", service.ids, DossierFilter(text="velo"))
    timed("recherche « sante » + année 2024", service.ids, DossierFilter(text="sante", year=2024))
    timed("filtre financeur", service.ids, DossierFilter(funder_id=3))
    timed("une page de 200 lignes", service.rows, ids[:200])
    timed("une page de 200 lignes au milieu", service.rows, ids[len(ids) // 2:len(ids) // 2 + 200])

    from PySide6.QtWidgets import QApplication

    from programmation.ui.dossiers.table_model import DossierTableModel

    app = QApplication.instance() or QApplication([])
    model = DossierTableModel(service)
    timed("modèle Qt : chargement complet", model.set_filter, DossierFilter())
    timed("modèle Qt : tri par montant accordé", model.sort, int(Column.GRANTED))
    del app
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  mémoire maximale du processus : {peak:.0f} Mo")
    database.dispose()


if __name__ == "__main__":
    main()
