"""The JSON API, with every response checked against the schemas of /api/v1/openapi.json."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tests.conftest import native_epd, unplaceable_concrete

OPENAPI_URI = "urn:buyclean:openapi"


def conforms(client: FlaskClient, response: Any, component: str) -> None:
    """Validate a response body against components/schemas/<component> of the served OpenAPI document."""
    doc = client.get("/api/v1/openapi.json").get_json()
    # the document itself, plus each embedded schema under its $id: referencing does not crawl OpenAPI documents
    registry: Registry[Any] = Registry().with_resources(
        [(OPENAPI_URI, DRAFT202012.create_resource(doc))]
        + [(s["$id"], DRAFT202012.create_resource(s)) for s in doc["components"]["schemas"].values() if "$id" in s])
    schema = doc["components"]["schemas"][component]
    # an embedded whole schema is entered through its $id, so that its own "#/$defs/..." refs resolve inside it
    ref = schema.get("$id", f"{OPENAPI_URI}#/components/schemas/{component}")
    validator = jsonschema.Draft202012Validator({"$ref": ref},
                                                registry=registry, format_checker=jsonschema.FormatChecker())
    validator.validate(response.get_json())


def post_json(client: FlaskClient, doc: dict[str, Any], query: str = "?on=2025-06-01") -> Any:
    return client.post(f"/api/v1/assessments{query}", data=json.dumps(doc), content_type="application/json")


def test_the_openapi_document_is_3_1_and_embeds_the_project_schemas(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    assert schemas["Assessment"]["$id"] == "https://buyclean.dev/schemas/assessment.schema.json"
    assert schemas["Epd"]["$id"] == "https://buyclean.dev/schemas/epd.schema.json"
    assert {"/api/v1/assessments", "/api/v1/assessments/{id}", "/api/v1/assessments/{id}/reviews",
            "/api/v1/assessments/{id}/evidence.png"} <= set(doc["paths"])
    jsonschema.Draft202012Validator.check_schema(schemas["Assessment"])


def test_post_a_json_body_returns_201_location_and_the_assessment(client: FlaskClient) -> None:
    response = post_json(client, native_epd())
    assert response.status_code == 201
    assert response.headers["Location"] == "/api/v1/assessments/1"
    conforms(client, response, "Assessment")
    body = response.get_json()
    assert body["status"] == "non_compliant" and body["checked_on"] == "2025-06-01"
    fetched = client.get(response.headers["Location"])
    assert fetched.status_code == 200 and fetched.get_json() == body
    conforms(client, fetched, "Assessment")


def test_post_multipart_with_rule_sets(client: FlaskClient) -> None:
    data = {"file": (io.BytesIO(json.dumps(native_epd()).encode()), "mix.json"),
            "rules": "gsa-ira-lec,buy-clean-california"}
    response = client.post("/api/v1/assessments", data=data, content_type="multipart/form-data")
    assert response.status_code == 201
    conforms(client, response, "Assessment")
    body = response.get_json()
    assert body["source"]["filename"] == "mix.json"
    assert [r["id"] for r in body["rulesets"]] == ["gsa-ira-lec", "buy-clean-california"]


def test_the_api_gives_the_cli_document(client: FlaskClient, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from buyclean.cli import main

    path = tmp_path / "upload.json"
    path.write_text(json.dumps(native_epd()))
    cli = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--on", "2025-06-01"])
    api = post_json(client, native_epd()).get_json()
    assert json.loads(cli.output) == api


def test_list_filters_and_pages(client: FlaskClient) -> None:
    for doc in (native_epd(), unplaceable_concrete(), native_epd()):
        assert post_json(client, doc).status_code == 201
    response = client.get("/api/v1/assessments?per_page=2&page=1")
    conforms(client, response, "SubmissionList")
    body = response.get_json()
    assert body["total"] == 3 and [i["id"] for i in body["items"]] == [3, 2]
    assert body["items"][0]["products"][0]["name"] == "Mix 4000-A"
    page2 = client.get("/api/v1/assessments?per_page=2&page=2").get_json()
    assert [i["id"] for i in page2["items"]] == [1]
    supplier = client.get("/api/v1/assessments?supplier=review").get_json()
    assert [i["id"] for i in supplier["items"]] == [2]
    assert client.get("/api/v1/assessments?status=compliant").get_json()["total"] == 0


@pytest.mark.parametrize(("data", "status", "kind"), [
    (b"GIF89a....", 415, "unsupported"),
    (b'{"buyclean_epd": "1", "products": [{"name": "x"}]}', 422, "unreadable"),
    (b"{oops", 422, "unreadable"),
    (b'{"just": "json"}', 415, "unsupported"),
])
def test_unreadable_uploads_are_errors_with_where_and_write_nothing(client: FlaskClient, data: bytes, status: int,
                                                                    kind: str) -> None:
    response = client.post("/api/v1/assessments", data=data, content_type="application/json")
    assert response.status_code == status
    conforms(client, response, "Error")
    assert response.get_json()["error"] == kind
    assert client.get("/api/v1/assessments").get_json()["total"] == 0


def test_not_found_unknown_rule_set_and_bad_date(client: FlaskClient) -> None:
    missing = client.get("/api/v1/assessments/99")
    assert missing.status_code == 404
    conforms(client, missing, "Error")
    unknown = post_json(client, native_epd(), "?rules=nope")
    assert unknown.status_code == 400 and unknown.get_json()["error"] == "unknown_ruleset"
    conforms(client, unknown, "Error")
    bad_date = post_json(client, native_epd(), "?on=30/06/2025")
    assert bad_date.status_code == 400
    conforms(client, bad_date, "Error")
    no_file = client.post("/api/v1/assessments", data={"x": "1"}, content_type="multipart/form-data")
    assert no_file.status_code == 400
    conforms(client, no_file, "Error")


def test_too_large(database_url: str, tmp_path: Path) -> None:
    from buyclean import create_app

    small = create_app({"TESTING": True, "database_url": database_url, "instance_path": tmp_path / "i",
                        "max_upload_bytes": 200})
    client = small.test_client()
    response = post_json(client, native_epd())
    assert response.status_code == 413
    conforms(client, response, "Error")
    assert response.get_json()["error"] == "too_large"
    small.extensions["buyclean"].engine.dispose()


def test_review_reassesses_and_is_listed(client: FlaskClient) -> None:
    created = post_json(client, unplaceable_concrete())
    assert created.get_json()["status"] == "needs_review"
    decision = {"product": 0, "field": "compressive_strength", "value": "4000 psi", "reviewer": "Ada Lovelace",
                "justification": "the mix design sheet gives f'c 4000 psi"}
    response = client.post("/api/v1/assessments/1/reviews", json=decision)
    assert response.status_code == 201
    conforms(client, response, "Assessment")
    body = response.get_json()
    assert body["status"] == "compliant"
    assert body["products"][0]["evidence"]["compressive_strength"]["note"] == \
        "set by review: officer@agency.example: the mix design sheet gives f'c 4000 psi"
    assert client.get("/api/v1/assessments/1").get_json() == body
    reviews = client.get("/api/v1/assessments/1/reviews")
    conforms(client, reviews, "ReviewList")
    [item] = reviews.get_json()["items"]
    # the reviewer is who sent the token, whatever the body says
    assert (item["reviewer"], item["field"], item["value"]) == ("officer@agency.example", "compressive_strength",
                                                                "4000 psi")


@pytest.mark.parametrize("decision", [
    {"product": 0, "field": "compressive_strength", "value": "4000 psi", "reviewer": "Ada", "justification": ""},
    {"product": 0, "field": "compressive_strength", "value": "strong", "reviewer": "Ada", "justification": "x"},
    {"product": 0, "field": "gwp_a1a3", "candidate": 2, "reviewer": "Ada", "justification": "x"},
    {"product": -1, "field": "gwp_a1a3", "value": "1", "reviewer": "Ada", "justification": "x"},
])
def test_a_review_that_cannot_apply_is_a_400_and_changes_nothing(client: FlaskClient,
                                                                 decision: dict[str, Any]) -> None:
    before = post_json(client, unplaceable_concrete()).get_json()
    response = client.post("/api/v1/assessments/1/reviews", json=decision)
    assert response.status_code == 400
    conforms(client, response, "Error")
    assert client.get("/api/v1/assessments/1").get_json() == before
    assert client.get("/api/v1/assessments/1/reviews").get_json()["items"] == []


def test_json_submissions_have_no_evidence_images(client: FlaskClient) -> None:
    post_json(client, native_epd())
    response = client.get("/api/v1/assessments/1/evidence.png?product=0&field=gwp_a1a3")
    assert response.status_code == 404
    conforms(client, response, "Error")


def test_identical_uploads_share_one_stored_file(app: Flask, client: FlaskClient) -> None:
    from sqlmodel import Session, func, select

    from buyclean.store import StoredFile

    first = post_json(client, native_epd()).get_json()
    second = post_json(client, native_epd()).get_json()
    assert first["source"]["sha256"] == second["source"]["sha256"]
    with Session(app.extensions["buyclean"].engine) as session:
        assert session.exec(select(func.count()).select_from(StoredFile)).one() == 1
    files = [p for p in (Path(app.instance_path) / "files").rglob("*") if p.is_file()]
    assert len(files) == 1


@pytest.mark.parametrize(("answer", "status", "words"), [
    ("yes", "pass", "accepted for gsa-ira-lec by review (officer@agency.example: EN 15804 precast, clause 4)"),
    ("no", "fail", "which review rejected for gsa-ira-lec (officer@agency.example: EN 15804 precast, clause 4)"),
])
def test_a_pcr_other_than_the_named_one_is_judged_by_review(client: FlaskClient, answer: str, status: str,
                                                            words: str) -> None:
    pcr = "EN 15804+A2 and c-PCR-003 (EN 16757)"
    created = post_json(client, native_epd(pcr=pcr)).get_json()
    assert [f["status"] for f in created["findings"] if f["check"] == "pcr"] == ["unknown"]
    assert created["epd"]["pcr_accepted"] is None
    response = client.post("/api/v1/assessments/1/reviews", json={
        "field": "pcr_accepted", "value": answer, "reviewer": "Ada", "justification": "EN 15804 precast, clause 4"})
    assert response.status_code == 201
    conforms(client, response, "Assessment")
    body = response.get_json()
    [finding] = [f for f in body["findings"] if f["check"] == "pcr"]
    assert finding["status"] == status and words in finding["message"]
    assert body["epd"]["pcr_accepted"] is (answer == "yes")
    assert body["epd"]["evidence"]["pcr_accepted"] == {
        "text": pcr, "note": "set by review: officer@agency.example: EN 15804 precast, clause 4"}
    assert client.get("/api/v1/assessments/1").get_json() == body
    if answer == "no":
        assert body["status"] == "non_compliant"
