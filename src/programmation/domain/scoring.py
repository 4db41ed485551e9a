"""The scoring grid, blind scoring and the spread between instructors.

Default grid: the six evaluation criteria of the 2015 contract, each scored 0-4
with a comment; the weighted total is expressed on 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean


@dataclass(eq=False)
class Criterion:
    code: str
    label: str
    weight: int = 1
    scale_max: int = 4
    guidance: str = ""
    position: int = 0
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Score:
    """One instructor's mark on one criterion of one dossier."""

    application: object
    person: object
    criterion: Criterion
    value: int
    comment: str = ""
    scored_at: datetime | None = None
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if not 0 <= self.value <= self.criterion.scale_max:
            raise ValueError(f"{self.criterion.label} : note entre 0 et "
                             f"{self.criterion.scale_max} attendue")


def default_grid() -> list[Criterion]:
    rows = [
        ("PERT", "Pertinence", "Répond à un besoin issu du diagnostic ou des tables citoyennes."),
        ("COHE", "Cohérence", "Cohérence avec le contrat de ville et les autres actions."),
        ("ENJE", "Respect des enjeux du contrat", "Inscrite dans un pilier prioritaire."),
        ("EFFI", "Efficacité", "Résultats attendus et indicateurs d'évaluation."),
        ("EFFN", "Efficience", "Coût par bénéficiaire ; rapport coût / résultat / durée."),
        ("PART", "Participation des habitants", "Habitants associés à la conception et à "
         "la réalisation."),
    ]
    return [Criterion(code, label, 1, 4, guidance, i) for i, (code, label, guidance) in
            enumerate(rows)]


def weighted_total(marks: dict[str, int], grid: list[Criterion]) -> Decimal:
    """Total on 100 of one instructor's marks (criterion code → value); all must be given."""
    missing = [c.label for c in grid if c.code not in marks]
    if missing:
        raise ValueError("critères non notés : " + ", ".join(missing))
    reached = sum(Decimal(marks[c.code]) * c.weight for c in grid)
    possible = sum(Decimal(c.scale_max) * c.weight for c in grid)
    return (reached * 100 / possible).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Consensus:
    """What the debate sees once an instructor has scored: each total, mean and spread."""

    totals: dict[str, Decimal]
    mean: Decimal | None
    spread: Decimal | None
    disagreement: bool


DISAGREEMENT_SPREAD = Decimal("15")  # points on 100 between the extreme totals


def consensus(totals: dict[str, Decimal]) -> Consensus:
    if not totals:
        return Consensus({}, None, None, False)
    values = list(totals.values())
    average = Decimal(str(mean(values))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    spread = max(values) - min(values)
    return Consensus(dict(totals), average, spread, spread >= DISAGREEMENT_SPREAD)


def visible_totals(totals_by_person: dict[object, Decimal], viewer: object) -> dict[object,
                                                                                    Decimal]:
    """Blind scoring: nobody sees the others' scores before saving their own."""
    if viewer not in totals_by_person:
        return {}
    return dict(totals_by_person)


def mark_errors(marks: dict[str, object], grid: list[Criterion]) -> list[str]:
    """Why one instructor's marks cannot be saved, criterion by criterion (empty if they can)."""
    errors = []
    for criterion in grid:
        value = marks.get(criterion.code)
        if value is None:
            errors.append(f"{criterion.label} : note manquante")
        elif (not isinstance(value, int) or isinstance(value, bool)
              or not 0 <= value <= criterion.scale_max):
            errors.append(f"{criterion.label} : note entre 0 et {criterion.scale_max} attendue "
                          f"(reçu « {value} »)")
    unknown = sorted(set(marks) - {c.code for c in grid})
    if unknown:
        errors.append("critères inconnus de la grille : " + ", ".join(unknown))
    return errors


MAX_SCALE = 20


def grid_errors(grid: list[Criterion]) -> list[str]:
    """Why a scoring grid cannot be used (empty if it can)."""
    if not grid:
        return ["la grille doit compter au moins un critère"]
    errors = []
    seen: set[str] = set()
    for number, criterion in enumerate(grid, 1):
        name = criterion.label.strip() or f"critère n° {number}"
        if not criterion.code.strip():
            errors.append(f"{name} : code manquant")
        elif criterion.code in seen:
            errors.append(f"{name} : le code « {criterion.code} » est déjà utilisé")
        seen.add(criterion.code)
        if not criterion.label.strip():
            errors.append(f"{name} : libellé manquant")
        if criterion.weight < 0:
            errors.append(f"{name} : le poids ne peut pas être négatif")
        if not 1 <= criterion.scale_max <= MAX_SCALE:
            errors.append(f"{name} : la note maximale doit être entre 1 et {MAX_SCALE}")
    if not errors and sum(c.weight for c in grid) == 0:
        errors.append("au moins un critère doit avoir un poids positif")
    return errors
