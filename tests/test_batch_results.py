"""Batch results as a table of products (file, product, rule set, status, tier, GWP, limit, margin, reason, link),
sortable and filterable, and the CSV with the same columns per rule set plus EPD number, valid-until and page link."""

from __future__ import annotations

import csv
import io
import json
import re

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import unplaceable_concrete
from tests.test_jobs import ON, drain, epd_bytes


def _batch(app: Flask, client: FlaskClient) -> str:
    response = client.post("/batches", data={
        "file": [(io.BytesIO(epd_bytes()), "mix.json"),
                 (io.BytesIO(json.dumps(unplaceable_concrete()).encode()), "open.json"),
                 (io.BytesIO(b"%PDF-broken"), "broken.pdf")],
        "rules": ["gsa-ira-lec", "buy-clean-california"], "on": ON}, content_type="multipart/form-data")
    assert response.status_code == 302
    drain(app)
    return str(response.headers["Location"])


def _rows(html: str) -> list[list[str]]:
    body = html.split('id="batch-products"', 1)[1].split("</table>", 1)[0]
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split())
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.DOTALL)]
            for tr in re.findall(r"<tr class=\"status-.*?</tr>", body, re.DOTALL)]


def test_the_batch_page_lists_products_with_gwp_limit_margin_and_reason(app: Flask, client: FlaskClient) -> None:
    url = _batch(app, client)
    page = client.get(url).get_data(as_text=True)
    rows = _rows(page)
    # three products (two in mix.json, one in open.json), two rule sets each
    assert len(rows) == 6 and "6 of 6 product results" in page
    first = next(r for r in rows if r[0] == "mix.json" and r[2].startswith("gsa-ira-lec"))
    assert first[1] == "1. Mix 4000-A" and first[3] == "Pass" and first[4] == "Top 20%"
    assert first[5] == "274.7" and first[6].startswith("284.0") and first[7] == "+9.3"
    assert first[9] == "Open" and re.search(r'href="/submissions/\d+#product-0"', page)
    waiting = next(r for r in rows if r[0] == "open.json")
    assert waiting[3] == "Needs review" and "strength" in waiting[8]
    only_review = _rows(client.get(url + "?status=needs_review").get_data(as_text=True))
    assert only_review and {r[3] for r in only_review} == {"Needs review"}
    by_margin = _rows(client.get(url + "?sort=margin&dir=desc&ruleset=gsa-ira-lec").get_data(as_text=True))
    margins = [float(r[7]) for r in by_margin if r[7] != "—"]
    assert margins == sorted(margins, reverse=True) and {r[2].split()[0] for r in by_margin} == {"gsa-ira-lec"}


def test_the_csv_has_the_columns_per_rule_set_and_the_page_link(app: Flask, client: FlaskClient) -> None:
    url = _batch(app, client)
    rows = list(csv.DictReader(io.StringIO(client.get(url + ".csv").get_data(as_text=True))))
    assert [(r["filename"], r["product_index"]) for r in rows] == [
        ("mix.json", "0"), ("mix.json", "1"), ("open.json", "0"), ("broken.pdf", "")]
    mix = rows[0]
    for ruleset in ("gsa-ira-lec", "buy-clean-california"):
        for column in ("status", "tier", "gwp", "limit", "unit", "margin", "rule", "reason"):
            assert f"{ruleset} {column}" in mix
    assert mix["gsa-ira-lec status"] == "pass" and mix["gsa-ira-lec tier"] == "Top 20%"
    assert mix["gsa-ira-lec rule"] == "concrete-4000" and float(mix["gsa-ira-lec margin"]) > 0
    assert mix["epd_number"] and mix["valid_until"] and re.search(r"/submissions/\d+#product-0$", mix["page_url"])
    assert "strength" in rows[2]["gsa-ira-lec reason"] and rows[3]["job_status"] == "failed"
