"""Who is asking: sessions for people, bearer tokens for programs; CSRF on every form; security headers.

Every request gets ``g.principal``. Pages use ``login_required``-style checks through ``require``; the API answers
401/403 in JSON. A submission someone may not see is answered 404, as if it did not exist.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, Response, abort, g, redirect, request, session, url_for
from werkzeug.exceptions import Forbidden, TooManyRequests, Unauthorized

from buyclean.app.runtime import db, runtime
from buyclean.services.accounts import Principal, principal_for_token, principal_of
from buyclean.services.sessions import end_session, session_user, start_session
from buyclean.store.rates import Ticket
from buyclean.store.tables import UserAccount

F = TypeVar("F", bound=Callable[..., Any])
ANONYMOUS = Principal()
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# per client address: failed logins in the last window, to slow down guessing across many accounts (counted where
# every process counts: store.rates)
LOGIN_WINDOW_S = 15 * 60
MAX_FAILURES_PER_ADDRESS = 30


def current() -> Principal:
    """The principal of this request."""
    principal: Principal = g.get("principal", ANONYMOUS)
    return principal


def is_api() -> bool:
    return request.path.startswith("/api/")


# Token management and invitations need the password entered this recently in the same session, so that a stolen
# session cookie (or a page left open) cannot mint credentials that outlive it.
RECENT_AUTH_S = 10 * 60


def login_user(user: UserAccount) -> None:
    """Start a fresh session for the user (a new session id, a new CSRF token), with the password just entered."""
    assert user.id is not None
    earlier = session.get("sid")
    if isinstance(earlier, str):  # this browser's previous log-in ends here
        end_session(db(), secret=earlier)
    session.clear()
    session["uid"] = user.id
    session["sv"] = user.session_version
    # the server's record of this log-in: logging out deletes it, so a copy of the cookie dies with it
    session["sid"] = start_session(db(), user_id=user.id)
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True
    note_password_entered()


def note_password_entered() -> None:
    """Record that the session's user has just typed their password."""
    session["auth_at"] = int(time.time())


def password_entered_recently() -> bool:
    """True when this session's user typed their password in the last RECENT_AUTH_S seconds (never for tokens)."""
    if current().via != "session":
        return False
    at = session.get("auth_at")
    return isinstance(at, int) and 0 <= time.time() - at <= RECENT_AUTH_S


def csrf_token() -> str:
    """The session's CSRF token, made on first use; every form carries it in a hidden field."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def logout_user() -> None:
    """End this browser's session, on the server as well as in the cookie."""
    sid = session.get("sid")
    if isinstance(sid, str):
        end_session(db(), secret=sid)
    session.clear()


def client_address() -> str:
    return request.remote_addr or "?"


def claim_login_attempt() -> Ticket | None:
    """Count a log-in attempt from this address as a failure before the password is checked (so that parallel
    attempts cannot all pass the count); None when the address has failed too often. A success gives it back."""
    return runtime().rates.take(f"login:{client_address()}", limit=MAX_FAILURES_PER_ADDRESS,
                                window_s=LOGIN_WINDOW_S)


def forgive_login_attempt(ticket: Ticket) -> None:
    """The attempt succeeded: it is not a failure."""
    runtime().rates.give_back(ticket)


def allow_anonymous_checks(files: int) -> None:
    """Count ``files`` self-checks for this address (someone without an account); 429 past the configured rate."""
    rt = runtime()
    limit, window = rt.settings.anonymous_checks, rt.settings.anonymous_check_window_s
    for _ in range(files):
        if rt.rates.take(f"check:{client_address()}", limit=limit, window_s=window) is None:
            raise TooManyRequests(
                f"More than {limit} self-checks from your address in "
                f"{f'{window // 60} minutes' if window >= 120 else f'{window} seconds'} "
                "(BUYCLEAN_ANONYMOUS_CHECKS); wait a few minutes, or log in: stored checks have no such limit.",
                retry_after=window)


