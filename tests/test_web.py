"""The pages, through the Flask test client: upload, assessment, review, history and the friendly error pages."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.conftest import CORPUS, logged_in, make_account, native_epd, needs_corpus, unplaceable_concrete

HAS_PDF_READER = importlib.util.find_spec("buyclean.core.readers.pdf") is not None


def upload(client: FlaskClient, *docs: dict[str, Any] | bytes, names: list[str] | None = None,
           **form: str) -> Any:
    files = [(io.BytesIO(d if isinstance(d, bytes) else json.dumps(d).encode()),
              (names or [f"epd{i}.json" for i in range(len(docs))])[i]) for i, d in enumerate(docs)]
    data: dict[str, Any] = {"file": files, "rules": "gsa-ira-lec", "on": "2025-06-01", **form}
    return client.post("/submissions", data=data, content_type="multipart/form-data")


def text_of(response: Any) -> str:
    body: str = response.get_data(as_text=True)
    return body


def test_the_upload_page_offers_rule_sets_and_loads_nothing_from_elsewhere(client: FlaskClient) -> None:
    page = text_of(client.get("/"))
    assert 'name="file"' in page and "multiple" in page
    assert 'value="gsa-ira-lec" checked' in page and 'value="buy-clean-california"' in page
    assert 'type="date" name="on"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert client.get("/static/upload.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_upload_shows_the_assessment_with_chart_rule_and_evidence(client: FlaskClient) -> None:
    response = upload(client, native_epd())
    assert response.status_code == 302 and response.headers["Location"] == "/submissions/1"
    page = text_of(client.get("/submissions/1"))
    assert "Mix 4000-A" in page and "Mix 5000-B" in page
    assert "Top 20%" in page and "Not compliant" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="tier-chart"') == 2
    assert "<code>concrete-4000</code>" in page and ", row concrete-4000: " in page
    assert "Margin</dt><dd>9.3 kgCO2e/m3" in page
    assert "$.products[0].gwp_a1a3.value" in page


def test_background_uploads_get_json_with_the_page_url(client: FlaskClient) -> None:
    data = {"file": (io.BytesIO(json.dumps(native_epd()).encode()), "a.json"), "on": "2025-06-01"}
    response = client.post("/submissions", data=data, content_type="multipart/form-data",
                           headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "url": "/submissions/1", "status": "non_compliant", "filename": "a.json",
                                   "reading": "none"}
    bad = client.post("/submissions", data={"file": (io.BytesIO(b"%!PS"), "x.ps")}, content_type="multipart/form-data",
                      headers={"X-Requested-With": "XMLHttpRequest"})
    assert bad.status_code == 415 and set(bad.get_json()) == {"error", "message", "where"}


def test_markup_from_an_epd_is_escaped(client: FlaskClient) -> None:
    doc = native_epd(manufacturer="<b>Evil</b> Co")
    doc["products"][0]["name"] = '<script>alert("x")</script>'
    upload(client, doc)
    page = text_of(client.get("/submissions/1"))
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>Evil</b>" not in page
    assert "<script>alert" not in text_of(client.get("/submissions"))


def test_an_officer_resolves_a_needs_review_product(client: FlaskClient) -> None:
    upload(client, unplaceable_concrete())
    page = text_of(client.get("/submissions/1"))
    assert "Needs review" in page and 'action="/submissions/1/review"' in page
    refused = client.post("/submissions/1/review", data={"product": "0", "field": "compressive_strength",
                                                          "value": "4000 psi", "reviewer": "Ada", "justification": ""})
    assert refused.status_code == 302
    assert "was not recorded" in text_of(client.get("/submissions/1"))
    response = client.post("/submissions/1/review", data={
        "product": "0", "field": "compressive_strength", "value": "4000 psi", "reviewer": "Ada Lovelace",
        "justification": "mix design sheet <attached>"})
    assert response.status_code == 302
    page = text_of(client.get("/submissions/1"))
    assert "Recorded Compressive strength for product 1 by officer@agency.example" in page
    assert "Compliant" in page
    assert "officer@agency.example" in page and "mix design sheet &lt;attached&gt;" in page
    assert "set by review: officer@agency.example" in page
    assert "upload" in page and "review" in page  # the audit trail
    assert client.get("/api/v1/assessments/1").get_json()["status"] == "compliant"


def test_history_filters_and_pages(database_url: str, tmp_path: Path) -> None:
    from buyclean import create_app

    app = create_app({"TESTING": True, "database_url": database_url, "instance_path": tmp_path / "i", "page_size": 2})
    client = logged_in(app, *make_account(app, role="officer", organisation="Test Agency"))
    upload(client, native_epd(), names=["first.json"])
    upload(client, unplaceable_concrete(), names=["second.json"])
    upload(client, native_epd(), names=["third.json"])
    page = text_of(client.get("/submissions"))
    assert "third.json" in page and "second.json" in page and "first.json" not in page
    assert "3 submissions" in page and 'rel="next" href="/submissions?page=2"' in page
    assert "first.json" in text_of(client.get("/submissions?page=2"))
    filtered = text_of(client.get("/submissions?status=needs_review&material=concrete&ruleset=gsa-ira-lec"))
    assert "second.json" in filtered and "third.json" not in filtered and "1 submission match" in filtered
    assert "No submissions match" in text_of(client.get("/submissions?supplier=nobody"))
    assert "first.json" in text_of(client.get("/submissions?supplier=example+ready&date_from=2000-01-01"))
    app.extensions["buyclean"].engine.dispose()


def test_several_files_at_once_with_one_bad(client: FlaskClient) -> None:
    response = upload(client, native_epd(), b"{broken", names=["good.json", "bad.json"])
    assert response.status_code == 302 and response.headers["Location"] == "/submissions"
    page = text_of(client.get("/submissions"))
    assert "bad.json: The JSON is malformed at line 1" in page and "1 of 2 files were checked" in page
    assert "good.json" in page


@pytest.mark.parametrize(("data", "status", "words"), [
    (b"GIF89a", 415, "Not an EPD"),
    (b"{broken", 422, "The JSON is malformed at line 1, column 2"),
])
def test_friendly_pages_for_files_that_cannot_be_read(client: FlaskClient, data: bytes, status: int,
                                                      words: str) -> None:
    response = upload(client, data)
    assert response.status_code == status
    assert response.mimetype == "text/html" and words in text_of(response)
    assert "Upload another file" in text_of(response)


def test_friendly_404_and_413(database_url: str, tmp_path: Path, client: FlaskClient) -> None:
    from buyclean import create_app

    missing = client.get("/submissions/42")
    assert missing.status_code == 404 and "There is no submission 42" in text_of(missing)
    small = create_app({"TESTING": True, "database_url": database_url, "instance_path": tmp_path / "s",
                        "max_upload_bytes": 300})
    response = upload(small.test_client(), native_epd())
    assert response.status_code == 413
    assert "File too large" in text_of(response) and "300-byte limit" in text_of(response)
    small.extensions["buyclean"].engine.dispose()


def test_the_original_file_is_served_back(client: FlaskClient) -> None:
    upload(client, native_epd())
    response = client.get("/submissions/1/file")
    assert response.status_code == 200 and json.loads(response.data) == native_epd()


def test_about_and_health(client: FlaskClient) -> None:
    assert "gsa-ira-lec" in text_of(client.get("/about"))
    assert client.get("/healthz").get_json() == {"status": "ok"}


@needs_corpus
@pytest.mark.corpus
@pytest.mark.skipif(not HAS_PDF_READER, reason="the PDF reader (buyclean.core.readers.pdf) is not there yet")
def test_a_real_pdf_shows_page_evidence_images(client: FlaskClient) -> None:
    pdf = (CORPUS / "pdf" / "IBU_2.pdf").read_bytes()
    response = client.post("/submissions", data={"file": (io.BytesIO(pdf), "IBU_2.pdf"), "on": "2025-06-01"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    page = text_of(client.get("/submissions/1"))
    images = re.findall(r'src="(/api/v1/assessments/1/evidence\.png\?[^"]+)"', page)
    assert images
    image = client.get(images[0].replace("&amp;", "&"))
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_evidence_renderer_crops_a_pdf_page() -> None:
    """The one evidence renderer (the PDF reader's), on a one-page PDF made here (no corpus needed).

    The box's height and a 24-point margin above and below it; across, the box and the same margin (the unused
    fallback renderer this test first checked kept the page's full width, 600 px)."""
    import pypdfium2 as pdfium
    from PIL import Image

    from buyclean.core.readers.pdf.evidence import render_region

    doc = pdfium.PdfDocument.new()
    doc.new_page(300, 400)
    out = io.BytesIO()
    doc.save(out)
    png = render_region(out.getvalue(), 1, (10.0, 100.0, 200.0, 120.0))
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (2 * (200 + 24 - 0), 2 * (120 + 24 - (100 - 24)))  # x0 - 24 is off the page: 0
    whole = render_region(out.getvalue(), 1, None)
    with Image.open(io.BytesIO(whole)) as image:
        assert image.size == (600, 800)


def test_document_candidates_submit_their_index() -> None:
    from buyclean.web.pages import document_review_items

    epd = {"review": [{"field": "valid_until", "reason": "two dates", "candidates": [
        {"value": "2029-01-01", "evidence": {"page": 1}}, {"value": "2030-01-01", "evidence": {"page": 2}}]}]}
    items = document_review_items(epd)
    assert [c["index"] for c in items[0]["candidates"]] == [0, 1] and items[0]["settable"]


def review_forms(page: str) -> list[str]:
    return re.findall(r'<form class="review-form".*?</form>', page, re.DOTALL)


def test_every_review_form_offers_what_the_server_accepts(client: FlaskClient) -> None:
    from buyclean.core.review import PRODUCT_FIELDS

    upload(client, unplaceable_concrete())
    forms = review_forms(text_of(client.get("/submissions/1")))
    offered = {f for form in forms for f in re.findall(r'<option value="([a-z_0-9]+)">', form)}
    assert set(PRODUCT_FIELDS) <= offered  # steel, density, precast, no limit are among them
    assert any('value="no_limit"' in form for form in forms)
    for form in forms:
        assert 'value=""' not in form.replace('<option value="">—</option>', "")


@pytest.mark.parametrize(("field", "value", "status"), [
    ("no_limit", "mix for a non-structural fill: no limit in these rule sets", "compliant"),
    ("cast_in_place", "precast", "needs_review"),
    ("compressive_strength", "C35/45", "compliant"),
])
def test_a_needs_review_product_closes_from_its_form(client: FlaskClient, field: str, value: str,
                                                      status: str) -> None:
    upload(client, unplaceable_concrete())
    data = {"product": "0", "field": field, "value": value, "justification": "page 4" if field != "no_limit" else ""}
    assert client.post("/submissions/1/review", data=data).status_code == 302
    result = client.get("/api/v1/assessments/1").get_json()
    assert result["status"] == status, result["products"][0]["reasons"]
    if field == "cast_in_place":
        assert result["products"][0]["verdicts"][0]["rule"] == "concrete-other-forms"
        assert result["products"][0]["cast_in_place"] is False


def test_a_document_fact_is_set_from_its_finding_form(client: FlaskClient) -> None:
    doc = native_epd()
    doc.pop("third_party_verified", None)
    upload(client, doc)
    page = text_of(client.get("/submissions/1"))
    form = next((f for f in review_forms(page) if 'name="field" value="third_party_verified"' in f
                 or '<option value="third_party_verified">' in f), None)
    if form is None:
        pytest.skip("the native EPD states its verification")
    assert client.post("/submissions/1/review", data={"field": "third_party_verified", "value": "yes",
                                                      "justification": "verifier named on page 2"}).status_code == 302
    assert "was not recorded" not in text_of(client.get("/submissions/1"))
    assert client.get("/api/v1/assessments/1").get_json()["epd"]["third_party_verified"] is True


@pytest.mark.parametrize(("statuses", "words"), [
    (["compliant"] * 69 + ["non_compliant"] * 2, "69 of 71 products comply; 2 do not."),
    (["compliant", "needs_review", "non_compliant"], "1 of 3 products comply; 1 does not; 1 needs review."),
    (["non_compliant"], "The product does not comply."),
])
def test_the_document_status_explains_itself(statuses: list[str], words: str) -> None:
    from buyclean.web.pages import document_status

    assert document_status({"products": [{"status": s} for s in statuses]}) == words


@needs_corpus
@pytest.mark.skipif(not HAS_PDF_READER, reason="the PDF reader is not installed")
def test_a_71_product_epd_pages_its_products_and_filters_them(client: FlaskClient) -> None:
    path = CORPUS / "pdf" / "IES_17.pdf"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    response = client.post("/submissions", data={"file": (io.BytesIO(path.read_bytes()), "IES_17.pdf"),
                                                  "rules": "gsa-ira-lec"}, content_type="multipart/form-data")
    url = response.headers["Location"]
    page = text_of(client.get(url))
    status = re.search(r'id="document-status"><strong>(.*?)</strong>', page)
    assert status and re.fullmatch(r"\d+ of 71 products comply(; \d+ do(es)? not)?(; \d+ needs? review)?\.",
                                   status.group(1)), status
    assert page.count('<article class="card product') == 10 and "page 1 of 8" in page
    assert 'rel="next" href="' + url + '?page=2#products"' in page
    last = text_of(client.get(url + "?page=8"))
    assert last.count('<article class="card product') == 1 and 'id="product-70"' in last
    counts = dict(re.findall(r'status=(\w+)#products"[^>]*>[^(]*\((\d+)\)', page))
    assert sum(map(int, counts.values())) == 71
    for wanted, n in counts.items():
        shown = text_of(client.get(f"{url}?status={wanted}"))
        assert shown.count('<article class="card product') == min(int(n), 10)
        assert shown.count(f'<article class="card product status-{wanted}"') == min(int(n), 10)
    # the list links every product to the page its card is on
    assert f'href="{url}?page=8#product-70"' in page


def test_an_officer_corrects_a_confident_placement_to_precast(client: FlaskClient) -> None:
    upload(client, native_epd())
    page = text_of(client.get("/submissions/1"))
    assert page.count('<details class="correct">') == 2  # a product with a verdict can still be corrected
    assert client.post("/submissions/1/review", data={"product": "0", "field": "cast_in_place", "value": "precast",
                                                      "justification": "UN CPC 37550; page 4 says precast"}
                       ).status_code == 302
    verdict = client.get("/api/v1/assessments/1").get_json()["products"][0]["verdicts"][0]
    assert verdict["rule"] == "concrete-other-forms" and verdict["status"] == "no_limit"
