"""Account pages: log in and out, sign up as a supplier, password, API tokens, users (admins), the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, session, url_for
from sqlmodel import select

from buyclean.app.requests import row_id_arg, visible_submission
from buyclean.app.runtime import db
from buyclean.app.security import (
    RECENT_AUTH_S,
    claim_login_attempt,
    current,
    forgive_login_attempt,
    login_user,
    logout_user,
    note_password_entered,
    password_entered_recently,
    require,
)
from buyclean.services.accounts import (
    ROLES,
    AccountError,
    LoginFailed,
    accept_invitation,
    agencies,
    authenticate,
    change_password,
    create_invitation,
    create_token,
    create_user,
    invitation_organisation,
    organisations,
    revoke_token,
    set_active,
    set_role,
    share_submission,
    sign_up,
    tokens_of,
    users,
    verify_organisation,
    visible_condition,
)
from buyclean.store import audit_csv, chain_head, list_audit, verify_chain
from buyclean.store.tables import Organisation, Submission, UserAccount

auth = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    # browsers read "/\\host" as "//host": no backslashes at all; and they drop tabs and line breaks, so that
    # "/\r\n//host" is "///host" to them (and a header Werkzeug refuses to send): no control characters or spaces
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target \
            and all(" " < ch != "\x7f" for ch in target) and not urlsplit(target).netloc:
        return target
    return url_for("pages.upload_form")


def _me() -> UserAccount:
    user = db().get(UserAccount, current().user_id)
    if user is None:
        abort(404)
    return user


@auth.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Log in with e-mail and password."""
    if request.method != "POST":
        return render_template("login.html", next=request.args.get("next", ""), email="")
    email, password = request.form.get("email", ""), request.form.get("password", "")
    next_url = request.form.get("next", "")
    attempt = claim_login_attempt()
    if attempt is None:
        flash("Too many failed log-ins from your address; wait a few minutes and try again.", "error")
        return render_template("login.html", next=next_url, email=email), 429
    try:
        user = authenticate(db(), email=email, password=password)
    except LoginFailed as exc:
        flash(exc.message, "error")
        return render_template("login.html", next=next_url, email=email), 401
    forgive_login_attempt(attempt)
    login_user(user)
    if user.must_change_password:
        flash("Welcome. Choose your own password before you go on.", "info")
        return redirect(url_for("auth.password"))
    return redirect(_safe_next(next_url))


@auth.post("/logout")
def logout() -> Any:
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("pages.upload_form"))


@auth.route("/signup", methods=["GET", "POST"])
def signup() -> Any:
    """A manufacturer creates its supplier account and a new company (officers and auditors are created by an
    administrator; colleagues join an existing company by a member's invitation link)."""
    form = request.form
    if request.method != "POST":
        return render_template("signup.html", form={})
    try:
        user = sign_up(db(), email=form.get("email", ""), name=form.get("name", ""),
                       password=form.get("password", ""), company=form.get("organisation", ""))
    except AccountError as exc:
        flash(exc.message, "error")
        return render_template("signup.html", form={k: form.get(k, "") for k in ("email", "name", "organisation")}), 400
    login_user(user)
    flash(f"Your supplier account for {form.get('organisation', '').strip()} is ready. The company shows as "
          "unverified until an administrator confirms it; invite colleagues from your account page.", "info")
    return redirect(url_for("pages.upload_form"))


@auth.route("/invitations/<token>", methods=["GET", "POST"])
def join(token: str) -> Any:
    """A colleague joins a supplier's company through a member's single-use link."""
    org = invitation_organisation(db(), token) if len(token) <= 100 else None
    if org is None:
        abort(404, "This invitation was used already, has expired or never existed; ask your colleague for a new "
                   "link.")
    form = request.form
    if request.method != "POST":
        return render_template("join.html", organisation=org, form={})
    try:
        user = accept_invitation(db(), token=token, email=form.get("email", ""), name=form.get("name", ""),
                                 password=form.get("password", ""))
    except AccountError as exc:
        flash(exc.message, "error")
        return render_template("join.html", organisation=org,
                               form={k: form.get(k, "") for k in ("email", "name")}), 400
    login_user(user)
    flash(f"Welcome: you are a member of {org.label}.", "info")
    return redirect(url_for("pages.upload_form"))


