"""People: teachers and students (a self-learner is a student without a class), API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.models.base import Base, TimestampMixin, UTCDateTime

ROLES = ("teacher", "student")


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('teacher', 'student')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Usernames compare case-insensitively: `username_key` is the lower-cased, unique form.
    username: Mapped[str] = mapped_column(String(64))
    username_key: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    # IANA time zone name: a learner's "today" (study days, streaks, due dates) is theirs.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Spaced-repetition target retention (FSRS), a per-learner setting.
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    # Every browser session carries the epoch it began in; signing out or a password change
    # moves it on, which ends every session made before (learn/accounts/auth.py).
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"

    @property
    def name(self) -> str:
        """The name pages show: the display name, or the username when there is none."""
        return self.display_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.id} {self.username} {self.role}>"


class ApiToken(TimestampMixin, Base):
    """A bearer token for /api/v1; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")
