"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-21 23:56:53.139748
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "carrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("legal_form", sa.String(length=120), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("rna", sa.String(length=10), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("representative", sa.String(length=200), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("qpv_only", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.String(length=600), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier")),
    )
    with op.batch_alter_table("carrier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_carrier_rna"), ["rna"], unique=False)
        batch_op.create_index(batch_op.f("ix_carrier_search_text"), ["search_text"], unique=False)
        batch_op.create_index(batch_op.f("ix_carrier_siret"), ["siret"], unique=False)

    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("territory", sa.String(length=200), nullable=False),
        sa.Column("town", sa.String(length=120), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=False),
        sa.Column("mid_term_review_year", sa.Integer(), nullable=True),
        sa.Column("pillar_preset", sa.String(length=40), nullable=False),
        sa.Column("public_funding_ceiling", sa.Integer(), nullable=False),
        sa.Column("reserve_project_ceiling", sa.BigInteger(), nullable=False),
        sa.Column("cpo_floor", sa.Integer(), nullable=False),
        sa.Column("cpo_rule_basis", sa.String(length=20), nullable=False),
        sa.Column("qpv_share_minimum", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
    )
    op.create_table(
        "call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("opening_date", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("committee_date", sa.Date(), nullable=True),
        sa.Column("pluriannual", sa.Boolean(), nullable=False),
        sa.Column("need_description", sa.Text(), nullable=False),
        sa.Column("budget_ceiling", sa.BigInteger(), nullable=True),
        sa.Column("selection_criteria", sa.Text(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_call_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call")),
    )
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_year"), ["year"], unique=False)

    op.create_table(
        "committee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_committee_contract_id_contract")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee")),
    )
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_committee_contract_id"), ["contract_id"], unique=False)

    op.create_table(
        "cross_cutting_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_cross_cutting_flag_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cross_cutting_flag")),
        sa.UniqueConstraint(
            "contract_id", "code", name=op.f("uq_cross_cutting_flag_contract_id_code")
        ),
    )
    with op.batch_alter_table("cross_cutting_flag", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cross_cutting_flag_contract_id"), ["contract_id"], unique=False
        )

    op.create_table(
        "funder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("default_nature", sa.String(length=20), nullable=False),
        sa.Column("voting_member", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_funder_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funder")),
        sa.UniqueConstraint("contract_id", "code", name=op.f("uq_funder_contract_id_code")),
    )
    with op.batch_alter_table("funder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funder_contract_id"), ["contract_id"], unique=False)

    op.create_table(
        "neighbourhood",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_neighbourhood_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbourhood")),
        sa.UniqueConstraint("contract_id", "code", name=op.f("uq_neighbourhood_contract_id_code")),
    )
    with op.batch_alter_table("neighbourhood", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_neighbourhood_contract_id"), ["contract_id"], unique=False
        )

    op.create_table(
        "pillar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reporting_code", sa.String(length=20), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_pillar_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pillar")),
        sa.UniqueConstraint("contract_id", "code", name=op.f("uq_pillar_contract_id_code")),
    )
    with op.batch_alter_table("pillar", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pillar_contract_id"), ["contract_id"], unique=False)

    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("is_renewal", sa.Boolean(), nullable=False),
        sa.Column("places", sa.String(length=300), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("target_public", sa.String(length=300), nullable=False),
        sa.Column("beneficiaries", sa.Integer(), nullable=True),
        sa.Column("qpv_share", sa.Integer(), nullable=True),
        sa.Column("women", sa.Integer(), nullable=True),
        sa.Column("men", sa.Integer(), nullable=True),
        sa.Column("expected_results", sa.Text(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("duration_years", sa.Integer(), nullable=False),
        sa.Column("is_flagship", sa.Boolean(), nullable=False),
        sa.Column("total_cost", sa.BigInteger(), nullable=False),
        sa.Column("search_text", sa.String(length=800), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], name=op.f("fk_application_call_id_call")),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carrier.id"], name=op.f("fk_application_carrier_id_carrier")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_application_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillar.id"], name=op.f("fk_application_pillar_id_pillar")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["application.id"], name=op.f("fk_application_previous_id_application")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint("reference", name=op.f("uq_application_reference")),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_application_carrier_id"), ["carrier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_application_channel"), ["channel"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_application_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_application_pillar_id"), ["pillar_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_application_previous_id"), ["previous_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_application_search_text"), ["search_text"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_application_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_application_year"), ["year"], unique=False)

    op.create_table(
        "call_pillar",
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["call.id"], name=op.f("fk_call_pillar_call_id_call"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillar.id"], name=op.f("fk_call_pillar_pillar_id_pillar")
        ),
        sa.PrimaryKeyConstraint("call_id", "pillar_id", name=op.f("pk_call_pillar")),
    )
    with op.batch_alter_table("call_pillar", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_pillar_pillar_id"), ["pillar_id"], unique=False)

    op.create_table(
        "committee_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("voting", sa.Boolean(), nullable=False),
        sa.Column("declared_interests", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committee.id"],
            name=op.f("fk_committee_member_committee_id_committee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_committee_member_funder_id_funder")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_member")),
    )
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_member_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_committee_member_funder_id"), ["funder_id"], unique=False
        )

    op.create_table(
        "envelope",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["funder_id"],
            ["funder.id"],
            name=op.f("fk_envelope_funder_id_funder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillar.id"], name=op.f("fk_envelope_pillar_id_pillar")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_envelope")),
        sa.UniqueConstraint(
            "funder_id",
            "year",
            "channel",
            "pillar_id",
            name=op.f("uq_envelope_funder_id_year_channel_pillar_id"),
        ),
    )
    with op.batch_alter_table("envelope", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_envelope_funder_id"), ["funder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_envelope_pillar_id"), ["pillar_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_envelope_year"), ["year"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("social_impact_measure", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_agreement_application_id_application"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "application_flag",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_flag_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["flag_id"],
            ["cross_cutting_flag.id"],
            name=op.f("fk_application_flag_flag_id_cross_cutting_flag"),
        ),
        sa.PrimaryKeyConstraint("application_id", "flag_id", name=op.f("pk_application_flag")),
    )
    with op.batch_alter_table("application_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_flag_flag_id"), ["flag_id"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_attachment_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachment_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "budget_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_budget_version_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_version")),
    )
    with op.batch_alter_table("budget_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_budget_version_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("amends_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("opinion", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["amends_id"], ["decision.id"], name=op.f("fk_decision_amends_id_decision")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_decision_application_id_application"),
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"], ["committee.id"], name=op.f("fk_decision_committee_id_committee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_amends_id"), ["amends_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_decision_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_decision_committee_id"), ["committee_id"], unique=False
        )

    op.create_table(
        "funding_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("requested", sa.BigInteger(), nullable=False),
        sa.Column("proposed", sa.BigInteger(), nullable=True),
        sa.Column("granted", sa.BigInteger(), nullable=True),
        sa.Column("nature", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opinion", sa.String(length=20), nullable=True),
        sa.Column("opinion_reason", sa.Text(), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("decision_reference", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_funding_line_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_funding_line_funder_id_funder")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_line")),
        sa.UniqueConstraint(
            "application_id",
            "funder_id",
            "year",
            name=op.f("uq_funding_line_application_id_funder_id_year"),
        ),
    )
    with op.batch_alter_table("funding_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funding_line_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_funding_line_funder_id"), ["funder_id"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=True),
        sa.Column("achieved", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_indicator_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("action_took_place", sa.Boolean(), nullable=False),
        sa.Column("actual_cost", sa.BigInteger(), nullable=True),
        sa.Column("beneficiaries", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_report_application_id_application"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("application_id", "year", name=op.f("uq_report_application_id_year")),
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_status_change_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_change_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "budget_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("account", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_budget_entry_funder_id_funder")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["budget_version.id"],
            name=op.f("fk_budget_entry_version_id_budget_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_entry")),
    )
    with op.batch_alter_table("budget_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_entry_funder_id"), ["funder_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_budget_entry_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funding_line_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["funding_line_id"],
            ["funding_line.id"],
            name=op.f("fk_payment_funding_line_id_funding_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_funding_line_id"), ["funding_line_id"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_funding_line_id"))

    op.drop_table("payment")
    with op.batch_alter_table("budget_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_entry_version_id"))
        batch_op.drop_index(batch_op.f("ix_budget_entry_funder_id"))

    op.drop_table("budget_entry")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_application_id"))

    op.drop_table("status_change")
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_application_id"))

    op.drop_table("report")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_application_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("funding_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_line_funder_id"))
        batch_op.drop_index(batch_op.f("ix_funding_line_application_id"))

    op.drop_table("funding_line")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_committee_id"))
        batch_op.drop_index(batch_op.f("ix_decision_application_id"))
        batch_op.drop_index(batch_op.f("ix_decision_amends_id"))

    op.drop_table("decision")
    with op.batch_alter_table("budget_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_version_application_id"))

    op.drop_table("budget_version")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_application_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("application_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_flag_flag_id"))

    op.drop_table("application_flag")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_application_id"))

    op.drop_table("agreement")
    with op.batch_alter_table("envelope", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_envelope_year"))
        batch_op.drop_index(batch_op.f("ix_envelope_pillar_id"))
        batch_op.drop_index(batch_op.f("ix_envelope_funder_id"))

    op.drop_table("envelope")
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_member_funder_id"))
        batch_op.drop_index(batch_op.f("ix_committee_member_committee_id"))

    op.drop_table("committee_member")
    with op.batch_alter_table("call_pillar", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_pillar_pillar_id"))

    op.drop_table("call_pillar")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_year"))
        batch_op.drop_index(batch_op.f("ix_application_status"))
        batch_op.drop_index(batch_op.f("ix_application_search_text"))
        batch_op.drop_index(batch_op.f("ix_application_previous_id"))
        batch_op.drop_index(batch_op.f("ix_application_pillar_id"))
        batch_op.drop_index(batch_op.f("ix_application_contract_id"))
        batch_op.drop_index(batch_op.f("ix_application_channel"))
        batch_op.drop_index(batch_op.f("ix_application_carrier_id"))
        batch_op.drop_index(batch_op.f("ix_application_call_id"))

    op.drop_table("application")
    with op.batch_alter_table("pillar", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pillar_contract_id"))

    op.drop_table("pillar")
    with op.batch_alter_table("neighbourhood", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_neighbourhood_contract_id"))

    op.drop_table("neighbourhood")
    with op.batch_alter_table("funder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funder_contract_id"))

    op.drop_table("funder")
    with op.batch_alter_table("cross_cutting_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cross_cutting_flag_contract_id"))

    op.drop_table("cross_cutting_flag")
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_contract_id"))

    op.drop_table("committee")
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_year"))
        batch_op.drop_index(batch_op.f("ix_call_contract_id"))

    op.drop_table("call")
    op.drop_table("contract")
    with op.batch_alter_table("carrier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carrier_siret"))
        batch_op.drop_index(batch_op.f("ix_carrier_search_text"))
        batch_op.drop_index(batch_op.f("ix_carrier_rna"))

    op.drop_table("carrier")
