"""Who sees what: every role against every endpoint and page, with other organisations' ids (no access by guessing).

One world per database: two agencies, two suppliers, an auditor of agency A, an administrator and nobody.
Each (who, request) pair has an expected outcome; all mismatches are reported together.
"""

from __future__ import annotations

import io
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


# --- issue 16: batches by assigned agency (finding 3), tokens after a demotion (finding 10) ------------------

SEES_BATCH = {"supplier_s": {"batch_s"}, "supplier_t": set(), "officer_a": {"batch_a"}, "officer_b": set(),
              "auditor_a": {"batch_a"}, "admin": {"batch_s", "batch_a"}, "anonymous": set(),
              # employed by agency B, assigned to audit agency A
              "auditor_b_audits_a": {"batch_a"}}


def test_batches_and_demoted_tokens_in_the_matrix(app: Flask) -> None:
    from sqlmodel import Session

    from buyclean.services.accounts import create_token, set_role
    from buyclean.store.tables import UserAccount

    clients, ids, numbers = _world(app)
    clients["auditor_b_audits_a"] = logged_in(app, *make_account(app, role="auditor", organisation="Agency B",
                                                                   agencies=("Agency A",)))
    batches = {}
    for name, who in [("batch_s", "supplier_s"), ("batch_a", "officer_a")]:
        response = clients[who].post("/api/v1/batches", content_type="multipart/form-data",
                                     data={"file": [(io.BytesIO(json.dumps(native_epd()).encode()), "e.json")]})
        assert response.status_code == 202, response.get_json()
        batches[name] = response.get_json()["id"]
    # an officer of agency A with a full token and a read-only one, then made an auditor of nothing
    demoted_id, demoted_token = make_account(app, role="officer", organisation="Agency A")
    with Session(app.extensions["buyclean"].engine, expire_on_commit=False) as session:
        user = session.get(UserAccount, demoted_id)
        assert user is not None
        _row, demoted_reader = create_token(session, user=user, name="reader", read_only=True)
        set_role(session, user=user, role="auditor", actor="test")
    for token in (demoted_token, demoted_reader):
        program = app.test_client()
        program.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        clients[f"demoted {token[:8]}"] = program
    problems: list[str] = []
    for who, client in clients.items():
        demoted = who.startswith("demoted")
        for batch, batch_id in batches.items():
            sees = batch in SEES_BATCH.get(who, set())
            for path in (f"/api/v1/batches/{batch_id}", f"/batches/{batch_id}", f"/batches/{batch_id}.csv"):
                page = not path.startswith("/api/")
                wanted = "login" if who == "anonymous" or (demoted and page) else "ok" if sees else "hidden"
                got = _outcome(client.get(path))
                if got != wanted:
                    problems.append(f"{who}: GET {path}: {got}, expected {wanted}")
        if who == "auditor_b_audits_a" or demoted:
            seen = set() if demoted else {"sub_s", "sub_a"}
            for sub, sid in ids.items():
                got = _outcome(client.get(f"/api/v1/assessments/{sid}"))
                if got != ("ok" if sub in seen else "hidden"):
                    problems.append(f"{who}: GET /api/v1/assessments/{sid}: {got}")
            for sub, number in numbers.items():
                got = _outcome(client.get(f"/api/v1/certificates/{number}"))
                if got != ("ok" if sub in seen else "hidden"):
                    problems.append(f"{who}: GET /api/v1/certificates/{number}: {got}")
            listed = client.get("/api/v1/assessments").get_json()["items"]  # (and the batches' own submissions)
            if {i["id"] for i in listed} & set(ids.values()) != {ids[s] for s in seen}:
                problems.append(f"{who}: lists {sorted(i['id'] for i in listed)}")
            if _outcome(client.post("/api/v1/assessments", data=json.dumps(native_epd()),
                                    content_type="application/json")) != "forbidden":
                problems.append(f"{who}: could store an assessment")
    assert not problems, "\n".join(problems)
