"""Organisations, users, roles, passwords, API tokens and who may see which submission.

Plain functions over a database session; the web layer turns a login or a token into a ``Principal`` and asks
these functions what it may do. Passwords are hashed with argon2id; tokens are random and only their SHA-256 is kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from buyclean.errors import BuycleanError
from buyclean.services.sessions import end_sessions
from buyclean.store.tables import (
    ApiToken,
    AuditEvent,
    AuditorAssignment,
    Invitation,
    Organisation,
    Share,
    Submission,
    UserAccount,
    utcnow,
)

ROLES = ("supplier", "officer", "auditor", "admin")
# what each role's organisation must be
ROLE_ORG_KIND = {"supplier": "supplier", "officer": "agency", "auditor": "agency", "admin": None}
READ_ONLY = "read"  # a token scope: the user's visibility, no changes
TOKEN_PREFIX = "bc_"
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)  # how exactly a token's last use is kept
MIN_PASSWORD = 12
INVITATION_LIFETIME = dt.timedelta(days=7)

_hasher = PasswordHasher()  # argon2id with the library's current defaults
# verified against when the e-mail is unknown, so that a wrong e-mail and a wrong password take as long
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(BuycleanError):
    """A request about accounts that cannot be done as asked; the message says why."""


class LoginFailed(BuycleanError):
    """Wrong e-mail or password, or the account is locked or inactive."""


@dataclass(frozen=True)
class Principal:
    """Who is acting: a logged-in user, a token's user (with the token's role), or nobody (anonymous)."""

    user_id: int | None = None
    email: str = "anonymous"
    name: str = "anonymous"
    role: str | None = None  # one of ROLES, "read" for read-only tokens, None for anonymous
    organisation_id: int | None = None
    agencies: tuple[int, ...] = field(default=())  # an auditor's assigned agencies
    via: str = "anonymous"  # session, token:<prefix>, anonymous
    # the role whose visibility applies: the user's role as it is now. A read-only token (or a token made before a
    # demotion) acts as "read" with what its user may see today, never with what a former role saw.
    scope: str | None = None

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def actor(self) -> str:
        """How the audit trail names who acted."""
        return self.email if self.via == "session" else f"{self.email} ({self.via})" if self.user_id else "anonymous"

    @property
    def sees_as(self) -> str | None:
        """The role whose visibility applies (see ``scope``)."""
        return self.scope or self.role

    def can(self, action: str) -> bool:
        """Whether the role allows an action at all (which submissions it applies to is ``visible``'s question)."""
        return self.role in ALLOWED.get(action, ())


ALLOWED: dict[str, tuple[str, ...]] = {
    "upload": ("supplier", "officer"),
    "read": ("supplier", "officer", "auditor", "admin", READ_ONLY),
    "review": ("officer",),
    "certify": ("supplier", "officer"),
    "revoke": ("officer",),
    "share": ("supplier",),
    "audit": ("auditor", "admin"),
    "admin": ("admin",),
}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Choose a password of at least {MIN_PASSWORD} characters (a few words work well).",
                           where="password")


def _new_organisation(session: Session, name: str, kind: str, *, verified: bool, actor: str) -> Organisation:
    name = name.strip()[:255]
    if not name:
        raise AccountError("Name the organisation.", where="organisation")
    org = Organisation(name=name, kind=kind, verified=verified, verified_by=actor if verified else None,
                       verified_at=utcnow() if verified else None)
    session.add(org)
    session.flush()
    return org


def organisation_named(session: Session, name: str, kind: str, *, actor: str = "system") -> Organisation:
    """The one organisation of ``kind`` called ``name``, made (verified) when there is none: for administrators and
    the command line only, who vouch for what they name. Sign-up never looks a name up (see ``sign_up``)."""
    rows = list(session.exec(select(Organisation).where(Organisation.name == name.strip(), Organisation.kind == kind)
                             .limit(2)))
    if len(rows) > 1:
        raise AccountError(f"Several {kind} organisations are called '{name.strip()}'; choose one by its number "
                           "on the Organisations page.", where="organisation")
    return rows[0] if rows else _new_organisation(session, name, kind, verified=True, actor=actor)


