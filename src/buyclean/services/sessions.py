"""Log-in sessions kept on the server: the signed cookie names one by a random id, logging out ends it (so a copied
cookie ends with it), and a password or role change ends all of a user's sessions."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete
from sqlmodel import Session, col

from buyclean.store.tables import LoginSession, utcnow

SESSION_LIFETIME = dt.timedelta(hours=12)  # as the cookie's (PERMANENT_SESSION_LIFETIME)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_session(session: Session, *, user_id: int, now: dt.datetime | None = None) -> str:
    """Record a new log-in for the user and return its id, for the cookie (only its SHA-256 is stored)."""
    now = now or utcnow()
    secret = secrets.token_urlsafe(32)
    session.add(LoginSession(id_hash=_digest(secret), user_id=user_id, expires_at=now + SESSION_LIFETIME))
    session.execute(delete(LoginSession).where(col(LoginSession.expires_at) < now))
    session.commit()
    return secret


def session_user(session: Session, *, secret: str, now: dt.datetime | None = None) -> int | None:
    """The user a live session id belongs to, or None when it was ended, has expired or never existed."""
    if not secret or len(secret) > 100:
        return None
    row = session.get(LoginSession, _digest(secret))
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
    return row.user_id if expires > (now or utcnow()) else None


def end_session(session: Session, *, secret: str) -> None:
    """End one session (log-out)."""
    session.execute(delete(LoginSession).where(col(LoginSession.id_hash) == _digest(secret)))
    session.commit()


def end_sessions(session: Session, *, user_id: int) -> None:
    """End every session of a user (not committed: the caller commits it with the change that ends them)."""
    session.execute(delete(LoginSession).where(col(LoginSession.user_id) == user_id))
