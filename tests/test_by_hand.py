"""Manual entry for a document nothing could read: an officer enters each value with its page; the evidence says
who entered it by hand from which page; only an officer may certify such values."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session

from buyclean.core.model import Epd, Overall, Strength
from buyclean.core.review import ADD_PRODUCT, Decision, apply_decisions
from buyclean.errors import InvalidReview, NotCertifiable
from tests.conftest import logged_in, make_account, native_epd

SCAN = b"%PDF-1.4\n% a scan: images only, no text layer\n%%EOF\n"


def by_hand(field: str, value: str, page: int | None, product: int | None = 0) -> Decision:
    return Decision(field=field, reviewer="olive@port.example", justification="a scan", product_index=product,
                    value=value, page=page)


def test_values_entered_by_hand_cite_the_person_and_the_page(rulesets: Any) -> None:
    from buyclean.core.assess import assess
    from buyclean.core.pipeline import source_of

    epd = apply_decisions(Epd(format="pdf", products=()), [
        by_hand(ADD_PRODUCT, "Mix 40 MPa", 2, None), by_hand("material", "concrete", 2),
        by_hand("declared_unit", "1 m3", 5), by_hand("gwp_a1a3", "250 kgCO2e/m3", 5),
        by_hand("compressive_strength", "4000 psi", 2)])
    gwp = epd.products[0].gwp_a1a3
    assert gwp.known and gwp.evidence.page == 5
    assert gwp.evidence.note == "entered by hand by olive@port.example from page 5: a scan"
    assert isinstance(epd.products[0].compressive_strength.value, Strength)
    result = assess(epd, [rulesets["gsa-ira-lec"]], source=source_of(SCAN, "scan.pdf", "pdf"), on=dt.date(2025, 6, 1))
    assert result.products[0].verdicts[0].rule == "concrete-4000"
    assert result.products[0].status is not Overall.COMPLIANT or result.products[0].verdicts[0].status.value == "pass"


def test_a_product_added_by_hand_needs_its_page() -> None:
    with pytest.raises(InvalidReview) as info:
        apply_decisions(Epd(format="pdf", products=()), [by_hand(ADD_PRODUCT, "Mix", None, None)])
    assert info.value.where == "page"


FORM = {"name": "Mix 40 MPa", "name_page": "2", "material": "concrete", "material_page": "2",
        "declared_unit": "1 m3", "declared_unit_page": "5", "gwp_a1a3": "250 kgCO2e/m3", "gwp_a1a3_page": "5",
        "compressive_strength": "4000 psi", "compressive_strength_page": "2", "valid_until": "2029-01-31",
        "valid_until_page": "1", "rules": "gsa-ira-lec", "on": "2025-06-01", "justification": "a scan"}


def test_an_officer_stores_a_scan_by_hand_and_reviews_it_again(app: Flask) -> None:
    officer = logged_in(app, *make_account(app, role="officer", organisation="Port", email="olive@port.example"))
    page = officer.get("/submissions/by-hand").get_data(as_text=True)
    assert 'name="gwp_a1a3_page"' in page
    refused = officer.post("/submissions/by-hand", data={**FORM, "gwp_a1a3_page": "",
                                                         "file": (io.BytesIO(SCAN), "scan.pdf")},
                           content_type="multipart/form-data")
    assert refused.status_code == 200 and "Nothing was stored: Give the page GWP A1-A3 is read from" in \
        refused.get_data(as_text=True)
    response = officer.post("/submissions/by-hand", data={**FORM, "file": (io.BytesIO(SCAN), "scan.pdf")},
                            content_type="multipart/form-data")
    assert response.status_code == 302
    url = response.headers["Location"]
    shown = officer.get(url).get_data(as_text=True)
    assert "entered by hand by olive@port.example from page 5" in shown
    result = officer.get("/api/v1/assessments/" + url.rsplit("/", 1)[1]).get_json()
    assert result["products"][0]["verdicts"][0]["rule"] == "concrete-4000"
    assert result["products"][0]["evidence"]["gwp_a1a3"]["page"] == 5
    # a later review re-assesses from the decisions, without reading the scan
    assert officer.post(url + "/review", data={"field": "pcr", "value": "NSF PCR for Concrete v2.1",
                                               "justification": "page 1"}).status_code == 302
    assert "was not recorded" not in officer.get(url).get_data(as_text=True)


def test_only_an_officer_enters_or_certifies_values_by_hand(app: Flask) -> None:
    from buyclean.services.submissions import refuse_hand_entered_unless_officer

    supplier = logged_in(app, *make_account(app, role="supplier", organisation="Acme", email="sam@acme.example"))
    assert supplier.get("/submissions/by-hand").status_code == 403
    make_account(app, role="officer", organisation="Port", email="olive@port.example")
    result = {"epd": {"evidence": {}}, "products": [{"index": 0, "evidence": {"gwp_a1a3": {
        "page": 5, "note": "entered by hand by olive@port.example from page 5: a scan"}}}]}
    with Session(app.extensions["buyclean"].engine) as session:
        with pytest.raises(NotCertifiable, match="entered by hand"):
            refuse_hand_entered_unless_officer(session, actor="sam@acme.example", result=result)
        refuse_hand_entered_unless_officer(session, actor="olive@port.example", result=result)
        refuse_hand_entered_unless_officer(session, actor="sam@acme.example", result={
            "epd": {"evidence": {}}, "products": [{"index": 0, "evidence": {}}]})


def test_a_certificate_says_which_values_were_entered_by_hand_and_by_whom(app: Flask) -> None:
    from tests.test_certificate_issuing import flat_text
    from tests.test_certificates_web import issue, post_epd

    officer = logged_in(app, *make_account(app, role="officer", organisation="Port", email="olive@port.example"))
    # checked today (a certificate's term runs from the check date), with what GSA asks of the document
    form = {**FORM, "on": "", "pcr": "NSF PCR for Concrete v2.1 per ISO 14025 and ISO 21930", "pcr_page": "1",
            "epd_type": "product_specific", "epd_type_page": "1", "third_party_verified": "yes",
            "third_party_verified_page": "1", "issued": "2024-02-01", "issued_page": "1"}
    response = officer.post("/submissions/by-hand", data={**form, "file": (io.BytesIO(SCAN), "scan.pdf")},
                            content_type="multipart/form-data")
    assert response.status_code == 302
    issued = issue(officer, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert issued.status_code == 201, issued.get_json()
    item = issued.get_json()["items"][0]
    # the GWP's page first, then the others in page order
    said = ("Entered by hand by olive@port.example: GWP A1-A3 and declared unit from page 5 of the EPD; issue date, "
            "valid-until date, EPD type, third-party verification and PCR from page 1; product name, material and "
            "strength from page 2")
    assert item["facts"]["hand_entered"] == [said]
    assert f"{said}." in flat_text(officer.get(item["pdf"]).data)
    # the public verification page says it too
    shown = officer.get(f"/verify/{item['number']}").get_data(as_text=True)
    assert f"{said}." in shown
    # a certificate of values read from the file says nothing of the kind
    normal = issue(officer, post_epd(officer, native_epd()))
    assert normal.status_code == 201
    normal_item = normal.get_json()["items"][0]
    assert normal_item["facts"]["hand_entered"] == []
    assert "entered by hand" not in flat_text(officer.get(normal_item["pdf"]).data)


def test_the_certificates_sentence_names_each_person_and_each_page(rulesets: Any) -> None:
    from buyclean.core.assess import assess
    from buyclean.core.certificates import hand_entry_sentences
    from buyclean.core.pipeline import source_of

    second = Decision(field="valid_until", reviewer="pat@port.example", justification="cover", value="2029-01-31",
                      page=1)
    epd = apply_decisions(Epd(format="pdf", products=()), [
        by_hand(ADD_PRODUCT, "Mix 40 MPa", 2, None), by_hand("material", "concrete", 2),
        by_hand("declared_unit", "1 m3", 5), by_hand("gwp_a1a3", "250 kgCO2e/m3", 5), second])
    result = assess(epd, [rulesets["gsa-ira-lec"]], source=source_of(SCAN, "scan.pdf", "pdf"), on=dt.date(2025, 6, 1))
    assert hand_entry_sentences(result, 0) == (
        "Entered by hand by olive@port.example: GWP A1-A3 and declared unit from page 5 of the EPD; product name and "
        "material from page 2",
        "Entered by hand by pat@port.example: valid-until date from page 1 of the EPD")