def _add_user(session: Session, *, email: str, name: str, role: str, password: str, org: Organisation | None,
              actor: str, must_change_password: bool = False, agencies: Sequence[Organisation] = (),
              detail: dict[str, Any] | None = None) -> UserAccount:
    """Add the user (not committed): the caller commits, or rolls back on error."""
    user = UserAccount(email=email, name=(name.strip() or email)[:255], role=role,
                       organisation_id=org.id if org else None, password_hash=hash_password(password),
                       must_change_password=must_change_password)
    session.add(user)
    session.flush()
    assert user.id is not None
    for agency in agencies:
        session.add(AuditorAssignment(user_id=user.id, organisation_id=agency.id or 0))
    session.add(AuditEvent(actor=actor, action="user_created", organisation_id=user.organisation_id,
                           detail={"user": email, "role": role, "organisation": org.name if org else None,
                                   "organisation_id": org.id if org else None,
                                   "agencies": [a.name for a in agencies], **(detail or {})}))
    return user


def _check_new_account(email: str, role: str, password: str) -> str:
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"Unknown role '{role}'; choose one of {', '.join(ROLES)}.", where="role")
    if "@" not in email or len(email) > 255:
        raise AccountError("Give a valid e-mail address.", where="email")
    check_password_strength(password)
    return email


def _commit_new_user(session: Session, email: str, build: Any) -> UserAccount:
    try:
        user: UserAccount = build()
        session.commit()
    except IntegrityError:
        session.rollback()
        raise AccountError(f"There is already an account for {email}.", where="email") from None
    except BaseException:
        session.rollback()
        raise
    return user


def create_user(session: Session, *, email: str, name: str, role: str, password: str,
                organisation: str | None = None, organisation_id: int | None = None, actor: str = "system",
                must_change_password: bool = False, assigned_agencies: Sequence[str] = ()) -> UserAccount:
    """Create a user as an administrator (or the command line) does; commits; records the permission change.

    The organisation is given by id, or by name (the one of that name and kind, made verified if there is none):
    an administrator vouches for it. Self sign-up goes through ``sign_up``, which never looks a name up.
    """
    email = _check_new_account(email, role, password)
    kind = ROLE_ORG_KIND[role]

    def build() -> UserAccount:
        org: Organisation | None = None
        if kind and organisation_id is not None:
            org = session.get(Organisation, organisation_id)
            if org is None or org.kind != kind:
                raise AccountError(f"There is no {kind} organisation {organisation_id}.", where="organisation")
        elif kind and (organisation or "").strip():
            org = organisation_named(session, organisation or "", kind, actor=actor)
        elif kind:
            raise AccountError(f"A {role} belongs to an organisation ({kind}); name it.", where="organisation")
        agencies = [organisation_named(session, a, "agency", actor=actor) for a in assigned_agencies]
        return _add_user(session, email=email, name=name, role=role, password=password, org=org, actor=actor,
                         must_change_password=must_change_password, agencies=agencies)

    return _commit_new_user(session, email, build)


def sign_up(session: Session, *, email: str, name: str, password: str, company: str) -> UserAccount:
    """A manufacturer signs itself up: always a new, unverified supplier organisation, known by its id.

    A name is never looked up, so signing up with another company's name (or an agency's) joins nothing and
    reveals nothing; colleagues join by an invitation from a member (``create_invitation``).
    """
    email = _check_new_account(email, "supplier", password)
    if not company.strip():
        raise AccountError("Name your company (the manufacturer).", where="organisation")

    def build() -> UserAccount:
        org = _new_organisation(session, company, "supplier", verified=False, actor="self sign-up")
        return _add_user(session, email=email, name=name, role="supplier", password=password, org=org,
                         actor="self sign-up")

    return _commit_new_user(session, email, build)


def create_invitation(session: Session, *, user: UserAccount, actor: str) -> str:
    """A single-use link secret that lets a colleague join ``user``'s supplier organisation (7 days)."""
    org = session.get(Organisation, user.organisation_id) if user.organisation_id else None
    if org is None or org.kind != "supplier" or user.role != "supplier":
        raise AccountError("Only a supplier's members invite colleagues; officers and auditors are added by an "
                           "administrator.")
    assert user.id is not None
    secret = secrets.token_urlsafe(32)
    session.add(Invitation(organisation_id=org.id or 0, token_hash=_token_digest(secret), created_by_id=user.id,
                           expires_at=utcnow() + INVITATION_LIFETIME))
    session.add(AuditEvent(actor=actor, action="invitation_created", organisation_id=org.id,
                           detail={"user": user.email, "organisation": org.name}))
    session.commit()
    return secret


