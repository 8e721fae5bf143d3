"""The officer's day in Chromium, on real multi-product EPDs: the review queue closes items from every kind of form,
batch results read as a table of products, a 71-product EPD explains its status and pages its products, an expired
EPD never shows a green Pass, and every page fits a phone's width.

One server and one set of stored submissions serve the module; each test uses a fresh browser context.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.conftest import CORPUS, logged_in, make_account, native_epd, unplaceable_concrete
from tests.e2e.conftest import ARTIFACTS, LiveServer, needs_chromium
from tests.pdfgen import ready_mix

pytestmark = needs_chromium
PASSWORD = "correct horse battery staple"
OFFICER = "olive@port.example"
# real multi-product EPDs: 71 ready-mix mixes (Holcim Australia), 23 (Boral Sydney), 21 vinyl floor products
MULTI = ("IES_17.pdf", "IES_106.pdf")
SHOTS = ARTIFACTS / "officer-day"


def _corpus(name: str) -> Path:
    for folder in ("pdf", "pdf-na"):
        if (CORPUS / folder / name).exists():
            return CORPUS / folder / name
    pytest.skip(f"the corpus file {name} is absent")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from buyclean import create_app

    tmp = tmp_path_factory.mktemp("officer-day")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    app = create_app({"instance_path": tmp / "instance", "database_url": f"sqlite:///{tmp / 'e2e.db'}",
                      "public_url": url})
    http = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url)
    finally:
        http.shutdown()
        app.extensions["buyclean"].engine.dispose()


@pytest.fixture(scope="module")
def stored(server: LiveServer) -> dict[str, str]:
    """The officer's stored submissions, by file name -> page path."""
    client = logged_in(server.app, *make_account(server.app, role="officer", organisation="Port Authority",
                                                 email=OFFICER))
    files: dict[str, bytes] = {name: _corpus(name).read_bytes() for name in MULTI}
    files["SCS_Karndean_LVT.pdf"] = _corpus("SCS_Karndean_LVT.pdf").read_bytes()
    files["columns-disagree.pdf"] = ready_mix(yd3_factor=0.9).pdf()
    files["no-strength.json"] = json.dumps(unplaceable_concrete()).encode()
    files["sandwich-panel.json"] = json.dumps(native_epd(registration_number="EPD-PANEL-1", products=[
        {"name": "Sandwich wall panel", "material": "insulation", "declared_unit": {"quantity": 1, "unit": "m2"},
         "gwp_a1a3": {"value": 40.0}}])).encode()
    files["expired.json"] = json.dumps(native_epd(valid_until="2024-01-31", registration_number="EPD-OLD-1")).encode()
    pages = {}
    for name, data in files.items():
        response = client.post("/submissions", data={"file": (io.BytesIO(data), name),
                                                      "rules": ["gsa-ira-lec", "buy-clean-california"]},
                               content_type="multipart/form-data")
        assert response.status_code == 302, (name, response.get_data(as_text=True)[:300])
        pages[name] = response.headers["Location"]
    return pages


