"""Certificates through the service: issue, download, verify by page and upload, revoke; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pdfplumber
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from buyclean.store import list_events
from tests.conftest import logged_in, make_account, native_epd
from tests.test_api import conforms


def post_epd(client: FlaskClient, doc: dict[str, Any]) -> int:
    # checked today: a certificate's term runs from the check date, so an old check could not be certified now
    response = client.post("/api/v1/assessments", data=json.dumps(doc), content_type="application/json")
    assert response.status_code == 201, response.get_json()
    return int(response.headers["Location"].rsplit("/", 1)[1])


def issue(client: FlaskClient, submission_id: int) -> Any:
    return client.post(f"/api/v1/assessments/{submission_id}/certificates")


def verify_pdf(client: FlaskClient, pdf: bytes) -> Any:
    response = client.post("/api/v1/certificates/verify", data={"file": (io.BytesIO(pdf), "c.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    conforms(client, response, "CertificateCheck")
    return response.get_json()


def test_round_trip_issue_read_back_verify_tamper_revoke(app: Flask, client: FlaskClient) -> None:
    submission_id = post_epd(client, native_epd())
    response = issue(client, submission_id)
    assert response.status_code == 201, response.get_json()
    conforms(client, response, "CertificateList")
    items = response.get_json()["items"]
    # product 1 (210 kgCO2e/yd3, 4000 psi) meets the GSA limit; product 2 (400/m3 at 34.5 MPa) does not
    assert [(c["product_index"], c["ruleset"], c["state"]) for c in items] == [(0, "gsa-ira-lec", "valid")]
    cert = items[0]
    number = cert["number"]
    assert re.fullmatch(r"BC-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", number)
    assert cert["verify_url"].endswith(f"/verify/{number}")

    fetched = client.get(cert["href"])
    assert fetched.status_code == 200 and fetched.get_json()["facts"]["product_name"] == "Mix 4000-A"
    conforms(client, fetched, "Certificate")

    pdf = client.get(cert["pdf"]).data
    assert pdf.startswith(b"%PDF") and client.get(cert["pdf"]).data == pdf  # stored once: the same bytes
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    for expected in (number, "Mix 4000-A", "Example Ready Mix Co.", "EPD-TEST-0001", "gsa-ira-lec"):
        assert expected in text, expected

    check = verify_pdf(client, pdf)
    assert check["state"] == "valid" and check["valid"] and check["problems"] == []
    assert check["identical_to_issued"] and check["number"] == number

    tampered = bytearray(pdf)
    position = pdf.index(b"Mix 4000-A") if b"Mix 4000-A" in pdf else len(pdf) // 3
    tampered[position] ^= 0x01
    check = verify_pdf(client, bytes(tampered))
    assert check["state"] == "invalid" and not check["valid"]
    assert any("changed" in p or "damaged" in p for p in check["problems"]), check["problems"]

    revoked = client.post(f"/api/v1/certificates/{number}/revocation", json={"reason": "EPD withdrawn by NSF"})
    assert revoked.status_code == 200
    conforms(client, revoked, "Certificate")
    assert revoked.get_json()["state"] == "revoked"
    check = verify_pdf(client, pdf)
    assert check["state"] == "revoked" and not check["valid"]
    assert any("EPD withdrawn by NSF" in p for p in check["problems"])

    page = client.get(f"/verify/{number}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Revoked" in html and "EPD withdrawn by NSF" in html and "Mix 4000-A" in html

    with app.app_context():
        from buyclean.app.runtime import db
        actions = [e.action for e in list_events(db(), submission_id=submission_id)]
    assert actions[-2:] == ["certificate_issued", "certificate_revoked"]


def test_issuing_twice_returns_the_same_certificates(client: FlaskClient) -> None:
    submission_id = post_epd(client, native_epd())
    first = issue(client, submission_id).get_json()["items"]
    second = issue(client, submission_id)
    assert second.status_code == 201
    assert [c["number"] for c in second.get_json()["items"]] == [c["number"] for c in first]


def test_a_nul_in_the_epd_text_is_dropped_and_the_certificate_issued(client: FlaskClient) -> None:
    # PostgreSQL cannot store U+0000 in text: it must not reach the submission or the certificate rows
    submission_id = post_epd(client, native_epd(manufacturer="Example\u0000 Ready Mix Co."))
    response = issue(client, submission_id)
    assert response.status_code == 201, response.get_json()
    number = response.get_json()["items"][0]["number"]
    facts = client.get(f"/api/v1/certificates/{number}").get_json()
    assert "Example Ready Mix Co." in json.dumps(facts) and "\\u0000" not in json.dumps(facts)


def test_nothing_qualifies_is_refused_with_each_reason(client: FlaskClient) -> None:
    doc = native_epd()
    doc["products"] = [doc["products"][1]]  # only the mix over its limit
    submission_id = post_epd(client, doc)
    response = issue(client, submission_id)
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "not_certifiable"
    assert "Mix 5000-B" in body["message"] and "fail" in body["message"]
    assert client.get("/api/v1/assessments/999/certificates").status_code == 405
    assert issue(client, 999).status_code == 404


def test_an_expired_epd_cannot_be_certified(client: FlaskClient) -> None:
    submission_id = post_epd(client, native_epd(valid_until="2025-01-01", issued="2020-01-01"))
    response = issue(client, submission_id)
    assert response.status_code == 422 and response.get_json()["error"] == "not_certifiable"


def test_the_verify_page_shows_the_key_facts_and_nothing_else(client: FlaskClient) -> None:
    submission_id = post_epd(client, native_epd(manufacturer="Acme <script>alert(1)</script> Concrete"))
    number = issue(client, submission_id).get_json()["items"][0]["number"]
    page = client.get(f"/verify/{number.lower()}", follow_redirects=True)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Valid" in html and number in html and "Mix 4000-A" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    # the rest of the submission (other products, the uploaded file, the review trail) is not on the public page
    assert "Mix 5000-B" not in html and f"/submissions/{submission_id}" not in html


def test_the_verify_page_looks_up_outside_a_transaction(app: Flask, client: FlaskClient) -> None:
    # the public page behind the QR code is the hottest path: on PostgreSQL a transaction cost two more round trips
    number = issue(client, post_epd(client, native_epd())).get_json()["items"][0]["number"]
    engine = app.extensions["buyclean"].engine
    seen: list[tuple[Any, Any]] = []

    def record(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "certificate" in statement.lower():
            dbapi = conn.connection.dbapi_connection
            seen.append((conn.get_execution_options().get("isolation_level"), getattr(dbapi, "autocommit", None)))

    event.listen(engine, "before_cursor_execute", record)
    try:
        page = client.get(f"/verify/{number}")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert page.status_code == 200 and number in page.get_data(as_text=True)
    postgres = engine.dialect.name == "postgresql"
    assert seen and all(level == "AUTOCOMMIT" and (autocommit is True or not postgres) for level, autocommit in seen)


def test_unknown_and_malformed_numbers(client: FlaskClient) -> None:
    unknown = client.get("/verify/BC-2026-0000-0000")
    assert unknown.status_code == 404 and "Unknown" in unknown.get_data(as_text=True)
    assert client.get("/api/v1/certificates/BC-2026-0000-0000").status_code == 404
    assert client.get("/api/v1/certificates/not-a-number/pdf").status_code == 404
    typed = client.get("/verify?number=nonsense")
    assert typed.status_code == 200 and "is not a certificate number" in typed.get_data(as_text=True)


def test_uploads_that_are_not_certificates(client: FlaskClient) -> None:
    not_pdf = client.post("/api/v1/certificates/verify", data=b"hello", content_type="application/pdf")
    assert not_pdf.status_code == 422 and not_pdf.get_json()["error"] == "unreadable"
    empty = client.post("/api/v1/certificates/verify", data=b"", content_type="application/pdf")
    assert empty.status_code == 400
    page = client.post("/verify", data={"file": (io.BytesIO(b"%PDF-1.7 broken"), "x.pdf")},
                       content_type="multipart/form-data")
    assert page.status_code == 422 and "Not valid" in page.get_data(as_text=True)


def test_a_certificate_from_another_instance_is_not_valid_here(tmp_path: Any, client: FlaskClient,
                                                               database_url: str) -> None:
    from buyclean import create_app

    other = create_app({"TESTING": True, "database_url": f"sqlite:///{tmp_path / 'other.sqlite3'}",
                        "instance_path": tmp_path / "other"})
    other_client = logged_in(other, *make_account(other, role="officer", organisation="Other Agency"))
    number = issue(other_client, post_epd(other_client, native_epd())).get_json()["items"][0]["number"]
    pdf = other_client.get(f"/api/v1/certificates/{number}/pdf").data
    check = verify_pdf(client, pdf)
    assert check["state"] == "invalid"
    assert any("unknown key" in p for p in check["problems"]) and any("no certificate" in p for p in check["problems"])
    other.extensions["buyclean"].engine.dispose()


def test_the_submission_page_issues_and_revokes(client: FlaskClient) -> None:
    submission_id = post_epd(client, native_epd())
    page = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    assert "Issue compliance certificates" in page
    response = client.post(f"/submissions/{submission_id}/certificates", follow_redirects=True)
    html = response.get_data(as_text=True)
    number = re.search(r"BC-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", html)
    assert number and "Download PDF" in html and "Issued 1 certificate" in html
    refused = client.post(f"/certificates/{number.group()}/revoke", data={"reason": " "}, follow_redirects=True)
    assert "was not revoked" in refused.get_data(as_text=True)
    done = client.post(f"/certificates/{number.group()}/revoke", data={"reason": "Rule set corrected"},
                       follow_redirects=True)
    assert "is revoked" in done.get_data(as_text=True)
    assert "Rule set corrected" in client.get(f"/verify/{number.group()}").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/api/v1/signing-certificate.pem"])
def test_the_signing_certificate_is_published(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.data.startswith(b"-----BEGIN CERTIFICATE-----")
