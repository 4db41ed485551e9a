"""``programmation propose``: the exact programme proposal of a year, beside the greedy one."""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation

from .common import add_db_argument, open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "propose", help="proposer une programmation pour une année (optimisation exacte)",
        description="Calcule la proposition de programmation qui respecte toutes les "
        "enveloppes et maximise le score pondéré des dossiers instruits de l'année, et la "
        "compare à la méthode gloutonne (par score décroissant). N'écrit rien dans la base.",
    )
    add_db_argument(parser)
    parser.add_argument("--year", type=int, required=True, metavar="ANNÉE",
                        help="année de programmation")
    parser.add_argument("--json", action="store_true", help="sortie JSON (montants en texte)")
    parser.add_argument("--poids-priorites", default="1", metavar="POIDS",
                        help="poids des piliers prioritaires dans le score (défaut : 1)")
    parser.add_argument("--part-minimale", default="100", metavar="POURCENT",
                        help="part minimale de la demande financée si un dossier est retenu "
                        "(défaut : 100, tout ou rien)")
    parser.add_argument("--sans-plancher-cpo", action="store_true",
                        help="ne pas imposer le plancher des CPO sur les crédits de l'État")
    parser.add_argument("--pilier-min", action="append", default=[], metavar="CODE=POURCENT",
                        help="part minimale d'un pilier dans le total proposé (répétable)")
    parser.add_argument("--pilier-max", action="append", default=[], metavar="CODE=POURCENT",
                        help="part maximale d'un pilier dans le total proposé (répétable)")
    parser.set_defaults(handler=run)


def _decimal(text: str, what: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ".").strip())
    except InvalidOperation:
        raise ValueError(f"{what} : « {text} » n'est pas un nombre") from None


def _shares(values: list[str], option: str) -> dict[str, Decimal]:
    shares = {}
    for value in values:
        code, sep, percent = value.partition("=")
        if not sep or not code.strip():
            raise ValueError(f"{option} : « {value} » attendu sous la forme CODE=POURCENT")
        shares[code.strip()] = _decimal(percent, option) / 100
    return shares


def run(args) -> int:
    from ..services.errors import ServiceError
    from ..services.proposal import ProposeOptions, propose

    options = ProposeOptions(
        args.year, _decimal(args.poids_priorites, "--poids-priorites"),
        _decimal(args.part_minimale, "--part-minimale") / 100, not args.sans_plancher_cpo,
        pillar_min_share=_shares(args.pilier_min, "--pilier-min"),
        pillar_max_share=_shares(args.pilier_max, "--pilier-max"))
    database = open_database(args.sub_db, create=False)
    try:
        outcome = propose(database, options)
    except ServiceError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    finally:
        database.dispose()
    if args.json:
        print(json.dumps(as_json(outcome), ensure_ascii=False, indent=2))
    else:
        print("\n".join(as_text(outcome)))
    return 0


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def as_json(outcome) -> dict:
    best, greedy = outcome.proposal, outcome.greedy
    chosen_by_greedy = set(greedy.selected_ids)
    return {
        "year": outcome.year, "status": best.status, "message": best.message,
        "objective": str(best.objective), "seconds": round(best.seconds, 3),
        "greedy": {"objective": str(greedy.objective), "message": greedy.message,
                   "selected": [outcome.dossiers[i].reference for i in greedy.selected_ids]},
        "comparison": {"gain": str(outcome.comparison.gain),
                       "gain_percent": None if outcome.comparison.gain_percent is None
                       else str(outcome.comparison.gain_percent),
                       "message": outcome.comparison.message},
        "dossiers": [{
            "id": line.dossier_id, "reference": outcome.dossiers[line.dossier_id].reference,
            "title": outcome.dossiers[line.dossier_id].title,
            "pillar": outcome.dossiers[line.dossier_id].pillar, "score": str(line.score),
            "selected": line.selected, "selected_by_greedy": line.dossier_id in chosen_by_greedy,
            "fraction": str(line.fraction), "total": _money(line.total),
            "amounts": {code: _money(amount) for code, amount in line.amounts.items()},
            "reason": line.reason,
        } for line in best.lines],
        "envelopes": [{"funder": use.funder_code, "label": use.label,
                       "envelope": _money(use.total), "requested": _money(use.requested),
                       "proposed": _money(use.used), "left": _money(use.remaining),
                       "binding": use.binding} for use in best.envelopes],
        "cpo_floor": None if best.cpo_floor is None else {
            "funder": best.cpo_floor.funder_code, "basis": best.cpo_floor.basis,
            "required": str(best.cpo_floor.required),
            "achieved": None if best.cpo_floor.achieved is None
            else str(best.cpo_floor.achieved), "met": best.cpo_floor.met},
        "not_candidates": [{"reference": ref, "why": why} for ref, why in outcome.skipped],
        "notes": list(outcome.notes),
    }


def as_text(outcome) -> list[str]:
    from ..domain.money import format_eur

    best = outcome.proposal
    lines = [f"Proposition de programmation {outcome.year}", best.message,
             outcome.comparison.message, "", "Dossiers :"]
    greedy = set(outcome.greedy.selected_ids)
    for line in sorted(best.lines, key=lambda li: (not li.selected, -li.score)):
        label = outcome.dossiers[line.dossier_id]
        mark = "RETENU" if line.selected else "écarté"
        both = " (aussi retenu par la méthode gloutonne)" if line.dossier_id in greedy else ""
        lines.append(f"  [{mark}] {label.reference} — {label.title} — score "
                     f"{str(line.score).replace('.', ',')}/100 — {label.pillar}{both}")
        if line.selected:
            lines.append("      " + " · ".join(f"{code} {format_eur(amount)}"
                                               for code, amount in line.amounts.items())
                         + f" = {format_eur(line.total)}")
        lines.append(f"      {line.reason}")
    lines += ["", "Enveloppes (AAP + AMI + CPO de l'année) :"]
    lines += [f"  {use.label} : enveloppe {format_eur(use.total)}, proposé "
              f"{format_eur(use.used)}, reste {format_eur(use.remaining)}"
              + (" — contrainte saturée" if use.binding else "") for use in best.envelopes]
    if outcome.skipped:
        lines += ["", "Dossiers hors proposition :"]
        lines += [f"  {ref} : {why}" for ref, why in outcome.skipped]
    lines += [f"Note : {note}" for note in outcome.notes]
    return lines