def _load_principal() -> Any:
    g.principal = ANONYMOUS
    header = request.headers.get("Authorization", "")
    # Bearer tokens are for programs, on the API only. A page request is its session's alone: otherwise a read-only
    # token with a fresh anonymous cookie (and that cookie's own CSRF token) could post to the account forms.
    if header and is_api():
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Send the API token as 'Authorization: Bearer <token>'.")
        principal = principal_for_token(db(), token.strip())
        if principal is None:
            raise Unauthorized("The API token is unknown or revoked; create one on your account page.")
        g.principal = principal
        return None
    uid = session.get("uid")
    if uid is None:
        return None
    sid = session.get("sid")
    user = db().get(UserAccount, uid) if isinstance(sid, str) and session_user(db(), secret=sid) == uid else None
    if user is None or not user.active or session.get("sv") != user.session_version:
        session.clear()
        return None
    # the API takes cookies only for reading (downloads from pages); changes need a token
    if is_api() and request.method not in SAFE_METHODS:
        return None
    g.principal = principal_of(db(), user)
    if user.must_change_password and request.endpoint not in ("auth.password", "auth.logout", "static"):
        return redirect(url_for("auth.password"))
    return None


# Forms that change nothing and act for nobody: checking an uploaded certificate. Without a CSRF field the public
# verification pages make no session, so they carry no Set-Cookie and any cache may keep them.
CSRF_EXEMPT = frozenset({"certificates.verify_upload_page"})


# Endpoints whose body is an uploaded EPD document: the readers drop NUL from its text, upload_name from its name.
DOCUMENT_BODIES = frozenset({"api.create_assessment"})


def _refuse_nul() -> None:
    """Refuse text with a NUL character in the query, a form field or a JSON body: no value here has one, and
    PostgreSQL cannot store it (file names and uploaded documents are cleaned where they are read)."""
    if request.endpoint in DOCUMENT_BODIES:
        return  # its ?filename= goes through upload_name, its body through the readers; the rest is not text
    if any("\x00" in v for v in request.args.values()) or any("\x00" in k for k in request.args):
        abort(400, "The address holds a NUL character (%00); remove it and send the request again.")
    if request.method in SAFE_METHODS:
        return
    if request.is_json:
        if b"\\u0000" in request.get_data(cache=True):
            abort(400, "The JSON holds a NUL character (\\u0000); remove it and send the request again.")
    elif any("\x00" in v for v in request.form.values()):
        abort(400, "A form field holds a NUL character; remove it and send the form again.")


def _check_csrf() -> None:
    if request.method in SAFE_METHODS or is_api() or request.endpoint in CSRF_EXEMPT:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(str(sent), str(expected)):
        abort(400, "The form has expired or did not come from this site; reload the page and send it again.")


# a year; browsers then refuse plain HTTP to this host (the public URL's), so it is sent only when that is https
HSTS = "max-age=31536000"


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if g.get("principal", ANONYMOUS).authenticated:
        response.headers.setdefault("Cache-Control", "private, no-store")
    return response


def _strict_transport(response: Response) -> Response:
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def install(app: Flask, *, secure_cookies: bool, hsts: bool = False) -> None:
    """Load the principal and check CSRF before every request; add the security headers after (and
    Strict-Transport-Security with ``hsts``, when the service is public over https)."""
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=secure_cookies, SESSION_COOKIE_NAME="buyclean_session",
                      PERMANENT_SESSION_LIFETIME=12 * 3600)

    @app.before_request
    def _before() -> Any:
        if request.endpoint == "static":
            return None
        _refuse_nul()
        _check_csrf()
        return _load_principal()

    app.after_request(_headers)
    if hsts:
        app.after_request(_strict_transport)
    app.jinja_env.globals.update(csrf_token=csrf_token, me=current)


def require(action: str) -> Callable[[F], F]:
    """Allow the view only to principals whose role may do ``action``; others log in (pages) or get 401/403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            p = current()
            if not p.authenticated:
                if is_api():
                    raise Unauthorized("Send an API token: 'Authorization: Bearer <token>' (see your account page).")
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not p.can(action):
                raise Forbidden(f"Your role ({p.role}) cannot {action.replace('_', ' ')}; ask an officer or an "
                                "administrator.")
            return view(*args, **kwargs)
        return wrapper  # type: ignore[return-value]
    return decorate

