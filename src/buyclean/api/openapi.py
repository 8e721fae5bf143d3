"""The OpenAPI 3.1 document of /api/v1, built from the project's own JSON Schemas."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _schema(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(resources.files("buyclean.schemas").joinpath(name).read_text(encoding="utf-8"))
    return doc


def _component_name(definition: str) -> str:
    return definition[0].upper() + definition[1:]


def _rewrite_refs(value: Any) -> Any:
    """Point api.schema.json's internal refs at the components they become."""
    if isinstance(value, dict):
        return {k: ("#/components/schemas/" + _component_name(v.removeprefix("#/$defs/"))
                    if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/") else _rewrite_refs(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite_refs(v) for v in value]
    return value


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _error(description: str) -> dict[str, Any]:
    return _json("#/components/schemas/Error", description)


_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
_CHECK_PARAMS = [
    {"name": "rules", "in": "query", "schema": {"type": "string"}, "description": "Rule set ids, comma-separated "
     "(default: the configured rule sets). For multipart uploads a form field of the same name also works."},
    {"name": "on", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Check date "
     "(default today)."},
]
_FILTERS = [
    {"name": name, "in": "query", "schema": schema, "description": description} for name, schema, description in [
        ("material", {"type": "string"}, "Only submissions with a product of this material."),
        ("status", {"enum": ["compliant", "non_compliant", "needs_review"]}, "Overall status."),
        ("supplier", {"type": "string"}, "Part of the manufacturer's name, any case."),
        ("ruleset", {"type": "string"}, "Checked against this rule set id."),
        ("date_from", {"type": "string", "format": "date"}, "Submitted on or after."),
        ("date_to", {"type": "string", "format": "date"}, "Submitted on or before."),
        ("page", {"type": "integer", "minimum": 1}, "Page number, from 1."),
        ("per_page", {"type": "integer", "minimum": 1, "maximum": 200}, "Items per page."),
    ]
]


@cache
def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 description of the JSON API."""
    api = _schema("api.schema.json")
    components: dict[str, Any] = {_component_name(k): _rewrite_refs(v) for k, v in api["$defs"].items()}
    # whole documents keep their $id, so their internal "#/$defs/..." refs resolve inside them (JSON Schema 2020-12)
    components["Assessment"] = _schema("assessment.schema.json")
    components["Epd"] = _schema("epd.schema.json")
    assessment = _json("#/components/schemas/Assessment", "The assessment (the same document as `buyclean check "
                                                          "--format json`).")
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "buyclean", "version": "1",
                 "description": "Check construction-material EPDs against Buy Clean rules; store and review the "
                                "results. Errors are {error, message, where}."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/assessments": {
                "post": {
                    "operationId": "createAssessment", "summary": "Check an EPD file and store the result",
                    "parameters": _CHECK_PARAMS,
                    "requestBody": {"required": True, "content": {
                        "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                            "file": {"type": "string", "contentMediaType": "application/octet-stream"},
                            "rules": {"type": "string"}, "on": {"type": "string", "format": "date"}}}},
                        "application/json": {"schema": {"description": "An EPD as JSON: buyclean "
                                                        "(components/schemas/Epd), openEPD, EC3, ILCD or ISO 22057."}},
                    }},
                    "responses": {
                        "201": {**assessment, "headers": {"Location": {"schema": {"type": "string"},
                                                                       "description": "The stored assessment."}}},
                        "400": _error("No file, an unknown rule set or a bad date."),
                        "413": _error("The file is over the upload limit."),
                        "415": _error("The file is not an EPD format buyclean reads."),
                        "422": _error("The EPD cannot be read; the message says where and why."),
                    },
                },
                "get": {
                    "operationId": "listAssessments", "summary": "List stored submissions, newest first",
                    "parameters": _FILTERS,
                    "responses": {"200": _json("#/components/schemas/SubmissionList", "One page of submissions.")},
                },
            },
            "/api/v1/assessments/{id}": {
                "get": {
                    "operationId": "getAssessment", "summary": "The current assessment of a submission",
                    "parameters": [_ID],
                    "responses": {"200": assessment, "404": _error("No such submission.")},
                },
            },
            "/api/v1/assessments/{id}/reviews": {
                "get": {
                    "operationId": "listReviews", "summary": "The review decisions of a submission, in order",
                    "parameters": [_ID],
                    "responses": {"200": _json("#/components/schemas/ReviewList", "The decisions."),
                                  "404": _error("No such submission.")},
                },
                "post": {
                    "operationId": "createReview", "summary": "Resolve a needs-review value and re-assess",
                    "parameters": [_ID],
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ReviewRequest"}}}},
                    "responses": {"201": assessment, "400": _error("The decision cannot be applied."),
                                  "404": _error("No such submission.")},
                },
            },
            "/api/v1/assessments/{id}/evidence.png": {
                "get": {
                    "operationId": "getEvidenceImage", "summary": "The PDF region a value was read from, as PNG",
                    "parameters": [_ID, *[{"name": n, "in": "query", "required": n == "field", "schema": s}
                                          for n, s in [("product", {"type": "integer", "minimum": 0}),
                                                       ("field", {"type": "string"}),
                                                       ("candidate", {"type": "integer", "minimum": 0})]]],
                    "responses": {"200": {"description": "The cropped page.",
                                          "content": {"image/png": {"schema": {"type": "string",
                                                                               "contentMediaType": "image/png"}}}},
                                  "404": _error("No such submission, value or page.")},
                },
            },
        },
        "components": {"schemas": components},
    }
