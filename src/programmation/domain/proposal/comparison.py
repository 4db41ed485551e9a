"""What the exact proposal gains over the greedy baseline, in French."""

from __future__ import annotations

from ..money import CENT
from .formatting import format_number, format_pct, plural
from .inputs import HUNDRED
from .results import Comparison, Proposal


def compare(optimal: Proposal, greedy: Proposal) -> Comparison:
    """What the exact proposal gains over the greedy baseline."""
    gain = optimal.objective - greedy.objective
    percent = (gain / greedy.objective * HUNDRED).quantize(CENT) if greedy.objective else None
    ours, theirs = set(optimal.selected_ids), set(greedy.selected_ids)
    only_optimal = tuple(sorted(ours - theirs))
    only_greedy = tuple(sorted(theirs - ours))
    if gain > 0:
        extra = f" (+{format_pct(percent / HUNDRED)})" if percent is not None else ""
        message = (f"La proposition optimale gagne {format_number(gain)} points de score "
                   f"pondéré{extra} sur la méthode gloutonne : "
                   f"{plural(len(only_optimal), 'dossier', 'dossiers')} en plus, "
                   f"{plural(len(only_greedy), 'dossier', 'dossiers')} en moins.")
    elif gain == 0:
        message = "La méthode gloutonne atteint ici le même score pondéré que l'optimisation."
    else:
        why = ("la recherche exacte a été arrêtée par la limite de temps"
               if optimal.status == "time_limit"
               else "elle ne respecte pas toutes les règles de la proposition")
        message = (f"La méthode gloutonne obtient {format_number(-gain)} points de plus, "
                   f"mais {why}.")
    return Comparison(optimal.objective, greedy.objective, gain, percent,
                      only_optimal, only_greedy, message)
