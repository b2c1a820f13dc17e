"""quiz versions: a quiz with attempts never changes, an edit makes a new row

Revision ID: 0007_quiz_versions
Revises: 0006_question_versions
Create Date: 2026-12-03 06:40:00

Every existing quiz becomes version 1, current (replaced_by_id NULL). The versions of one
quiz may share its title, so the title is unique per teacher, article and version.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_quiz_versions'
down_revision = '0006_question_versions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint('uq_quizzes_teacher_id_article_id_title', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_quizzes_teacher_id_article_id_title_version'),
            ['teacher_id', 'article_id', 'title', 'version'],
        )
        batch_op.create_index(batch_op.f('ix_quizzes_replaced_by_id'), ['replaced_by_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_quizzes_replaced_by_id_quizzes'), 'quizzes',
            ['replaced_by_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_quizzes_replaced_by_id_quizzes'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_quizzes_replaced_by_id'))
        batch_op.drop_constraint(
            batch_op.f('uq_quizzes_teacher_id_article_id_title_version'), type_='unique'
        )
        batch_op.create_unique_constraint(
            'uq_quizzes_teacher_id_article_id_title', ['teacher_id', 'article_id', 'title']
        )
        batch_op.drop_column('replaced_by_id')
        batch_op.drop_column('version')