def invitation_organisation(session: Session, token: str, now: dt.datetime | None = None) -> Organisation | None:
    """The organisation an unused, unexpired invitation joins, or None."""
    now = now or utcnow()
    row = session.exec(select(Invitation).where(Invitation.token_hash == _token_digest(token))).first()
    if row is None or row.used_at is not None or _aware(row.expires_at) <= now:
        return None
    return session.get(Organisation, row.organisation_id)


def accept_invitation(session: Session, *, token: str, email: str, name: str, password: str) -> UserAccount:
    """Create a supplier account in the invitation's organisation; the invitation is claimed atomically, once."""
    email = _check_new_account(email, "supplier", password)
    now = utcnow()
    digest = _token_digest(token)

    def build() -> UserAccount:
        claimed = session.execute(
            update(Invitation).where(col(Invitation.token_hash) == digest, col(Invitation.used_at).is_(None),
                                     col(Invitation.expires_at) > now).values(used_at=now))
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise AccountError("This invitation was used already or has expired; ask your colleague for a new link.",
                               where="invitation")
        row = session.exec(select(Invitation).where(Invitation.token_hash == digest)).one()
        org = session.get(Organisation, row.organisation_id)
        assert org is not None
        user = _add_user(session, email=email, name=name, role="supplier", password=password, org=org,
                         actor="invitation", detail={"invited_by": row.created_by_id})
        row.used_by_id = user.id
        session.add(row)
        return user

    return _commit_new_user(session, email, build)


def verify_organisation(session: Session, *, organisation_id: int, actor: str) -> Organisation:
    """An administrator confirms that a signed-up company is who it says."""
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise AccountError(f"There is no organisation {organisation_id}.", where="organisation")
    if not org.verified:
        org.verified, org.verified_at, org.verified_by = True, utcnow(), actor
        session.add(org)
        session.add(AuditEvent(actor=actor, action="organisation_verified", organisation_id=org.id,
                               detail={"organisation": org.name}))
        session.commit()
    return org


def organisations(session: Session) -> list[Organisation]:
    """Every organisation, unverified ones first, then by name."""
    return list(session.exec(select(Organisation).order_by(col(Organisation.verified), col(Organisation.name),
                                                           col(Organisation.id))))


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every stored time is UTC
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def set_role(session: Session, *, user: UserAccount, role: str, actor: str) -> UserAccount:
    """Change a user's role (an admin's permission change); their sessions end."""
    if role not in ROLES:
        raise AccountError(f"Unknown role '{role}'.", where="role")
    old = user.role
    user.role = role
    user.session_version += 1
    assert user.id is not None
    end_sessions(session, user_id=user.id)
    session.add(user)
    session.add(AuditEvent(actor=actor, action="role_changed", organisation_id=user.organisation_id,
                           detail={"user": user.email, "from": old, "to": role}))
    session.commit()
    return user


def set_active(session: Session, *, user: UserAccount, active: bool, actor: str) -> UserAccount:
    user.active = active
    user.session_version += 1
    assert user.id is not None
    end_sessions(session, user_id=user.id)
    session.add(user)
    session.add(AuditEvent(actor=actor, action="user_activated" if active else "user_deactivated",
                           organisation_id=user.organisation_id, detail={"user": user.email}))
    session.commit()
    return user


def change_password(session: Session, *, user: UserAccount, current: str, new: str) -> int:
    """Change the user's password: every session and every API token of theirs ends (whoever knew the old password
    may have made them). Returns how many tokens were revoked."""
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise AccountError("The current password is not right.", where="current") from None
    check_password_strength(new)
    assert user.id is not None
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.session_version += 1
    end_sessions(session, user_id=user.id)
    revoked = session.execute(update(ApiToken).where(col(ApiToken.user_id) == user.id,
                                                     col(ApiToken.revoked_at).is_(None)).values(revoked_at=utcnow()))
    count = int(revoked.rowcount)  # type: ignore[attr-defined]
    session.add(user)
    session.add(AuditEvent(actor=user.email, action="password_changed", organisation_id=user.organisation_id,
                           detail={"user": user.email, "tokens_revoked": count}))
    session.commit()
    return count


