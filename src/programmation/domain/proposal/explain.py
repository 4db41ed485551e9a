"""Why each dossier is in or out of the proposal, in French.

For a dossier not fully funded, the reason names the rules that adding it (or
the rest of it) would break: an exhausted envelope, a pillar's cap or floor,
the CPO floor; then sets it against the dossiers retained instead.
"""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from ..money import CENT
from .amounts import amounts
from .formatting import format_eur, format_pct, format_score
from .inputs import ONE, ZERO, Candidate
from .problem import Problem
from .results import Method, Status
from .totals import Totals


class Explainer:
    """Builds each line's French reason. While doing so it records the funders
    whose envelope and the pillars whose cap kept a dossier out (or cut down)."""

    def __init__(self, problem: Problem, fractions: list[Decimal], totals: Totals,
                 status: Status, method: Method) -> None:
        self.problem, self.fractions, self.totals = problem, fractions, totals
        self.status, self.method = status, method
        self.binding_funders: set[str] = set()
        self.capped_pillars: set[str] = set()
        self.scores: dict[str, list[Decimal]] = {}
        self.lowest_retained: dict[str, Decimal] = {}  # per pillar, score
        self.lowest_on: dict[str, Decimal] = {}  # per funder, weighted score
        for c, f, w in zip(problem.candidates, fractions, problem.weighted, strict=True):
            self.scores.setdefault(c.pillar, []).append(c.score)
            if f:
                self.lowest_retained[c.pillar] = min(
                    c.score, self.lowest_retained.get(c.pillar, c.score))
                for code in c.requested:
                    self.lowest_on[code] = min(w, self.lowest_on.get(code, w))
        for values in self.scores.values():
            values.sort()

    def reason(self, i: int) -> str:
        c, fraction = self.problem.candidates[i], self.fractions[i]
        if i in self.problem.exclusions:
            return f"Écarté : {self.problem.exclusions[i]}."
        if fraction == ONE:
            return f"Retenu : {self._standing(c)}."
        if fraction:
            parts = [self._standing(c), *self._blockers(i, ONE)[0]]
            return f"Retenu partiellement à {format_pct(fraction)} : " + " ; ".join(parts) + "."
        target = ONE if self.method == "greedy" else self.problem.min_fraction[i]
        blockers, codes = self._blockers(i, target)
        parts = blockers + self._comparison(i, codes)
        if not parts:
            parts = [self._unexplained(i)]
        return "Écarté : " + " ; ".join(parts) + "."

    def _standing(self, c: Candidate) -> str:
        scores = self.scores[c.pillar]
        rank = 1 + len(scores) - bisect_right(scores, c.score)
        pillar = self.problem.settings.pillar_name(c.pillar)
        return f"score {format_score(c.score)}, rang {rank} sur {len(scores)} du pilier {pillar}"

    def _comparison(self, i: int, blocking: list[str]) -> list[str]:
        """Set the dossier against those retained in its pillar or on its envelopes."""
        c, weighted = self.problem.candidates[i], self.problem.weighted[i]
        lowest = self.lowest_retained.get(c.pillar)
        if lowest is not None and c.score < lowest:
            return [f"score {format_score(c.score)} plus faible que les dossiers retenus "
                    "du même pilier"]
        if not any(self.lowest_on.get(code, weighted) < weighted for code in blocking):
            return []
        if self.method == "milp":
            return ["des dossiers moins bien notés ont été retenus sur la même enveloppe car, "
                    "ensemble, ils donnent un meilleur score total"]
        return ["des dossiers moins bien notés tenaient encore dans l'enveloppe restante"]

    def _unexplained(self, i: int) -> str:
        if not self.problem.weighted[i]:
            return "score pondéré nul : le retenir n'améliore pas la proposition"
        if self.status == "time_limit":
            return "non retenu dans la meilleure proposition trouvée avant la limite de temps"
        return "non retenu par l'optimisation"

    def _blockers(self, i: int, target: Decimal) -> tuple[list[str], list[str]]:
        """Rules broken by raising dossier i to ``target``: messages, and the
        funders whose envelope is too short."""
        c = self.problem.candidates[i]
        before, after = self.totals.amounts[i], amounts(c, target)
        delta = {code: after[code] - before.get(code, ZERO) for code in after}
        envelopes = {code: m for code, d in delta.items()
                     if (m := self._envelope_blocker(i, code, d))}
        messages = [*envelopes.values(), *self._pillar_blockers(c, sum(delta.values(), ZERO))]
        messages += self._cpo_blocker(c, i, delta)
        return messages, list(envelopes)

    def _envelope_blocker(self, i: int, code: str, need: Decimal) -> str | None:
        envelope = self.problem.envelopes[code]
        remaining = envelope.amount - self.totals.used.get(code, ZERO)
        if remaining >= need:
            return None
        self.binding_funders.add(code)
        c, fraction = self.problem.candidates[i], self.fractions[i]
        head = f"l'enveloppe {envelope.name} est épuisée (reste {format_eur(remaining)}"
        if fraction:
            return f"{head}, il faudrait {format_eur(need)} de plus pour financer la totalité)"
        if need == c.requested[code]:
            return f"{head} pour {format_eur(need)} demandés)"
        return (f"{head} pour au moins {format_eur(need)} nécessaires, "
                f"{format_pct(self.problem.min_fraction[i])} des "
                f"{format_eur(c.requested[code])} demandés)")

    def _pillar_blockers(self, c: Candidate, added: Decimal) -> list[str]:
        settings, totals = self.problem.settings, self.totals
        new_total, messages = totals.total + added, []
        high = settings.pillar_max_share.get(c.pillar)
        current = totals.pillar.get(c.pillar, ZERO)
        if high is not None and current + added > high * new_total:
            self.capped_pillars.add(c.pillar)
            name, cap = settings.pillar_name(c.pillar), format_pct(high)
            messages.append(
                f"plafond du pilier {name} atteint ({cap} du total proposé)"
                if current + CENT >= high * totals.total
                else f"le plafond du pilier {name} ({cap} du total proposé) serait dépassé"
            )
        for pillar, low in sorted(settings.pillar_min_share.items()):
            if pillar != c.pillar and low and totals.pillar.get(pillar, ZERO) < low * new_total:
                messages.append(f"le pilier {settings.pillar_name(pillar)} passerait sous sa "
                                f"part minimale ({format_pct(low)} du total proposé)")
        return messages

    def _cpo_blocker(self, c: Candidate, i: int, delta: dict[str, Decimal]) -> list[str]:
        floor = self.problem.settings.cpo_floor
        if floor is None or c.is_cpo or not floor.draws_on(delta):
            return []
        # By conventions, a dossier already retained (in part) is already counted.
        counted = floor.basis == "conventions" and self.fractions[i]
        added = ZERO if counted else floor.value(delta)
        if floor.met(self.totals.cpo_value, self.totals.floor_value + added):
            return []
        return [f"le plancher CPO ne serait plus respecté (au moins "
                f"{self.problem.floor_scope()} en CPO)"]
