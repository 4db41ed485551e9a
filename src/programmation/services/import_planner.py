"""Resolving each dossier of an import against the database (see ``import_plan``)."""

from __future__ import annotations

from sqlalchemy import Connection

from ..adapters.importing import lookup
from ..adapters.importing.lookup import CallInfo, CarrierInfo, ContractInfo, DossierInfo
from ..adapters.importing.rows import Bindings, ParsedRow
from ..adapters.importing.values import text_key
from ..domain.channels import Channel
from ..domain.dauphin import (
    DauphinStatus,
    Field,
    creation_path,
    detailed_status_error,
    import_path,
    imported_status,
)
from ..domain.lifecycle import Status, transition_error
from ..domain.money import total
from .import_plan import (
    DOSSIER_COLUMNS,
    KEEP,
    LINE_FIELDS,
    CarrierIndex,
    DossierPlan,
    LinePlan,
    NewCall,
    NewCarrier,
    ParsedRows,
    Plan,
    Refused,
    Rejection,
    default_line_status,
    diff,
    group_rows,
)


def build_plan(connection: Connection, parsed: ParsedRows, bindings: Bindings,
               contract_id: int | None = None) -> Plan:
    rejections = list(parsed.rejections)
    planner = Planner(connection, bindings, contract_id, rejections)
    identified = planner.identify(group_rows(list(parsed.valid), bindings, rejections))
    stored = lookup.funding_lines(connection, [e.id for _, _, _, e in identified if e])
    dossiers = []
    for values, members, carrier, existing in identified:
        lines = {(line.funder_id, line.year): line
                 for line in stored.get(existing.id, [])} if existing else {}
        plan = planner.plan(values, members, carrier, existing, lines)
        if plan is not None:
            dossiers.append(plan)
    return Plan(dossiers, planner.rejections, parsed.empty, parsed.row_count)


