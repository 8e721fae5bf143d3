"""Bulk checks on the real queue: Celery workers (subprocesses) on Redis, including one killed mid-job.

Skipped when Redis does not answer at BUYCLEAN_TEST_REDIS_URL (default redis://127.0.0.1:6379/15); .ci/run starts it.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from buyclean.store.tables import BatchItem, Submission
from tests.conftest import ROOT, logged_in, make_account, native_epd, service, unplaceable_concrete

REDIS_URL = os.environ.get("BUYCLEAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DEADLINE_S = 60.0  # a safety net so that a broken queue fails the test instead of hanging it


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason=f"Redis does not answer at {REDIS_URL}")


@pytest.fixture
def queue_name() -> Iterator[str]:
    import redis

    name = f"buyclean-test-{uuid.uuid4().hex[:8]}"
    yield name
    redis.Redis.from_url(REDIS_URL).delete(name)


@pytest.fixture
def broker_app(database_url: str, tmp_path: Path, queue_name: str) -> Iterator[Flask]:
    """The service with a broker: batches go to Celery on Redis, on a queue of this test's own."""
    with service(database_url, tmp_path, broker_url=REDIS_URL, job_queue=queue_name) as app:
        yield app


@pytest.fixture
def officer(broker_app: Flask) -> FlaskClient:
    user_id, token = make_account(broker_app, role="officer", organisation="Test Agency")
    return logged_in(broker_app, user_id, token)


class Workers:
    """Start Celery workers as subprocesses (each in its own process group) and stop them all at the end."""

    def __init__(self, app: Flask, queue: str, tmp_path: Path) -> None:
        settings = app.extensions["buyclean"].settings
        # this checkout's code, also where the installed package is another checkout's (a git worktree)
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT / "src"), str(ROOT))),
                    "BUYCLEAN_BROKER_URL": REDIS_URL,
                    "BUYCLEAN_JOB_QUEUE": queue, "BUYCLEAN_DATABASE_URL": settings.database_url,
                    "BUYCLEAN_INSTANCE_PATH": str(settings.instance_path),
                    "BUYCLEAN_JOB_VISIBILITY_TIMEOUT_S": "2",
                    "BUYCLEAN_TEST_SLOW_MARKER": str(tmp_path / "slow-job-started")}
        self.queue = queue
        self.logs = tmp_path
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, *options: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker-{len(self.procs)}.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.jobs_worker", "worker", "--queues", self.queue,
             "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--hostname", f"w{len(self.procs)}-{self.queue}@%h", *options],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def output(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs.glob("worker-*.log")))


@pytest.fixture
def workers(broker_app: Flask, queue_name: str, tmp_path: Path) -> Iterator[Workers]:
    w = Workers(broker_app, queue_name, tmp_path)
    yield w
    w.stop_all()


def wait_for(what: str, condition: Callable[[], Any], workers: Workers) -> Any:
    end = time.monotonic() + DEADLINE_S
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}; worker logs:\n{workers.output()[-4000:]}")


def items(app: Flask) -> list[BatchItem]:
    with Session(app.extensions["buyclean"].engine) as session:
        return list(session.exec(select(BatchItem).order_by(BatchItem.id)))  # type: ignore[arg-type]


def submissions(app: Flask) -> int:
    with Session(app.extensions["buyclean"].engine) as session:
        return int(session.exec(select(func.count()).select_from(Submission)).one())


def upload(client: FlaskClient, files: dict[str, bytes]) -> dict[str, Any]:
    data = {"file": [(io.BytesIO(content), name) for name, content in files.items()]}
    response = client.post("/api/v1/batches?on=2025-06-01", data=data, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_workers_check_a_batch_and_the_api_shows_progress(broker_app: Flask, officer: FlaskClient,
                                                          workers: Workers) -> None:
    files = {f"mix-{n}.json": json.dumps(native_epd(registration_number=f"EPD-{n}")).encode() for n in range(6)}
    files["review.json"] = json.dumps(unplaceable_concrete()).encode()
    files["notes.txt"] = b"not an EPD"
    batch = upload(officer, files)
    # nothing runs them yet: no worker is listening
    first = officer.get(batch["href"]).get_json()
    assert first["counts"]["queued"] == 8 and not first["complete"]

    workers.start("--pool", "prefork", "--concurrency", "2")
    done = wait_for("the batch to finish", lambda: (d := officer.get(batch["href"]).get_json())["complete"] and d,
                    workers)
    assert done["counts"] == {"queued": 0, "running": 0, "done": 7, "failed": 1}
    assert done["results"] == {"compliant": 0, "non_compliant": 6, "needs_review": 1}
    assert submissions(broker_app) == 7
    # two worker processes took part
    pids = {line.split("ForkPoolWorker-")[1].split("]")[0] for line in workers.output().splitlines()
            if "ForkPoolWorker-" in line and "succeeded" in line}
    assert len(pids) == 2, workers.output()


def test_a_worker_killed_mid_job_loses_nothing(broker_app: Flask, officer: FlaskClient, workers: Workers,
                                               tmp_path: Path) -> None:
    batch = upload(officer, {"slow.json": json.dumps(native_epd()).encode(),
                             "quick.json": json.dumps(unplaceable_concrete()).encode()})
    # prefork: the main process keeps talking to the broker while its child runs the job, so a job acknowledged
    # on receipt (not late) would be acknowledged by now, and lost with the worker
    doomed = workers.start("--pool", "prefork", "--concurrency", "1")
    marker = tmp_path / "slow-job-started"
    wait_for("the slow job to start", lambda: marker.exists() and marker.read_text(), workers)
    assert os.getpgid(int(marker.read_text())) == doomed.pid  # a child of the doomed worker runs it
    time.sleep(1)  # let the worker's event loop run (and flush an early acknowledgement, were there one)
    workers.kill(doomed)  # SIGKILL to the whole worker: no clean shutdown, the job is neither finished nor acked
    slow = next(i for i in items(broker_app) if i.filename == "slow.json")
    assert slow.status == "running" and slow.submission_id is None and slow.attempts == 1

    workers.start("--pool", "solo")
    done = wait_for("the batch to finish", lambda: (d := officer.get(batch["href"]).get_json())["complete"] and d,
                    workers)
    assert done["counts"]["done"] == 2
    slow = next(i for i in items(broker_app) if i.filename == "slow.json")
    assert slow.status == "done" and slow.attempts == 2 and slow.submission_id is not None
    assert submissions(broker_app) == 2


def test_a_worker_reads_a_stored_scan_by_ocr(broker_app: Flask, officer: FlaskClient, workers: Workers) -> None:
    from buyclean.core.readers.pdf.ocr import languages
    from tests import pdfgen
    from tests.test_readers_pdf_ocr import _scan

    if languages() is None:
        pytest.skip("Tesseract with English data is not installed")
    response = officer.post("/api/v1/assessments?filename=scan.pdf", data=_scan(pdfgen.flat_glass().pdf()),
                            content_type="application/pdf")
    assert response.status_code == 202, response.get_json()
    reading = response.get_json()
    # the upload sent the reading to the broker: no worker listens yet
    assert officer.get(reading["href"]).get_json()["status"] == "queued"
    workers.start("--pool", "solo")
    done = wait_for("the reading to finish",
                    lambda: (d := officer.get(reading["href"]).get_json())["status"] not in ("queued", "running") and d,
                    workers)
    assert (done["status"], done["pages_done"], done["pages_total"]) == ("done", 1, 1), done
    assert "read by OCR" in json.dumps(officer.get(reading["assessment"]).get_json())
