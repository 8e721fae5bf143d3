"""Accounts: log-in, throttling, CSRF, headers, tokens, anonymous self-checks, sign-up, the audit chain and its CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlmodel import Session, select

from buyclean.cli import main
from buyclean.services.accounts import ensure_first_admin
from buyclean.store import AuditTampered, verify_chain
from buyclean.store.tables import ApiToken, AuditEvent, Submission, UserAccount
from tests.conftest import logged_in, make_account, native_epd

PASSWORD = "correct horse battery staple"


def session_of(app: Flask) -> Session:
    return Session(app.extensions["buyclean"].engine, expire_on_commit=False)


def count(app: Flask, table: Any) -> int:
    with session_of(app) as s:
        return len(list(s.exec(select(table))))


def login(client: FlaskClient, email: str, password: str, next_url: str = "") -> Any:
    client.get("/login")
    return client.post("/login", data={"email": email, "password": password, "next": next_url})


def test_login_with_a_hashed_password_then_logout(app: Flask, anonymous: FlaskClient) -> None:
    make_account(app, role="supplier", organisation="Acme Steel", email="Sam@Acme.example")
    with session_of(app) as s:
        user = s.exec(select(UserAccount).where(UserAccount.email == "sam@acme.example")).one()
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    response = login(anonymous, "SAM@acme.example", PASSWORD, next_url="/submissions")
    assert response.status_code == 302 and response.headers["Location"] == "/submissions"
    assert "sam@acme.example" in anonymous.get("/account").get_data(as_text=True)
    assert anonymous.post("/logout").status_code == 302
    assert anonymous.get("/account").status_code == 302


def test_a_next_url_elsewhere_is_not_followed(app: Flask, anonymous: FlaskClient) -> None:
    make_account(app, role="supplier", organisation="Acme Steel", email="sam@acme.example")
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = login(anonymous, "sam@acme.example", PASSWORD, next_url=target)
        assert response.headers["Location"] == "/", target
        anonymous.post("/logout")


def test_wrong_passwords_lock_the_account_and_are_audited(app: Flask, anonymous: FlaskClient) -> None:
    make_account(app, role="officer", organisation="Agency A", email="olga@agency.example")
    for _ in range(5):
        failed = login(anonymous, "olga@agency.example", "wrong password!")
        assert failed.status_code == 401 and "not right" in failed.get_data(as_text=True)
    locked = login(anonymous, "olga@agency.example", PASSWORD)
    assert locked.status_code == 401 and "locked until" in locked.get_data(as_text=True)
    unknown = login(anonymous, "nobody@agency.example", PASSWORD)
    assert unknown.status_code == 401 and "not right" in unknown.get_data(as_text=True)  # same message
    with session_of(app) as s:
        actions = [e.action for e in s.exec(select(AuditEvent))]
    assert actions.count("login_failed") == 6 and "login" not in actions


def test_too_many_failures_from_one_address_are_slowed(app: Flask, anonymous: FlaskClient,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from buyclean.app import security as auth

    monkeypatch.setattr(auth, "MAX_FAILURES_PER_ADDRESS", 3)
    for i in range(3):
        login(anonymous, f"user{i}@x.example", "whatever")
    assert login(anonymous, "user9@x.example", "whatever").status_code == 429


def test_forms_without_the_csrf_token_are_refused(app: Flask) -> None:
    user_id, _token = make_account(app, role="officer", organisation="Agency A")
    c = logged_in(app, user_id)
    data = {"file": (io.BytesIO(json.dumps(native_epd()).encode()), "mix.json")}
    refused = c.post("/submissions", data=data, content_type="multipart/form-data", csrf=False)
    assert refused.status_code == 400 and "reload the page" in refused.get_data(as_text=True)
    forged = c.post("/logout", data={"csrf_token": "guess"}, csrf=False)
    assert forged.status_code == 400
    assert count(app, Submission) == 0


def test_security_headers_and_cookie_flags(app: Flask, anonymous: FlaskClient) -> None:
    response = anonymous.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["X-Content-Type-Options"] == "nosniff"
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "<script>" not in response.get_data(as_text=True).replace('<script src="', "")


def test_secure_cookies_when_served_over_https(database_url: str, tmp_path: Path) -> None:
    from buyclean import create_app

    app = create_app({"TESTING": True, "database_url": database_url, "instance_path": tmp_path / "s",
                      "public_url": "https://buyclean.example.org"})
    assert "Secure" in app.test_client().get("/login").headers["Set-Cookie"]
    app.extensions["buyclean"].engine.dispose()


def test_api_tokens_are_stored_hashed_and_can_be_revoked(app: Flask) -> None:
    user_id, token = make_account(app, role="supplier", organisation="Acme Steel")
    with session_of(app) as s:
        row = s.exec(select(ApiToken)).one()
        assert token not in (row.token_hash, row.prefix) and len(row.token_hash) == 64
    c = logged_in(app, user_id)
    assert app.test_client().get("/api/v1/assessments", headers={"Authorization": f"Bearer {token}"}).status_code \
        == 200
    c.post(f"/account/tokens/{row.id}/revoke")
    refused = app.test_client().get("/api/v1/assessments", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401 and refused.get_json()["error"] == "unauthorized"
    garbage = app.test_client().get("/api/v1/assessments", headers={"Authorization": "Basic eDp5"})
    assert garbage.status_code == 401
    # a new token is shown once on the account page
    c.post("/account/tokens", data={"name": "ERP"})
    page = c.get("/account").get_data(as_text=True)
    assert "Your new token" in page and "bc_" in page
    assert "Your new token" not in c.get("/account").get_data(as_text=True)


def test_an_anonymous_self_check_stores_nothing(app: Flask, anonymous: FlaskClient) -> None:
    response = anonymous.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json")
    assert response.status_code == 200 and "Location" not in response.headers
    assert response.get_json()["products"][0]["status"] == "compliant"
    data = {"file": (io.BytesIO(json.dumps(native_epd()).encode()), "mix.json")}
    page = anonymous.post("/submissions", data=data, content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "nothing was stored" in html and "Mix 4000-A" in html
    assert "Create a supplier account" in html or "create a supplier account" in html
    assert count(app, Submission) == 0 and count(app, AuditEvent) == 0
    files = Path(app.instance_path) / "files"
    assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))


def test_signup_makes_a_logged_in_supplier(app: Flask, anonymous: FlaskClient) -> None:
    anonymous.get("/signup")
    form = {"organisation": "Acme Concrete", "name": "Sam", "email": "sam@acme.example", "password": "short"}
    assert anonymous.post("/signup", data=form).status_code == 400
    response = anonymous.post("/signup", data={**form, "password": PASSWORD})
    assert response.status_code == 302
    stored = anonymous.post("/submissions", data={"file": (io.BytesIO(json.dumps(native_epd()).encode()), "m.json")},
                            content_type="multipart/form-data")
    assert stored.status_code == 302 and stored.headers["Location"].startswith("/submissions/")
    with session_of(app) as s:
        user = s.exec(select(UserAccount).where(UserAccount.email == "sam@acme.example")).one()
        submission = s.exec(select(Submission)).one()
    assert user.role == "supplier" and submission.organisation_id == user.organisation_id
    assert anonymous.post("/signup", data={**form, "password": PASSWORD}).status_code == 400  # taken


def test_the_first_admin_must_choose_a_password(app: Flask, anonymous: FlaskClient) -> None:
    with session_of(app) as s:
        password = ensure_first_admin(s)
        assert password and ensure_first_admin(s) is None
    assert login(anonymous, "admin@localhost", password).headers["Location"] == "/account/password"
    assert anonymous.get("/admin/users").headers["Location"] == "/account/password"
    changed = anonymous.post("/account/password", data={"current": password, "new": PASSWORD})
    assert changed.status_code == 302
    assert anonymous.get("/admin/users").status_code == 200


def test_a_role_change_ends_the_users_sessions(app: Flask) -> None:
    admin = logged_in(app, make_account(app, role="admin", organisation=None)[0])
    user_id, _ = make_account(app, role="officer", organisation="Agency A")
    officer = logged_in(app, user_id)
    assert officer.get("/submissions").status_code == 200
    assert admin.post(f"/admin/users/{user_id}", data={"role": "auditor"}).status_code == 302
    assert officer.get("/submissions").headers["Location"].startswith("/login")


def test_the_audit_chain_shows_changes_and_removals(app: Flask, client: FlaskClient) -> None:
    for _ in range(3):
        client.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json")
    with session_of(app) as s:
        assert verify_chain(s).ok
        count_before = verify_chain(s).count
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "assessment")).first()
        assert event is not None
        event.actor = "someone else"
        s.add(event)
        with pytest.raises(AuditTampered):
            s.commit()
    assert count_before >= 8
    engine = app.extensions["buyclean"].engine
    with engine.begin() as conn:  # behind the service's back, as an intruder with database access would
        original = conn.execute(text("SELECT actor FROM audit_event WHERE id = 3")).scalar()
        conn.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE id = 3"))
    with session_of(app) as s:
        check = verify_chain(s)
    assert not check.ok and any("Event 3" in p and "changed" in p for p in check.problems)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET actor = :a WHERE id = 3"), {"a": original})
    with session_of(app) as s:
        assert verify_chain(s).ok, verify_chain(s).problems
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = 4"))
    with session_of(app) as s:
        check = verify_chain(s)
    assert not check.ok and any("Event 5" in p and "removed" in p for p in check.problems)


def test_auditors_see_and_export_their_agencies_trail(app: Flask, client: FlaskClient) -> None:
    client.post("/api/v1/assessments", data=json.dumps(native_epd(manufacturer="=HYPERLINK(\"x\")")),
                content_type="application/json")
    other = logged_in(app, *make_account(app, role="officer", organisation="Agency B"))
    other.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json")
    auditor = logged_in(app, make_account(app, role="auditor", organisation="Test Agency",
                                          agencies=("Test Agency",))[0])
    page = auditor.get("/audit").get_data(as_text=True)
    assert "officer@agency.example" in page and "assessment" in page
    csv_text = auditor.get("/audit.csv").get_data(as_text=True)
    rows = csv_text.strip().splitlines()
    assert rows[0].startswith("id,at_utc,actor,action") and len(rows) >= 3
    assert "Agency B" not in csv_text and all(",officer-" not in r for r in rows[1:])


def test_cli_users_create_and_audit_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUYCLEAN_INSTANCE_PATH", str(tmp_path / "cli"))
    runner = CliRunner()
    created = runner.invoke(main, ["users", "create", "--role", "admin", "--email", "root@example.org",
                                   "--password", PASSWORD])
    assert created.exit_code == 0, created.output
    assert "created root@example.org (admin" in created.output
    again = runner.invoke(main, ["users", "create", "--role", "admin", "--email", "root@example.org",
                                 "--password", PASSWORD])
    assert again.exit_code != 0 and "already an account" in again.output
    verified = runner.invoke(main, ["audit", "verify"])
    assert verified.exit_code == 0 and "intact: 1 events" in verified.output
    import sqlite3
    with sqlite3.connect(tmp_path / "cli" / "buyclean.sqlite3") as conn:
        conn.execute("UPDATE audit_event SET action = 'nothing'")
    broken = runner.invoke(main, ["audit", "verify"])
    assert broken.exit_code == 1 and "changed" in broken.output


def test_the_anonymous_self_check_page_has_evidence_pictures_for_pdfs(app: Flask, anonymous: FlaskClient) -> None:
    from tests.pdfgen import steel

    data = {"file": (io.BytesIO(steel().pdf()), "steel.pdf")}
    html = anonymous.post("/submissions", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert 'src="data:image/png;base64,' in html
    assert count(app, Submission) == 0


def test_a_supplier_shares_with_an_agency(app: Flask) -> None:
    supplier = logged_in(app, *make_account(app, role="supplier", organisation="Acme Steel"))
    officer = logged_in(app, *make_account(app, role="officer", organisation="Agency A"))
    sid = supplier.post("/api/v1/assessments", data=json.dumps(native_epd()),
                        content_type="application/json").headers["Location"].rsplit("/", 1)[1]
    assert officer.get(f"/api/v1/assessments/{sid}").status_code == 404
    page = supplier.get(f"/submissions/{sid}").get_data(as_text=True)
    assert "Only your company sees this submission" in page and "Agency A" in page
    import re
    agency = re.search(r'<option value="(\d+)">Agency A</option>', page)
    assert agency
    supplier.post(f"/submissions/{sid}/share", data={"agency": agency.group(1)})
    assert officer.get(f"/api/v1/assessments/{sid}").status_code == 200
    assert "Shared with" in supplier.get(f"/submissions/{sid}").get_data(as_text=True)


def test_the_public_verify_pages_make_no_session(app: Flask, anonymous: FlaskClient) -> None:
    # no Set-Cookie, so that any cache may keep them; checking an uploaded PDF needs no form token either
    for path in ("/verify", "/verify/BC-2026-0000-0000"):
        response = anonymous.get(path)
        assert "Set-Cookie" not in response.headers, path
    response = anonymous.post("/verify", data={"file": (io.BytesIO(b"%PDF-1.4 not a certificate"), "c.pdf")},
                              content_type="multipart/form-data", csrf=False)
    assert response.status_code == 422 and "Set-Cookie" not in response.headers


def test_a_tokens_last_use_is_written_at_most_once_a_minute(app: Flask) -> None:
    _uid, token = make_account(app, role="officer", organisation="Minute Agency")
    client = app.test_client()
    engine = app.extensions["buyclean"].engine

    def last_used() -> Any:
        with Session(engine) as session:
            return session.exec(select(ApiToken)).one().last_used_at

    assert client.get("/api/v1/assessments", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    first = last_used()
    assert first is not None
    assert client.get("/api/v1/assessments", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert last_used() == first
    with Session(engine) as session:
        row = session.exec(select(ApiToken)).one()
        row.last_used_at = first - dt.timedelta(minutes=5)
        session.add(row)
        session.commit()
    assert client.get("/api/v1/assessments", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert last_used() >= first  # written again: it was five minutes old
