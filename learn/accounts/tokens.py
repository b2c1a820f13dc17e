"""API bearer tokens: issued once, stored only as SHA-256, revocable.

A token is 32 random bytes (URL-safe) behind a recognisable `sahifa_` prefix, so a leaked
token is easy to spot in logs or code. SHA-256 without a salt is right here: the token is
already high-entropy, and a fast unsalted hash lets us look it up by equality.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update

from learn.extensions import db
from learn.models import ApiToken, User
from learn.models.base import utcnow

TOKEN_PREFIX = "sahifa_"
MAX_TOKEN_NAME_LENGTH = 100


@dataclass(frozen=True)
class IssuedToken:
    record: ApiToken
    secret: str  # shown to the user once; never stored


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_token(user: User, name: str = "") -> IssuedToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        user_id=user.id,
        token_sha256=token_digest(secret),
        name=" ".join(name.split())[:MAX_TOKEN_NAME_LENGTH],
    )
    db.session.add(record)
    db.session.commit()
    return IssuedToken(record, secret)


def user_for_token(secret: str) -> tuple[User, ApiToken] | None:
    """The owner of a live (unrevoked) token, marking the token as just used."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    record = db.session.scalar(
        select(ApiToken).where(
            ApiToken.token_sha256 == token_digest(secret), ApiToken.revoked_at.is_(None)
        )
    )
    if record is None:
        return None
    record.last_used_at = utcnow()
    db.session.commit()
    return record.user, record


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.id)
        )
    )


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of `user`'s tokens; False when they have no live token with that id.

    Revoking twice is harmless: the second call finds nothing live and reports False.
    """
    record = db.session.scalar(
        select(ApiToken).where(
            ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    )
    if record is None:
        return False
    record.revoked_at = utcnow()
    db.session.commit()
    return True


def revoke_all(user: User) -> int:
    """Revoke every live token of `user` (after a password change); how many were live."""
    result = db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .returning(ApiToken.id)
    )
    count = len(result.all())
    db.session.commit()
    return count


def live_token_count(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        )
        or 0
    )
