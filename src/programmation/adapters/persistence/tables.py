"""The schema. Changed only through Alembic migrations (``migrations/versions``).

Every foreign key is indexed (SQLite does not do it by itself) and every
constraint is named through the metadata's naming convention, so that batch
migrations on SQLite can find them.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ...domain.channels import (
    Channel,
    CommitteeStatus,
    CpoRuleBasis,
    DecisionOutcome,
    FunderKind,
    FundingLineStatus,
    FundingNature,
    Opinion,
    PaymentKind,
    PillarKind,
)
from ...domain.lifecycle import Status
from .types import Cents, EnumText, Ratio

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _pk() -> Column:
    return Column("id", Integer, primary_key=True)


def _fk(name: str, target: str, *, nullable: bool = False, ondelete: str | None = None) -> Column:
    return Column(name, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


contract = Table(
    "contract", metadata, _pk(),
    Column("name", String(200), nullable=False),
    Column("territory", String(200), nullable=False),
    Column("town", String(120), nullable=False),
    Column("start_year", Integer, nullable=False),
    Column("end_year", Integer, nullable=False),
    Column("mid_term_review_year", Integer),
    Column("pillar_preset", String(40), nullable=False, default=""),
    Column("public_funding_ceiling", Ratio, nullable=False),
    Column("reserve_project_ceiling", Cents, nullable=False),
    Column("cpo_floor", Ratio, nullable=False),
    Column("cpo_rule_basis", EnumText(CpoRuleBasis), nullable=False),
    Column("qpv_share_minimum", Ratio, nullable=False),
)

neighbourhood = Table(
    "neighbourhood", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    Column("code", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("population", Integer),
    UniqueConstraint("contract_id", "code"),
)

pillar = Table(
    "pillar", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    Column("code", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("kind", EnumText(PillarKind), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("reporting_code", String(20)),
    Column("archived", Boolean, nullable=False, default=False),
    UniqueConstraint("contract_id", "code"),
)

cross_cutting_flag = Table(
    "cross_cutting_flag", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    Column("code", String(20), nullable=False),
    Column("name", String(120), nullable=False),
    UniqueConstraint("contract_id", "code"),
)

funder = Table(
    "funder", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    Column("code", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("kind", EnumText(FunderKind), nullable=False),
    Column("default_nature", EnumText(FundingNature), nullable=False),
    Column("voting_member", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False, default=0),
    Column("siret", String(14)),
    UniqueConstraint("contract_id", "code"),
)

envelope = Table(
    "envelope", metadata, _pk(),
    _fk("funder_id", "funder.id", ondelete="CASCADE"),
    _fk("pillar_id", "pillar.id", nullable=True),
    Column("year", Integer, nullable=False, index=True),
    Column("channel", EnumText(Channel), nullable=False),
    Column("amount", Cents, nullable=False),
    UniqueConstraint("funder_id", "year", "channel", "pillar_id"),
)

call = Table(
    "call", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    Column("channel", EnumText(Channel), nullable=False),
    Column("year", Integer, nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("opening_date", Date),
    Column("deadline", Date),
    Column("committee_date", Date),
    Column("pluriannual", Boolean, nullable=False, default=False),
    Column("need_description", Text, nullable=False, default=""),
    Column("budget_ceiling", Cents),
    Column("selection_criteria", Text, nullable=False, default=""),
    Column("closed", Boolean, nullable=False, default=False),
)

call_pillar = Table(
    "call_pillar", metadata,
    Column("call_id", ForeignKey("call.id", ondelete="CASCADE"), primary_key=True),
    Column("pillar_id", ForeignKey("pillar.id"), primary_key=True, index=True),
)

carrier = Table(
    "carrier", metadata, _pk(),
    Column("name", String(300), nullable=False),
    Column("legal_form", String(120), nullable=False, default=""),
    Column("siret", String(14), index=True),
    Column("rna", String(10), index=True),
    Column("address", String(300), nullable=False, default=""),
    Column("postcode", String(10), nullable=False, default=""),
    Column("city", String(120), nullable=False, default=""),
    Column("representative", String(200), nullable=False, default=""),
    Column("contact_name", String(200), nullable=False, default=""),
    Column("email", String(200), nullable=False, default=""),
    Column("phone", String(40), nullable=False, default=""),
    Column("qpv_only", Boolean, nullable=False, default=False),
    Column("search_text", String(600), nullable=False, default="", index=True),
)

application = Table(
    "application", metadata, _pk(),
    _fk("contract_id", "contract.id"),
    _fk("carrier_id", "carrier.id"),
    _fk("pillar_id", "pillar.id"),
    _fk("call_id", "call.id", nullable=True),
    _fk("previous_id", "application.id", nullable=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("year", Integer, nullable=False, index=True),
    Column("channel", EnumText(Channel), nullable=False, index=True),
    Column("status", EnumText(Status), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("objectives", Text, nullable=False, default=""),
    Column("content", Text, nullable=False, default=""),
    Column("is_renewal", Boolean, nullable=False, default=False),
    Column("places", String(300), nullable=False, default=""),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("target_public", String(300), nullable=False, default=""),
    Column("beneficiaries", Integer),
    Column("qpv_share", Ratio),
    Column("women", Integer),
    Column("men", Integer),
    Column("expected_results", Text, nullable=False, default=""),
    Column("submitted_on", Date),
    Column("duration_years", Integer, nullable=False, default=1),
    Column("is_flagship", Boolean, nullable=False, default=False),
    Column("total_cost", Cents, nullable=False),
    Column("late_reason", Text, nullable=False, default="", server_default=""),
    Column("search_text", String(800), nullable=False, default="", index=True),
)

application_flag = Table(
    "application_flag", metadata,
    Column("application_id", ForeignKey("application.id", ondelete="CASCADE"), primary_key=True),
    Column("flag_id", ForeignKey("cross_cutting_flag.id"), primary_key=True, index=True),
)

funding_line = Table(
    "funding_line", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    _fk("funder_id", "funder.id"),
    Column("year", Integer, nullable=False),
    Column("requested", Cents, nullable=False),
    Column("proposed", Cents),
    Column("granted", Cents),
    Column("nature", EnumText(FundingNature), nullable=False),
    Column("status", EnumText(FundingLineStatus), nullable=False),
    Column("opinion", EnumText(Opinion)),
    Column("opinion_reason", Text, nullable=False, default=""),
    Column("decision_date", Date),
    Column("decision_reference", String(80), nullable=False, default=""),
    Column("proposed_by", String(200), nullable=False, default="", server_default=""),
    UniqueConstraint("application_id", "funder_id", "year"),
)

indicator = Table(
    "indicator", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    Column("label", String(300), nullable=False),
    Column("unit", String(40), nullable=False, default=""),
    Column("target", Cents),
    Column("achieved", Cents),
)

attachment = Table(
    "attachment", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    Column("kind", String(60), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("media_type", String(120), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("added_at", DateTime, nullable=False),
)

budget_version = Table(
    "budget_version", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    Column("kind", String(20), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("note", Text, nullable=False, default=""),
)

budget_entry = Table(
    "budget_entry", metadata, _pk(),
    _fk("version_id", "budget_version.id", ondelete="CASCADE"),
    _fk("funder_id", "funder.id", nullable=True),
    Column("account", String(8), nullable=False),
    Column("amount", Cents, nullable=False),
    Column("label", String(200), nullable=False, default=""),
)

status_change = Table(
    "status_change", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    Column("from_status", EnumText(Status)),
    Column("to_status", EnumText(Status), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("reason", Text, nullable=False, default=""),
)

committee = Table(
    "committee", metadata, _pk(),
    _fk("contract_id", "contract.id"),
    Column("title", String(200), nullable=False),
    Column("meeting_date", Date, nullable=False),
    Column("status", EnumText(CommitteeStatus), nullable=False),
)

committee_member = Table(
    "committee_member", metadata, _pk(),
    _fk("committee_id", "committee.id", ondelete="CASCADE"),
    _fk("funder_id", "funder.id", nullable=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False),
    Column("voting", Boolean, nullable=False, default=True),
    Column("declared_interests", Text, nullable=False, default=""),
)

decision = Table(
    "decision", metadata, _pk(),
    _fk("committee_id", "committee.id", nullable=True),
    _fk("application_id", "application.id"),
    _fk("amends_id", "decision.id", nullable=True),
    Column("outcome", EnumText(DecisionOutcome), nullable=False),
    Column("opinion", EnumText(Opinion)),
    Column("reason", Text, nullable=False, default=""),
    Column("decided_at", DateTime),
)

agreement = Table(
    "agreement", metadata, _pk(),
    _fk("application_id", "application.id"),
    Column("reference", String(80), nullable=False),
    Column("signed_on", Date),
    Column("first_year", Integer, nullable=False),
    Column("last_year", Integer, nullable=False),
    Column("social_impact_measure", Text, nullable=False, default=""),
)

payment = Table(
    "payment", metadata, _pk(),
    _fk("funding_line_id", "funding_line.id"),
    Column("kind", EnumText(PaymentKind), nullable=False),
    Column("amount", Cents, nullable=False),
    Column("paid_on", Date, nullable=False),
)

report = Table(
    "report", metadata, _pk(),
    _fk("application_id", "application.id"),
    Column("year", Integer, nullable=False),
    Column("received_on", Date),
    Column("action_took_place", Boolean, nullable=False, default=True),
    Column("actual_cost", Cents),
    Column("beneficiaries", Integer),
    Column("comment", Text, nullable=False, default=""),
    UniqueConstraint("application_id", "year"),
)

# --- Instruction (migration 0002) -------------------------------------------

person = Table(
    "person", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    _fk("funder_id", "funder.id", nullable=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False, default=""),
    Column("email", String(200), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
)

assignment = Table(
    "assignment", metadata,
    Column("application_id", ForeignKey("application.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

scoring_criterion = Table(
    "scoring_criterion", metadata, _pk(),
    _fk("contract_id", "contract.id", ondelete="CASCADE"),
    Column("code", String(20), nullable=False),
    Column("label", String(200), nullable=False),
    Column("weight", Integer, nullable=False, default=1),
    Column("scale_max", Integer, nullable=False, default=4),
    Column("guidance", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("contract_id", "code"),
)

score = Table(
    "score", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    _fk("person_id", "person.id"),
    _fk("criterion_id", "scoring_criterion.id"),
    Column("value", Integer, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("scored_at", DateTime),
    UniqueConstraint("application_id", "person_id", "criterion_id"),
)

review = Table(
    "review", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    _fk("person_id", "person.id"),
    Column("opinion", EnumText(Opinion), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("at", DateTime),
)

info_request = Table(
    "info_request", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    Column("items", Text, nullable=False),
    Column("requested_by", String(200), nullable=False),
    Column("requested_at", DateTime, nullable=False),
    Column("answered_at", DateTime),
)

revision = Table(
    "revision", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    Column("created_at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("snapshot", Text, nullable=False),
)

reserve_agreement = Table(
    "reserve_agreement", metadata, _pk(),
    _fk("application_id", "application.id", ondelete="CASCADE"),
    _fk("funder_id", "funder.id"),
    Column("agreed", Boolean, nullable=False),
    Column("amount", Cents, nullable=False),
    Column("agreed_by", String(200), nullable=False),
    Column("agreed_at", DateTime, nullable=False),
    Column("comment", Text, nullable=False, default=""),
)

agreement_amendment = Table(
    "agreement_amendment", metadata, _pk(),
    _fk("agreement_id", "agreement.id", ondelete="CASCADE"),
    Column("signed_on", Date, nullable=False),
    Column("description", Text, nullable=False),
)

import_mapping = Table(
    "import_mapping", metadata, _pk(),
    Column("name", String(120), nullable=False, unique=True),
    Column("columns", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
