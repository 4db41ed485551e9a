"""La proposition de programmation: which dossiers to fund, and how much.

Given scored dossiers (candidates) and each funder's envelope for the year,
propose the programme that maximises the total weighted score while fitting
every envelope, the optional pillar shares and the CPO floor. It is a
mixed-integer linear programme, solved exactly with HiGHS; the result is then
recomputed in Decimal from the inputs (never from the solver's floats) and
explained line by line in French.

Model (per dossier i a binary x_i; a continuous fraction f_i when the dossier
may be partly funded, otherwise f_i is x_i itself)::

    maximise   sum_i weight(pillar_i) * score_i * f_i
    subject to sum_i requested_ij * f_i <= envelope_j              each funder j
               min_share_i * x_i <= f_i <= x_i                     partial dossiers
               min_p * T <= sum_{i in p} R_i * f_i <= max_p * T    each pillar p
               CPO floor on one funder k, by money or by conventions
    where R_i is the dossier's total request and T = sum_i R_i * f_i.

The share rules are proportional, so funding nothing always satisfies them: a
rule that can only be met by leaving a funder or a pillar empty is reported
as infeasible before solving, with a French message.

Amounts are the requested amounts times the fraction (4 decimals), rounded
half-up to the cent; fractions are trimmed so that no envelope is exceeded by
a single cent. Envelopes hold exactly; with partial funding, pillar shares
and the CPO floor hold up to that rounding (a few cents per partial line).
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Literal

Status = Literal["optimal", "time_limit", "infeasible", "heuristic"]
Method = Literal["milp", "greedy"]
Basis = Literal["money", "conventions"]

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
FRACTION_STEP = Decimal("0.0001")
_HUNDRED = Decimal(100)
_NNBSP = "\u202f"  # thousands separator
_NBSP = "\u00a0"  # before € and %


class ProposalError(RuntimeError):
    """The solver failed for a reason other than infeasibility (French message)."""


# --------------------------------------------------------------------- inputs


def _as_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what} : valeur non finie ({value})")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"{what} doit être un Decimal, pas un {type(value).__name__}")


def _as_amount(value: object, what: str) -> Decimal:
    amount = _as_decimal(value, what)
    if amount != amount.quantize(CENT):
        raise ValueError(f"{what} doit être au centime près (reçu {amount})")
    return amount


def _as_share(value: object, what: str) -> Decimal:
    share = _as_decimal(value, what)
    if not ZERO <= share <= ONE:
        raise ValueError(f"{what} doit être comprise entre 0 et 1 (reçu {share})")
    return share


@dataclass(frozen=True)
class Candidate:
    """A dossier competing for the year's envelopes.

    ``requested`` maps a funder code to the (positive) amount asked of that
    funder for the year. With ``min_share`` below 1 the dossier may be funded
    at a fraction in [min_share, 1] applied to all its lines alike, or not at all.
    """

    dossier_id: int
    label: str
    pillar: str
    score: Decimal
    requested: Mapping[str, Decimal]
    is_cpo: bool = False
    min_share: Decimal = ONE

    def __post_init__(self) -> None:
        score = _as_decimal(self.score, "Le score")
        if not ZERO <= score <= _HUNDRED:
            raise ValueError(f"le score du dossier {self.label} doit être entre 0 et 100")
        requested: dict[str, Decimal] = {}
        for code, value in self.requested.items():
            amount = _as_amount(value, f"Le montant demandé à {code}")
            if amount <= 0:
                raise ValueError(f"le montant demandé à {code} par {self.label} doit être positif")
            requested[code] = amount.quantize(CENT)
        min_share = _as_share(self.min_share, "La part minimale de financement")
        if min_share == 0:
            raise ValueError(f"la part minimale de financement de {self.label} doit être positive")
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "requested", requested)
        object.__setattr__(self, "min_share", min_share)

    @property
    def total_requested(self) -> Decimal:
        return sum(self.requested.values(), ZERO)


@dataclass(frozen=True)
class Envelope:
    """Money a funder makes available for the year."""

    funder_code: str
    amount: Decimal
    label: str = ""

    def __post_init__(self) -> None:
        amount = _as_amount(self.amount, f"L'enveloppe {self.funder_code}")
        if amount < 0:
            raise ValueError(f"l'enveloppe {self.funder_code} ne peut pas être négative")
        object.__setattr__(self, "amount", amount.quantize(CENT))

    @property
    def name(self) -> str:
        return self.label or self.funder_code


@dataclass(frozen=True)
class CpoFloor:
    """CPO dossiers must take at least ``share`` of one funder's proposed money
    (basis "money") or of the dossiers it funds (basis "conventions")."""

    funder_code: str
    share: Decimal = Decimal("0.5")
    basis: Basis = "money"

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", _as_share(self.share, "La part plancher des CPO"))
        if self.basis not in ("money", "conventions"):
            raise ValueError(f"base du plancher CPO inconnue : {self.basis}")


@dataclass(frozen=True)
class ProposalSettings:
    """Weights and rules of the proposal; shares are ratios of the total proposed."""

    pillar_weights: Mapping[str, Decimal] = field(default_factory=dict)
    pillar_min_share: Mapping[str, Decimal] = field(default_factory=dict)
    pillar_max_share: Mapping[str, Decimal] = field(default_factory=dict)
    cpo_floor: CpoFloor | None = None
    time_limit: float = 10.0
    pillar_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        weights = {p: _as_decimal(w, f"Le poids du pilier {p}")
                   for p, w in self.pillar_weights.items()}
        if any(w < 0 for w in weights.values()):
            raise ValueError("le poids d'un pilier ne peut pas être négatif")
        lows = {p: _as_share(s, f"La part minimale du pilier {p}")
                for p, s in self.pillar_min_share.items()}
        highs = {p: _as_share(s, f"La part maximale du pilier {p}")
                 for p, s in self.pillar_max_share.items()}
        if not self.time_limit > 0:
            raise ValueError("la limite de temps doit être positive")
        object.__setattr__(self, "pillar_weights", weights)
        object.__setattr__(self, "pillar_min_share", lows)
        object.__setattr__(self, "pillar_max_share", highs)
        object.__setattr__(self, "pillar_labels", dict(self.pillar_labels))

    def weight(self, pillar: str) -> Decimal:
        return self.pillar_weights.get(pillar, ONE)

    def pillar_name(self, pillar: str) -> str:
        return self.pillar_labels.get(pillar, pillar)


# -------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class ProposalLine:
    """One dossier in the proposal, with the reason it is in or out."""

    dossier_id: int
    label: str
    pillar: str
    score: Decimal
    weighted_score: Decimal
    selected: bool
    fraction: Decimal
    amounts: Mapping[str, Decimal]
    reason: str

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass(frozen=True)
class EnvelopeUse:
    """An envelope against what the proposal consumes."""

    funder_code: str
    label: str
    total: Decimal
    requested: Decimal
    used: Decimal
    remaining: Decimal
    binding: bool


@dataclass(frozen=True)
class PillarUse:
    pillar: str
    label: str
    amount: Decimal
    share: Decimal | None
    min_share: Decimal | None
    max_share: Decimal | None
    selected: int
    candidates: int
    cap_binding: bool


@dataclass(frozen=True)
class CpoFloorUse:
    """The CPO share on the floor's funder: money, or number of conventions."""

    funder_code: str
    label: str
    basis: Basis
    required: Decimal
    cpo_value: Decimal
    total_value: Decimal
    achieved: Decimal | None
    met: bool


