"""The review queue: every open item a person may see, filterable, each with its form; the navigation's count."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import logged_in, make_account, native_epd, unplaceable_concrete
from tests.test_web import text_of, upload


def test_the_queue_lists_open_items_across_submissions_and_closes_them(client: FlaskClient) -> None:
    upload(client, unplaceable_concrete(), names=["open.json"])
    upload(client, native_epd(), names=["done.json"])
    upload(client, unplaceable_concrete(), names=["second-open.json"])
    page = text_of(client.get("/review"))
    assert "open.json" in page and "second-open.json" in page and "done.json" not in page
    assert "2 open items in 2 files" in page
    assert re.search(r'id="nav-review">Review queue <span class="nav-count"[^>]*>2</span>', page)
    forms = re.findall(r'<form class="review-form".*?</form>', page, re.DOTALL)
    assert forms and all('name="next" value="/review?page=1"' in f for f in forms)
    filtered = text_of(client.get("/review?q=second"))
    assert "second-open.json" in filtered and "1 open item in 1 file" in filtered
    response = client.post("/submissions/1/review", data={"product": "0", "field": "compressive_strength",
                                                          "value": "4000 psi", "justification": "page 2",
                                                          "next": "/review?page=1"})
    assert response.status_code == 302 and response.headers["Location"] == "/review?page=1"
    after = text_of(client.get("/review"))
    assert "1 open item in 1 file" in after and 'class="nav-count" title="1 file waiting for review">1<' in after
    assert "Recorded Compressive strength for product 1" in after


def test_the_queue_never_returns_to_another_site(client: FlaskClient) -> None:
    upload(client, unplaceable_concrete())
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/submissions/1/review", data={"product": "0", "field": "no_limit",
                                                              "value": "fill", "next": evil})
        assert response.headers["Location"] == "/submissions/1"


def test_the_queue_shows_only_what_the_person_may_see(app: Flask, tmp_path: Path) -> None:
    officer = logged_in(app, *make_account(app, role="officer", organisation="Agency A", email="a@a.example"))
    other = logged_in(app, *make_account(app, role="officer", organisation="Agency B", email="b@b.example"))
    supplier = logged_in(app, *make_account(app, role="supplier", organisation="Supplier", email="s@s.example"))
    upload(officer, unplaceable_concrete(), names=["mine.json"])
    assert "mine.json" in text_of(officer.get("/review"))
    assert "mine.json" not in text_of(other.get("/review")) and "Nothing is waiting" in text_of(other.get("/review"))
    assert supplier.get("/review").status_code == 403
    assert 'id="nav-review"' not in text_of(supplier.get("/"))


EN_PCR = "EN 15804+A2 and c-PCR-003 (EN 16757)"


def _forms(page: str, field: str) -> list[str]:
    return [f for f in re.findall(r'<form class="review-form".*?</form>', page, re.DOTALL)
            if f'data-field="{field}"' in f]


def test_a_pcr_other_than_the_named_one_is_judged_from_the_queue(client: FlaskClient) -> None:
    upload(client, native_epd(pcr=EN_PCR), names=["eu-pcr.json"])
    # GSA names the NSF PCR for concrete: the PCR read is judged, yes or no with a reason, not entered again
    for page in (text_of(client.get("/submissions/1")), text_of(client.get("/review"))):
        [form] = _forms(page, "pcr_accepted")
        assert '<option value="yes">Yes: acceptable for this rule set</option>' in form
        assert '<option value="no">No: not acceptable</option>' in form
        assert 'name="justification" required' in form
        assert not _forms(page, "pcr")
    assert "PCR acceptable for this rule set:" in text_of(client.get("/review"))
    response = client.post("/submissions/1/review", data={"field": "pcr_accepted", "value": "yes",
                                                          "justification": "Precast from Sweden, contract clause 4",
                                                          "next": "/review?page=1"})
    assert response.status_code == 302
    after = text_of(client.get("/review"))
    assert "Recorded PCR acceptable for this rule set for the document" in after
    assert "eu-pcr.json" not in after.split("</h1>", 1)[1]  # nothing of it is open any more
    result = client.get("/api/v1/assessments/1").get_json()
    [finding] = [f for f in result["findings"] if f["check"] == "pcr"]
    assert finding["status"] == "pass"
    assert "accepted for gsa-ira-lec by review (" in finding["message"]
    assert "Precast from Sweden, contract clause 4" in finding["message"]
    page = text_of(client.get("/submissions/1"))
    assert not _forms(page, "pcr_accepted") and not _forms(page, "pcr")


def test_a_pcr_not_read_is_entered_not_judged(client: FlaskClient) -> None:
    doc = native_epd()
    del doc["pcr"]
    upload(client, doc)
    page = text_of(client.get("/submissions/1"))
    assert len(_forms(page, "pcr")) == 1 and not _forms(page, "pcr_accepted")
    refused = client.post("/submissions/1/review", data={"field": "pcr_accepted", "value": "yes",
                                                         "justification": "looks fine"}, follow_redirects=True)
    assert "The decision was not recorded: No PCR was read" in text_of(refused)
