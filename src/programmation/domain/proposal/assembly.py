"""From fractions to a :class:`Proposal`: lines with their reasons, summaries
per envelope, pillar and CPO floor, and the French message."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ..money import share
from .amounts import Amounts, objective, plain_amounts
from .explain import Explainer
from .formatting import format_eur, format_gap, format_number, format_seconds, plural
from .inputs import FRACTION_STEP, ONE, ZERO
from .problem import Problem
from .results import CpoFloorUse, EnvelopeUse, Method, PillarUse, Proposal, ProposalLine, Status
from .totals import Totals, cpo_floor_met, rounding_tolerance, rule_breaches, totals


def assemble(problem: Problem, fractions: list[Decimal], status: Status, method: Method,
             started: float, gap: float | None = None, notes: Sequence[str] = (),
             amounts: Amounts | None = None) -> Proposal:
    sums = totals(problem, amounts or plain_amounts(problem, fractions))
    explainer = Explainer(problem, fractions, sums, status, method)
    lines = tuple(
        ProposalLine(
            dossier_id=c.dossier_id, label=c.label, pillar=c.pillar, score=c.score,
            weighted_score=problem.weighted[i], selected=bool(fractions[i]),
            fraction=fractions[i].quantize(FRACTION_STEP), amounts=sums.amounts[i],
            reason=explainer.reason(i),
        )
        for i, c in enumerate(problem.candidates)
    )
    value = objective(problem, fractions)
    tolerance = rounding_tolerance(problem, fractions)
    breaches = rule_breaches(problem, sums, tolerance)
    return Proposal(
        status=status, method=method, objective=value, lines=lines,
        envelopes=_envelope_uses(problem, sums, explainer.binding_funders),
        pillars=_pillar_uses(problem, sums, lines, explainer.capped_pillars),
        cpo_floor=_cpo_floor_use(problem, sums, tolerance),
        message=_summary(problem, lines, value, status, method, gap, [*notes, *breaches]),
        seconds=time.perf_counter() - started, gap=gap,
    )


def infeasible(problem: Problem, reasons: list[str], started: float) -> Proposal:
    """Nothing selected, every eligible line and the message saying why."""
    proposal = assemble(problem, [ZERO] * len(problem.candidates), "infeasible", "milp", started)
    why = " ; ".join(reasons)
    lines = tuple(
        line if k in problem.exclusions
        else replace(line, reason=f"Écarté : aucune proposition possible, {why}.")
        for k, line in enumerate(proposal.lines)
    )
    return replace(proposal, objective=ZERO, lines=lines, gap=None,
                   message=f"Proposition impossible : {why}.",
                   seconds=time.perf_counter() - started)


def _envelope_uses(problem: Problem, sums: Totals, binding: set[str]) -> tuple[EnvelopeUse, ...]:
    uses = []
    for code, envelope in sorted(problem.envelopes.items()):
        requested = sum((c.requested.get(code, ZERO) for c in problem.candidates), ZERO)
        used = sums.used.get(code, ZERO)
        uses.append(EnvelopeUse(code, envelope.name, envelope.amount, requested, used,
                                envelope.amount - used, code in binding))
    return tuple(uses)


def _pillar_uses(problem: Problem, sums: Totals, lines: tuple[ProposalLine, ...],
                 capped: set[str]) -> tuple[PillarUse, ...]:
    settings, uses = problem.settings, []
    pillars = dict.fromkeys(c.pillar for c in problem.candidates)
    for pillar in (*pillars, *sorted(set(settings.pillar_min_share) - set(pillars))):
        amount = sums.pillar.get(pillar, ZERO)
        share = (amount / sums.total).quantize(FRACTION_STEP) if sums.total else None
        uses.append(PillarUse(
            pillar=pillar, label=settings.pillar_name(pillar), amount=amount, share=share,
            min_share=settings.pillar_min_share.get(pillar),
            max_share=settings.pillar_max_share.get(pillar),
            selected=sum(1 for line in lines if line.pillar == pillar and line.selected),
            candidates=sum(1 for line in lines if line.pillar == pillar),
            cap_binding=pillar in capped,
        ))
    return tuple(uses)


def _cpo_floor_use(problem: Problem, sums: Totals, tolerance: Decimal) -> CpoFloorUse | None:
    floor = problem.settings.cpo_floor
    if floor is None:
        return None
    cpo, whole = floor.year_values(sums.cpo_value, sums.floor_value)
    return CpoFloorUse(
        funder_code=floor.funder_code,
        label=" + ".join(problem.name(code) for code in floor.funder_codes), basis=floor.basis,
        required=floor.share, cpo_value=cpo, total_value=whole, achieved=share(cpo, whole),
        met=cpo_floor_met(problem, sums, tolerance), committed_cpo=floor.committed_cpo,
        committed_total=floor.committed_total, funder_codes=floor.funder_codes,
    )


def _summary(problem: Problem, lines: tuple[ProposalLine, ...], value: Decimal,
             status: Status, method: Method, gap: float | None, warnings: Sequence[str]) -> str:
    selected = [line for line in lines if line.selected]
    partial = sum(1 for line in selected if line.fraction < ONE)
    body = (
        f"{plural(len(selected), 'dossier retenu', 'dossiers retenus')} sur {len(lines)}"
        + (f" (dont {partial} partiellement)" if partial else "")
        + f", {format_eur(sum((line.total for line in selected), ZERO))} proposés, "
        f"score pondéré {format_number(value)}"
    )
    message = _summary_head(problem, status, method, gap) + body + "."
    if warnings:
        message += " Attention : " + " ; ".join(warnings) + "."
    return message


def _summary_head(problem: Problem, status: Status, method: Method, gap: float | None) -> str:
    if method == "greedy":
        return ("Proposition gloutonne (par score pondéré décroissant, chaque dossier pris "
                "s'il tient entièrement dans ses enveloppes) : ")
    if status == "optimal":
        return "Proposition optimale : "
    bound = ""
    if gap is not None and math.isfinite(gap):
        bound = f", à au plus {format_gap(gap)} de l'optimum"
    return (f"Limite de temps de {format_seconds(problem.settings.time_limit)} atteinte, "
            f"meilleure proposition trouvée{bound} : ")
