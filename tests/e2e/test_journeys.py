"""The three journeys in Chromium: supplier self-check to certificate, officer bulk review, auditor verification."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from playwright.sync_api import expect

from tests import pdfgen
from tests.conftest import CORPUS, make_account, native_epd
from tests.e2e.conftest import LiveServer, Shots, needs_chromium
from tests.pdfgen import ready_mix

pytestmark = needs_chromium
PASSWORD = "correct horse battery staple"
# a real ready-mix EPD (NRMCA-style, 42 mixes, most below the GSA limits); the generated one when the corpus is absent
REAL_EPD = CORPUS / "pdf" / "IES_11.pdf"


def epd_file(tmp_path: Path) -> Path:
    if REAL_EPD.exists():
        return REAL_EPD
    path = tmp_path / "ready_mix.pdf"
    path.write_bytes(ready_mix().pdf())
    return path


def log_in(page: Any, server: LiveServer, email: str, password: str = PASSWORD) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_supplier_self_check_then_account_certificate_and_verify(live_server: LiveServer, context: Any,
                                                                 shots: Shots, tmp_path: Path) -> None:
    page = context.new_page()
    epd = epd_file(tmp_path)
    # 1. self-check without an account: verdict, tier chart, evidence crop; nothing stored. GSA names the NSF PCR
    # for Concrete v2.1: the PDF's PCR (an EN 15804 PCR for the Australian EPD, or not read) is shown for review
    page.goto(live_server.url + "/")
    page.set_input_files("#file", str(epd))
    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**/submissions")
    assert "nothing was stored" in page.content()
    assert page.locator(".verdict .badge-pass").count() >= 1
    assert "Program status" in page.content() and "contract-bound legacy" in page.content()
    assert "NSF PCR for Concrete" in page.content()
    assert page.locator(".chart svg").count() >= 1
    assert page.locator('img.crop[src^="data:image/png"]').count() >= 1
    shots(page, "self-check")
    # the supplier's EPD in buyclean JSON, written to the NSF PCR v2.1: mix 1 meets GSA
    epd = tmp_path / "ready_mix_4000.json"
    epd.write_text(json.dumps(native_epd()))
    # 2. create an account
    page.get_by_role("link", name="create a supplier account").click()
    page.get_by_label("Company (manufacturer)").fill("Bay Ready Mix")
    page.get_by_label("Your name").fill("Sam Supplier")
    page.get_by_label("E-mail").fill("sam@bayreadymix.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    assert "Your supplier account for Bay Ready Mix is ready" in page.content()
    shots(page, "account-created")
    # 3. upload again, now stored (the background upload opens the assessment when it is done)
    page.set_input_files("#file", str(epd))
    page.get_by_role("button", name="Check").click()
    page.wait_for_url(re.compile(r".*/submissions/\d+$"), timeout=60_000)
    shots(page, "stored-assessment")
    # 4. certify
    page.get_by_role("button", name="Issue compliance certificates").click()
    page.wait_for_selector("#certificates table")
    assert "Issued" in page.content()
    number = page.locator("#certificates code").first.inner_text()
    assert re.fullmatch(r"BC-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", number)
    page.locator("#certificates").scroll_into_view_if_needed()
    shots(page, "certificates")
    # 5. download the certificate
    with page.expect_download() as download:
        page.locator("#certificates a", has_text="Download PDF").first.click()
    pdf = Path(download.value.path()).read_bytes()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text() or ""
    assert number in text
    # 6. follow its verify link: valid
    page.locator("#certificates a", has_text="Verification page").first.click()
    page.wait_for_url(f"**/verify/{number}")
    assert page.locator(".verify-valid").count() == 1
    shots(page, "verify-valid")


def ten_files(tmp_path: Path) -> list[Path]:
    """Ten EPDs as a solicitation receives them: generated PDFs of four materials, one ready-mix EPD whose per-m3 and
    per-yd3 columns disagree (its GWP needs review, with both readings as candidates), and buyclean JSON files."""
    files = {"ready-mix-columns-disagree.pdf": ready_mix(yd3_factor=0.9).pdf()}
    for make in pdfgen.ALL:
        files[f"{make.__name__}.pdf"] = make().pdf()
    for n in range(1, 5):
        files[f"mix-{n}.json"] = json.dumps(native_epd(registration_number=f"EPD-BULK-{n:04d}")).encode()
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    assert len(paths) == 10
    return paths


def test_officer_bulk_review_then_csv(live_server: LiveServer, context: Any, shots: Shots, tmp_path: Path) -> None:
    make_account(live_server.app, role="officer", organisation="Caltrans District 4", email="omar@dot.example")
    page = context.new_page()
    log_in(page, live_server, "omar@dot.example")
    # 1. upload ten files at once
    page.get_by_role("link", name="Bulk").click()
    page.set_input_files("#batch-files", [str(p) for p in ten_files(tmp_path)])
    assert "10 files" in page.locator("#batch-chosen").inner_text()
    shots(page, "bulk-upload")
    page.get_by_role("button", name="Queue the checks").click()
    page.wait_for_url(re.compile(r".*/batches/\d+$"))
    # 2. watch the progress bar fill (the page polls the batch's JSON)
    expect(page.locator("#batch-progress")).to_have_attribute("value", "10", timeout=120_000)
    expect(page.locator("#batch-items td.job-done")).to_have_count(10)
    assert page.locator("#batch-items tbody tr").count() == 10
    shots(page, "bulk-progress-done")
    # 3. open the product that needs review
    page.locator("#batch-items tr", has_text="ready-mix-columns-disagree.pdf").locator("a.badge").click()
    page.wait_for_url(re.compile(r".*/submissions/\d+$"))
    form = page.locator("form.review-form", has=page.locator("fieldset.candidates")).first
    before = page.locator("form.review-form fieldset.candidates").count()
    assert before >= 1
    shots(page, "needs-review")
    # 4. choose a candidate, with a justification
    form.locator("input[name=candidate]").first.check()
    form.get_by_label("Why").fill("The per m3 column is the declared unit; the yd3 column is a conversion")
    form.get_by_role("button", name="Record decision and re-assess").click()
    page.wait_for_load_state()
    # 5. the verdict updates: the decision is recorded and that product no longer asks for its GWP
    assert "Recorded GWP A1-A3 for product 1 by omar@dot.example" in page.content()
    assert page.locator("form.review-form fieldset.candidates").count() == before - 1
    shots(page, "decision-recorded")
    # GSA names the NSF PCR for Concrete v2.1: a PCR the reader did not take from the PDF, the officer enters
    pcr_form = page.locator("form.review-form[data-field=pcr]")
    if pcr_form.count():
        pcr_form.first.locator("input[name=value]").fill("NSF PCR for Concrete v2.1")
        pcr_form.first.get_by_label("Why").fill("Page 1: results calculated per the NSF PCR for Concrete v2.1")
        pcr_form.first.get_by_role("button", name="Record decision and re-assess").click()
        page.wait_for_load_state()
        assert "Recorded PCR" in page.content()
        page.go_back()
    # 6. export the solicitation's results as CSV
    page.go_back()
    page.go_back()
    page.wait_for_url(re.compile(r".*/batches/\d+$"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the results (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert {row["filename"] for row in rows} == {p.name for p in tmp_path.glob("*.*") if p.suffix in (".pdf", ".json")}
    reviewed = {row["product_index"]: row["product_status"] for row in rows
                if row["filename"] == "ready-mix-columns-disagree.pdf"}
    assert reviewed["0"] != "needs_review" and reviewed["1"] == "needs_review", reviewed


def _officer_certificate(server: LiveServer) -> tuple[str, str]:
    """An officer of GSA Region 9 stores a mix and certifies it (through the API); returns the number and e-mail."""
    client = server.app.test_client()
    _uid, token = make_account(server.app, role="officer", organisation="GSA Region 9",
                               email="olga@gsa.example")
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json",
                           headers=headers)
    sid = response.headers["Location"].rsplit("/", 1)[1]
    issued = client.post(f"/api/v1/assessments/{sid}/certificates", headers=headers)
    assert issued.status_code == 201, issued.get_json()
    return issued.get_json()["items"][0]["number"], "olga@gsa.example"


def test_auditor_finds_downloads_verifies_and_sees_revocation(live_server: LiveServer, browser: Any, context: Any,
                                                              shots: Shots, tmp_path: Path) -> None:
    number, officer_email = _officer_certificate(live_server)
    make_account(live_server.app, role="auditor", organisation="GSA OIG", email="al@oig.example",
                 agencies=("GSA Region 9",))
    page = context.new_page()
    log_in(page, live_server, "al@oig.example")
    # find the certificate
    page.get_by_role("link", name="Certificates").click()
    page.get_by_label("Number, product or manufacturer").fill("Mix 4000")
    page.get_by_role("button", name="Find").click()
    assert number in page.content()
    shots(page, "auditor-certificates")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").first.click()
    saved = tmp_path / f"{number}.pdf"
    download.value.save_as(str(saved))
    # upload it to the verify page: valid
    page.get_by_role("link", name="Verify").click()
    page.set_input_files("#file", str(saved))
    page.get_by_role("button", name="Check the file").click()
    assert page.locator(".verify-valid").count() == 1 and number in page.content()
    assert "byte for byte" in page.content()
    shots(page, "auditor-verify-valid")
    # the officer revokes it, in their own browser session
    officer_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    officer = officer_ctx.new_page()
    log_in(officer, live_server, officer_email)
    officer.goto(live_server.url + "/certificates")
    officer.get_by_role("link", name="Mix 4000-A").click()
    officer.locator("details.revoke summary").click()
    officer.get_by_role("textbox", name="Reason").fill("EPD withdrawn by the program operator")
    officer.get_by_role("button", name=f"Revoke {number}").click()
    assert "is revoked" in officer.content()
    shots(officer, "officer-revoked")
    officer_ctx.close()
    # the auditor checks the same file again: revoked, with the reason
    page.get_by_role("link", name="Verify").click()
    page.set_input_files("#file", str(saved))
    page.get_by_role("button", name="Check the file").click()
    assert page.locator(".verify-revoked").count() == 1
    assert "EPD withdrawn by the program operator" in page.content()
    shots(page, "auditor-verify-revoked")
    # and browses the audit trail
    page.get_by_role("link", name="Audit trail").click()
    content = page.content()
    assert "certificate_revoked" in content and "certificate_issued" in content
    shots(page, "audit-trail")


@pytest.mark.parametrize("width", [390])
def test_pages_fit_a_phone(live_server: LiveServer, browser: Any, shots: Shots, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    page = ctx.new_page()
    for path in ("/", "/verify", "/login", "/signup"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, overflow)
    shots(page, "phone-signup")
    ctx.close()


def test_officer_follows_a_scan_read_by_ocr(live_server: LiveServer, context: Any, shots: Shots,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from buyclean.core.readers.pdf.ocr import languages
    from tests.e2e.test_interface import audit
    from tests.test_jobs_ocr import Gate
    from tests.test_readers_pdf_ocr import _scan

    if languages() is None:
        pytest.skip("Tesseract with English data is not installed")
    gate = Gate(monkeypatch)  # the reading waits until the page has been seen waiting
    try:
        _uid, token = make_account(live_server.app, role="officer", organisation="Caltrans District 4",
                                   email="ola@dot.example")
        posted = live_server.app.test_client().post(
            "/api/v1/assessments?filename=scan.pdf", data=_scan(pdfgen.ready_mix().pdf(), dpi=100),
            content_type="application/pdf", headers={"Authorization": f"Bearer {token}"})
        assert posted.status_code == 202, posted.get_json()
        reading = posted.get_json()
        page = context.new_page()
        log_in(page, live_server, "ola@dot.example")
        page.goto(live_server.url + reading["page"])
        expect(page.locator(".badge-reading")).to_have_text("Reading (OCR)")
        total = reading["pages_total"]
        assert total >= 2
        expect(page.locator("#reading-counts")).to_contain_text(f"0 of {total} pages read")
        assert page.locator("#reading-progress").get_attribute("max") == str(total)
        audit(page, "a submission being read by OCR")
        shots(page, "scan-reading")
        polled: list[str] = []
        page.on("request", lambda r: polled.append(r.url) if r.url.endswith("/reading") else None)
        gate.open()
        # the page follows the reading by itself, then shows the assessment
        expect(page.locator("#certificates")).to_be_visible(timeout=120_000)
        assert polled and page.locator(".badge-reading").count() == 0
        assert "read by OCR" in page.content()
        shots(page, "scan-read")
    finally:
        gate.open()
        live_server.app.extensions["buyclean.jobs"].drain()
