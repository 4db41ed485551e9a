"""Import of a 50,000-row Dauphin export, against the raw read of the same file.

Writes the file once (openpyxl write-only) into a temporary folder, times
python-calamine reading it raw, then the preview and the apply into a fresh
base holding only the contract set-up, and the idempotent re-import. Prints
figures and the ratio import time / raw read time; no pass/fail. Usage:
    .venv/bin/python bench/bench_import.py [--rows 50000] [--folder DIR]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

from programmation.adapters.exporting.dauphin import write_dauphin_workbook
from programmation.adapters.persistence.database import Database
from programmation.demo.actors import contract_2024
from programmation.domain.dauphin import DAUPHIN_STATUSES, Field
from programmation.domain.identifiers import with_luhn_key
from programmation.services import importing
from programmation.services.contract_setup import set_up_demo_contract
from programmation.services.import_plan import Outcome

LINES_PER_DOSSIER = 4


def dauphin_rows(count: int, seed: int = 2025):
    """Dauphin-like rows: dossiers of 2024-2030 with four funders each, 3,000 carriers."""
    rng = random.Random(seed)
    contract = contract_2024()
    pillars = [p.name for p in contract.pillars]
    funders = [f.name for f in contract.funders if f.code not in ("AUTO", "PRIVE")]
    statuses = [d.label for d in DAUPHIN_STATUSES if d.label not in ("Non recevable",)]
    for number in range(count // LINES_PER_DOSSIER + 1):
        carrier = rng.randrange(3000)
        year = rng.randrange(2024, 2031)
        dossier = {
            Field.REFERENCE: f"DA{number:08d}", Field.YEAR: year,
            Field.TITLE: f"Action de quartier n° {number}",
            Field.CARRIER: f"Association du quartier n° {carrier}",
            Field.SIRET: with_luhn_key(f"{500000000 + carrier:09d}0001"),
            Field.PILLAR: rng.choice(pillars), Field.STATUS: rng.choice(statuses),
            Field.TOTAL_COST: Decimal(rng.randrange(5_000, 90_000)),
            Field.SUBMITTED_ON: date(year - 1, 12, rng.randrange(1, 28)),
        }
        for funder in rng.sample(funders, LINES_PER_DOSSIER):
            requested = Decimal(rng.randrange(50, 2000) * 10)
            yield dossier | {Field.FUNDER: funder, Field.REQUESTED: requested,
                             Field.PROPOSED: requested, Field.GRANTED: requested}
            count -= 1
            if count == 0:
                return


def timed(label: str, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - started
    print(f"  {label:<52} {elapsed:7.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="bench-import-"))
    path = folder / f"dauphin-{args.rows}.xlsx"
    if not path.exists():
        _, _elapsed = timed(f"écriture de {args.rows} lignes (openpyxl write-only)",
                           write_dauphin_workbook, path, dauphin_rows(args.rows))
    print(f"fichier : {path} ({path.stat().st_size / 1e6:.1f} Mo)")

    def raw_read():
        with CalamineWorkbook.from_path(path) as workbook:
            return workbook.get_sheet_by_index(0).to_python()
    rows, raw = timed("lecture brute python-calamine", raw_read)
    assert len(rows) == args.rows + 1

    database = Database.open(folder / f"import-{time.time_ns()}.sqlite")
    set_up_demo_contract(database)
    result, previewed = timed("aperçu (lecture + analyse, rien d'écrit)", importing.preview,
                              database, path)
    print(f"    {result.summary()}")
    report, applied = timed("import (analyse refaite + écriture, une transaction)",
                            importing.apply, database, result, actor="bench")
    print(f"    {report.summary()}")
    again, reimport = timed("réimport du même fichier (idempotent)", importing.apply,
                            database, path, actor="bench")
    assert again.unchanged == args.rows - again.rejected and again.created == 0
    assert result.count(Outcome.CREATE) + result.rejected == args.rows
    print()
    print(f"lecture brute                 {raw:7.2f} s")
    print(f"aperçu + import               {previewed + applied:7.2f} s   "
          f"ratio à la lecture brute {(previewed + applied) / raw:5.1f}")
    print(f"import depuis l'aperçu        {applied:7.2f} s   "
          f"ratio à la lecture brute {applied / raw:5.1f}")
    print(f"réimport idempotent           {reimport:7.2f} s   "
          f"ratio à la lecture brute {reimport / raw:5.1f}")
    database.dispose()


if __name__ == "__main__":
    main()