class Planner:
    """Matches each group of rows with the database and plans its dossier, or rejects it."""

    def __init__(self, connection: Connection, bindings: Bindings, contract_id: int | None,
                 rejections: list[Rejection]) -> None:
        self.connection = connection
        self.header = bindings.header
        self.contract_id = contract_id
        self.rejections = rejections
        self.contracts = lookup.contracts(connection)
        self.carriers = CarrierIndex(lookup.carriers(connection))
        self.new_calls: dict[tuple[int, str], NewCall] = {}
        self.references: dict[str, set[str]] = {}
        self.given_references: set[str] = set()
        self.by_year: dict[int, ContractInfo | None] = {}

    def reject(self, rows: list[ParsedRow], column: str, reason: str) -> None:
        self.rejections += [Rejection(row.number, column, reason) for row in rows]

    # --- which dossier each group is -------------------------------------------------------

    def identify(self, groups: list[tuple[dict, list[ParsedRow]]]) -> list[tuple]:
        refs = [values[Field.REFERENCE] for values, _ in groups if Field.REFERENCE in values]
        self.given_references = set(refs)
        by_ref = lookup.dossiers_by_reference(self.connection, refs)
        keys = lookup.dossier_keys(self.connection, {values[Field.YEAR] for values, _ in groups})
        found = []
        for values, rows in groups:
            carrier = self.carriers.resolve(values)
            existing = by_ref.get(values.get(Field.REFERENCE))
            if existing is None and isinstance(carrier, CarrierInfo):
                existing = keys.get((carrier.id, text_key(values[Field.TITLE]),
                                     values[Field.YEAR]))
            found.append([values, rows, carrier, existing])
        ids = [e for *_, e in found if isinstance(e, int)]
        infos = lookup.dossiers_by_id(self.connection, ids)
        matched: dict[int, int] = {}
        result = []
        for values, rows, carrier, existing in found:
            if isinstance(existing, int):
                existing = infos[existing]
            if existing is not None and existing.id in matched:
                self.reject(rows, self.header(Field.REFERENCE),
                            f"même dossier ({existing.reference}) que la ligne "
                            f"{matched[existing.id]}")
                continue
            if existing is not None:
                matched[existing.id] = rows[0].number
            result.append((values, rows, carrier, existing))
        return result

    # --- one dossier -----------------------------------------------------------------------

    def plan(self, values: dict, rows: list[ParsedRow], carrier: CarrierInfo | NewCarrier,
             existing: DossierInfo | None, stored: dict) -> DossierPlan | None:
        year = values[Field.YEAR]
        try:
            contract = self.contract(year, existing)
            channel = values.get(Field.CHANNEL) or (existing.channel if existing else Channel.AAP)
            pillar_id = self.pillar(contract, values, existing)
            call = self.call(contract, channel, year, values, existing)
            target, path = self.status_path(values, existing, channel)
        except Refused as refused:
            self.reject(rows, refused.column, refused.reason)
            return None
        lines = self.lines(contract, rows, year, stored)
        if not lines:
            return None
        plan = DossierPlan("", values[Field.TITLE], year, channel, contract.id, existing,
                           carrier, call, {}, path, lines)
        given = {attr: values[f] for f, attr in DOSSIER_COLUMNS.items() if f in values}
        given |= {"channel": channel, "pillar_id": pillar_id}
        if existing is None:
            self._creation(plan, given, target, values.get(Field.REFERENCE))
        else:
            self._changes(plan, given, contract, target)
        return plan

    def _creation(self, plan: DossierPlan, given: dict, target: Status,
                  reference: str | None) -> None:
        values = plan.values
        values.update(dict.fromkeys(("submitted_on", "start_date", "end_date"), None))
        values.update(given, status=target, summary=given.get("summary", ""))
        if "total_cost" not in given:
            values["total_cost"] = total(line.values["requested"] for line in plan.lines)
        plan.reference = reference or self.new_reference(plan.year, plan.channel)

    def _changes(self, plan: DossierPlan, given: dict, contract: ContractInfo,
                 target: Status) -> None:
        existing = plan.existing
        assert existing is not None
        plan.reference = existing.reference
        plan.values, plan.changes = diff(existing, given, contract.pillar_names)
        if not isinstance(plan.carrier, CarrierInfo) or plan.carrier.id != existing.carrier_id:
            plan.changes.append(f"porteur : → {plan.carrier.name}")
        if isinstance(plan.call, NewCall) or (
                plan.call is not KEEP and getattr(plan.call, "id", None) != existing.call_id):
            plan.changes.append(f"appel : → {getattr(plan.call, 'title', '—')}")
        if plan.path:
            plan.changes.append(f"statut : {existing.status.label} → {target.label}")

    # --- resolutions -------------------------------------------------------------------------

    def contract(self, year: int, existing: DossierInfo | None) -> ContractInfo:
        wanted = existing.contract_id if existing else self.contract_id
        if wanted is not None:
            found = next((c for c in self.contracts if c.id == wanted), None)
            if found is None:
                raise Refused(self.header(Field.YEAR), f"contrat n° {wanted} introuvable")
            return found
        if year not in self.by_year:
            covering = [c for c in self.contracts if c.start_year <= year <= c.end_year]
            self.by_year[year] = covering[-1] if covering else None
        found = self.by_year[year]
        if found is None:
            raise Refused(self.header(Field.YEAR),
                          f"aucun contrat de ville ne couvre l'année {year}")
        return found

    def pillar(self, contract: ContractInfo, values: dict, existing: DossierInfo | None) -> int:
        text = values.get(Field.PILLAR)
        if text is None:
            if existing is not None:
                return existing.pillar_id
            raise Refused(self.header(Field.PILLAR),
                          "valeur manquante (nécessaire pour créer le dossier)")
        found = contract.pillar(text)
        if found is None:
            raise Refused(self.header(Field.PILLAR),
                          f"« {text} » inconnu dans « {contract.name} »")
        return found[0]

    def call(self, contract: ContractInfo, channel: Channel, year: int, values: dict,
             existing: DossierInfo | None) -> CallInfo | NewCall | object | None:
        title = values.get(Field.CALL)
        if title is None:
            if existing is not None:
                return KEEP
            same = [c for c in contract.calls if c.channel is channel and c.year == year]
            return same[0] if len(same) == 1 else None
        key = text_key(title)
        found = next((c for c in contract.calls if text_key(c.title) == key), None)
        if found is not None:
            return found
        if channel not in (Channel.AAP, Channel.AMI):
            raise Refused(self.header(Field.CALL),
                          f"un dossier « {channel.label} » ne relève pas d'un appel")
        return self.new_calls.setdefault((contract.id, key),
                                         NewCall(contract.id, channel, year, title))

    def status_path(self, values: dict, existing: DossierInfo | None, channel: Channel
                    ) -> tuple[Status, tuple[Status, ...]]:
        given = values.get(Field.STATUS)
        dauphin = given if isinstance(given, DauphinStatus) else None
        exact = given if isinstance(given, Status) else None
        detailed = values.get(Field.DETAILED_STATUS)
        column = self.header(Field.STATUS)
        if detailed is not None:
            error = detailed_status_error(dauphin, detailed)
            if error:
                raise Refused(self.header(Field.DETAILED_STATUS), error)
            exact, column = detailed, self.header(Field.DETAILED_STATUS)
        current = existing.status if existing else None
        target = imported_status(dauphin, exact, current)
        if existing is None:
            target = target or Status.SUBMITTED
            path = creation_path(target, channel)
            if path is None:
                raise Refused(column, f"statut « {target.label} » impossible pour un dossier "
                                      f"« {channel.label} »")
            return target, path
        if target is None or target is current:
            return existing.status, ()
        steps = import_path(existing.status, target, channel)
        if steps is None:
            raise Refused(column, f"dossier {existing.reference} : "
                          f"{transition_error(existing.status, target, channel)}")
        return target, steps

    def lines(self, contract: ContractInfo, rows: list[ParsedRow], year: int,
              stored: dict) -> list[LinePlan]:
        seen: dict[tuple[int, int], int] = {}
        plans = []
        for row in rows:
            try:
                plans.append(self.line(contract, row, year, stored, seen))
            except Refused as refused:
                self.reject([row], refused.column, refused.reason)
        return plans

    def line(self, contract: ContractInfo, row: ParsedRow, year: int, stored: dict,
             seen: dict) -> LinePlan:
        values = row.values
        funder = contract.funder(values[Field.FUNDER])
        if funder is None:
            raise Refused(self.header(Field.FUNDER), f"financeur « {values[Field.FUNDER]} » "
                          f"inconnu dans « {contract.name} »")
        line_year = values.get(Field.LINE_YEAR, year)
        key = (funder.id, line_year)
        if key in seen:
            raise Refused(self.header(Field.FUNDER), f"{funder.name} ({line_year}) figure déjà "
                          f"ligne {seen[key]} pour ce dossier")
        seen[key] = row.number
        given = {attr: values[f] for f, attr in LINE_FIELDS.items() if f in values}
        old = stored.get(key)
        if old is None:
            full = dict.fromkeys(("proposed", "granted", "opinion", "decision_date"), None)
            full |= {"decision_reference": "", "nature": funder.default_nature,
                     "status": default_line_status(given)} | given
            return LinePlan(row.number, funder, line_year, full)
        changed, texts = diff(old, given)
        return LinePlan(row.number, funder, line_year, changed, old.id, texts)

    def new_reference(self, year: int, channel: Channel) -> str:
        prefix = f"{year}-{channel.value}-"
        if prefix not in self.references:
            self.references[prefix] = lookup.references_starting(self.connection, prefix)
        taken = self.references[prefix]
        numbers = [int(ref[len(prefix):]) for ref in taken | self.given_references
                   if ref.startswith(prefix) and ref[len(prefix):].isdigit()]
        reference = f"{prefix}{max(numbers, default=0) + 1:03d}"
        taken.add(reference)
        return reference
