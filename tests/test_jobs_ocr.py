"""A stored upload of a scan: stored at once with its text's assessment, its pages read by OCR in a job
(jobs/ocr.py), the submission's page and the API following the reading, on SQLite and PostgreSQL.

Each test holds the job back until it has looked at the waiting state (the embedded queue runs it in a thread of
the service as soon as it is queued), then lets it run and drains the queue.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from buyclean.core.readers.pdf.ocr import languages, read_pictures
from buyclean.jobs import EmbeddedQueue, JobContext
from buyclean.jobs import queue as job_queue
from buyclean.store.tables import AssessmentRecord, AuditEvent, Submission
from tests import pdfgen
from tests.conftest import logged_in, make_account, service
from tests.test_readers_pdf_ocr import _scan

pytestmark = pytest.mark.skipif(languages() is None, reason="Tesseract with English data is not installed")


class Gate:
    """Holds every OCR job queued from now on until ``open``; counts the jobs it let through."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._open = threading.Event()
        self.started = 0
        real = job_queue.run_ocr

        def held(ctx: JobContext, submission_id: int) -> str:
            assert self._open.wait(60), "the test never let the OCR job run"
            self.started += 1
            return real(ctx, submission_id)

        held.__name__ = "run_ocr"
        monkeypatch.setattr(job_queue, "run_ocr", held)

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.open()  # a test that failed half-way lets its job run, and the service's queue drain


@pytest.fixture
def ocr_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with service(database_url, tmp_path) as application:
        yield application


@pytest.fixture(scope="module")
def scan() -> bytes:
    return _scan(pdfgen.flat_glass().pdf())


def officer(app: Flask) -> FlaskClient:
    user_id, token = make_account(app, role="officer", organisation="Test Agency")
    return logged_in(app, user_id, token)


def drain(app: Flask) -> None:
    queue = app.extensions["buyclean.jobs"]
    assert isinstance(queue, EmbeddedQueue)
    queue.drain()


def stored(app: Flask, submission_id: int) -> tuple[Submission, list[AssessmentRecord], list[AuditEvent]]:
    with Session(app.extensions["buyclean"].engine) as session:
        submission = session.get(Submission, submission_id)
        assert submission is not None
        records = list(session.exec(select(AssessmentRecord).where(AssessmentRecord.submission_id == submission_id)
                                    .order_by(AssessmentRecord.id)))  # type: ignore[arg-type]
        events = list(session.exec(select(AuditEvent).where(AuditEvent.submission_id == submission_id)
                                   .order_by(AuditEvent.id)))  # type: ignore[arg-type]
        return submission, records, events


def test_a_stored_scan_is_read_by_ocr_after_the_upload_returns(ocr_app: Flask, scan: bytes, gate: Gate) -> None:
    client = officer(ocr_app)
    response = client.post("/api/v1/assessments?filename=scan.pdf", data=scan, content_type="application/pdf")
    # stored, nothing read by OCR yet: the upload answered without it
    assert response.status_code == 202, response.get_json()
    reading: dict[str, Any] = response.get_json()
    assert reading["status"] == "queued" and reading["pages_done"] == 0 and reading["pages_total"] == 1
    assert response.headers["Location"] == reading["assessment"]
    sid = reading["id"]
    assert client.get(reading["href"]).get_json() == reading
    first = client.get(reading["assessment"]).get_json()
    assert first["products"] == [] and first["epd"]["notes"] == ["no text layer: the pages (1) are being read by OCR"]
    assert client.get("/api/v1/assessments").get_json()["items"][0]["reading"] == "queued"
    page = client.get(reading["page"]).get_data(as_text=True)
    assert "Reading (OCR)" in page and 'id="reading-progress" max="1" value="0"' in page
    assert re.search(r'data-reading="done">0</span> of <span data-reading="total">1</span> pages read', page)
    assert "reading.js" in page and "review-box" not in page and 'id="certificates"' not in page
    # nothing is decided on the text's assessment while the pages are read
    review = client.post(f"/api/v1/assessments/{sid}/reviews",
                         json={"product": 0, "field": "gwp_a1a3", "value": "30 kgCO2e/m2", "reviewer": "Officer",
                               "justification": "read off the scan"})
    assert review.status_code == 409 and review.get_json()["error"] == "still_reading"
    assert client.get("/review").get_data(as_text=True).count("scan.pdf") == 0

    gate.open()
    drain(ocr_app)
    assert gate.started == 1
    done = client.get(reading["href"]).get_json()
    assert (done["status"], done["pages_done"], done["pages_total"], done["message"]) == ("done", 1, 1, None)
    result = client.get(reading["assessment"]).get_json()
    assert result["products"] and "read by OCR" in str(result)
    page = client.get(reading["page"]).get_data(as_text=True)
    assert "Reading (OCR)" not in page and "reading.js" not in page and 'id="certificates"' in page
    submission, records, events = stored(ocr_app, sid)
    assert [r.reason for r in records] == ["upload", "ocr"] and submission.status == result["status"]
    assert submission.ocr_attempts == 1
    assert events[-1].actor == "buyclean (OCR)" and events[-1].detail["reason"] == "ocr"


