"""Imperative mapping of the domain classes onto the tables (the domain stays pure)."""

from __future__ import annotations

from sqlalchemy.orm import registry, relationship

from ...domain.call import Call
from ...domain.committee import Committee, CommitteeMember, Decision
from ...domain.contract import Contract, CrossCuttingFlag, Neighbourhood, Pillar
from ...domain.dossier import (
    Application,
    Attachment,
    BudgetEntry,
    BudgetVersion,
    Carrier,
    Indicator,
)
from ...domain.follow_up import Agreement, Payment, Report
from ...domain.funding import Envelope, Funder, FundingLine
from ...domain.lifecycle import StatusChange
from ...domain.people import Person
from ...domain.review import (
    AgreementAmendment,
    ImportMapping,
    InfoRequest,
    ReserveAgreement,
    Review,
    Revision,
)
from ...domain.scoring import Criterion, Score
from . import tables as t

mapper_registry = registry(metadata=t.metadata)
_mapped = False


def _owned(cls, order_by=None):
    """A one-to-many collection whose children live and die with their parent."""
    return relationship(cls, cascade="all, delete-orphan", order_by=order_by)


def start_mappers() -> None:
    """Map every domain class once per process (idempotent)."""
    global _mapped
    if _mapped:
        return
    m = mapper_registry.map_imperatively
    m(Neighbourhood, t.neighbourhood)
    m(Pillar, t.pillar)
    m(CrossCuttingFlag, t.cross_cutting_flag)
    m(Funder, t.funder)
    m(Person, t.person, properties={"funder": relationship(Funder)})
    m(Criterion, t.scoring_criterion)
    m(Call, t.call, properties={
        "pillars": relationship(Pillar, secondary=t.call_pillar),
    })
    m(Contract, t.contract, properties={
        "neighbourhoods": _owned(Neighbourhood, t.neighbourhood.c.id),
        "pillars": _owned(Pillar, t.pillar.c.position),
        "flags": _owned(CrossCuttingFlag, t.cross_cutting_flag.c.id),
        "funders": _owned(Funder, t.funder.c.position),
        "calls": _owned(Call, t.call.c.id),
        "criteria": _owned(Criterion, t.scoring_criterion.c.position),
        "people": _owned(Person, t.person.c.name),
    })
    m(Envelope, t.envelope, properties={
        "funder": relationship(Funder),
        "pillar": relationship(Pillar),
    })
    m(Carrier, t.carrier)
    m(FundingLine, t.funding_line, properties={"funder": relationship(Funder, lazy="joined")})
    m(Indicator, t.indicator)
    m(Attachment, t.attachment)
    m(BudgetEntry, t.budget_entry, properties={"funder": relationship(Funder)})
    m(BudgetVersion, t.budget_version, properties={
        "entries": _owned(BudgetEntry, t.budget_entry.c.id),
    })
    m(StatusChange, t.status_change)
    m(Application, t.application, properties={
        "contract": relationship(Contract),
        "carrier": relationship(Carrier),
        "pillar": relationship(Pillar),
        "call": relationship(Call),
        "previous": relationship(Application, remote_side=[t.application.c.id]),
        "flags": relationship(CrossCuttingFlag, secondary=t.application_flag),
        "funding_lines": _owned(FundingLine, (t.funding_line.c.year, t.funding_line.c.id)),
        "indicators": _owned(Indicator, t.indicator.c.id),
        "attachments": _owned(Attachment, t.attachment.c.id),
        "budget_versions": _owned(BudgetVersion, t.budget_version.c.id),
        "history": _owned(StatusChange, (t.status_change.c.at, t.status_change.c.id)),
        "assignees": relationship(Person, secondary=t.assignment, order_by=t.person.c.name),
    })
    m(CommitteeMember, t.committee_member, properties={"funder": relationship(Funder)})
    m(Decision, t.decision, properties={
        "application": relationship(Application),
        "amends": relationship(Decision, remote_side=[t.decision.c.id]),
    })
    m(Committee, t.committee, properties={
        "contract": relationship(Contract),
        "members": _owned(CommitteeMember, t.committee_member.c.id),
        "decisions": _owned(Decision, t.decision.c.id),
    })
    m(Agreement, t.agreement, properties={"application": relationship(Application)})
    m(Payment, t.payment, properties={"funding_line": relationship(FundingLine)})
    m(Report, t.report, properties={"application": relationship(Application)})
    m(Score, t.score, properties={
        "application": relationship(Application), "person": relationship(Person),
        "criterion": relationship(Criterion),
    })
    m(Review, t.review, properties={
        "application": relationship(Application), "person": relationship(Person),
    })
    m(InfoRequest, t.info_request, properties={"application": relationship(Application)})
    m(Revision, t.revision, properties={"application": relationship(Application)})
    m(ReserveAgreement, t.reserve_agreement, properties={
        "application": relationship(Application), "funder": relationship(Funder),
    })
    m(AgreementAmendment, t.agreement_amendment, properties={
        "agreement": relationship(Agreement),
    })
    m(ImportMapping, t.import_mapping)
    _mapped = True