@dataclass(frozen=True)
class Proposal:
    status: Status
    method: Method
    objective: Decimal
    lines: tuple[ProposalLine, ...]
    envelopes: tuple[EnvelopeUse, ...]
    pillars: tuple[PillarUse, ...]
    cpo_floor: CpoFloorUse | None
    message: str
    seconds: float
    gap: float | None = None

    def line(self, dossier_id: int) -> ProposalLine:
        for line in self.lines:
            if line.dossier_id == dossier_id:
                return line
        raise KeyError(dossier_id)

    @property
    def selected_ids(self) -> tuple[int, ...]:
        return tuple(line.dossier_id for line in self.lines if line.selected)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)


@dataclass(frozen=True)
class Comparison:
    optimal_objective: Decimal
    greedy_objective: Decimal
    gain: Decimal
    gain_percent: Decimal | None
    only_optimal: tuple[int, ...]
    only_greedy: tuple[int, ...]
    message: str


# ----------------------------------------------------------------- formatting


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return _NNBSP.join(parts)


def _format_eur(amount: Decimal) -> str:
    """French euro amount: ``1 234,50 €`` (U+202F thousands, U+00A0 before €)."""
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    units, _, decimals = f"{abs(cents):f}".partition(".")
    return f"{sign}{_group(units)},{decimals}{_NBSP}€"


def _format_number(value: Decimal, places: str = "0.01") -> str:
    """French number without useless trailing zeros: ``3 120,5``."""
    rounded = value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    units, _, decimals = f"{abs(rounded):f}".partition(".")
    decimals = decimals.rstrip("0")
    return f"{sign}{_group(units)}" + (f",{decimals}" if decimals else "")


