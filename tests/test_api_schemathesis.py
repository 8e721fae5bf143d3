"""The API against its own OpenAPI document (schemathesis): no request, however odd, gets a server error, and every
answer the document describes has the shape it promises.

One app per database serves every operation: schemathesis' pytest loaders build a test (and an app) per operation,
and its fixture loader does not run on this pytest, so the operations are walked here with its Hypothesis strategies.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from buyclean.api.openapi import openapi_document
from tests.conftest import logged_in, make_account, native_epd

CHECKS = [not_a_server_error, response_schema_conformance]
SCHEMA = schemathesis.openapi.from_dict(openapi_document())


def test_the_served_document_is_the_one_tested(app: Flask) -> None:
    served = app.test_client().get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.get_json() == openapi_document()


def fuzz_every_operation(app: Flask, headers: dict[str, str], examples: int) -> list[str]:
    """Run valid and invalid requests of every operation; return the failures, one line each."""
    failures: list[str] = []
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    assert len(operations) >= 14, [op.label for op in operations]
    for operation in operations:
        strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)

        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        @given(case=strategy)
        def call(case: Any) -> None:
            response = case.call(app=app, headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            call()
        except Exception as exc:  # a check failed: keep going, to report every operation at once
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    return failures


def test_the_api_keeps_its_openapi_document(app: Flask) -> None:
    user_id, token = make_account(app, role="officer", organisation="Test Agency")
    # one stored submission, so that small ids (which Hypothesis tries first) find something
    created = logged_in(app, user_id, token).post("/api/v1/assessments", data=json.dumps(native_epd()),
                                                  content_type="application/json")
    assert created.status_code == 201, created.get_json()
    failures = fuzz_every_operation(app, {"Authorization": f"Bearer {token}"}, examples=20)
    failures += [f"anonymous {line}" for line in fuzz_every_operation(app, {}, examples=5)]
    assert not failures, "\n\n".join(failures)
