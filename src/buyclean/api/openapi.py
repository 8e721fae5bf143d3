"""The OpenAPI 3.1 document of /api/v1, built from the project's own JSON Schemas."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from buyclean.resources import schema_text


def _schema(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(schema_text(name))
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


_NUMBER = {"name": "number", "in": "path", "required": True, "schema": {"type": "string"},
           "description": "A certificate number such as BC-2026-4F7K-9QX2 (any case; O/0 and I/L/1 are read alike)."}
_DATE = {"type": "string", "format": "date"}
_MONEY = {"type": "object", "required": ["value", "unit"], "properties": {"value": {"type": "number"},
                                                                         "unit": {"type": "string"}}}
CERTIFICATE_SCHEMAS: dict[str, Any] = {
    "CertificateFacts": {
        "type": "object", "description": "What the certificate states; the public verification page shows these.",
        "required": ["number", "issuer", "product_name", "gwp", "limit", "tier", "ruleset", "checked_on",
                     "issued_on", "expires_on", "epd_sha256", "epd_valid_until"],
        "properties": {"number": {"type": "string"}, "issuer": {"type": "string"},
                       "product_name": {"type": "string"}, "manufacturer": {"type": ["string", "null"]},
                       "epd_registration_number": {"type": ["string", "null"]}, "epd_valid_until": _DATE,
                       "epd_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "gwp": _MONEY,
                       "limit": _MONEY, "tier": {"type": "string"}, "tier_label": {"type": "string"},
                       "ruleset": {"type": "object", "required": ["id", "version", "rule"]},
                       "checked_on": _DATE, "issued_on": _DATE, "expires_on": _DATE,
                       "mode": {"enum": ["service", "development", "self-check"],
                                "description": "Who stands behind it: the service (https public URL), a development "
                                               "instance, or a command-line self-check."},
                       "signer_fingerprint": {"type": "string", "pattern": "^([0-9A-F]{64})?$",
                                              "description": "SHA-256 of the signing certificate."},
                       "declared_by": {"type": ["string", "null"],
                                       "description": "The organisation whose account submitted the EPD."},
                       "owner_note": {"type": ["string", "null"],
                                      "description": "The EPD's owner and the declaring organisation differ, or the "
                                                     "EPD names no owner."}},
    },
    "Certificate": {
        "type": "object",
        "required": ["number", "state", "href", "pdf", "verify_url", "assessment", "product_index", "ruleset",
                     "ruleset_version", "issued_on", "expires_on", "pdf_sha256", "revoked", "facts",
                     "audit_chain_head"],
        "additionalProperties": False,
        "properties": {
            "number": {"type": "string", "pattern": "^BC-[0-9]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"},
            "state": {"enum": ["valid", "revoked", "expired"]}, "href": {"type": "string"},
            "pdf": {"type": "string"}, "verify_url": {"type": "string"}, "assessment": {"type": "string"},
            "product_index": {"type": "integer", "minimum": 0}, "ruleset": {"type": "string"},
            "ruleset_version": {"type": "string"}, "issued_on": _DATE, "expires_on": _DATE,
            "pdf_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "revoked": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["at", "reason", "by"],
                                                      "properties": {"at": {"type": "string"},
                                                                     "reason": {"type": "string"},
                                                                     "by": {"type": ["string", "null"]}}}]},
            "facts": {"$ref": "#/components/schemas/CertificateFacts"},
            "audit_chain_head": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$",
                                 "description": "The audit trail's head as the record was read: kept elsewhere, "
                                                "`buyclean audit verify --head` shows whether the trail up to it "
                                                "was later rewritten or cut."},
        },
    },
    "CertificateList": {"type": "object", "required": ["items"], "additionalProperties": False,
                        "properties": {"items": {"type": "array", "minItems": 1,
                                                 "items": {"$ref": "#/components/schemas/Certificate"}}}},
    "CertificateCheck": {
        "type": "object", "required": ["state", "valid", "number", "problems", "identical_to_issued", "facts"],
        "additionalProperties": False,
        "properties": {"state": {"enum": ["valid", "revoked", "expired", "invalid"]}, "valid": {"type": "boolean"},
                       "number": {"type": ["string", "null"]},
                       "problems": {"type": "array", "items": {"type": "string"}},
                       "identical_to_issued": {"type": "boolean"},
                       "facts": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/CertificateFacts"}]}},
    },
    "RevocationRequest": {"type": "object", "required": ["reason"],
                          "properties": {"reason": {"type": "string", "minLength": 1}}},
}
CERTIFICATE_PATHS: dict[str, Any] = {
    "/api/v1/assessments/{id}/certificates": {"post": {
        "operationId": "issueCertificates", "summary": "Issue certificates for the products that meet a rule set",
        "parameters": [_ID],
        "requestBody": {"required": False, "content": {"application/json": {"schema": {
            "type": "object", "properties": {"products": {
                "type": "array", "items": {"type": "integer", "minimum": 0},
                "description": "Indexes of the products to certify (as 'index' in the assessment); default all."}}}}}},
        "responses": {"201": _json("#/components/schemas/CertificateList", "The certificates (already issued ones "
                                                                         "are returned again, not duplicated)."),
                      "404": _error("No such submission."),
                      "422": _error("Nothing qualifies; the message gives each product's reason.")}}},
    "/api/v1/assessments/{id}/certificates.zip": {"get": {
        "operationId": "getCertificatesZip", "summary": "The submission's certificates as one zip of signed PDFs",
        "parameters": [_ID, {"name": "number", "in": "query", "required": False,
                             "schema": {"type": "array", "items": {"type": "string"}},
                             "description": "Only these certificates (repeat); default all."}],
        "responses": {"200": {"description": "A zip of <number>.pdf files, each the bytes as issued.",
                              "content": {"application/zip": {"schema": {"type": "string",
                                                                         "contentMediaType": "application/zip"}}}},
                      "404": _error("No such submission, or no certificate issued yet.")}}},
    "/api/v1/certificates/{number}": {"get": {
        "operationId": "getCertificate", "summary": "A certificate's record and state", "parameters": [_NUMBER],
        "responses": {"200": _json("#/components/schemas/Certificate", "The certificate."),
                      "404": _error("No such certificate.")}}},
    "/api/v1/certificates/{number}/pdf": {"get": {
        "operationId": "getCertificatePdf", "summary": "The signed certificate PDF, as issued",
        "parameters": [_NUMBER],
        "responses": {"200": {"description": "The PDF; the same bytes on every download.",
                              "content": {"application/pdf": {"schema": {"type": "string",
                                                                         "contentMediaType": "application/pdf"}}}},
                      "404": _error("No such certificate.")}}},
    "/api/v1/certificates/{number}/revocation": {"post": {
        "operationId": "revokeCertificate", "summary": "Revoke a certificate, with the reason",
        "parameters": [_NUMBER],
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/RevocationRequest"}}}},
        "responses": {"200": _json("#/components/schemas/Certificate", "The revoked certificate."),
                      "400": _error("No reason given."), "404": _error("No such certificate.")}}},
    "/api/v1/certificates/verify": {"post": {
        "operationId": "verifyCertificate", "summary": "Check an uploaded certificate PDF",
        "requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "contentMediaType": "application/pdf"}}}},
            "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}}},
        "responses": {"200": _json("#/components/schemas/CertificateCheck", "Signature, integrity, record and "
                                                                          "revocation checked."),
                      "400": _error("No file."), "422": _error("The file is not a readable PDF.")}}},
    "/api/v1/signing-certificate.pem": {"get": {
        "operationId": "getSigningCertificate", "summary": "The X.509 certificate that signs certificates",
        "responses": {"200": {"description": "PEM", "content": {"application/x-pem-file": {
            "schema": {"type": "string"}}}}}}},
}


def _batch_paths() -> dict[str, Any]:
    """The bulk-check endpoints."""
    batch = _json("#/components/schemas/Batch", "The batch: progress counts and, unless ?items=false, every file.")
    return {
        "/api/v1/batches": {
            "post": {
                "operationId": "createBatch", "summary": "Queue checks of many EPD files (zips are unpacked)",
                "parameters": _CHECK_PARAMS,
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["file"], "properties": {
                        "file": {"type": "array", "items": {"type": "string",
                                                            "contentMediaType": "application/octet-stream"},
                                 "description": "EPD files and zip files of them, one field each."},
                        "rules": {"type": "string"}, "on": {"type": "string", "format": "date"}}}}}},
                "responses": {
                    "202": {**batch, "headers": {"Location": {"schema": {"type": "string"},
                                                              "description": "Where to follow the batch."}}},
                    "400": _error("No file, an unknown rule set or a bad date."),
                    "401": _error("No API token."),
                    "403": _error("The token's role cannot store assessments."),
                    "413": _error("The upload, a file or a zip's contents are over a limit."),
                    "422": _error("A zip is unsafe (a path outside it, a link) or cannot be opened."),
                },
            },
        },
        "/api/v1/batches/{id}": {
            "get": {
                "operationId": "getBatch", "summary": "A batch's progress and each file's status",
                "parameters": [_ID, {"name": "items", "in": "query", "schema": {"type": "boolean"},
                                     "description": "false leaves out the per-file list (default true)."}],
                "responses": {"200": batch, "404": _error("No such batch, or not yours.")},
            },
        },
    }


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    "description": "With a token: the same key and request within 24 hours get the first answer again (marked "
                   "Idempotent-Replayed: true) instead of acting twice; the same key with another request is 409.",
}


def _idempotent(paths: dict[str, Any]) -> dict[str, Any]:
    """Every POST takes an Idempotency-Key (see buyclean.app.idempotency)."""
    for operations in paths.values():
        post = operations.get("post")
        if post is not None:
            post["parameters"] = [*post.get("parameters", []), IDEMPOTENCY_KEY]
            post["responses"].setdefault("409", _error("The Idempotency-Key was used for another request, or its "
                                                       "first request is still being answered."))
    return paths


@cache
def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 description of the JSON API."""
    api = _schema("api.schema.json")
    components: dict[str, Any] = {_component_name(k): _rewrite_refs(v) for k, v in api["$defs"].items()}
    # whole documents keep their $id, so their internal "#/$defs/..." refs resolve inside them (JSON Schema 2020-12)
    components["Assessment"] = _schema("assessment.schema.json")
    components["Epd"] = _schema("epd.schema.json")
    components["Batch"] = _schema("batch.schema.json")
    components.update(CERTIFICATE_SCHEMAS)
    assessment = _json("#/components/schemas/Assessment", "The assessment (the same document as `buyclean check "
                                                          "--format json`).")
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "buyclean", "version": "1",
                 "description": "Check construction-material EPDs against Buy Clean rules; store and review the "
                                "results. Errors are {error, message, where}."},
        "servers": [{"url": "/"}],
        "paths": _idempotent({
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
                        "202": {**_json("#/components/schemas/Reading", "Stored; its scanned pages or pictured "
                                        "results are being read by OCR (follow href): until then its assessment is "
                                        "of its text alone."),
                                "headers": {"Location": {"schema": {"type": "string"},
                                                         "description": "The stored assessment."}}},
                        "400": _error("No file, an unknown rule set or a bad date."),
                        "413": _error("The file is over the upload limit."),
                        "415": _error("The file is not an EPD format buyclean reads."),
                        "422": _error("The EPD cannot be read; the message says where and why."),
                        "429": _error("Without a token: too many self-checks from this address (see "
                                      "BUYCLEAN_ANONYMOUS_CHECKS); Retry-After says when to try again."),
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
            "/api/v1/assessments/{id}/reading": {
                "get": {
                    "operationId": "getReading", "summary": "How far OCR has read a stored upload's pictures",
                    "parameters": [_ID],
                    "responses": {"200": _json("#/components/schemas/Reading", "The reading's state and pages."),
                                  "404": _error("No such submission.")},
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
                                  "404": _error("No such submission."),
                                  "409": _error("The submission's scanned pages are still being read by OCR.")},
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
            **copy.deepcopy(CERTIFICATE_PATHS),
            **_batch_paths(),
        }),
        "components": {"schemas": components},
    }
