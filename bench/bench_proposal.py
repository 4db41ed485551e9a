"""Bench: la proposition de programmation on 500 and 5,000 dossiers x 15 funders.

Random but seeded instances: each dossier asks 1 to 4 funders, envelopes are
about 40 % of the demand on each funder, 9 pillars (two capped, one with a
floor, two weighted up), 15 % of CPO with a 50 % floor on the State's
envelope, a quarter of dossiers fundable from 80 %. Prints, for each size,
the time of the exact proposal (model, HiGHS, Decimal recomputation and the
French reasons), its status and objective, the greedy baseline, the gain, and
the ratio of time to the 2 s target. Each size runs with HiGHS stopped at
1.8 s (so the whole call fits the target) and at the default 10 s, then once
with the envelopes as the only rule.

Run: PYTHONPATH=src .venv/bin/python bench/bench_proposal.py
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from decimal import Decimal

from programmation.domain.proposal import (
    Candidate,
    CpoFloor,
    Envelope,
    ProposalSettings,
    compare,
    greedy_proposal,
    optimal_proposal,
)

TARGET_SECONDS = 2.0
FUNDERS = [f"F{k:02d}" for k in range(1, 16)]
PILLARS = ["EDUCATION", "EMPLOI", "SANTE", "TRANSITION", "SECURITE",
           "LIEN_SOCIAL", "ACCES_DROITS", "CULTURE_SPORT", "MOBILITE"]


def instance(
    size: int, seed: int, rules: bool = True
) -> tuple[list[Candidate], list[Envelope], ProposalSettings]:
    rng = random.Random(seed)
    candidates = []
    for k in range(size):
        funders = rng.sample(FUNDERS, rng.randint(1, 4))
        candidates.append(Candidate(
            dossier_id=k + 1,
            label=f"2025-{k + 1:04d}",
            pillar=rng.choice(PILLARS),
            score=Decimal(rng.randint(200, 1000)) / 10,
            requested={code: Decimal(rng.randint(50_000, 5_000_000)) / 100 for code in funders},
            is_cpo=rng.random() < 0.15,
            min_share=Decimal("0.8") if rng.random() < 0.25 else Decimal(1),
        ))
    envelopes = []
    for code in FUNDERS:
        demand = sum((c.requested.get(code, Decimal(0)) for c in candidates), Decimal(0))
        envelopes.append(Envelope(code, (demand * Decimal("0.4")).quantize(Decimal("0.01"))))
    settings = ProposalSettings(
        pillar_weights={"EDUCATION": Decimal("1.2"), "SANTE": Decimal("1.1")},
        pillar_max_share={"EMPLOI": Decimal("0.12"), "CULTURE_SPORT": Decimal("0.1")},
        pillar_min_share={"MOBILITE": Decimal("0.08")},
        cpo_floor=CpoFloor("F01", Decimal("0.5"), "money"),
        time_limit=10.0,
    )
    if not rules:
        settings = ProposalSettings(pillar_weights=settings.pillar_weights)
    return candidates, envelopes, settings


def run(size: int, time_limit: float, rules: bool = True, seed: int = 2025) -> None:
    candidates, envelopes, settings = instance(size, seed, rules)
    settings = replace(settings, time_limit=time_limit)
    started = time.perf_counter()
    optimal = optimal_proposal(candidates, envelopes, settings)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    greedy = greedy_proposal(candidates, envelopes, settings)
    greedy_seconds = time.perf_counter() - started
    gain = compare(optimal, greedy)
    gap = "n/a" if optimal.gap is None else f"{optimal.gap * 100:.4f} %"
    partial = sum(1 for line in optimal.lines if 0 < line.fraction < 1)
    percent = "n/a" if gain.gain_percent is None else f"{gain.gain_percent} %"
    what = "enveloppes + piliers + plancher CPO" if rules else "enveloppes seules"
    print(f"{size:>6} dossiers x {len(envelopes)} financeurs ({what}), "
          f"HiGHS time_limit={time_limit:g} s")
    print(f"  exact   : {seconds:7.3f} s  status={optimal.status}  proven gap={gap}  "
          f"objective={optimal.objective:.2f}  retenus={len(optimal.selected_ids)} "
          f"(partiels {partial})")
    print(f"  greedy  : {greedy_seconds:7.3f} s  objective={greedy.objective:.2f}  "
          f"retenus={len(greedy.selected_ids)}  "
          f"règles respectées={'Attention' not in greedy.message}")
    print(f"  gain    : {gain.gain:.2f} points ({percent})")
    print(f"  ratio   : {seconds / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:g} s target")
    print(f"  message : {optimal.message}")


if __name__ == "__main__":
    # Within the target: stop HiGHS early enough for the whole call to stay under 2 s.
    # With the default 10 s limit: how much closer to a proof the extra time gets.
    # Envelopes only: the greedy baseline keeps every rule there, a fair comparison.
    for limit in (1.8, ProposalSettings().time_limit):
        for n in (500, 5_000):
            run(n, limit)
    for n in (500, 5_000):
        run(n, 1.8, rules=False)
