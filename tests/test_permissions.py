"""Who sees what: every role against every endpoint and page, with other organisations' ids (no access by guessing).

One world per database: two agencies, two suppliers, an auditor of agency A, an administrator and nobody.
Each (who, request) pair has an expected outcome; all mismatches are reported together.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import CsrfClient, logged_in, make_account, native_epd

ROLES = ["supplier_s", "supplier_t", "officer_a", "officer_b", "auditor_a", "admin", "anonymous"]
# which submissions each principal may see (sub_s is shared with agency A; sub_s2 is not)
SEES = {
    "supplier_s": {"sub_s", "sub_s2"}, "supplier_t": {"sub_t"}, "officer_a": {"sub_s", "sub_a"}, "officer_b": set(),
    "auditor_a": {"sub_s", "sub_a"}, "admin": {"sub_s", "sub_s2", "sub_a", "sub_t"}, "anonymous": set(),
}


def _world(app: Flask) -> tuple[dict[str, FlaskClient], dict[str, int], dict[str, str]]:
    accounts = {
        "supplier_s": make_account(app, role="supplier", organisation="Supplier S"),
        "supplier_t": make_account(app, role="supplier", organisation="Supplier T"),
        "officer_a": make_account(app, role="officer", organisation="Agency A"),
        "officer_b": make_account(app, role="officer", organisation="Agency B"),
        "auditor_a": make_account(app, role="auditor", organisation="Agency A", agencies=("Agency A",)),
        "admin": make_account(app, role="admin", organisation=None),
    }
    clients: dict[str, FlaskClient] = {k: logged_in(app, *v) for k, v in accounts.items()}
    clients["anonymous"] = CsrfClient(app, app.response_class, use_cookies=True)
    ids = {}
    for name, who in [("sub_s", "supplier_s"), ("sub_s2", "supplier_s"), ("sub_a", "officer_a"),
                      ("sub_t", "supplier_t")]:
        response = clients[who].post("/api/v1/assessments", data=json.dumps(native_epd()),
                                     content_type="application/json")
        assert response.status_code == 201, response.get_json()
        ids[name] = int(response.headers["Location"].rsplit("/", 1)[1])
    agency_a = _agency_id(app, "Agency A")
    shared = clients["supplier_s"].post(f"/submissions/{ids['sub_s']}/share", data={"agency": str(agency_a)})
    assert shared.status_code == 302
    numbers = {}
    for name, who in [("sub_s", "supplier_s"), ("sub_a", "officer_a")]:
        issued = clients[who].post(f"/api/v1/assessments/{ids[name]}/certificates")
        assert issued.status_code == 201, issued.get_json()
        numbers[name] = issued.get_json()["items"][0]["number"]
    return clients, ids, numbers


def _agency_id(app: Flask, name: str) -> int:
    from sqlmodel import Session, select

    from buyclean.store.tables import Organisation

    with Session(app.extensions["buyclean"].engine) as session:
        org = session.exec(select(Organisation).where(Organisation.name == name)).one()
        assert org.id is not None
        return org.id


def _outcome(response: Any) -> str:
    if response.status_code == 302:  # pages send people without a session to log in, and others back with a message
        return "login" if response.headers["Location"].startswith("/login") else "ok"
    return {200: "ok", 201: "ok", 401: "login", 403: "forbidden", 404: "hidden"}.get(response.status_code,
                                                                                      str(response.status_code))


def test_the_permission_matrix(app: Flask) -> None:
    clients, ids, numbers = _world(app)
    problems: list[str] = []

    def expect(who: str, method: str, path: str, wanted: str, **kwargs: Any) -> None:
        response = clients[who].open(path, method=method, **kwargs)
        got = _outcome(response)
        if got != wanted:
            problems.append(f"{who:10} {method} {path}: {got} ({response.status_code}), expected {wanted}")

    for who in ROLES:
        anonymous = who == "anonymous"
        for sub, sid in ids.items():
            sees = sub in SEES[who]
            read = "ok" if sees else "hidden"
            for path in (f"/submissions/{sid}", f"/submissions/{sid}/file", f"/api/v1/assessments/{sid}",
                         f"/api/v1/assessments/{sid}/reviews"):
                expect(who, "GET", path, read)
            # review: officers only, and only what they see
            review = {"product": 0, "field": "compressive_strength", "value": "4000 psi", "justification": "x"}
            wanted = "login" if anonymous else ("forbidden" if who != "officer_a" and who != "officer_b" else
                                                 ("hidden" if not sees else "ok"))
            expect(who, "POST", f"/api/v1/assessments/{sid}/reviews", wanted, json=review)
            # certify: suppliers and officers, what they see
            wanted = "login" if anonymous else ("forbidden" if who in ("auditor_a", "admin") else
                                                 "ok" if sees else "hidden")
            expect(who, "POST", f"/api/v1/assessments/{sid}/certificates", wanted)
        for sub, number in numbers.items():
            sees = sub in SEES[who]
            expect(who, "GET", f"/api/v1/certificates/{number}", "login" if anonymous else "ok" if sees else "hidden")
            expect(who, "GET", f"/api/v1/certificates/{number}/pdf",
                   "login" if anonymous else "ok" if sees else "hidden")
            expect(who, "GET", f"/verify/{number}", "ok")  # public
        # role-only pages and endpoints
        expect(who, "GET", "/submissions", "login" if anonymous else "ok")
        expect(who, "GET", "/certificates", "login" if anonymous else "ok")
        expect(who, "GET", "/audit", "login" if anonymous else "ok" if who in ("auditor_a", "admin") else "forbidden")
        expect(who, "GET", "/audit.csv", "login" if anonymous else "ok" if who in ("auditor_a", "admin")
               else "forbidden")
        expect(who, "GET", "/admin/users", "login" if anonymous else "ok" if who == "admin" else "forbidden")
        expect(who, "GET", "/account", "login" if anonymous else "ok")
        expect(who, "GET", "/api/v1/assessments", "login" if anonymous else "ok")
        upload = "ok" if who in ("supplier_s", "supplier_t", "officer_a", "officer_b", "anonymous") else "forbidden"
        expect(who, "POST", "/api/v1/assessments", upload, data=json.dumps(native_epd()),
               content_type="application/json")
        expect(who, "POST", "/admin/users", "login" if anonymous else "ok" if who == "admin" else "forbidden",
               data={"email": "x@y.z", "role": "supplier", "password": "short"})

    # revocation: an officer who sees the certificate; other officers are told it does not exist
    number = numbers["sub_s"]
    for who, wanted in [("anonymous", "login"), ("supplier_s", "forbidden"), ("auditor_a", "forbidden"),
                        ("officer_b", "hidden"), ("officer_a", "ok")]:
        expect(who, "POST", f"/api/v1/certificates/{number}/revocation", wanted, json={"reason": "test"})
    assert not problems, "\n".join(problems)


def test_lists_hold_exactly_what_each_role_may_see(app: Flask) -> None:
    clients, ids, numbers = _world(app)
    by_id = {v: k for k, v in ids.items()}
    for who in ROLES:
        if who == "anonymous":
            continue
        listed = clients[who].get("/api/v1/assessments?per_page=200").get_json()["items"]
        seen = {by_id[item["id"]] for item in listed if item["id"] in by_id}
        assert seen == SEES[who], who
        page = clients[who].get("/submissions").get_data(as_text=True)
        for sub, sid in ids.items():
            assert (f'href="/submissions/{sid}"' in page) == (sub in SEES[who]), (who, sub)
        certificates = clients[who].get("/certificates").get_data(as_text=True)
        for sub, number in numbers.items():
            assert (number in certificates) == (sub in SEES[who]), (who, sub)


def test_a_read_only_token_reads_but_cannot_change(app: Flask) -> None:
    from sqlmodel import Session

    from buyclean.services.accounts import create_token
    from buyclean.store.tables import UserAccount

    user_id, token = make_account(app, role="officer", organisation="Agency A")
    writer = logged_in(app, user_id, token)
    sid = writer.post("/api/v1/assessments", data=json.dumps(native_epd()),
                      content_type="application/json").headers["Location"].rsplit("/", 1)[1]
    with Session(app.extensions["buyclean"].engine) as session:
        user = session.get(UserAccount, user_id)
        assert user is not None
        _row, read_token = create_token(session, user=user, name="reader", read_only=True)
    reader = app.test_client()
    headers = {"Authorization": f"Bearer {read_token}"}
    assert reader.get(f"/api/v1/assessments/{sid}", headers=headers).status_code == 200
    assert reader.post(f"/api/v1/assessments/{sid}/certificates", headers=headers).status_code == 403
    stored = reader.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json",
                         headers=headers)
    assert stored.status_code == 403