def test_a_reading_that_fails_says_why_and_keeps_the_file(database_url: str, tmp_path: Path, scan: bytes,
                                                          gate: Gate) -> None:
    # an OCR budget spent before the first page is read: a scan then has nothing at all to assess
    with service(database_url, tmp_path, ocr_budget_s=1e-6) as app:
        client = officer(app)
        response = client.post("/submissions", data={"file": (io.BytesIO(scan), "scan.pdf"), "on": "2026-01-05"},
                               content_type="multipart/form-data")
        assert response.status_code == 302
        url = response.headers["Location"]
        sid = int(url.rsplit("/", 1)[1])
        assert "Reading (OCR)" in client.get(url).get_data(as_text=True)
        gate.open()
        drain(app)
        page = client.get(url).get_data(as_text=True)
        assert "Reading by OCR failed:" in page and "OCR stopped after 1e-06 s" in page
        assert "The file is kept" in page and 'href="/submissions/by-hand">Enter its values by hand' in page
        reading = client.get(f"/api/v1/assessments/{sid}/reading").get_json()
        assert reading["status"] == "failed" and "OCR stopped after 1e-06 s" in reading["message"]
        # the upload's own assessment and the file stay
        assert client.get(f"/api/v1/assessments/{sid}").status_code == 200
        assert client.get(f"/submissions/{sid}/file").get_data() == scan
        _, records, _ = stored(app, sid)
        assert [r.reason for r in records] == ["upload"]


def test_readings_left_unfinished_are_picked_up_when_the_service_starts(database_url: str, tmp_path: Path,
                                                                        scan: bytes, gate: Gate,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with service(database_url, tmp_path) as first:
        reading = officer(first).post("/api/v1/assessments?filename=scan.pdf", data=scan,
                                      content_type="application/pdf").get_json()
        # the service stops before its job ran; the next one to start on the same database reads the pages
        monkeypatch.undo()
        with service(database_url, tmp_path) as second:
            drain(second)
            submission, records, _ = stored(second, reading["id"])
            assert submission.ocr_status == "done" and [r.reason for r in records] == ["upload", "ocr"]
        gate.open()  # the first service's job, delivered late, finds the reading done and changes nothing
    submission, records, _ = stored_after(database_url, tmp_path, reading["id"])
    assert submission.ocr_attempts == 1 and len(records) == 2


def stored_after(database_url: str, tmp_path: Path,
                 submission_id: int) -> tuple[Submission, list[AssessmentRecord], list[AuditEvent]]:
    with service(database_url, tmp_path) as app:
        return stored(app, submission_id)


def test_text_pdfs_and_json_are_checked_in_the_upload_as_before(ocr_app: Flask) -> None:
    client = officer(ocr_app)
    response = client.post("/api/v1/assessments?filename=glass.pdf", data=pdfgen.flat_glass().pdf(),
                           content_type="application/pdf")
    assert response.status_code == 201
    sid = int(response.headers["Location"].rsplit("/", 1)[1])
    assert client.get(f"/api/v1/assessments/{sid}/reading").get_json()["status"] == "none"


def test_ocr_progress_counts_pages_as_they_are_read() -> None:
    from buyclean.core.readers.pdf import _no_text

    scan = _scan(pdfgen.ready_mix().pdf(), dpi=100)
    heard: list[tuple[int, int]] = []
    seen = read_pictures(scan, budget_s=120, max_pages=20, no_text=_no_text,
                         on_progress=lambda done, total: heard.append((done, total)))
    pages = len(seen.scanned)
    assert pages >= 2 and heard == [(n, pages) for n in range(pages + 1)]
