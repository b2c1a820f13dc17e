"""study settings: whether quiz answers add their words to the study list

Revision ID: 0002_study_quiz_words
Revises: 0001
Create Date: 2026-12-02 21:30:00

Existing learners keep today's behaviour (on).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_study_quiz_words"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("study_settings") as batch:
        batch.add_column(
            sa.Column("quiz_words", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade():
    with op.batch_alter_table("study_settings") as batch:
        batch.drop_column("quiz_words")
