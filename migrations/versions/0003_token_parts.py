"""word parts, close alternatives and the reason for a missing root on article tokens

Revision ID: 0003_token_parts
Revises: 0002_study_quiz_words
Create Date: 2026-12-03 10:00:00

Tokens stored before this revision get NULL (no parts, no alternatives, no reason): the word
panel shows them as before until the article is analysed again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_token_parts"
down_revision = "0002_study_quiz_words"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("article_tokens") as batch:
        batch.add_column(sa.Column("parts", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("alternatives", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("root_note", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("article_tokens") as batch:
        batch.drop_column("root_note")
        batch.drop_column("alternatives")
        batch.drop_column("parts")
