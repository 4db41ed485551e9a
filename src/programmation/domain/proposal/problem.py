"""The proposal's problem: validated inputs, weighted scores, and what cannot be.

A dossier that cannot be funded whatever the others do is excluded with its
reason; a share rule that only an empty funder or pillar could satisfy is
reported before any solving.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from .amounts import line_amount
from .formatting import format_eur, format_pct
from .inputs import FRACTION_STEP, ONE, ZERO, Candidate, Envelope, ProposalSettings


@dataclass
class Problem:
    candidates: tuple[Candidate, ...]
    envelopes: dict[str, Envelope]
    settings: ProposalSettings
    weighted: list[Decimal]
    min_fraction: list[Decimal]
    exclusions: dict[int, str]
    eligible: list[int]

    def name(self, funder_code: str) -> str:
        envelope = self.envelopes.get(funder_code)
        return envelope.name if envelope else funder_code

    def floor_scope(self) -> str:
        """The CPO floor in words, naming its funders: « 50 % des crédits État de l'année »."""
        floor = self.settings.cpo_floor
        if floor is None:
            return ""
        return floor.scope(" + ".join(self.name(code) for code in floor.funder_codes))


def build_problem(
    candidates: Iterable[Candidate], envelopes: Iterable[Envelope], settings: ProposalSettings
) -> Problem:
    cands = tuple(candidates)
    if len({c.dossier_id for c in cands}) != len(cands):
        raise ValueError("un même dossier figure deux fois parmi les candidats")
    by_code: dict[str, Envelope] = {}
    for envelope in envelopes:
        if envelope.funder_code in by_code:
            raise ValueError(f"deux enveloppes pour le financeur {envelope.funder_code}")
        by_code[envelope.funder_code] = envelope
    problem = Problem(
        candidates=cands,
        envelopes=by_code,
        settings=settings,
        weighted=[settings.weight(c.pillar) * c.score for c in cands],
        min_fraction=[c.min_share.quantize(FRACTION_STEP, rounding=ROUND_UP) for c in cands],
        exclusions={},
        eligible=[],
    )
    for i, candidate in enumerate(cands):
        reasons = _exclusion_reasons(problem, candidate, problem.min_fraction[i])
        if reasons:
            problem.exclusions[i] = " ; ".join(reasons)
        else:
            problem.eligible.append(i)
    return problem


def _exclusion_reasons(problem: Problem, c: Candidate, min_fraction: Decimal) -> list[str]:
    """Why a dossier cannot be funded whatever the others do (empty if it can)."""
    if not c.requested:
        return ["aucun montant n'est demandé aux financeurs"]
    reasons = []
    for code, requested in sorted(c.requested.items()):
        envelope = problem.envelopes.get(code)
        if envelope is None:
            reasons.append(
                f"aucune enveloppe {code} n'est ouverte pour les {format_eur(requested)} demandés"
            )
            continue
        need = line_amount(requested, min_fraction)
        if need > envelope.amount and min_fraction == ONE:
            reasons.append(
                f"la demande de {format_eur(requested)} à {envelope.name} dépasse "
                f"l'enveloppe entière ({format_eur(envelope.amount)})"
            )
        elif need > envelope.amount:
            reasons.append(
                f"même à {format_pct(min_fraction)}, la demande à {envelope.name} "
                f"({format_eur(need)}) dépasse l'enveloppe entière "
                f"({format_eur(envelope.amount)})"
            )
    return reasons


def impossible_rules(problem: Problem) -> list[str]:
    """Rules that only an empty funder or pillar could satisfy, in French."""
    return [*_impossible_pillar_shares(problem), *_impossible_cpo_floor(problem)]


def _impossible_pillar_shares(problem: Problem) -> list[str]:
    settings, messages = problem.settings, []
    lows, highs = settings.pillar_min_share, settings.pillar_max_share
    for pillar in sorted(set(lows) & set(highs)):
        if lows[pillar] > highs[pillar]:
            messages.append(
                f"la part minimale du pilier {settings.pillar_name(pillar)} "
                f"({format_pct(lows[pillar])}) dépasse sa part maximale "
                f"({format_pct(highs[pillar])})"
            )
    if sum(lows.values(), ZERO) > ONE:
        messages.append(
            f"les parts minimales des piliers totalisent {format_pct(sum(lows.values(), ZERO))}, "
            "plus que la totalité du montant proposé"
        )
    pillars = {problem.candidates[i].pillar for i in problem.eligible}
    for pillar, low in sorted(lows.items()):
        if problem.eligible and low > 0 and pillar not in pillars:
            messages.append(
                f"le pilier {settings.pillar_name(pillar)} doit recevoir au moins "
                f"{format_pct(low)} du total proposé, mais aucun dossier recevable n'en relève"
            )
    return messages


def _impossible_cpo_floor(problem: Problem) -> list[str]:
    """The floor out of reach before solving: the committed amounts break it beyond what
    every eligible CPO dossier (funded in full, alone) could mend; or, nothing committed to
    spare, only leaving the floor's funders empty would keep it."""
    floor = problem.settings.cpo_floor
    if floor is None or floor.share <= 0:
        return []
    eligible = [problem.candidates[i] for i in problem.eligible]
    drawing = [c for c in eligible if floor.draws_on(c.requested)]
    cpos = [c for c in drawing if c.is_cpo]
    lift = (ONE - floor.share) * sum((floor.value(c.requested) for c in cpos), ZERO)
    head = f"le plancher CPO ({problem.floor_scope()}) ne peut pas être atteint : "
    none = ("aucun dossier CPO recevable ne sollicite "
            + ("ce financeur" if len(floor.funder_codes) == 1 else "ces financeurs"))
    if floor.slack() + lift < 0:
        committed = (f"déjà engagés hors proposition, {floor.quantity(floor.committed_cpo)} "
                     f"en CPO sur {floor.quantity(floor.committed_total)}")
        mend = (f"les dossiers CPO recevables n'apportent que "
                f"{floor.quantity(floor.tally((True, c.requested) for c in cpos)[0])}"
                if cpos else none)
        return [f"{head}{committed} ; {mend}"]
    if drawing and not cpos and floor.slack() <= 0:
        return [f"{head}{none}"]
    return []
