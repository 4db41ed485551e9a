"""Scaling the demo up (``--size N``) for benchmarks: fast bulk inserts in one transaction.

The synthetic dossiers reuse the fiches' titles and the contracts' pillars and
funders, with balanced budgets and per-funder lines, spread over 2016-2027.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import func, insert, select

from ..adapters.persistence import tables as t
from ..domain.channels import Channel, FundingLineStatus, FundingNature
from ..domain.lifecycle import Status
from ..domain.money import allocate, money
from ..domain.text import search_key
from .seeds import demo_siret, fiches

CHUNK = 5000
_STATUSES_PAST = [Status.CLOSED] * 6 + [Status.SETTLED, Status.REFUSED, Status.INADMISSIBLE]
_STATUSES_NOW = [Status.SUBMITTED, Status.ADMISSIBLE, Status.UNDER_REVIEW, Status.REVIEWED,
                 Status.GRANTED, Status.IN_PAYMENT, Status.REFUSED]
_CHANNELS = [Channel.AAP] * 12 + [Channel.RESERVE, Channel.AMI, Channel.CPO]


def _next_id(session, table) -> int:
    return (session.execute(select(func.max(table.c.id))).scalar() or 0) + 1


def _contract_context(session) -> dict[int, dict]:
    """Per contract: years, pillar ids, funders (id, code, nature) for synthetic rows."""
    context = {}
    for row in session.execute(select(t.contract.c.id, t.contract.c.start_year,
                                      t.contract.c.end_year)):
        pillars = session.execute(select(t.pillar.c.id).where(
            t.pillar.c.contract_id == row.id, t.pillar.c.kind.in_(["priority", "theme",
                                                                   "thematique"]))).scalars()
        funders = session.execute(select(t.funder.c.id, t.funder.c.code,
                                         t.funder.c.default_nature).where(
            t.funder.c.contract_id == row.id, t.funder.c.kind != "self")).all()
        context[row.id] = {"years": (row.start_year, row.end_year), "pillars": list(pillars),
                           "funders": funders}
    return context


def add_synthetic(session, count: int, rng: random.Random,
                  progress: Callable[[int, int], None] | None = None) -> None:
    if count <= 0:
        return
    contexts = _contract_context(session)
    titles = [f.title for f in fiches()]
    carrier_id = _next_id(session, t.carrier)
    carriers = max(50, count // 8)
    carrier_rows = []
    for i in range(carriers):
        name = f"Association de quartier n° {i + 1}"
        carrier_rows.append({
            "id": carrier_id + i, "name": name, "legal_form": "Association loi 1901",
            "siret": demo_siret(10_000 + carrier_id + i), "rna": f"W59{carrier_id + i:07d}",
            "address": "", "postcode": "59190", "city": "Hazebrouck", "representative": "",
            "contact_name": "", "email": "", "phone": "", "qpv_only": False,
            "search_text": search_key(name, "Hazebrouck"),
        })
    session.execute(insert(t.carrier), carrier_rows)
    app_id = _next_id(session, t.application)
    version_id = _next_id(session, t.budget_version)
    done = 0
    while done < count:
        batch = min(CHUNK, count - done)
        rows = _batch(app_id + done, version_id + done, batch, contexts, titles, rng,
                      carrier_id, carriers)
        for table, table_rows in rows.items():
            session.execute(insert(table), table_rows)
        done += batch
        if progress:
            progress(done, count)


def _batch(first_id, first_version, size, contexts, titles, rng, carrier_id, carriers):
    apps, lines, versions, entries, changes = [], [], [], [], []
    contract_ids = list(contexts)
    for k in range(size):
        app_id, version_id = first_id + k, first_version + k
        year = rng.randrange(2016, 2028)
        contract_id = next((c for c in contract_ids
                            if contexts[c]["years"][0] <= year <= contexts[c]["years"][1]),
                           contract_ids[-1])
        ctx = contexts[contract_id]
        channel = rng.choice(_CHANNELS)
        status = rng.choice(_STATUSES_NOW if year >= 2026 else _STATUSES_PAST)
        title = rng.choice(titles)
        reference = f"S{year}-{channel.value}-{app_id:06d}"
        funders = rng.sample(ctx["funders"], rng.randrange(2, 5))
        requested = [money(rng.randrange(10, 250) * 100) for _ in funders]
        subsidies = sum(requested, Decimal(0))
        total_cost = money(int(subsidies / Decimal("0.7")))
        decided = status in (Status.GRANTED, Status.IN_PAYMENT, Status.CLOSED, Status.SETTLED)
        refused = status is Status.REFUSED
        apps.append({
            "id": app_id, "contract_id": contract_id, "carrier_id": carrier_id
            + rng.randrange(carriers), "pillar_id": rng.choice(ctx["pillars"]), "call_id": None,
            "previous_id": None, "reference": reference, "year": year, "channel": channel,
            "status": status, "title": title, "summary": "", "objectives": "", "content": "",
            "is_renewal": rng.random() < 0.4, "places": "Hazebrouck", "start_date":
            date(year, 1, 1), "end_date": date(year, 12, 31), "target_public": "",
            "beneficiaries": rng.randrange(10, 200), "qpv_share": Decimal("0.7"), "women": None,
            "men": None, "expected_results": "", "submitted_on": date(year - 1, 12, 1),
            "duration_years": 3 if channel is Channel.CPO else 1, "is_flagship": False,
            "total_cost": total_cost,
            "search_text": search_key(reference, title, "association de quartier n° "),
        })
        versions.append({"id": version_id, "application_id": app_id, "kind": "requested",
                         "created_at": datetime.combine(date(year - 1, 12, 1), time(9)),
                         "note": ""})
        for account, amount in zip(("604", "641", "645"),
                                   allocate(total_cost, [Decimal(3), Decimal(5), Decimal(2)]),
                                   strict=True):
            entries.append({"version_id": version_id, "funder_id": None, "account": account,
                            "amount": amount, "label": ""})
        for funder, amount in zip(funders, requested, strict=True):
            granted = money(amount * Decimal("0.9")) if decided else (
                Decimal(0) if refused else None)
            lines.append({
                "application_id": app_id, "funder_id": funder.id, "year": year,
                "requested": amount, "proposed": granted, "granted": granted,
                "nature": FundingNature(funder.default_nature),
                "status": FundingLineStatus.VOTED if decided else (
                    FundingLineStatus.REFUSED if refused else FundingLineStatus.TRANSMITTED),
                "opinion": None, "opinion_reason": "", "decision_date": None,
                "decision_reference": "",
            })
            entries.append({"version_id": version_id, "funder_id": funder.id, "account": "74",
                            "amount": amount, "label": ""})
        entries.append({"version_id": version_id, "funder_id": None, "account": "RP",
                        "amount": total_cost - subsidies, "label": ""})
        changes.append({"application_id": app_id, "from_status": None, "to_status": status,
                        "at": datetime.combine(date(year - 1, 12, 1), time(9)),
                        "actor": "Reprise de données", "reason": "Dossier importé"})
    return {t.application: apps, t.budget_version: versions, t.budget_entry: entries,
            t.funding_line: lines, t.status_change: changes}
