"""Who a certificate says issued it, where its QR code points, when issuing is refused, picking products and the
zip, and asking the issuer about revocation (offline verification never claims to have checked it)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pdfplumber
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from buyclean.cli import main
from buyclean.config import load_settings
from buyclean.core.certificates import (
    MODE_DEVELOPMENT,
    MODE_SELF_CHECK,
    NotCertifiable,
    certificate_html,
    load_or_create_signer,
    open_review,
    owner_note,
    render_certificate,
    sign_pdf,
)
from buyclean.core.rules import RuleSet
from buyclean.services.issuing import ask_issuer, issuing_mode
from tests.conftest import logged_in, make_account, native_epd, unplaceable_concrete
from tests.test_certificates import assess, make_data
from tests.test_certificates_web import issue, post_epd


def flat_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join(" ".join(page.extract_text() or "" for page in doc.pages).split())


# --- core: modes, owner, review ------------------------------------------------------------------------------


def test_a_self_check_has_no_qr_code_and_a_title_that_says_so(rulesets: dict[str, RuleSet]) -> None:
    assessment = assess(native_epd(), rulesets)
    service = make_data(assessment, rulesets)
    self_check = make_data(assessment, rulesets, mode=MODE_SELF_CHECK, verify_url="")
    assert certificate_html(service).count("<svg") == 2  # the scale and the QR code
    html = certificate_html(self_check)
    assert html.count("<svg") == 1 and "Self-check, not registered with any service" in html


def test_a_development_instance_marks_its_certificates(rulesets: dict[str, RuleSet]) -> None:
    assessment = assess(native_epd(), rulesets)
    text = flat_text(render_certificate(make_data(assessment, rulesets, mode=MODE_DEVELOPMENT)))
    assert "DEVELOPMENT INSTANCE" in text and "Development instance: not a valid certificate" in text
    assert "DEVELOPMENT" not in flat_text(render_certificate(make_data(assessment, rulesets)))


@pytest.mark.parametrize(("manufacturer", "declared_by", "note"), [
    ("Example Ready Mix Co.", "Example Ready Mix", None),
    ("CEMEX USA", "Acme Concrete", "The EPD names CEMEX USA as its owner, but it was declared by Acme Concrete."),
    (None, "Acme Concrete", "The EPD names no manufacturer; it was declared by Acme Concrete."),
    ("CEMEX USA", None, None),
])
def test_the_owner_and_the_declaring_organisation_are_compared(manufacturer: str | None, declared_by: str | None,
                                                              note: str | None) -> None:
    assert owner_note(manufacturer, declared_by) == note


def test_anything_needing_review_refuses_every_product(rulesets: dict[str, RuleSet]) -> None:
    doc = native_epd()
    doc["products"].append(unplaceable_concrete()["products"][0])
    assessment = assess(doc, rulesets)
    waiting = open_review(assessment)
    assert waiting and any(item.startswith("product 3") for item in waiting), waiting
    # product 1 passes on its own, but the assessment is not fully reviewed
    assert assessment.products[0].verdicts[0].status.value == "pass"
    with pytest.raises(NotCertifiable, match="review is not finished: product 3"):
        make_data(assessment, rulesets)
    assert open_review(assess(native_epd(), rulesets)) == []


def test_production_needs_an_https_public_url() -> None:
    with pytest.raises(NotCertifiable, match="BUYCLEAN_PUBLIC_URL"):
        issuing_mode(load_settings({}, production=True))
    assert issuing_mode(load_settings({}, production=True, public_url="https://bc.example.org")) == "service"
    assert issuing_mode(load_settings({})) == "development"
    assert issuing_mode(load_settings({"BUYCLEAN_PUBLIC_URL": "https://bc.example.org"})) == "service"


# --- through the service ------------------------------------------------------------------------------------


def test_an_officer_issues_for_the_agency_and_a_supplier_self_declares(app: Flask, client: FlaskClient) -> None:
    submission_id = post_epd(client, native_epd())
    facts = issue(client, submission_id).get_json()["items"][0]["facts"]
    assert facts["issuer"] == "Test Agency" and facts["mode"] == "development"
    assert re.fullmatch(r"[0-9A-F]{64}", facts["signer_fingerprint"])

    user_id, token = make_account(app, role="supplier", organisation="Acme Concrete")
    supplier = logged_in(app, user_id, token)
    submission_id = post_epd(supplier, native_epd())
    response = issue(supplier, submission_id)
    assert response.status_code == 201, response.get_json()
    item = response.get_json()["items"][0]
    assert item["facts"]["issuer"].startswith("self-declared by Acme Concrete") and \
        item["facts"]["issuer"].endswith("checked by buyclean")
    assert item["facts"]["owner_note"] == ("The EPD names Example Ready Mix Co. as its owner, but it was declared "
                                           "by Acme Concrete.")
    text = flat_text(supplier.get(item["pdf"]).data)
    for expected in ("self-declared by Acme Concrete", "but it was declared by Acme Concrete",
                     "DEVELOPMENT INSTANCE"):
        assert expected in text, expected
    assert item["facts"]["signer_fingerprint"] in text


def test_issuing_is_refused_while_review_is_open(client: FlaskClient) -> None:
    doc = native_epd()
    doc["products"].append(unplaceable_concrete()["products"][0])
    response = issue(client, post_epd(client, doc))
    assert response.status_code in (409, 422), response.get_json()
    assert "Review is not finished" in response.get_json()["message"]


def test_picked_products_only_and_one_zip(app: Flask, client: FlaskClient) -> None:
    doc = native_epd()
    doc["products"].append({**doc["products"][0], "name": "Mix 4000-B"})
    submission_id = post_epd(client, doc)
    response = client.post(f"/api/v1/assessments/{submission_id}/certificates", json={"products": [2]})
    assert response.status_code == 201, response.get_json()
    assert [c["product_index"] for c in response.get_json()["items"]] == [2]
    everything = issue(client, submission_id).get_json()["items"]
    assert sorted(c["product_index"] for c in everything) == [0, 2]
    archive = client.get(f"/api/v1/assessments/{submission_id}/certificates.zip")
    assert archive.status_code == 200 and archive.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.data)) as zipped:
        assert sorted(zipped.namelist()) == sorted(f"{c['number']}.pdf" for c in everything)
        for c in everything:
            assert zipped.read(f"{c['number']}.pdf") == client.get(c["pdf"]).data
    one = client.get(f"/submissions/{submission_id}/certificates.zip?number={everything[0]['number']}")
    with zipfile.ZipFile(io.BytesIO(one.data)) as zipped:
        assert zipped.namelist() == [f"{everything[0]['number']}.pdf"]
    bad = client.post(f"/api/v1/assessments/{submission_id}/certificates", json={"products": [7]})
    assert bad.status_code in (409, 422) and "no product 8" in bad.get_json()["message"]


def test_the_verify_page_answers_json_for_programs(client: FlaskClient, anonymous: FlaskClient) -> None:
    item = issue(client, post_epd(client, native_epd())).get_json()["items"][0]
    path = "/verify/" + item["number"]
    answer = anonymous.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.get_json()["state"] == "valid"
    client.post(f"/api/v1/certificates/{item['number']}/revocation", json={"reason": "EPD withdrawn"})
    answer = anonymous.get(path, headers={"Accept": "application/json"}).get_json()
    assert answer["state"] == "revoked" and answer["revoked"]["reason"] == "EPD withdrawn"
    assert anonymous.get("/verify/BC-2026-0000-0000", headers={"Accept": "application/json"}).status_code == 404
    assert anonymous.get(path).mimetype == "text/html"


# --- offline and --online verification ----------------------------------------------------------------------


class Issuer(BaseHTTPRequestHandler):
    states: ClassVar[dict[str, dict[str, Any]]] = {}

    def do_GET(self) -> None:  # http.server's name
        number = self.path.rsplit("/", 1)[-1]
        body = self.states.get(number)
        payload = json.dumps(body or {"state": "unknown"}).encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        return None


@pytest.fixture
def issuer_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Issuer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_offline_says_revocation_was_not_checked_and_online_asks(rulesets: dict[str, RuleSet], tmp_path: Path,
                                                                 issuer_url: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    today = dt.date.today()
    doc = native_epd(issued=(today - dt.timedelta(days=30)).isoformat(),
                     valid_until=(today + dt.timedelta(days=3 * 365)).isoformat())
    number = "BC-2026-4F7K-9QX2"
    data = make_data(assess(doc, rulesets, on=today), rulesets, number=number, issued_on=today,
                     verify_url=f"{issuer_url}/verify/{number}")
    instance = tmp_path / "instance"
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(sign_pdf(render_certificate(data), load_or_create_signer(instance)))
    monkeypatch.setenv("BUYCLEAN_INSTANCE_PATH", str(instance))
    Issuer.states = {number: {"state": "revoked", "revoked": {"at": "2026-03-01T10:00:00", "reason": "withdrawn"}}}

    offline = CliRunner().invoke(main, ["verify-certificate", str(pdf)])
    assert offline.exit_code == 0, offline.output
    assert "Revocation was NOT checked (offline)" in offline.stdout and f"{issuer_url}/verify/{number}" in \
        offline.stdout and "--online" in offline.stdout
    online = CliRunner().invoke(main, ["verify-certificate", str(pdf), "--online"])
    assert online.exit_code == 1 and "REVOKED" in online.stdout and "withdrawn" in online.stdout
    Issuer.states = {number: {"state": "valid", "expires_on": "2027-01-01"}}
    online = CliRunner().invoke(main, ["verify-certificate", str(pdf), "--online"])
    assert online.exit_code == 0 and "VALID according to" in online.stdout
    Issuer.states = {}
    assert ask_issuer(f"{issuer_url}/verify/{number}").state == "unknown"
    assert ask_issuer("http://127.0.0.1:9/verify/x", timeout_s=2).state == "unreachable"


def test_every_new_statement_still_fits_on_one_page(rulesets: dict[str, RuleSet]) -> None:
    doc = native_epd(manufacturer="A Very Long Manufacturer Name Concrete and Aggregates Holding Company")
    data = make_data(assess(doc, rulesets), rulesets, mode=MODE_DEVELOPMENT, signer_fingerprint="AB" * 32,
                     declared_by="Another Quite Long Supplier Organisation Name (unverified)",
                     timestamp_authority="Example Time-Stamping Authority, TSA unit 1")
    pdf = render_certificate(data)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        assert len(opened.pages) == 1
    text = flat_text(pdf)
    assert "but it was declared by Another Quite Long" in text and "RFC 3161 time-stamp" in text


def test_the_submission_page_picks_products_and_offers_the_zip(client: FlaskClient) -> None:
    doc = native_epd()
    doc["products"].append({**doc["products"][0], "name": "Mix 4000-B"})
    submission_id = post_epd(client, doc)
    page = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    boxes = re.findall(r'name="product" value="(\d+)" checked', page)
    assert boxes == ["0", "2"]  # the two products that passed, both picked by default
    client.post(f"/submissions/{submission_id}/certificates", data={"product": "2"})
    page = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    assert page.count("<code>BC-") == 1 and "3. Mix 4000-B" in page and "Download all as one zip" in page


def test_the_public_verify_page_names_the_issuer_the_declarer_and_the_key(app: Flask, anonymous: FlaskClient) -> None:
    user_id, token = make_account(app, role="supplier", organisation="Acme Concrete")
    supplier = logged_in(app, user_id, token)
    item = issue(supplier, post_epd(supplier, native_epd())).get_json()["items"][0]
    page = anonymous.get(f"/verify/{item['number']}").get_data(as_text=True)
    assert "self-declared by Acme Concrete" in page and "a development instance: not a valid certificate" in page
    assert "The EPD names Example Ready Mix Co. as its owner, but it was declared by Acme Concrete." in page
    assert item["facts"]["signer_fingerprint"] in page