@auth.route("/account/password", methods=["GET", "POST"])
@require("read")
def password() -> Any:
    if request.method != "POST":
        return render_template("password.html")
    user = _me()
    try:
        revoked = change_password(db(), user=user, current=request.form.get("current", ""),
                                  new=request.form.get("new", ""))
    except AccountError as exc:
        flash(exc.message, "error")
        return render_template("password.html"), 400
    login_user(user)
    flash("Your password is changed; your other sessions are logged out" + (
        f" and your {revoked} API token(s) revoked: make new ones below." if revoked else "."), "info")
    return redirect(url_for("auth.account"))


@auth.get("/account")
@require("read")
def account() -> str:
    user = _me()
    assert user.id is not None
    org = db().get(Organisation, user.organisation_id) if user.organisation_id else None
    return render_template("account.html", user=user, organisation=org, tokens=tokens_of(db(), user_id=user.id),
                           new_token=session.pop("new_token", None), invitation=session.pop("new_invitation", None),
                           recent=password_entered_recently(), recent_minutes=RECENT_AUTH_S // 60)


def _password_confirmed() -> bool:
    """Token and invitation changes need the password typed in the last minutes: recently, or in this form."""
    if password_entered_recently():
        return True
    attempt = claim_login_attempt()
    if attempt is None:
        flash("Too many failed log-ins from your address; wait a few minutes and try again.", "error")
        return False
    try:
        authenticate(db(), email=_me().email, password=request.form.get("password", ""), action="password_confirmed")
    except LoginFailed as exc:
        flash(f"Confirm it is you: {exc.message}", "error")
        return False
    forgive_login_attempt(attempt)
    note_password_entered()
    return True


@auth.post("/account/tokens")
@require("read")
def new_token() -> Any:
    if not _password_confirmed():
        return redirect(url_for("auth.account") + "#tokens")
    user = _me()
    _row, secret = create_token(db(), user=user, name=request.form.get("name", ""),
                                read_only=request.form.get("read_only") == "1")
    session["new_token"] = secret  # shown once, on the next page, then gone
    return redirect(url_for("auth.account") + "#tokens")


@auth.post("/account/tokens/<int:token_id>/revoke")
@require("read")
def drop_token(token_id: int) -> Any:
    if not _password_confirmed():
        return redirect(url_for("auth.account") + "#tokens")
    try:
        revoke_token(db(), user=_me(), token_id=token_id, actor=current().actor)
    except AccountError as exc:
        abort(404, exc.message)
    flash("The token is revoked; programs using it are refused from now on.", "info")
    return redirect(url_for("auth.account") + "#tokens")


@auth.post("/account/invitations")
@require("share")
def new_invitation() -> Any:
    """A supplier's member makes a single-use link for a colleague to join the company."""
    if not _password_confirmed():
        return redirect(url_for("auth.account") + "#colleagues")
    try:
        secret = create_invitation(db(), user=_me(), actor=current().actor)
    except AccountError as exc:
        flash(exc.message, "error")
        return redirect(url_for("auth.account"))
    session["new_invitation"] = url_for("auth.join", token=secret, _external=True)
    return redirect(url_for("auth.account") + "#colleagues")


@auth.post("/submissions/<int:submission_id>/share")
@require("share")
def share(submission_id: int) -> Any:
    submission = visible_submission(submission_id)
    try:
        share_submission(db(), p=current(), submission=submission,
                         agency_id=row_id_arg(request.form.get("agency")) or 0)
    except AccountError as exc:
        flash(exc.message, "error")
    else:
        flash("Shared: the agency's officers and auditors can now see this submission.", "info")
    return redirect(url_for("pages.submission_page", submission_id=submission_id))


@auth.get("/admin/users")
@require("admin")
def admin_users() -> str:
    return render_template("admin_users.html", users=users(db()), roles=ROLES, agencies=agencies(db()))


@auth.post("/admin/users")
@require("admin")
def admin_create_user() -> Any:
    form = request.form
    assigned = [a.strip() for a in form.get("agencies", "").split(",") if a.strip()]
    try:
        user = create_user(db(), email=form.get("email", ""), name=form.get("name", ""), role=form.get("role", ""),
                           password=form.get("password", ""), organisation=form.get("organisation") or None,
                           actor=current().actor, must_change_password=True, assigned_agencies=assigned)
    except AccountError as exc:
        flash(exc.message, "error")
    else:
        flash(f"Created {user.email} ({user.role}); they choose their own password at first log-in.", "info")
    return redirect(url_for("auth.admin_users"))


@auth.get("/admin/organisations")
@require("admin")
def admin_organisations() -> str:
    return render_template("admin_organisations.html", organisations=organisations(db()))


@auth.post("/admin/organisations/<int:organisation_id>/verify")
@require("admin")
def admin_verify_organisation(organisation_id: int) -> Any:
    try:
        org = verify_organisation(db(), organisation_id=organisation_id, actor=current().actor)
    except AccountError as exc:
        abort(404, exc.message)
    flash(f"{org.name} is verified.", "info")
    return redirect(url_for("auth.admin_organisations"))


@auth.post("/admin/users/<int:user_id>")
@require("admin")
def admin_change_user(user_id: int) -> Any:
    user = db().get(UserAccount, user_id)
    if user is None:
        abort(404, f"There is no user {user_id}.")
    if user.id == current().user_id:
        flash("You cannot change your own role or access; ask another administrator.", "error")
        return redirect(url_for("auth.admin_users"))
    try:
        if "role" in request.form:
            set_role(db(), user=user, role=request.form["role"], actor=current().actor)
        if "active" in request.form:
            set_active(db(), user=user, active=request.form["active"] == "1", actor=current().actor)
    except AccountError as exc:
        flash(exc.message, "error")
    else:
        flash(f"Updated {user.email}.", "info")
    return redirect(url_for("auth.admin_users"))


def _audit_scope() -> dict[str, Any]:
    p = current()
    if p.role == "admin":
        return {}
    return {"organisation_ids": list(p.agencies),
            "submissions": select(Submission.id).where(visible_condition(p))}


def date_arg(name: str) -> dt.date | None:
    """A YYYY-MM-DD query argument; None when absent or unreadable."""
    try:
        return dt.date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


@auth.get("/audit")
@require("audit")
def audit() -> str:
    """The audit trail of the auditor's agencies (all of it for administrators), newest first."""
    before = row_id_arg(request.args.get("before"))
    action = request.args.get("action") or None
    events = list_audit(db(), action=action, before_id=before, limit=100,
                        actor=(request.args.get("actor") or "").strip() or None,
                        submission_id=row_id_arg(request.args.get("submission")), date_from=date_arg("date_from"),
                        date_to=date_arg("date_to"), **_audit_scope())
    chain = verify_chain(db()) if current().role == "admin" else None
    args = {k: v for k, v in request.args.items() if k != "before" and v}
    return render_template("audit.html", events=events, action=action, chain=chain, head=chain_head(db()),
                           older=events[-1].id if len(events) == 100 else None, args=args)


@auth.get("/audit.csv")
@require("audit")
def audit_export() -> Response:
    head = chain_head(db())  # before the events: the export holds every event the head covers
    events = list_audit(db(), limit=1_000_000, **_audit_scope())
    return Response(audit_csv(reversed(events), head), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="buyclean-audit.csv"'})