@pytest.fixture
def officer(browser: Any, server: LiveServer) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    page = ctx.new_page()
    page.goto(server.url + "/login")
    page.get_by_label("E-mail").fill(OFFICER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    yield page
    ctx.close()
    assert not errors, errors


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _nav_count(page: Any) -> int:
    badge = page.locator("#nav-review .nav-count")
    return int(badge.inner_text()) if badge.count() else 0


def _open_items(page: Any) -> int:
    found = re.match(r"(\d+) open items?", page.locator("#queue-count").inner_text())
    return int(found.group(1)) if found else 0


def _record(page: Any, button: Any) -> None:
    """Submit a review form and wait for the server's answer: the queue's URL is '/review?...' before and after, so
    waiting for the URL returns at once, and the decision is re-assessed before the redirect (seconds when the
    machine is busy)."""
    with page.expect_response(lambda r: r.request.method == "POST", timeout=60_000):
        button.click()
    page.wait_for_load_state()


def test_the_review_queue_closes_items_from_every_kind_of_form(server: LiveServer, stored: dict[str, str],
                                                               officer: Any) -> None:
    page = officer
    page.goto(server.url + "/")
    before = _nav_count(page)
    assert before > 0
    page.get_by_role("link", name=re.compile("Review queue")).click()
    page.wait_for_url("**/review")
    assert page.locator(".queue-item").count() > 0
    assert page.locator(".queue-item img.crop").count() >= 1  # the evidence is inline, beside the form
    shot(page, "review-queue")
    # a free entry: the product with no strength gets one
    page.get_by_label("File name").fill("no-strength")
    page.get_by_role("button", name="Filter").click()
    item = page.locator(".queue-item")
    expect(item).to_have_count(1)
    form = item.locator("form.review-form").first
    form.locator("select[name=field]").select_option("compressive_strength")
    form.locator("input[name=value]").fill("4000 psi")
    form.get_by_label("Why").fill("Mix design sheet, page 2")
    _record(page, form.get_by_role("button", name="Record decision and re-assess"))
    assert "was not recorded" not in page.content()
    flash = page.locator(".flash")
    expect(flash).to_contain_text("Recorded Compressive strength for product 1", timeout=30_000)
    expect(page.locator(".queue-item")).to_have_count(0)
    # a candidate: the per-m3 reading of the columns that disagree
    page.goto(server.url + "/review?q=columns-disagree")
    form = page.locator("form.review-form", has=page.locator("fieldset.candidates")).first
    form.locator("input[name=candidate]").first.check()
    form.get_by_label("Why").fill("The per m3 column is the declared unit")
    _record(page, form.get_by_role("button", name="Record decision and re-assess"))
    assert "was not recorded" not in page.content()
    expect(flash).to_contain_text("Recorded GWP A1-A3", timeout=30_000)
    # not applicable / no limit: a sandwich wall panel, classed as insulation, that no row can place
    page.goto(server.url + "/review?q=sandwich")
    first = page.locator(".queue-item", has=page.locator("details.no-limit")).first
    first.locator("details.no-limit summary").click()
    first.locator("details.no-limit").get_by_label("Reason no limit applies").fill(
        "A sandwich wall panel, not insulation board: no Buy Clean rule set sets a limit for it")
    no_limit = first.locator("details.no-limit")
    _record(page, no_limit.get_by_role("button", name="Record: no limit for this product"))
    assert "was not recorded" not in page.content()
    expect(flash).to_contain_text("Not applicable / no limit for this product", timeout=30_000)
    page.goto(server.url + stored["sandwich-panel.json"])
    expect(page.locator("#product-0 .verdict").first).to_contain_text(
        "No limit applies to this product: A sandwich wall panel")
    # a document's own point is one item for all 71 products of IES_17, entered once in the queue
    page.goto(server.url + "/review?q=IES_17")
    expect(page.locator("#queue-count")).to_contain_text("1 open item in 1 file")
    pcr = page.locator(".queue-item", has=page.locator("form[data-field=pcr]")).first
    pcr.locator("input[name=value]").fill("EN 15804:2012+A2:2019 and PCR 2019:14 Construction products")
    pcr.get_by_label("Why").fill("Page 3 names the PCR")
    _record(page, pcr.get_by_role("button", name="Record decision and re-assess"))
    expect(flash).to_contain_text("Recorded PCR for the document", timeout=30_000)
    # GSA names the NSF PCR for concrete: the PCR entered is recorded, and the item now asks the officer to judge it
    judged = page.locator(".queue-item", has=page.locator("form[data-field=pcr_accepted]")).first
    expect(judged.locator(".reason")).to_contain_text("Written to 'EN 15804:2012+A2:2019")
    expect(judged.locator("input[name=value]")).to_have_count(0)  # not entered again: yes or no, with a reason
    judged.locator("select[name=value]").select_option("yes")
    judged.get_by_label("Why").fill("EN 15804 precast mixes accepted under the contract's clause 4.2")
    shot(page, "review-queue-pcr")
    _record(page, judged.get_by_role("button", name="Record decision and re-assess"))
    assert "was not recorded" not in page.content()
    expect(flash).to_contain_text("Recorded PCR acceptable for this rule set for the document", timeout=30_000)
    expect(page.locator("#queue-count")).to_contain_text("Nothing is waiting for review")
    page.goto(server.url + stored["IES_17.pdf"])
    expect(page.locator(".finding-unknown", has_text="PCR")).to_have_count(0)
    page.goto(server.url + "/review")
    assert _nav_count(page) < before


def test_batch_results_are_a_table_of_products(server: LiveServer, stored: dict[str, str], officer: Any,
                                               tmp_path: Path) -> None:
    page = officer
    paths = []
    for name in MULTI[1:]:
        paths.append(_corpus(name))
    mix = tmp_path / "mix.json"
    mix.write_text(json.dumps(native_epd(registration_number="EPD-BATCH-1")))
    paths.append(mix)
    page.goto(server.url + "/batches")
    page.locator("input[name=rules][value=buy-clean-california]").check()
    page.locator("input[name=rules][value=gsa-ira-lec]").check()
    page.set_input_files("#batch-files", [str(p) for p in paths])
    page.get_by_role("button", name="Queue the checks").click()
    page.wait_for_url(re.compile(r".*/batches/\d+$"))
    expect(page.locator("#batch-progress")).to_have_attribute("value", str(len(paths)), timeout=120_000)
    if page.locator("#results-ready").count():
        page.locator("#results-ready a").click()
    table = page.locator("#batch-products")
    expect(table).to_be_visible()
    headers = [h.strip().rstrip("▲▼ ").strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers[:9] == ["File", "Product", "Rule set", "Status", "Tier", "GWP", "Limit", "Margin", "Reason"]
    rows = table.locator("tbody tr")
    assert rows.count() >= 2 * (23 + 2)  # 23 mixes and the JSON file's two, a row per rule set
    shot(page, "batch-table")
    # sort by margin, largest first
    table.locator("thead th a", has_text="Margin").click()
    table.locator("thead th a", has_text="Margin").click()
    page.wait_for_url(re.compile(r".*sort=margin&dir=desc.*"))
    margins = [float(t.replace(",", "")) for t in page.locator("#batch-products td.num:nth-child(8)").all_inner_texts()
               if t.strip() not in ("—", "")]
    assert margins and margins == sorted(margins, reverse=True)
    # filter: only what needs review
    page.get_by_label("Status").select_option("needs_review")
    page.get_by_role("button", name="Filter").click()
    statuses = set(page.locator("#batch-products tbody td:nth-child(4)").all_inner_texts())
    assert statuses == {"Needs review"}
    # IES_106 expired in 2025: its passing GWPs are never a green Pass beside a product that is not compliant
    page.get_by_label("Status").select_option("pass")
    page.get_by_label("File or product").fill("IES_106")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("#batch-products tbody tr").count() >= 1
    assert page.locator("#batch-products .badge-pass").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the results (CSV)").click()
    exported = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert {"gsa-ira-lec limit", "gsa-ira-lec margin", "buy-clean-california status", "buy-clean-california reason",
            "epd_number", "valid_until", "page_url"} <= set(exported[0])
    assert all(r["page_url"] and "/api/" not in r["page_url"] for r in exported)


def test_a_71_product_epd_explains_its_status_and_pages_its_products(server: LiveServer, stored: dict[str, str],
                                                                     officer: Any) -> None:
    page = officer
    page.goto(server.url + stored["IES_17.pdf"])
    status = page.locator("#document-status strong").inner_text()
    assert re.fullmatch(r"\d+ of 71 products comply(; \d+ do(es)? not)?(; \d+ needs? review)?\.", status), status
    assert page.locator("details.product-list").get_attribute("open") is None  # collapsed: 71 rows
    expect(page.locator("article.product")).to_have_count(10)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    shot(page, "multi-product-page")
    page.get_by_role("link", name="Next products").first.click()
    expect(page.locator("article.product").first).to_have_attribute("id", "product-10")
    filters = page.locator("nav.status-filter a")
    assert filters.count() >= 2
    filters.nth(1).click()
    wanted = re.search(r"status=(\w+)", page.url)
    assert wanted and page.locator(f"article.product:not(.status-{wanted.group(1)})").count() == 0
    assert height < 38_000 / 3, height


def test_an_expired_epd_never_shows_a_green_pass(server: LiveServer, stored: dict[str, str], officer: Any) -> None:
    page = officer
    page.goto(server.url + stored["expired.json"])
    assert page.locator("article.product.status-non_compliant").count() >= 1
    assert page.locator("article.product.status-non_compliant .badge-pass").count() == 0
    expect(page.locator("article.product .badge-muted").first).to_have_text("GWP within limit")
    expect(page.locator("#document-status")).to_contain_text("expired")


def test_pages_with_real_multi_product_documents_fit_a_phone(server: LiveServer, stored: dict[str, str],
                                                            browser: Any) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.goto(server.url + "/login")
    page.get_by_label("E-mail").fill(OFFICER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    paths = [stored[name] for name in (*MULTI, "SCS_Karndean_LVT.pdf")] + ["/review", "/submissions", "/audit"]
    wide = {}
    for path in paths:
        page.goto(server.url + path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 391:
            wide[path] = width
    shot(page, "phone-audit")
    page.goto(server.url + stored["IES_17.pdf"])
    shot(page, "phone-multi-product")
    ctx.close()
    assert not wide, wide