def _format_pct(ratio: Decimal) -> str:
    return f"{_format_number(ratio * _HUNDRED)}{_NBSP}%"


# ------------------------------------------------------------ problem set-up


@dataclass
class _Problem:
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


def _build_problem(
    candidates: Iterable[Candidate], envelopes: Iterable[Envelope], settings: ProposalSettings
) -> _Problem:
    cands = tuple(candidates)
    if len({c.dossier_id for c in cands}) != len(cands):
        raise ValueError("un même dossier figure deux fois parmi les candidats")
    by_code: dict[str, Envelope] = {}
    for envelope in envelopes:
        if envelope.funder_code in by_code:
            raise ValueError(f"deux enveloppes pour le financeur {envelope.funder_code}")
        by_code[envelope.funder_code] = envelope
    problem = _Problem(
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


def _exclusion_reasons(problem: _Problem, c: Candidate, min_fraction: Decimal) -> list[str]:
    """Why a dossier cannot be funded whatever the others do (empty if it can)."""
    if not c.requested:
        return ["aucun montant n'est demandé aux financeurs"]
    reasons = []
    for code, requested in sorted(c.requested.items()):
        envelope = problem.envelopes.get(code)
        if envelope is None:
            reasons.append(
                f"aucune enveloppe {code} n'est ouverte pour les {_format_eur(requested)} demandés"
            )
            continue
        need = _line_amount(requested, min_fraction)
        if need > envelope.amount and min_fraction == ONE:
            reasons.append(
                f"la demande de {_format_eur(requested)} à {envelope.name} dépasse "
                f"l'enveloppe entière ({_format_eur(envelope.amount)})"
            )
        elif need > envelope.amount:
            reasons.append(
                f"même à {_format_pct(min_fraction)}, la demande à {envelope.name} "
                f"({_format_eur(need)}) dépasse l'enveloppe entière "
                f"({_format_eur(envelope.amount)})"
            )
    return reasons


def _impossible_rules(problem: _Problem) -> list[str]:
    """Rules that only an empty funder or pillar could satisfy, in French."""
    settings = problem.settings
    messages = []
    lows, highs = settings.pillar_min_share, settings.pillar_max_share
    for pillar in sorted(set(lows) & set(highs)):
        if lows[pillar] > highs[pillar]:
            messages.append(
                f"la part minimale du pilier {settings.pillar_name(pillar)} "
                f"({_format_pct(lows[pillar])}) dépasse sa part maximale "
                f"({_format_pct(highs[pillar])})"
            )
    if sum(lows.values(), ZERO) > ONE:
        messages.append(
            f"les parts minimales des piliers totalisent {_format_pct(sum(lows.values(), ZERO))}"
        )
    eligible = [problem.candidates[i] for i in problem.eligible]
    pillars = {c.pillar for c in eligible}
    for pillar, low in sorted(lows.items()):
        if eligible and low > 0 and pillar not in pillars:
            messages.append(
                f"le pilier {settings.pillar_name(pillar)} doit recevoir au moins "
                f"{_format_pct(low)} du total proposé, mais aucun dossier recevable n'en relève"
            )
    floor = settings.cpo_floor
    if floor is not None and floor.share > 0:
        drawing = [c for c in eligible if floor.funder_code in c.requested]
        if drawing and not any(c.is_cpo for c in drawing):
            messages.append(
                f"le plancher CPO ({_format_pct(floor.share)} de l'enveloppe "
                f"{problem.name(floor.funder_code)}) ne peut pas être atteint : "
                "aucun dossier CPO recevable ne sollicite ce financeur"
            )
    return messages


# -------------------------------------------------------------- the MILP model


@dataclass
class _Model:
    cost: list[float]
    upper: list[float]
    integer: list[bool]
    frac_col: dict[int, int]
    bin_col: dict[int, int]
    rows: list[tuple[list[int], list[float], float, float]]


def _build_model(problem: _Problem) -> _Model:
    model = _Model([], [], [], {}, {}, [])
    inf = math.inf
    for i in problem.eligible:
        model.frac_col[i] = len(model.cost)
        model.cost.append(float(problem.weighted[i]))
        model.upper.append(1.0)
        model.integer.append(problem.min_fraction[i] == ONE)
        if problem.min_fraction[i] == ONE:
            model.bin_col[i] = model.frac_col[i]
            continue
        model.bin_col[i] = len(model.cost)
        model.cost.append(0.0)
        model.upper.append(1.0)
        model.integer.append(True)
        f, x = model.frac_col[i], model.bin_col[i]
        model.rows.append(([f, x], [1.0, -1.0], -inf, 0.0))
        model.rows.append(([f, x], [1.0, -float(problem.min_fraction[i])], 0.0, inf))
    _add_envelope_rows(problem, model)
    _add_pillar_rows(problem, model)
    _add_cpo_row(problem, model)
    return model


def _add_envelope_rows(problem: _Problem, model: _Model) -> None:
    for code, envelope in sorted(problem.envelopes.items()):
        users = [i for i in problem.eligible if code in problem.candidates[i].requested]
        if users:
            model.rows.append((
                [model.frac_col[i] for i in users],
                [float(problem.candidates[i].requested[code]) for i in users],
                -math.inf,
                float(envelope.amount),
            ))


def _add_pillar_rows(problem: _Problem, model: _Model) -> None:
    settings = problem.settings
    bounds = [(p, s, 0.0, math.inf) for p, s in sorted(settings.pillar_min_share.items()) if s > 0]
    bounds += [(p, s, -math.inf, 0.0) for p, s in sorted(settings.pillar_max_share.items())]
    for pillar, share, low, high in bounds:
        cols, values = [], []
        for i in problem.eligible:
            c = problem.candidates[i]
            coefficient = ((ONE if c.pillar == pillar else ZERO) - share) * c.total_requested
            if coefficient:
                cols.append(model.frac_col[i])
                values.append(float(coefficient))
        if cols:
            model.rows.append((cols, values, low, high))


def _add_cpo_row(problem: _Problem, model: _Model) -> None:
    floor = problem.settings.cpo_floor
    if floor is None or floor.share == 0:
        return
    cols, values = [], []
    for i in problem.eligible:
        c = problem.candidates[i]
        if floor.funder_code not in c.requested:
            continue
        side = (ONE if c.is_cpo else ZERO) - floor.share
        if floor.basis == "money":
            cols.append(model.frac_col[i])
            values.append(float(side * c.requested[floor.funder_code]))
        else:
            cols.append(model.bin_col[i])
            values.append(float(side))
    if cols:
        model.rows.append((cols, values, 0.0, math.inf))


@dataclass
class _Solved:
    status: Status
    values: list[float] | None
    gap: float | None


def _run_highs(model: _Model, time_limit: float, start: list[float] | None) -> _Solved:
    import highspy  # lazy: importing this module must stay cheap
    import numpy as np

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(model.cost), len(model.rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.array(model.cost)
    lp.col_lower_ = np.zeros(len(model.cost))
    lp.col_upper_ = np.array(model.upper)
    lp.row_lower_ = np.array([row[2] for row in model.rows])
    lp.row_upper_ = np.array([row[3] for row in model.rows])
    starts = np.cumsum([0] + [len(row[0]) for row in model.rows])
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kRowwise
    matrix.num_col_, matrix.num_row_ = lp.num_col_, lp.num_row_
    matrix.start_ = starts.astype(np.int32)
    matrix.index_ = np.array([j for row in model.rows for j in row[0]], dtype=np.int32)
    matrix.value_ = np.array([v for row in model.rows for v in row[1]], dtype=np.float64)
    kinds = highspy.HighsVarType
    lp.integrality_ = [kinds.kInteger if flag else kinds.kContinuous for flag in model.integer]

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("time_limit", float(time_limit))
    if highs.passModel(lp) == highspy.HighsStatus.kError:
        raise ProposalError("le modèle d'optimisation n'a pas pu être chargé dans HiGHS")
    if start is not None:
        highs.setSolution(len(start), np.arange(len(start), dtype=np.int32), np.array(start))
    highs.run()
    status, info = highs.getModelStatus(), highs.getInfo()
    found = info.primal_solution_status == 2  # kSolutionStatusFeasible
    values = list(highs.getSolution().col_value) if found else None
    gap = float(info.mip_gap) if found else None
    codes = highspy.HighsModelStatus
    if status == codes.kOptimal:
        return _Solved("optimal", values, gap)
    if status in (codes.kInfeasible, codes.kUnboundedOrInfeasible):
        return _Solved("infeasible", None, None)
    if status in (codes.kTimeLimit, codes.kInterrupt, codes.kIterationLimit,
                  codes.kSolutionLimit, codes.kMemoryLimit):
        return _Solved("time_limit", values, gap)
    raise ProposalError(f"le solveur HiGHS s'est arrêté sans solution ({status.name})")


def _fractions_from(problem: _Problem, model: _Model, values: list[float]) -> list[Decimal]:
    """Exact fractions (4 decimals) from the solver's floats."""
    fractions = [ZERO] * len(problem.candidates)
    for i in problem.eligible:
        if values[model.bin_col[i]] < 0.5:
            continue
        if model.bin_col[i] == model.frac_col[i]:
            fractions[i] = ONE
            continue
        raw = Decimal(values[model.frac_col[i]]).quantize(FRACTION_STEP, rounding=ROUND_HALF_UP)
        fractions[i] = min(ONE, max(problem.min_fraction[i], raw))
    return fractions


# --------------------------------------------------------- exact arithmetic


def _line_amount(requested: Decimal, fraction: Decimal) -> Decimal:
    return (requested * fraction).quantize(CENT, rounding=ROUND_HALF_UP)


def _amounts(c: Candidate, fraction: Decimal) -> dict[str, Decimal]:
    if not fraction:
        return {}
    return {code: _line_amount(r, fraction) for code, r in sorted(c.requested.items())}


def _used(problem: _Problem, fractions: list[Decimal], code: str) -> Decimal:
    return sum(
        (_line_amount(c.requested[code], f)
         for c, f in zip(problem.candidates, fractions, strict=True)
         if f and code in c.requested),
        ZERO,
    )


def _fit_envelopes(problem: _Problem, fractions: list[Decimal]) -> list[str]:
    """Trim partial fractions (or, as a last resort, drop a line) so that every
    envelope holds to the cent; returns French notes for any dropped line."""
    notes = []
    for code, envelope in sorted(problem.envelopes.items()):
        while (over := _used(problem, fractions, code) - envelope.amount) > 0:
            users = [i for i, f in enumerate(fractions)
                     if f and code in problem.candidates[i].requested]
            trimmable = [i for i in users if fractions[i] > problem.min_fraction[i]]
            if trimmable:
                i = max(trimmable, key=lambda k: (problem.candidates[k].requested[code], -k))
                step = over / (problem.candidates[i].requested[code] * FRACTION_STEP)
                lowered = fractions[i] - FRACTION_STEP * max(1, math.ceil(step))
                fractions[i] = max(problem.min_fraction[i], lowered)
            else:
                i = min(users, key=lambda k: (problem.weighted[k], -k))
                fractions[i] = ZERO
                notes.append(
                    f"{problem.candidates[i].label} retiré pour tenir l'enveloppe "
                    f"{envelope.name} au centime près"
                )
    return notes


@dataclass
class _Totals:
    amounts: list[dict[str, Decimal]]
    used: dict[str, Decimal]
    pillar: dict[str, Decimal]
    total: Decimal
    cpo_value: Decimal
    floor_value: Decimal


def _totals(problem: _Problem, fractions: list[Decimal]) -> _Totals:
    amounts = [_amounts(c, f) for c, f in zip(problem.candidates, fractions, strict=True)]
    totals = _Totals(amounts, {code: ZERO for code in problem.envelopes}, {}, ZERO, ZERO, ZERO)
    floor = problem.settings.cpo_floor
    for c, lines in zip(problem.candidates, amounts, strict=True):
        if not lines:
            continue
        line_total = sum(lines.values(), ZERO)
        for code, amount in lines.items():
            totals.used[code] = totals.used.get(code, ZERO) + amount
        totals.pillar[c.pillar] = totals.pillar.get(c.pillar, ZERO) + line_total
        totals.total += line_total
        if floor is not None and floor.funder_code in lines:
            value = lines[floor.funder_code] if floor.basis == "money" else ONE
            totals.floor_value += value
            totals.cpo_value += value if c.is_cpo else ZERO
    return totals


def _rounding_tolerance(problem: _Problem, fractions: list[Decimal]) -> Decimal:
    """How far rounding partial fractions to 4 decimals and amounts to the
    cent may move a share rule (zero when every line is funded in full)."""
    return sum(
        (c.total_requested * 2 * FRACTION_STEP + CENT * len(c.requested)
         for c, f in zip(problem.candidates, fractions, strict=True) if ZERO < f < ONE),
        ZERO,
    )


def _rule_breaches(problem: _Problem, totals: _Totals, tolerance: Decimal) -> list[str]:
    """Pillar shares and CPO floor not met by an allocation, in French."""
    settings, breaches = problem.settings, []
    for pillar, high in sorted(settings.pillar_max_share.items()):
        if totals.pillar.get(pillar, ZERO) > high * totals.total + tolerance:
            breaches.append(f"le pilier {settings.pillar_name(pillar)} dépasse son plafond "
                            f"de {_format_pct(high)} du total proposé")
    for pillar, low in sorted(settings.pillar_min_share.items()):
        if totals.pillar.get(pillar, ZERO) < low * totals.total - tolerance:
            breaches.append(f"le pilier {settings.pillar_name(pillar)} reste sous sa part "
                            f"minimale de {_format_pct(low)} du total proposé")
    floor = settings.cpo_floor
    slack = tolerance if floor is not None and floor.basis == "money" else ZERO
    if floor is not None and totals.cpo_value < floor.share * totals.floor_value - slack:
        breaches.append(f"le plancher CPO ({_format_pct(floor.share)} de l'enveloppe "
                        f"{problem.name(floor.funder_code)}) n'est pas respecté")
    return breaches


# ------------------------------------------------------------- explanations


def _format_score(score: Decimal) -> str:
    return f"{_format_number(score)}/100"


class _Explainer:
    """Builds each line's French reason by asking, for a dossier not fully
    funded, which rule adding it (or the rest of it) would break."""

    def __init__(self, problem: _Problem, fractions: list[Decimal], totals: _Totals,
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
            return f"Retenu partiellement à {_format_pct(fraction)} : " + " ; ".join(parts) + "."
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
        return f"score {_format_score(c.score)}, rang {rank} sur {len(scores)} du pilier {pillar}"

    def _comparison(self, i: int, blocking: list[str]) -> list[str]:
        """Set the dossier against those retained in its pillar or on its envelopes."""
        c, weighted = self.problem.candidates[i], self.problem.weighted[i]
        lowest = self.lowest_retained.get(c.pillar)
        if lowest is not None and c.score < lowest:
            return [f"score {_format_score(c.score)} plus faible que les dossiers retenus "
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
        before, after = self.totals.amounts[i], _amounts(c, target)
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
        head = f"l'enveloppe {envelope.name} est épuisée (reste {_format_eur(remaining)}"
        if fraction:
            return f"{head}, il faudrait {_format_eur(need)} de plus pour financer la totalité)"
        if need == c.requested[code]:
            return f"{head} pour {_format_eur(need)} demandés)"
        return (f"{head} pour au moins {_format_eur(need)} nécessaires, "
                f"{_format_pct(self.problem.min_fraction[i])} des "
                f"{_format_eur(c.requested[code])} demandés)")

    def _pillar_blockers(self, c: Candidate, added: Decimal) -> list[str]:
        settings, totals = self.problem.settings, self.totals
        new_total, messages = totals.total + added, []
        high = settings.pillar_max_share.get(c.pillar)
        current = totals.pillar.get(c.pillar, ZERO)
        if high is not None and current + added > high * new_total:
            self.capped_pillars.add(c.pillar)
            name, cap = settings.pillar_name(c.pillar), _format_pct(high)
            messages.append(
                f"plafond du pilier {name} atteint ({cap} du total proposé)"
                if current + CENT >= high * totals.total
                else f"le plafond du pilier {name} ({cap} du total proposé) serait dépassé"
            )
        for pillar, low in sorted(settings.pillar_min_share.items()):
            if pillar != c.pillar and low and totals.pillar.get(pillar, ZERO) < low * new_total:
                messages.append(f"le pilier {settings.pillar_name(pillar)} passerait sous sa "
                                f"part minimale ({_format_pct(low)} du total proposé)")
        return messages

    def _cpo_blocker(self, c: Candidate, i: int, delta: dict[str, Decimal]) -> list[str]:
        floor = self.problem.settings.cpo_floor
        if floor is None or c.is_cpo or floor.funder_code not in delta:
            return []
        if floor.basis == "money":
            added = delta[floor.funder_code]
        else:
            added = ZERO if self.fractions[i] else ONE
        if self.totals.cpo_value >= floor.share * (self.totals.floor_value + added):
            return []
        what = "des montants" if floor.basis == "money" else "des conventions"
        return [f"le plancher CPO ne serait plus respecté (au moins {_format_pct(floor.share)} "
                f"{what} de l'enveloppe {self.problem.name(floor.funder_code)})"]


# ----------------------------------------------------------------- assembly


def _assemble(problem: _Problem, fractions: list[Decimal], status: Status, method: Method,
              started: float, gap: float | None = None, notes: Sequence[str] = ()) -> Proposal:
    totals = _totals(problem, fractions)
    explainer = _Explainer(problem, fractions, totals, status, method)
    lines = tuple(
        ProposalLine(
            dossier_id=c.dossier_id, label=c.label, pillar=c.pillar, score=c.score,
            weighted_score=problem.weighted[i], selected=bool(fractions[i]),
            fraction=fractions[i].quantize(FRACTION_STEP), amounts=totals.amounts[i],
            reason=explainer.reason(i),
        )
        for i, c in enumerate(problem.candidates)
    )
    objective = sum((w * f for w, f in zip(problem.weighted, fractions, strict=True)), ZERO)
    breaches = _rule_breaches(problem, totals, _rounding_tolerance(problem, fractions))
    return Proposal(
        status=status, method=method, objective=objective, lines=lines,
        envelopes=_envelope_uses(problem, totals, explainer.binding_funders),
        pillars=_pillar_uses(problem, totals, lines, explainer.capped_pillars),
        cpo_floor=_cpo_floor_use(problem, totals),
        message=_summary(problem, lines, objective, status, method, gap, [*notes, *breaches]),
        seconds=time.perf_counter() - started, gap=gap,
    )


def _envelope_uses(
    problem: _Problem, totals: _Totals, binding: set[str]
) -> tuple[EnvelopeUse, ...]:
    uses = []
    for code, envelope in sorted(problem.envelopes.items()):
        requested = sum(
(c.requested.get(code, ZERO) for c in problem.candidates), ZERO
        )
        used = totals.used.get(code, ZERO)
        uses.append(EnvelopeUse(code, envelope.name, envelope.amount, requested, used,
                                envelope.amount - used, code in binding))
    return tuple(uses)


def _pillar_uses(problem: _Problem, totals: _Totals, lines: tuple[ProposalLine, ...],
                 capped: set[str]) -> tuple[PillarUse, ...]:
    settings, uses = problem.settings, []
    pillars = dict.fromkeys(c.pillar for c in problem.candidates)
    for pillar in (*pillars, *sorted(set(settings.pillar_min_share) - set(pillars))):
        amount = totals.pillar.get(pillar, ZERO)
        share = (amount / totals.total).quantize(FRACTION_STEP) if totals.total else None
        uses.append(PillarUse(
            pillar=pillar, label=settings.pillar_name(pillar), amount=amount, share=share,
            min_share=settings.pillar_min_share.get(pillar),
            max_share=settings.pillar_max_share.get(pillar),
            selected=sum(1 for line in lines if line.pillar == pillar and line.selected),
            candidates=sum(1 for line in lines if line.pillar == pillar),
            cap_binding=pillar in capped,
        ))
    return tuple(uses)


def _cpo_floor_use(problem: _Problem, totals: _Totals) -> CpoFloorUse | None:
    floor = problem.settings.cpo_floor
    if floor is None:
        return None
    achieved = None
    if totals.floor_value:
        achieved = (totals.cpo_value / totals.floor_value).quantize(FRACTION_STEP)
    return CpoFloorUse(
        funder_code=floor.funder_code, label=problem.name(floor.funder_code), basis=floor.basis,
        required=floor.share, cpo_value=totals.cpo_value, total_value=totals.floor_value,
        achieved=achieved, met=totals.cpo_value >= floor.share * totals.floor_value,
    )


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count < 2 else plural}"


def _summary(problem: _Problem, lines: tuple[ProposalLine, ...], objective: Decimal,
             status: Status, method: Method, gap: float | None, warnings: Sequence[str]) -> str:
    selected = [line for line in lines if line.selected]
    partial = sum(1 for line in selected if line.fraction < ONE)
    body = (
        f"{_plural(len(selected), 'dossier retenu', 'dossiers retenus')} sur {len(lines)}"
        + (f" (dont {partial} partiellement)" if partial else "")
        + f", {_format_eur(sum((line.total for line in selected), ZERO))} proposés, "
        f"score pondéré {_format_number(objective)}"
    )
    if method == "greedy":
        head = ("Proposition gloutonne (par score pondéré décroissant, chaque dossier pris "
                "s'il tient entièrement dans ses enveloppes) : ")
    elif status == "optimal":
        head = "Proposition optimale : "
    else:
        limit = _format_number(Decimal(str(problem.settings.time_limit)))
        bound = ""
        if gap is not None and math.isfinite(gap):
            bound = f", à au plus {_format_pct(Decimal(repr(gap)))} de l'optimum"
        head = (f"Limite de temps de {limit}{_NBSP}s atteinte, "
                f"meilleure proposition trouvée{bound} : ")
    message = head + body + "."
    if warnings:
        message += " Attention : " + " ; ".join(warnings) + "."
    return message


# ------------------------------------------------------------------ public API


def _greedy_fractions(problem: _Problem) -> list[Decimal]:
    order = sorted(problem.eligible, key=lambda i: (
        -problem.weighted[i], problem.candidates[i].total_requested, i))
    remaining = {code: envelope.amount for code, envelope in problem.envelopes.items()}
    fractions = [ZERO] * len(problem.candidates)
    for i in order:
        requested = problem.candidates[i].requested
        if all(remaining[code] >= amount for code, amount in requested.items()):
            fractions[i] = ONE
            for code, amount in requested.items():
                remaining[code] -= amount
    return fractions


def greedy_proposal(candidates: Iterable[Candidate], envelopes: Iterable[Envelope],
                    settings: ProposalSettings | None = None) -> Proposal:
    """Baseline: by descending weighted score, take a dossier in full if it fits
    all its envelopes. Pillar shares and the CPO floor are not sought, only
    checked: any breach is named in the message."""
    started = time.perf_counter()
    problem = _build_problem(candidates, envelopes, settings or ProposalSettings())
    return _assemble(problem, _greedy_fractions(problem), "heuristic", "greedy", started)


def _start_from_greedy(problem: _Problem, model: _Model) -> list[float] | None:
    """The greedy programme as a first incumbent for HiGHS, if it keeps every rule."""
    fractions = _greedy_fractions(problem)
    if _rule_breaches(problem, _totals(problem, fractions), ZERO):
        return None
    start = [0.0] * len(model.cost)
    for i in problem.eligible:
        if fractions[i]:
            start[model.frac_col[i]] = start[model.bin_col[i]] = 1.0
    return start


def optimal_proposal(candidates: Iterable[Candidate], envelopes: Iterable[Envelope],
                     settings: ProposalSettings | None = None) -> Proposal:
    """The programme of maximal weighted score that fits every envelope and rule,
    solved exactly as a MILP with HiGHS (status "time_limit" with the best
    programme found if the time limit stops the search first)."""
    started = time.perf_counter()
    problem = _build_problem(candidates, envelopes, settings or ProposalSettings())
    nothing = [ZERO] * len(problem.candidates)
    impossible = _impossible_rules(problem)
    if impossible:
        return _infeasible(problem, impossible, started)
    if not problem.eligible:
        return _assemble(problem, nothing, "optimal", "milp", started, gap=0.0)
    model = _build_model(problem)
    solved = _run_highs(model, problem.settings.time_limit, _start_from_greedy(problem, model))
    if solved.status == "infeasible":
        return _infeasible(problem, ["aucune combinaison de dossiers ne respecte à la fois "
                                     "les enveloppes, les parts des piliers et le plancher CPO"],
                           started)
    if solved.values is None:
        return _assemble(problem, nothing, "time_limit", "milp", started,
                         notes=["aucune proposition trouvée dans le temps imparti"])
    fractions = _fractions_from(problem, model, solved.values)
    notes = _fit_envelopes(problem, fractions)
    return _assemble(problem, fractions, solved.status, "milp", started, solved.gap, notes)


def _infeasible(problem: _Problem, reasons: list[str], started: float) -> Proposal:
    proposal = _assemble(problem, [ZERO] * len(problem.candidates), "infeasible", "milp", started)
    why = " ; ".join(reasons)
    lines = tuple(
        line if k in problem.exclusions
        else replace(line, reason=f"Écarté : aucune proposition possible, {why}.")
        for k, line in enumerate(proposal.lines)
    )
    return replace(proposal, objective=ZERO, lines=lines, gap=None,
                   message=f"Proposition impossible : {why}.",
                   seconds=time.perf_counter() - started)


def compare(optimal: Proposal, greedy: Proposal) -> Comparison:
    """What the exact proposal gains over the greedy baseline."""
    gain = optimal.objective - greedy.objective
    percent = (gain / greedy.objective * _HUNDRED).quantize(CENT) if greedy.objective else None
    ours, theirs = set(optimal.selected_ids), set(greedy.selected_ids)
    only_optimal = tuple(sorted(ours - theirs))
    only_greedy = tuple(sorted(theirs - ours))
    if gain > 0:
        extra = f" (+{_format_pct(percent / _HUNDRED)})" if percent is not None else ""
        message = (f"La proposition optimale gagne {_format_number(gain)} points de score "
                   f"pondéré{extra} sur la méthode gloutonne : "
                   f"{_plural(len(only_optimal), 'dossier', 'dossiers')} en plus, "
                   f"{_plural(len(only_greedy), 'dossier', 'dossiers')} en moins.")
    elif gain == 0:
        message = "La méthode gloutonne atteint ici le même score pondéré que l'optimisation."
    else:
        why = ("la recherche exacte a été arrêtée par la limite de temps"
               if optimal.status == "time_limit"
               else "elle ne respecte pas toutes les règles de la proposition")
        message = (f"La méthode gloutonne obtient {_format_number(-gain)} points de plus, "
                   f"mais {why}.")
    return Comparison(optimal.objective, greedy.objective, gain, percent,
                      only_optimal, only_greedy, message)
