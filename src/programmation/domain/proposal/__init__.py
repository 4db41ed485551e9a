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
               C0 + sum_{i CPO} v_i >= share * (T0 + sum_i v_i)    CPO floor
    where R_i is the dossier's total request and T = sum_i R_i * f_i.

The CPO floor (``floor``) is the programming view's rule: on the floor's
funders K (the State's specific credits), CPO value >= share x whole value
for the year, where a dossier's value v_i is its money from K (basis "money",
v_i = sum_{k in K} requested_ik * f_i) or 1 if it draws on K (basis
"conventions", v_i = x_i), and what is already committed outside the
proposal counts: C0 + sum_{i CPO} v_i >= share * (T0 + sum_i v_i).

The pillar shares are proportional, so funding nothing always satisfies them;
so does the CPO floor when nothing committed breaks it already (C0 >= share x
T0). A rule that can only be met by leaving a funder or a pillar empty, or
that the committed amounts break beyond what the CPO candidates can mend, is
reported as infeasible before solving, with a French message.

Fractions are kept to 4 decimals (rounded down from the solver's value).
Amounts are the requested amounts times the fraction, rounded half-up to the
cent; where those roundings would overdraw an envelope, the lines rounded up
give a cent back. Envelopes hold exactly; with partial funding, pillar shares
and the CPO floor hold up to that rounding (a few cents per partial line).

The exact search can be long (it is a multi-dimensional knapsack): past a few
hundred dossiers HiGHS rarely proves optimality within seconds, so the time
limit returns the best programme found, status "time_limit", with a proven
bound on the distance to the optimum.

Layout: ``inputs`` (candidates, envelopes, settings, validation), ``floor``
(the CPO floor), ``problem`` (eligibility, rules that cannot be met), ``model``
and ``milp`` (the MILP and HiGHS, imported lazily), ``amounts`` and ``totals``
(exact Decimal money, rounding, rule checks), ``explain`` (the French
reasons), ``assembly`` (the :class:`Proposal` and its summaries), ``greedy``,
``optimal``, ``comparison``.
"""

from __future__ import annotations

from ..money import format_eur as _format_eur  # the French amounts the reasons quote
from .comparison import compare
from .floor import CpoFloor
from .greedy import greedy_proposal
from .inputs import Basis, Candidate, Envelope, ProposalSettings
from .optimal import optimal_proposal
from .results import (
    Comparison,
    CpoFloorUse,
    EnvelopeUse,
    Method,
    PillarUse,
    Proposal,
    ProposalError,
    ProposalLine,
    Status,
)

__all__ = [
    "Basis",
    "Candidate",
    "Comparison",
    "CpoFloor",
    "CpoFloorUse",
    "Envelope",
    "EnvelopeUse",
    "Method",
    "PillarUse",
    "Proposal",
    "ProposalError",
    "ProposalLine",
    "ProposalSettings",
    "Status",
    "_format_eur",
    "compare",
    "greedy_proposal",
    "optimal_proposal",
]
