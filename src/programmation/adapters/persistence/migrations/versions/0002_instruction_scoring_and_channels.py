"""instruction, scoring and channels

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:04:21.518674
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# The 2015 contract's six evaluation criteria, each 0-4: the default grid.
DEFAULT_GRID = [
    ("PERT", "Pertinence", "Répond à un besoin issu du diagnostic ou des tables citoyennes."),
    ("COHE", "Cohérence", "Cohérence avec le contrat de ville et les autres actions."),
    ("ENJE", "Respect des enjeux du contrat", "Inscrite dans un pilier prioritaire."),
    ("EFFI", "Efficacité", "Résultats attendus et indicateurs d'évaluation."),
    ("EFFN", "Efficience", "Coût par bénéficiaire ; rapport coût / résultat / durée."),
    (
        "PART",
        "Participation des habitants",
        "Habitants associés à la conception et à la réalisation.",
    ),
]


def _seed_default_grid() -> None:
    """Existing contracts get the default scoring grid (frozen here, not imported)."""
    bind = op.get_bind()
    contracts = bind.execute(sa.text("SELECT id FROM contract")).scalars().all()
    criterion = sa.table(
        "scoring_criterion",
        sa.column("contract_id"),
        sa.column("code"),
        sa.column("label"),
        sa.column("weight"),
        sa.column("scale_max"),
        sa.column("guidance"),
        sa.column("position"),
    )
    rows = [
        {
            "contract_id": contract_id,
            "code": code,
            "label": label,
            "weight": 1,
            "scale_max": 4,
            "guidance": guidance,
            "position": position,
        }
        for contract_id in contracts
        for position, (code, label, guidance) in enumerate(DEFAULT_GRID)
    ]
    if rows:
        op.bulk_insert(criterion, rows)


def upgrade() -> None:
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint("name", name=op.f("uq_import_mapping_name")),
    )
    op.create_table(
        "scoring_criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("scale_max", sa.Integer(), nullable=False),
        sa.Column("guidance", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_scoring_criterion_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_criterion")),
        sa.UniqueConstraint(
            "contract_id", "code", name=op.f("uq_scoring_criterion_contract_id_code")
        ),
    )
    with op.batch_alter_table("scoring_criterion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scoring_criterion_contract_id"), ["contract_id"], unique=False
        )

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_person_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_person_funder_id_funder")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_funder_id"), ["funder_id"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_assignment_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_assignment_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", "person_id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_person_id"), ["person_id"], unique=False)

    op.create_table(
        "info_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_info_request_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_info_request")),
    )
    with op.batch_alter_table("info_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_info_request_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "reserve_agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("agreed_by", sa.String(length=200), nullable=False),
        sa.Column("agreed_at", sa.DateTime(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_reserve_agreement_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_reserve_agreement_funder_id_funder")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reserve_agreement")),
    )
    with op.batch_alter_table("reserve_agreement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reserve_agreement_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reserve_agreement_funder_id"), ["funder_id"], unique=False
        )

    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("opinion", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_review_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_review_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_review_person_id"), ["person_id"], unique=False)

    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_revision_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
    )
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_revision_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("scored_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_score_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["scoring_criterion.id"],
            name=op.f("fk_score_criterion_id_scoring_criterion"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_score_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score")),
        sa.UniqueConstraint(
            "application_id",
            "person_id",
            "criterion_id",
            name=op.f("uq_score_application_id_person_id_criterion_id"),
        ),
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_score_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_score_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_person_id"), ["person_id"], unique=False)

    op.create_table(
        "agreement_amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_amendment_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_amendment")),
    )
    with op.batch_alter_table("agreement_amendment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_amendment_agreement_id"), ["agreement_id"], unique=False
        )

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_reason", sa.Text(), server_default="", nullable=False))

    with op.batch_alter_table("funding_line", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("proposed_by", sa.String(length=200), server_default="", nullable=False)
        )

    _seed_default_grid()


def downgrade() -> None:
    with op.batch_alter_table("funding_line", schema=None) as batch_op:
        batch_op.drop_column("proposed_by")

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_column("late_reason")

    with op.batch_alter_table("agreement_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_amendment_agreement_id"))

    op.drop_table("agreement_amendment")
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_person_id"))
        batch_op.drop_index(batch_op.f("ix_score_criterion_id"))
        batch_op.drop_index(batch_op.f("ix_score_application_id"))

    op.drop_table("score")
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_application_id"))

    op.drop_table("revision")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_person_id"))
        batch_op.drop_index(batch_op.f("ix_review_application_id"))

    op.drop_table("review")
    with op.batch_alter_table("reserve_agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reserve_agreement_funder_id"))
        batch_op.drop_index(batch_op.f("ix_reserve_agreement_application_id"))

    op.drop_table("reserve_agreement")
    with op.batch_alter_table("info_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_info_request_application_id"))

    op.drop_table("info_request")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_person_id"))

    op.drop_table("assignment")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_funder_id"))
        batch_op.drop_index(batch_op.f("ix_person_contract_id"))

    op.drop_table("person")
    with op.batch_alter_table("scoring_criterion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scoring_criterion_contract_id"))

    op.drop_table("scoring_criterion")
    op.drop_table("import_mapping")
