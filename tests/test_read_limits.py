"""The configured PDF page limit (BUYCLEAN_MAX_PDF_PAGES) reaches every path that reads an uploaded file."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from buyclean.cli import main
from buyclean.jobs import EmbeddedQueue
from buyclean.store.tables import BatchItem, Submission
from tests import pdfgen
from tests.conftest import CsrfClient, logged_in, make_account, service

LIMIT_MESSAGE = "5 pages, over the limit of 3"


@pytest.fixture
def limited_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with service(database_url, tmp_path, max_pdf_pages=3) as application:
        yield application


@pytest.fixture
def officer(limited_app: Flask) -> FlaskClient:
    user_id, token = make_account(limited_app, role="officer", organisation="Test Agency")
    return logged_in(limited_app, user_id, token)


def stored(app: Flask) -> int:
    with Session(app.extensions["buyclean"].engine) as session:
        return int(session.exec(select(func.count()).select_from(Submission)).one())


def five_pages() -> bytes:
    return pdfgen.many_pages(5)


def test_the_api_refuses_more_pages_than_configured(limited_app: Flask, officer: FlaskClient) -> None:
    anonymous = limited_app.test_client()
    for client in (anonymous, officer):
        response = client.post("/api/v1/assessments?filename=long.pdf", data=five_pages(),
                               content_type="application/pdf")
        assert response.status_code == 413, response.get_json()
        assert LIMIT_MESSAGE in response.get_json()["message"]
    assert stored(limited_app) == 0


def test_the_upload_page_refuses_more_pages_than_configured(limited_app: Flask, officer: FlaskClient) -> None:
    anonymous = CsrfClient(limited_app, limited_app.response_class, use_cookies=True)
    for client in (anonymous, officer):
        response = client.post("/submissions", data={"file": (io.BytesIO(five_pages()), "long.pdf")},
                               content_type="multipart/form-data")
        assert response.status_code == 413
        assert LIMIT_MESSAGE in response.get_data(as_text=True)
    assert stored(limited_app) == 0


def test_a_batch_job_fails_the_file_with_the_configured_limit(limited_app: Flask, officer: FlaskClient) -> None:
    response = officer.post("/api/v1/batches", data={"file": [(io.BytesIO(five_pages()), "long.pdf")]},
                            content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    queue = limited_app.extensions["buyclean.jobs"]
    assert isinstance(queue, EmbeddedQueue)
    queue.drain()
    with Session(limited_app.extensions["buyclean"].engine) as session:
        item = session.exec(select(BatchItem)).one()
    assert item.status == "failed"
    assert item.message is not None and LIMIT_MESSAGE in item.message
    assert stored(limited_app) == 0


def test_the_cli_reads_the_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(five_pages())
    monkeypatch.setenv("BUYCLEAN_MAX_PDF_PAGES", "3")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code != 0
    assert LIMIT_MESSAGE in result.stderr
    monkeypatch.setenv("BUYCLEAN_MAX_PDF_PAGES", "10")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert LIMIT_MESSAGE not in result.stderr
