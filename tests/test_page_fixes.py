"""The page bugs an officer's day turned up: History's supplier, the share menu, the audit page's details and
filters."""

from __future__ import annotations

import json
import re

from flask import Flask

from tests.conftest import logged_in, make_account, native_epd, unplaceable_concrete


def _store(client: object, doc: dict[str, object]) -> str:
    response = client.post("/api/v1/assessments", data=json.dumps(doc),  # type: ignore[attr-defined]
                           content_type="application/json")
    return str(response.headers["Location"].rsplit("/", 1)[1])


def test_history_names_the_submitting_company_not_the_manufacturer(app: Flask) -> None:
    supplier = logged_in(app, *make_account(app, role="supplier", organisation="Acme Distributors"))
    _store(supplier, native_epd(manufacturer="Example Ready Mix Co"))
    page = supplier.get("/submissions").get_data(as_text=True)
    cell = re.search(r"<td>(Acme Distributors[^<]*)<br><small>manufacturer: Example Ready Mix Co</small></td>", page)
    assert cell, page[page.find("<tbody>"):page.find("<tbody>") + 1500]


def test_the_share_menu_preselects_nothing_and_lists_only_receiving_agencies(app: Flask) -> None:
    supplier = logged_in(app, *make_account(app, role="supplier", organisation="Acme Steel"))
    make_account(app, role="officer", organisation="Port Authority")
    make_account(app, role="auditor", organisation="State Audit Office", agencies=("Port Authority",))
    sid = _store(supplier, native_epd())
    page = supplier.get(f"/submissions/{sid}").get_data(as_text=True)
    menu = re.search(r'<select id="agency" name="agency" required>(.*?)</select>', page, re.DOTALL)
    assert menu, "the share menu"
    options = re.findall(r"<option([^>]*)>([^<]*)</option>", menu.group(1))
    assert options[0] == (' value="" selected disabled', "Choose the agency you bid to")
    assert [name for _attrs, name in options[1:]] == ["Port Authority"]


def test_the_audit_page_details_read_as_words_numbered_from_one_and_filter(app: Flask) -> None:
    officer = logged_in(app, *make_account(app, role="officer", organisation="Agency A", email="o@a.example"))
    sid = _store(officer, unplaceable_concrete())
    officer.post(f"/submissions/{sid}/review", data={"product": "0", "field": "compressive_strength",
                                                     "value": "4000 psi", "justification": "page 2"})
    _store(officer, native_epd())
    auditor = logged_in(app, *make_account(app, role="auditor", organisation="Audit", agencies=("Agency A",)))
    page = auditor.get("/audit").get_data(as_text=True)
    assert "None" not in page
    review = re.search(r"<td>review</td>.*?<td class=\"detail\"><small>(.*?)</small>", page, re.DOTALL)
    assert review and "product 1" in review.group(1) and "Compressive strength" in review.group(1)
    assert 'class="table-scroll"' in page
    only = auditor.get(f"/audit?submission={sid}&action=review&actor=o%40a").get_data(as_text=True)
    assert only.count("<td>review</td>") == 1 and "<td>upload</td>" not in only
    assert "<td>review</td>" not in auditor.get("/audit?actor=nobody").get_data(as_text=True)
    assert "<td>upload</td>" in auditor.get("/audit?date_from=2000-01-01&date_to=2999-01-01").get_data(as_text=True)