def _claim_attempt(session: Session, user_id: int, now: dt.datetime) -> int | None:
    """Count a log-in attempt on the account before its password is checked, in one statement: the attempt's
    number since the last success, or None while the account is locked. Counting first and atomically means that
    however many attempts arrive at once, and in however many processes, at most MAX_FAILED_LOGINS passwords are
    tried before the lock (counting after the check let 60 parallel guesses through with no lock)."""
    claimed = session.execute(
        update(UserAccount)
        .where(col(UserAccount.id) == user_id,
               or_(col(UserAccount.locked_until).is_(None), col(UserAccount.locked_until) <= now))
        .values(failed_logins=col(UserAccount.failed_logins) + 1, locked_until=None)
        .returning(col(UserAccount.failed_logins))
        .execution_options(synchronize_session=False)).scalar()
    session.commit()
    return None if claimed is None else int(claimed)


def _lock(session: Session, user_id: int, now: dt.datetime) -> None:
    session.execute(update(UserAccount).where(col(UserAccount.id) == user_id)
                    .values(locked_until=now + LOCKOUT, failed_logins=0).execution_options(synchronize_session=False))


def _locked(session: Session, user: UserAccount) -> LoginFailed:
    session.refresh(user)
    until = f"until {user.locked_until:%H:%M} UTC" if user.locked_until else "for a few minutes"
    return LoginFailed(f"Too many failed attempts: the account is locked {until}. Try again then, or ask an "
                       "administrator.")


def authenticate(session: Session, *, email: str, password: str, now: dt.datetime | None = None,
                 action: str = "login") -> UserAccount:
    """Return the user for a correct e-mail and password; count failures and lock after MAX_FAILED_LOGINS.

    ``action`` names the success in the audit trail: a log-in, or a password confirmed before a sensitive change.
    """
    now = now or utcnow()
    email = email.strip().lower()
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).first()
    generic = "The e-mail or password is not right."
    if user is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        session.add(AuditEvent(actor=email[:255] or "?", action="login_failed", detail={"reason": "unknown user"}))
        session.commit()
        raise LoginFailed(generic)
    assert user.id is not None
    attempt = _claim_attempt(session, user.id, now)
    if attempt is None:
        raise _locked(session, user)
    if attempt > MAX_FAILED_LOGINS:
        # more attempts at once than the account allows: the ones over the limit lock it, unchecked
        _lock(session, user.id, now)
        session.commit()
        raise _locked(session, user)
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        locked = attempt >= MAX_FAILED_LOGINS
        if locked:
            _lock(session, user.id, now)
        session.add(AuditEvent(actor=user.email, action="login_failed", organisation_id=user.organisation_id,
                               detail={"reason": "wrong password", "locked": locked}))
        session.commit()
        raise LoginFailed(generic) from None
    session.refresh(user)
    if not user.active:
        raise LoginFailed("This account is deactivated; ask an administrator.")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    session.add(user)
    session.add(AuditEvent(actor=user.email, action=action, organisation_id=user.organisation_id, detail={}))
    session.commit()
    return user


def principal_of(session: Session, user: UserAccount, *, role: str | None = None, via: str = "session") -> Principal:
    assert user.id is not None
    agencies: tuple[int, ...] = ()
    if user.role == "auditor":
        agencies = tuple(a.organisation_id for a in session.exec(
            select(AuditorAssignment).where(AuditorAssignment.user_id == user.id)))
    return Principal(user_id=user.id, email=user.email, name=user.name, role=role or user.role,
                     organisation_id=user.organisation_id, agencies=agencies, via=via, scope=user.role)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, *, user: UserAccount, name: str, read_only: bool = False,
                 actor: str | None = None) -> tuple[ApiToken, str]:
    """Create an API token; returns the row and the token itself, which is shown once and never stored."""
    assert user.id is not None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=(name.strip() or "token")[:100], prefix=secret[:10],
                   token_hash=_token_digest(secret), role=READ_ONLY if read_only else user.role)
    session.add(row)
    session.add(AuditEvent(actor=actor or user.email, action="token_created", organisation_id=user.organisation_id,
                           detail={"user": user.email, "token": row.prefix, "role": row.role}))
    session.commit()
    return row, secret


def revoke_token(session: Session, *, user: UserAccount, token_id: int, actor: str) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise AccountError("There is no such token.", where="token")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        session.add(AuditEvent(actor=actor, action="token_revoked", organisation_id=user.organisation_id,
                               detail={"user": user.email, "token": row.prefix}))
        session.commit()
    return row


