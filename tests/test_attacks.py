"""The holes found when the service was attacked (issue 16), each reproduced as the attacker did it.

Every test here failed on the code the attack was made against; the attacker acts only through the service's own
pages and API, with nothing but what a stranger can get: a sign-up, an anonymous cookie, a read-only token.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from buyclean.store import make_engine
from buyclean.store.tables import ApiToken, Invitation, Organisation, UserAccount
from tests.conftest import CsrfClient, logged_in, make_account, native_epd

PASSWORD = "correct horse battery staple"


def _session(app: Flask) -> Session:
    return Session(app.extensions["buyclean"].engine, expire_on_commit=False)


def _upload(client: FlaskClient, **changes: Any) -> int:
    response = client.post("/api/v1/assessments", data=json.dumps(native_epd(**changes)),
                           content_type="application/json")
    assert response.status_code == 201, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _signup(app: Flask, company: str, email: str) -> tuple[CsrfClient, Any]:
    c = CsrfClient(app, app.response_class, use_cookies=True)
    c.get("/signup")
    response = c.post("/signup", data={"organisation": company, "name": "Mallory", "email": email,
                                       "password": PASSWORD})
    return c, response


# --- 1. sign-up joined an existing organisation by its name -------------------------------------------------


def test_signing_up_with_an_existing_company_name_joins_nothing(app: Flask) -> None:
    owner_id, owner_token = make_account(app, role="supplier", organisation="Acme Steel")
    owner = logged_in(app, owner_id, owner_token)
    submission_id = _upload(owner)
    mallory, response = _signup(app, "Acme Steel", "mallory@evil.example")
    assert response.status_code == 302
    with _session(app) as s:
        them = s.exec(select(UserAccount).where(UserAccount.email == "mallory@evil.example")).one()
        mine = s.get(UserAccount, owner_id)
        assert mine is not None and them.organisation_id != mine.organisation_id
        org = s.get(Organisation, them.organisation_id)
        assert org is not None and org.name == "Acme Steel" and not org.verified
    # nothing of the real company is theirs: not listed, not readable, not downloadable, not certifiable
    assert mallory.get("/api/v1/assessments").get_json()["items"] == []
    assert mallory.get(f"/submissions/{submission_id}").status_code == 404
    assert mallory.get(f"/submissions/{submission_id}/file").status_code == 404
    assert mallory.get(f"/api/v1/assessments/{submission_id}").status_code == 404
    assert mallory.post(f"/submissions/{submission_id}/certificates").status_code == 404
    assert "Acme Steel" in mallory.get("/account").get_data(as_text=True)
    assert "unverified" in mallory.get("/account").get_data(as_text=True)


def test_signing_up_with_an_agencys_name_reveals_nothing(app: Flask) -> None:
    make_account(app, role="officer", organisation="GSA Region 9")
    _c, agency_named = _signup(app, "GSA Region 9", "a@evil.example")
    _c, fresh_named = _signup(app, "No Such Agency 17", "b@evil.example")
    # the same answer either way: a new supplier company, not an error naming the agency
    assert agency_named.status_code == fresh_named.status_code == 302
    assert agency_named.headers["Location"] == fresh_named.headers["Location"]
    with _session(app) as s:
        for email in ("a@evil.example", "b@evil.example"):
            user = s.exec(select(UserAccount).where(UserAccount.email == email)).one()
            org = s.get(Organisation, user.organisation_id)
            assert org is not None and org.kind == "supplier" and not org.verified
        assert len(list(s.exec(select(Organisation).where(Organisation.name == "GSA Region 9")))) == 2


def test_a_company_name_cannot_be_squatted(app: Flask) -> None:
    _signup(app, "Nucor", "squatter@evil.example")
    _c, real = _signup(app, "Nucor", "buyer@nucor.example")
    assert real.status_code == 302
    with _session(app) as s:
        orgs = {u.organisation_id for u in s.exec(select(UserAccount))}
        assert len(orgs) == 2


def test_colleagues_join_by_a_single_use_invitation(app: Flask) -> None:
    owner_id, owner_token = make_account(app, role="supplier", organisation="Acme Steel")
    owner = logged_in(app, owner_id, owner_token)
    submission_id = _upload(owner)
    owner.post("/account/invitations")
    page = owner.get("/account").get_data(as_text=True)
    link = re.search(r'id="new-invitation">([^<]+)<', page)
    assert link, page
    path = "/" + link.group(1).split("/", 3)[3]
    assert path not in owner.get("/account").get_data(as_text=True)  # shown once
    colleague = CsrfClient(app, app.response_class, use_cookies=True)
    assert "Join Acme Steel" in colleague.get(path).get_data(as_text=True)
    joined = colleague.post(path, data={"name": "Colleague", "email": "col@acme.example", "password": PASSWORD})
    assert joined.status_code == 302
    assert colleague.get(f"/submissions/{submission_id}").status_code == 200
    # the link works once
    again = CsrfClient(app, app.response_class, use_cookies=True)
    assert again.get(path).status_code == 404
    assert again.post(path, data={"name": "X", "email": "x@evil.example", "password": PASSWORD}).status_code == 404


def test_an_expired_invitation_is_refused(app: Flask) -> None:
    owner_id, _ = make_account(app, role="supplier", organisation="Acme Steel")
    owner = logged_in(app, owner_id)
    owner.post("/account/invitations")
    link = re.search(r'id="new-invitation">([^<]+)<', owner.get("/account").get_data(as_text=True))
    assert link
    with _session(app) as s:
        row = s.exec(select(Invitation)).one()
        row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        s.add(row)
        s.commit()
    path = "/" + link.group(1).split("/", 3)[3]
    c = CsrfClient(app, app.response_class, use_cookies=True)
    assert c.post(path, data={"name": "Late", "email": "late@acme.example", "password": PASSWORD}).status_code == 404


def test_an_administrator_verifies_a_signed_up_company(app: Flask) -> None:
    supplier, _ = _signup(app, "Acme Steel", "sam@acme.example")
    admin = logged_in(app, make_account(app, role="admin", organisation=None)[0])
    with _session(app) as s:
        org = s.exec(select(Organisation).where(Organisation.name == "Acme Steel")).one()
    assert "unverified" in admin.get("/admin/organisations").get_data(as_text=True)
    assert supplier.post(f"/admin/organisations/{org.id}/verify").status_code == 403
    assert admin.post(f"/admin/organisations/{org.id}/verify").status_code == 302
    with _session(app) as s:
        verified = s.get(Organisation, org.id)
        assert verified is not None and verified.verified and verified.verified_by
    assert "unverified" not in supplier.get("/account").get_data(as_text=True)


# --- 2. a read-only API token minted a full token ---------------------------------------------------------


def _tokens(app: Flask, user_id: int) -> list[ApiToken]:
    with _session(app) as s:
        return list(s.exec(select(ApiToken).where(ApiToken.user_id == user_id)))


def test_a_read_only_token_cannot_mint_or_revoke_tokens_through_the_pages(app: Flask) -> None:
    user_id, _full = make_account(app, role="officer", organisation="Agency A")
    with _session(app) as s:
        from buyclean.services.accounts import create_token

        user = s.get(UserAccount, user_id)
        assert user is not None
        _row, read_only = create_token(s, user=user, name="dashboard", read_only=True)
    before = [(t.id, t.revoked_at) for t in _tokens(app, user_id)]
    attacker = CsrfClient(app, app.response_class, use_cookies=True)  # a fresh anonymous cookie, its own CSRF
    attacker.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {read_only}"
    minted = attacker.post("/account/tokens", data={"name": "mine"})
    assert minted.status_code == 302 and minted.headers["Location"].startswith("/login")
    for token_id, _ in before:
        attacker.post(f"/account/tokens/{token_id}/revoke")
    assert [(t.id, t.revoked_at) for t in _tokens(app, user_id)] == before
    # on pages a token is nobody; on the API it still reads
    assert attacker.get("/submissions").headers["Location"].startswith("/login")
    assert attacker.get("/api/v1/assessments").status_code == 200


def test_token_management_needs_the_password_entered_in_the_last_ten_minutes(app: Flask) -> None:
    user_id, _ = make_account(app, role="officer", organisation="Agency A")
    c = logged_in(app, user_id)
    with c.session_transaction() as sess:
        sess["auth_at"] = int(dt.datetime.now(dt.UTC).timestamp()) - 11 * 60
    count = len(_tokens(app, user_id))
    assert 'name="password"' in c.get("/account").get_data(as_text=True)
    c.post("/account/tokens", data={"name": "stale"})
    assert len(_tokens(app, user_id)) == count
    c.post("/account/tokens", data={"name": "wrong", "password": "not the password at all"})
    assert len(_tokens(app, user_id)) == count
    c.post("/account/tokens", data={"name": "fresh", "password": PASSWORD})
    assert len(_tokens(app, user_id)) == count + 1
    # once entered, the next minutes need no password
    c.post("/account/tokens", data={"name": "again"})
    assert len(_tokens(app, user_id)) == count + 2


def test_a_logged_in_session_still_manages_its_tokens(app: Flask, anonymous: FlaskClient) -> None:
    make_account(app, role="supplier", organisation="Acme Steel", email="sam@acme.example")
    anonymous.get("/login")
    anonymous.post("/login", data={"email": "sam@acme.example", "password": PASSWORD})
    assert anonymous.post("/account/tokens", data={"name": "erp"}).status_code == 302
    assert re.search(r'id="new-token">bc_', anonymous.get("/account").get_data(as_text=True))
    data = {"file": (io.BytesIO(json.dumps(native_epd()).encode()), "m.json")}
    assert anonymous.post("/submissions", data=data, content_type="multipart/form-data").status_code == 302


def test_the_command_line_lists_and_verifies_organisations(tmp_path: Any, monkeypatch: Any) -> None:
    from click.testing import CliRunner

    from buyclean.cli import main

    monkeypatch.setenv("BUYCLEAN_INSTANCE_PATH", str(tmp_path / "cli"))
    runner = CliRunner()
    created = runner.invoke(main, ["users", "create", "--role", "officer", "--email", "o@agency.example",
                                   "--organisation", "GSA Region 9", "--password", PASSWORD])
    assert created.exit_code == 0, created.output
    from buyclean.config import database_url, load_settings
    from buyclean.services.accounts import sign_up
    from buyclean.store import make_engine

    engine = make_engine(database_url(load_settings()))
    with Session(engine, expire_on_commit=False) as s:
        user = sign_up(s, email="s@acme.example", name="S", password=PASSWORD, company="Acme")
    engine.dispose()
    listed = runner.invoke(main, ["organisations", "list"])
    assert re.search(r"agency\s+verified\s+GSA Region 9", listed.output)
    assert re.search(rf"\b{user.organisation_id}\s+supplier\s+UNVERIFIED\s+Acme", listed.output), listed.output
    done = runner.invoke(main, ["organisations", "verify", str(user.organisation_id)])
    assert done.exit_code == 0 and "verified" in done.output
    assert re.search(r"supplier\s+verified\s+Acme", runner.invoke(main, ["organisations", "list"]).output)
    assert runner.invoke(main, ["organisations", "verify", "999"]).exit_code != 0


# --- 3. an auditor read batches by organisation, not by the agencies assigned to them ------------------------


def _batch(client: FlaskClient) -> int:
    response = client.post("/api/v1/batches", data={"file": [(io.BytesIO(json.dumps(native_epd()).encode()),
                                                               "a.json")]}, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    return int(response.get_json()["id"])


def test_an_auditor_reads_the_batches_of_the_agencies_assigned_to_them_only(app: Flask) -> None:
    batch_a = _batch(logged_in(app, *make_account(app, role="officer", organisation="Agency A")))
    batch_b = _batch(logged_in(app, *make_account(app, role="officer", organisation="Agency B")))
    # employed by agency B, assigned to audit agency A
    auditor_id, auditor_token = make_account(app, role="auditor", organisation="Agency B", agencies=("Agency A",))
    auditor = logged_in(app, auditor_id, auditor_token)
    for path in (f"/api/v1/batches/{batch_a}", f"/batches/{batch_a}", f"/batches/{batch_a}.csv"):
        assert auditor.get(path).status_code == 200, path
    for path in (f"/api/v1/batches/{batch_b}", f"/batches/{batch_b}", f"/batches/{batch_b}.csv"):
        assert auditor.get(path).status_code == 404, path


# --- 9. sessions survived logout; API tokens survived a password change -------------------------------------


def test_a_session_ends_at_logout_even_for_a_copy_of_its_cookie(app: Flask, anonymous: FlaskClient) -> None:
    make_account(app, role="supplier", organisation="Acme Steel", email="sam@acme.example")
    anonymous.get("/login")
    assert anonymous.post("/login", data={"email": "sam@acme.example", "password": PASSWORD}).status_code == 302
    cookie = anonymous.get_cookie("buyclean_session")
    assert cookie is not None
    thief = CsrfClient(app, app.response_class, use_cookies=True)
    thief.set_cookie("buyclean_session", cookie.value)
    assert thief.get("/account").status_code == 200  # a copy of the cookie is the session while it lasts
    assert anonymous.post("/logout").status_code == 302
    replayed = thief.get("/account")
    assert replayed.status_code == 302 and replayed.headers["Location"].startswith("/login")


def test_a_password_change_ends_every_session_and_api_token(app: Flask) -> None:
    user_id, token = make_account(app, role="officer", organisation="Agency A")
    here, elsewhere = logged_in(app, user_id), logged_in(app, user_id)
    program = app.test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    assert program.get("/api/v1/assessments", headers=bearer).status_code == 200
    changed = here.post("/account/password", data={"current": PASSWORD, "new": "a new and longer passphrase"})
    assert changed.status_code == 302
    assert here.get("/account").status_code == 200  # the session that changed it goes on
    assert elsewhere.get("/account").headers["Location"].startswith("/login")
    refused = program.get("/api/v1/assessments", headers=bearer)
    assert refused.status_code == 401 and refused.get_json()["error"] == "unauthorized"
    assert all(t.revoked_at is not None for t in _tokens(app, user_id))


# --- 10. a demoted user's token kept the old role's visibility ----------------------------------------------


def test_a_demoted_users_token_loses_what_the_old_role_saw(app: Flask) -> None:
    officer_id, token = make_account(app, role="officer", organisation="Agency A")
    submission_id = _upload(logged_in(app, officer_id, token))
    admin = logged_in(app, make_account(app, role="admin", organisation=None)[0])
    assert admin.post(f"/admin/users/{officer_id}", data={"role": "auditor"}).status_code == 302
    program = app.test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    # an auditor assigned no agency reads nothing: not the agency's submissions the officer's token read
    assert program.get(f"/api/v1/assessments/{submission_id}", headers=bearer).status_code == 404
    assert program.get("/api/v1/assessments", headers=bearer).get_json()["items"] == []
    assert program.post(f"/api/v1/assessments/{submission_id}/certificates", headers=bearer).status_code == 403
    # assigned agency A, the same token reads it again, as an auditor (read only)
    with _session(app) as s:
        from buyclean.store.tables import AuditorAssignment

        org = s.exec(select(Organisation).where(Organisation.name == "Agency A")).one()
        assert org.id is not None
        s.add(AuditorAssignment(user_id=officer_id, organisation_id=org.id))
        s.commit()
    assert program.get(f"/api/v1/assessments/{submission_id}", headers=bearer).status_code == 200
    assert program.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json",
                        headers=bearer).status_code == 403


# --- 11. three requests that answered 500 ------------------------------------------------------------------


def test_a_json_number_of_50000_digits_is_refused_plainly(client: FlaskClient) -> None:
    # every upload path: the hostile-input matrix (tests/test_hostile_files.py, case json-50000-digits)
    body = b'{"buyclean_epd": "1.0", "products": [{"gwp_a1a3": {"value": ' + b"9" * 50_000 + b"}}]}"
    response = client.post("/api/v1/assessments", data=body, content_type="application/json")
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert "more than 4,300 digits" in response.get_json()["message"]


def test_row_ids_beyond_any_integer_are_ignored_not_a_500(app: Flask) -> None:
    auditor = logged_in(app, *make_account(app, role="auditor", organisation="Agency A", agencies=("Agency A",)))
    for before in ("99999999999999999999", str(2**63), "-5", "x"):
        assert auditor.get("/audit", query_string={"before": before}).status_code == 200, before
    supplier_id, supplier_token = make_account(app, role="supplier", organisation="Acme Steel")
    supplier = logged_in(app, supplier_id, supplier_token)
    submission_id = _upload(supplier)
    shared = supplier.post(f"/submissions/{submission_id}/share", data={"agency": "99999999999999999999"})
    assert shared.status_code == 302


def test_a_next_address_with_line_breaks_is_not_followed(app: Flask, anonymous: FlaskClient) -> None:
    make_account(app, role="supplier", organisation="Acme Steel", email="sam@acme.example")
    for target in ("/\r\n//evil.com", "/\n/evil.com", "/\t/evil.com", "/ok\x00", "/a b"):
        anonymous.get("/login")
        response = anonymous.post("/login", data={"email": "sam@acme.example", "password": PASSWORD,
                                                  "next": target})
        assert response.status_code in (302, 400), (target, response.status_code)
        assert response.status_code == 400 or response.headers["Location"] == "/", target
        anonymous.post("/logout")


# --- 14. uploaded originals were served inline, in the service's origin -------------------------------------


def test_originals_are_downloads_in_a_sandbox(app: Flask, client: FlaskClient) -> None:
    from tests.conftest import DATA

    xml = (DATA / "ilcd" / "plain_ilcd_a1.xml").read_bytes()
    created = client.post("/api/v1/assessments", query_string={"filename": "epd.xml"}, data=xml,
                          content_type="application/xml")
    assert created.status_code == 201, created.get_json()
    submission_id = created.headers["Location"].rsplit("/", 1)[1]
    response = client.get(f"/submissions/{submission_id}/file")
    assert response.status_code == 200 and response.data == xml
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- also: HSTS when the public URL is https --------------------------------------------------------------


def test_strict_transport_security_only_when_the_public_url_is_https(database_url: str, tmp_path: Any) -> None:
    from tests.conftest import service

    with service(database_url, tmp_path / "https", public_url="https://buyclean.example.org") as https:
        assert https.test_client().get("/about").headers["Strict-Transport-Security"] == "max-age=31536000"
    with service(database_url, tmp_path / "http", public_url="http://127.0.0.1:5000") as http:
        assert "Strict-Transport-Security" not in http.test_client().get("/about").headers


# --- 7. anonymous CPU exhaustion ----------------------------------------------------------------------------
# (the PDF of 200 pages sharing one heavy content stream, through every path in a bounded process:
# tests/test_hostile_files.py::test_hostile_files_with_bounded_memory_and_time)


def test_anonymous_self_checks_are_limited_per_address(database_url: str, tmp_path: Any) -> None:
    from tests.conftest import service

    body = json.dumps(native_epd())
    with service(database_url, tmp_path, anonymous_checks=3, anonymous_check_window_s=600) as app:
        anonymous = CsrfClient(app, app.response_class, use_cookies=True)
        for _ in range(2):
            assert anonymous.post("/api/v1/assessments", data=body, content_type="application/json").status_code == 200
        page = anonymous.post("/submissions", data={"file": (io.BytesIO(body.encode()), "m.json")},
                              content_type="multipart/form-data")
        assert page.status_code == 200
        refused = anonymous.post("/api/v1/assessments", data=body, content_type="application/json")
        assert refused.status_code == 429 and refused.get_json()["error"] == "too_many_requests"
        assert "BUYCLEAN_ANONYMOUS_CHECKS" in refused.get_json()["message"] and refused.headers["Retry-After"]
        page = anonymous.post("/submissions", data={"file": (io.BytesIO(body.encode()), "m.json")},
                              content_type="multipart/form-data")
        assert page.status_code == 429 and "self-checks from your address" in page.get_data(as_text=True)
        # another address, and anyone logged in, are not held back
        elsewhere = CsrfClient(app, app.response_class, use_cookies=True)
        elsewhere.environ_base["REMOTE_ADDR"] = "203.0.113.7"
        assert elsewhere.post("/api/v1/assessments", data=body, content_type="application/json").status_code == 200
        officer = logged_in(app, *make_account(app, role="officer", organisation="Agency A"))
        assert officer.post("/api/v1/assessments", data=body, content_type="application/json").status_code == 201


def test_the_anonymous_limits_default_and_are_configurable() -> None:
    from buyclean.config import Settings, load_settings, read_limits

    defaults = Settings()
    assert (defaults.anonymous_checks, defaults.anonymous_check_window_s, defaults.anonymous_time_budget_s) == \
        (30, 600, 5.0)
    assert read_limits(defaults, anonymous=True).pdf_time_budget_s == 5.0
    assert read_limits(defaults).pdf_time_budget_s == defaults.pdf_time_budget_s == 20.0
    chosen = load_settings({"BUYCLEAN_ANONYMOUS_CHECKS": "100", "BUYCLEAN_ANONYMOUS_CHECK_WINDOW_S": "60",
                            "BUYCLEAN_ANONYMOUS_TIME_BUDGET_S": "2.5"})
    assert (chosen.anonymous_checks, chosen.anonymous_check_window_s, chosen.anonymous_time_budget_s) == \
        (100, 60, 2.5)


def test_anonymous_reads_have_the_shorter_budget(database_url: str, tmp_path: Any) -> None:
    from tests.conftest import service
    from tests.test_hostile_files import heavy_pages_pdf

    pdf = heavy_pages_pdf(pages=6)  # 9 MB of drawing to parse: within 20 s of reading, not within 1 s
    with service(database_url, tmp_path, anonymous_time_budget_s=1.0) as app:
        anonymous = CsrfClient(app, app.response_class, use_cookies=True)
        refused = anonymous.post("/api/v1/assessments", data=pdf, content_type="application/pdf")
        assert refused.status_code == 413, refused.get_json()
        assert "drawing instructions" in refused.get_json()["message"] and "1 s" in refused.get_json()["message"]
        officer = logged_in(app, *make_account(app, role="officer", organisation="Agency A"))
        read = officer.post("/api/v1/assessments", data=pdf, content_type="application/pdf")
        # read to the end within the longer budget (its pages hold rectangles, no text)
        assert read.status_code == 422 and "no text layer on pages 1-6" in read.get_json()["message"], read.get_json()


# --- 8. NaN or Infinity in an upload: a 500 on PostgreSQL, and the file left on disk without a row ----------


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


def _stored_files(app: Flask) -> set[str]:
    from pathlib import Path

    files = Path(app.instance_path) / "files"
    return {str(p.relative_to(files)) for p in files.rglob("*") if p.is_file()} if files.exists() else set()


def test_nan_and_infinity_in_an_upload_are_stored_as_null(app: Flask, client: FlaskClient) -> None:
    from sqlalchemy import text

    from buyclean.store import verify_chain

    doc = native_epd(manufacturer="Not A Number Concrete")
    doc["products"][0]["gwp_a1a3"]["value"] = float("nan")
    doc["products"][1]["gwp_a1a3"]["value"] = float("inf")
    body = json.dumps(doc)
    assert "NaN" in body and "Infinity" in body  # as Python's JSON (and many a program) writes them
    created = client.post("/api/v1/assessments", data=body, content_type="application/json")
    assert created.status_code == 201, created.get_data(as_text=True)[:500]
    _strict_json(created.get_data(as_text=True))
    fetched = client.get(created.headers["Location"])
    assert fetched.status_code == 200
    _strict_json(fetched.get_data(as_text=True))
    uploaded = client.post("/submissions", data={"file": (io.BytesIO(body.encode()), "nan.json")},
                           content_type="multipart/form-data")
    assert uploaded.status_code == 302 and client.get(uploaded.headers["Location"]).status_code == 200
    anonymous = CsrfClient(app, app.response_class, use_cookies=True)
    checked = anonymous.post("/api/v1/assessments", data=body, content_type="application/json")
    assert checked.status_code == 200
    _strict_json(checked.get_data(as_text=True))
    engine = app.extensions["buyclean"].engine
    with engine.connect() as conn:
        stored = [str(v) for v in conn.execute(text("SELECT CAST(result AS TEXT) FROM assessment")).scalars()]
        details = [str(v) for v in conn.execute(text("SELECT CAST(detail AS TEXT) FROM audit_event")).scalars()]
    assert len(stored) == 2 and not any(w in t for t in stored + details for w in ("NaN", "Infinity"))
    with _session(app) as s:
        assert verify_chain(s).ok


def test_a_file_is_kept_only_with_its_row(app: Flask, client: FlaskClient, monkeypatch: Any) -> None:
    import buyclean.services.submissions as submissions
    from buyclean.store import create_submission

    before = _stored_files(app)

    def refused(*_args: Any, **_kwargs: Any) -> Any:  # the database refuses the rows (as PostgreSQL refused NaN)
        raise ValueError("the database refused the rows")

    monkeypatch.setattr(submissions, "create_submission", refused)
    body = json.dumps(native_epd(manufacturer="Refused Rows Ltd"))
    assert client.post("/api/v1/assessments", data=body, content_type="application/json").status_code == 500
    assert _stored_files(app) == before

    def commit_fails(session: Any, **kwargs: Any) -> Any:  # the rows flush, then the commit fails
        submission = create_submission(session, **kwargs)

        def fail() -> None:
            raise ValueError("the commit failed")
        monkeypatch.setattr(session, "commit", fail)
        return submission

    monkeypatch.setattr(submissions, "create_submission", commit_fails)
    assert client.post("/api/v1/assessments", data=body, content_type="application/json").status_code == 500
    assert _stored_files(app) == before
    monkeypatch.undo()
    assert client.post("/api/v1/assessments", data=body, content_type="application/json").status_code == 201
    assert len(_stored_files(app)) == len(before) + 1


def test_a_zip_refused_midway_leaves_none_of_its_files(app: Flask, client: FlaskClient) -> None:
    import zipfile

    from tests.test_hostile_files import lying_zip, zeros_deflated

    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.json", json.dumps(native_epd(manufacturer="First Member Ltd")))
    bomb = lying_zip(b"b.json", zeros_deflated(16)[2:-4], 1000)
    before = _stored_files(app)
    response = client.post("/api/v1/batches", data={"file": [(io.BytesIO(good.getvalue()), "good.zip"),
                                                             (io.BytesIO(bomb), "bomb.zip")]},
                           content_type="multipart/form-data")
    assert response.status_code == 413, response.get_json()
    assert _stored_files(app) == before


# --- 13. files left without a row by a crash; no idempotency key on the API ---------------------------------


def test_files_without_rows_are_swept_at_start_up(database_url: str, tmp_path: Any) -> None:
    import hashlib
    import os
    import time
    from pathlib import Path

    from buyclean.store import write_blob
    from tests.conftest import service

    two_hours_ago = time.time() - 2 * 3600

    def aged(path: Path) -> Path:
        os.utime(path, (two_hours_ago, two_hours_ago))
        return path

    with service(database_url, tmp_path) as app:
        officer = logged_in(app, *make_account(app, role="officer", organisation="Agency A"))
        submission_id = _upload(officer)
        assert officer.post(f"/api/v1/assessments/{submission_id}/certificates").status_code == 201
        batch = officer.post("/api/v1/batches", data={"file": [(io.BytesIO(b"not an EPD at all"), "x.pdf")]},
                             content_type="multipart/form-data")
        assert batch.status_code == 202
        files = Path(app.instance_path) / "files"
        named = [aged(p) for p in files.rglob("*") if p.is_file()]  # a submission's, a certificate's, a batch's
        assert len(named) == 3
        orphan = aged(write_blob(files, hashlib.sha256(b"crashed").hexdigest(), b"crashed"))
        half_written = files / orphan.parent.name / ".upload-k2j3h4"
        half_written.write_bytes(b"half")
        aged(half_written)
        fresh = write_blob(files, hashlib.sha256(b"in flight").hexdigest(), b"in flight")
        stranger = files / "README"
        stranger.write_text("not ours")
        aged(stranger)
    with service(database_url, tmp_path):  # the service starts again on the same folder and database
        assert not orphan.exists() and not half_written.exists()
        assert all(p.exists() for p in named)
        assert fresh.exists()  # younger than an hour: another machine may be about to store its row
        assert stranger.exists()


def test_an_idempotency_key_makes_a_retry_harmless(app: Flask, client: FlaskClient) -> None:
    from buyclean.store.tables import IdempotentRequest, Submission

    body = json.dumps(native_epd())
    key = {"Idempotency-Key": "3f1c7e0a-upload-1"}
    first = client.post("/api/v1/assessments", data=body, content_type="application/json", headers=key)
    again = client.post("/api/v1/assessments", data=body, content_type="application/json", headers=key)
    assert first.status_code == again.status_code == 201
    assert first.headers["Location"] == again.headers["Location"] and first.get_json() == again.get_json()
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    with _session(app) as s:
        assert len(list(s.exec(select(Submission)))) == 1
    # the same key with another body
    other = client.post("/api/v1/assessments", data=json.dumps(native_epd(manufacturer="Other Co")),
                        content_type="application/json", headers=key)
    assert other.status_code == 409 and other.get_json()["error"] == "conflict"
    # keys are per user
    colleague = logged_in(app, *make_account(app, role="officer", organisation="Test Agency"))
    theirs = colleague.post("/api/v1/assessments", data=body, content_type="application/json", headers=key)
    assert theirs.status_code == 201 and theirs.headers["Location"] != first.headers["Location"]
    # multipart: the same files and fields, whatever boundary the client picks
    def batch() -> Any:
        return client.post("/api/v1/batches", query_string={"on": "2025-06-30"}, headers={"Idempotency-Key": "b-1"},
                           data={"file": [(io.BytesIO(body.encode()), "a.json")]}, content_type="multipart/form-data")
    one, two = batch(), batch()
    assert one.status_code == two.status_code == 202 and one.get_json()["id"] == two.get_json()["id"]
    # kept 24 hours
    with _session(app) as s:
        for row in s.exec(select(IdempotentRequest)):
            row.created_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
            s.add(row)
        s.commit()
    later = client.post("/api/v1/assessments", data=body, content_type="application/json", headers=key)
    assert later.status_code == 201 and later.headers["Location"] != first.headers["Location"]
    # a malformed key is refused plainly; requests without a token ignore the header
    assert client.post("/api/v1/assessments", data=body, content_type="application/json",
                       headers={"Idempotency-Key": "x" * 300}).status_code == 400
    anonymous = app.test_client()
    assert anonymous.post("/api/v1/assessments", data=body, content_type="application/json",
                          headers=key).status_code == 200


def test_an_answer_that_failed_on_our_side_is_not_kept(app: Flask, client: FlaskClient, monkeypatch: Any) -> None:
    import buyclean.api as api_module

    body = json.dumps(native_epd())
    key = {"Idempotency-Key": "retry-after-500"}

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(api_module, "submit", broken)
    assert client.post("/api/v1/assessments", data=body, content_type="application/json", headers=key).status_code \
        == 500
    monkeypatch.undo()
    retried = client.post("/api/v1/assessments", data=body, content_type="application/json", headers=key)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers


# --- 12. the audit chain had no anchor ----------------------------------------------------------------------


def test_a_kept_chain_head_shows_a_trail_cut_or_rewritten(tmp_path: Any, monkeypatch: Any) -> None:
    import csv

    from click.testing import CliRunner
    from sqlalchemy import text

    from buyclean.cli import main
    from buyclean.store.audit import event_hash
    from tests.conftest import service

    database_url = f"sqlite:///{tmp_path / 'trail.sqlite3'}"
    with service(database_url, tmp_path) as app:
        officer_id, token = make_account(app, role="officer", organisation="Agency A")
        officer = logged_in(app, officer_id, token)
        submission_id = _upload(officer)
        issued = officer.post(f"/api/v1/assessments/{submission_id}/certificates").get_json()["items"][0]
        auditor = logged_in(app, *make_account(app, role="auditor", organisation="Agency A",
                                               agencies=("Agency A",)))
        page = auditor.get("/audit").get_data(as_text=True)
        shown = re.search(r'id="chain-head">.*?<code>([0-9a-f]{64})</code>', page, re.S)
        assert shown, page
        head = shown.group(1)
        rows = list(csv.reader(io.StringIO(auditor.get("/audit.csv").get_data(as_text=True))))
        assert rows[-1][0] == "head" and rows[-1][-1] == head
        record = officer.get(f"/api/v1/certificates/{issued['number']}").get_json()
        assert record["audit_chain_head"] == head
        _upload(officer, manufacturer="Later Concrete Co")  # events after the kept head
    engine = make_engine(database_url)
    monkeypatch.setenv("BUYCLEAN_DATABASE_URL", database_url)
    runner = CliRunner()

    def verify(*args: str) -> Any:
        return runner.invoke(main, ["audit", "verify", *args])

    intact = verify("--head", head)
    assert intact.exit_code == 0 and "the kept head is event" in intact.output, intact.output
    # the last events deleted (the head's among them): the chain alone still verifies; the kept head does not
    with engine.begin() as conn:
        last = conn.execute(text("SELECT id FROM audit_event WHERE hash = :h"), {"h": head}).scalar_one()
        saved = conn.execute(text("SELECT * FROM audit_event WHERE id >= :i ORDER BY id"), {"i": last}).mappings().all()
        conn.execute(text("DELETE FROM audit_event WHERE id >= :i"), {"i": last})
    assert verify().exit_code == 0
    cut = verify("--head", head)
    assert cut.exit_code == 1 and "is not in the trail" in cut.output
    with engine.begin() as conn:  # put them back
        for row in saved:
            conn.execute(text("INSERT INTO audit_event (id, submission_id, at, actor, action, detail, organisation_id, "
                              "prev_hash, hash) VALUES (:id, :submission_id, :at, :actor, :action, :detail, "
                              ":organisation_id, :prev_hash, :hash)"), dict(row))
    assert verify("--head", head).exit_code == 0
    # one event rewritten and every later hash computed again: the chain alone verifies; the kept head does not
    with engine.begin() as conn:
        events = conn.execute(text("SELECT id, at, actor, action, submission_id, organisation_id, detail "
                                   "FROM audit_event ORDER BY id")).mappings().all()
        prev = "0" * 64
        for e in events:
            actor = "someone else" if e["id"] == 2 else e["actor"]
            at = e["at"] if isinstance(e["at"], dt.datetime) else dt.datetime.fromisoformat(str(e["at"]))
            digest = event_hash(prev, at=at, actor=actor, action=e["action"], submission_id=e["submission_id"],
                                organisation_id=e["organisation_id"], detail=json.loads(e["detail"]))
            conn.execute(text("UPDATE audit_event SET actor = :a, prev_hash = :p, hash = :h WHERE id = :i"),
                         {"a": actor, "p": prev, "h": digest, "i": e["id"]})
            prev = digest
    engine.dispose()
    assert verify().exit_code == 0
    rewritten = verify("--head", head)
    assert rewritten.exit_code == 1 and "is not in the trail" in rewritten.output
    assert verify("--head", "not-a-hash").exit_code == 2
