"""question versions: a question used by an assigned quiz is frozen, an edit makes a new row

Revision ID: 0006_question_versions
Revises: 0005_session_epoch
Create Date: 2026-12-02 23:30:00

Every existing question becomes version 1, current (replaced_by_id NULL).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_question_versions'
down_revision = '0005_session_epoch'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint('uq_questions_article_id_uid', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_questions_article_id_uid_version'), ['article_id', 'uid', 'version']
        )
        batch_op.create_index(
            batch_op.f('ix_questions_replaced_by_id'), ['replaced_by_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_questions_replaced_by_id_questions'), 'questions',
            ['replaced_by_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_questions_replaced_by_id_questions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_questions_replaced_by_id'))
        batch_op.drop_constraint(batch_op.f('uq_questions_article_id_uid_version'), type_='unique')
        batch_op.create_unique_constraint('uq_questions_article_id_uid', ['article_id', 'uid'])
        batch_op.drop_column('replaced_by_id')
        batch_op.drop_column('version')