def principal_for_token(session: Session, token: str) -> Principal | None:
    """The principal a bearer token acts as, or None for an unknown, revoked or deactivated one."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == _token_digest(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    user = session.get(UserAccount, row.user_id)
    if user is None or not user.active:
        return None
    # a token never acts with more than its user now has (a demoted user's old tokens lose the old role)
    role = row.role if row.role in (READ_ONLY, user.role) else READ_ONLY
    now = utcnow()
    last = row.last_used_at
    if last is None or now - _aware(last) > TOKEN_USE_RESOLUTION:
        # a write per API call would double the cost of every stored upload: the time is kept to the minute
        row.last_used_at = now
        session.add(row)
        session.commit()
    return principal_of(session, user, role=role, via=f"token:{row.prefix}")


def visible_condition(p: Principal) -> Any:
    """A SQL condition on Submission: the submissions this principal may see."""
    if not p.authenticated:
        return col(Submission.id).is_(None)  # nothing
    if p.sees_as == "admin":
        return col(Submission.id).is_not(None)
    if p.sees_as == "auditor":
        # an auditor reads the agencies assigned to them, whatever organisation they belong to
        orgs = list(p.agencies)
        shared = select(Share.submission_id).where(col(Share.organisation_id).in_(orgs))
        return or_(col(Submission.organisation_id).in_(orgs), col(Submission.id).in_(shared))
    if p.organisation_id is None:
        return col(Submission.id).is_(None)  # nothing
    shared = select(Share.submission_id).where(Share.organisation_id == p.organisation_id)
    own = col(Submission.organisation_id) == p.organisation_id
    if p.sees_as == "supplier":
        return own
    return or_(own, col(Submission.id).in_(shared))


def sees_organisation(p: Principal, organisation_id: int | None) -> bool:
    """Whether the principal may read what belongs to an organisation as a whole (a batch): its own organisation,
    an auditor's assigned agencies, everything for an administrator."""
    if not p.authenticated:
        return False
    if p.sees_as == "admin":
        return True
    if p.sees_as == "auditor":
        return organisation_id in p.agencies
    return organisation_id is not None and organisation_id == p.organisation_id


def can_see(session: Session, p: Principal, submission: Submission) -> bool:
    """Whether the principal may see this submission."""
    if not p.authenticated:
        return False
    statement = select(Submission.id).where(Submission.id == submission.id, visible_condition(p))
    return session.exec(statement).first() is not None


def share_submission(session: Session, *, p: Principal, submission: Submission, agency_id: int) -> Share:
    """A supplier shares its own submission with an agency."""
    agency = session.get(Organisation, agency_id)
    if agency is None or agency.kind != "agency":
        raise AccountError("Choose an agency to share with.", where="agency")
    if submission.organisation_id != p.organisation_id or not p.can("share"):
        raise AccountError("Only the supplier that uploaded a submission can share it.")
    assert submission.id is not None
    existing = session.get(Share, (submission.id, agency_id))
    if existing is not None:
        return existing
    share = Share(submission_id=submission.id, organisation_id=agency_id, shared_by=p.email)
    session.add(share)
    session.add(AuditEvent(submission_id=submission.id, actor=p.actor, action="shared",
                           organisation_id=agency_id, detail={"agency": agency.name}))
    session.commit()
    return share


def agencies(session: Session) -> list[Organisation]:
    return list(session.exec(select(Organisation).where(Organisation.kind == "agency").order_by(Organisation.name)))


def shares_of(session: Session, *, submission_id: int) -> list[tuple[Share, Organisation]]:
    rows = session.exec(select(Share, Organisation).where(Share.submission_id == submission_id,
                                                          Share.organisation_id == Organisation.id))
    return [(s, o) for s, o in rows]


def users(session: Session) -> list[tuple[UserAccount, Organisation | None]]:
    rows = session.exec(select(UserAccount, Organisation).join(
        Organisation, col(UserAccount.organisation_id) == col(Organisation.id), isouter=True)
        .order_by(col(UserAccount.email)))
    return [(u, o) for u, o in rows]


def tokens_of(session: Session, *, user_id: int) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).where(ApiToken.user_id == user_id).order_by(col(ApiToken.id))))


def ensure_first_admin(session: Session) -> str | None:
    """With no account at all, create admin@localhost with a random one-time password and return it; else None."""
    if session.exec(select(UserAccount.id).limit(1)).first() is not None:
        return None
    password = secrets.token_urlsafe(12)
    try:
        create_user(session, email="admin@localhost", name="Administrator", role="admin", password=password,
                    must_change_password=True, actor="first start")
    except AccountError:
        return None  # another process made it first
    return password
