"""Bulk checks without a broker (the embedded queue): batches through the API and pages, idempotent jobs, retries."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import exc as sa_exc
from sqlmodel import Session, func, select

from buyclean.core.archives import UploadedFile
from buyclean.core.pipeline import check_bytes
from buyclean.core.report import assessment_json
from buyclean.jobs import EmbeddedQueue, JobContext, run_item, run_with_retries
from buyclean.jobs import queue as job_queue_module
from buyclean.services.batches import open_batch
from buyclean.store.batches import claim_item, finish_item, list_batch_items
from buyclean.store.tables import AssessmentRecord, Batch, BatchItem, Submission
from tests.conftest import logged_in, make_account, native_epd, unplaceable_concrete
from tests.test_api import conforms

ON = "2025-06-01"


def epd_bytes(**changes: Any) -> bytes:
    return json.dumps(native_epd(**changes)).encode()


def zip_of(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def context(app: Flask) -> JobContext:
    rt = app.extensions["buyclean"]
    return JobContext(engine=rt.engine, rulesets=rt.rulesets, files_dir=rt.files_dir)


def drain(app: Flask) -> None:
    queue = app.extensions["buyclean.jobs"]
    assert isinstance(queue, EmbeddedQueue)
    queue.drain()


def count(app: Flask, table: Any) -> int:
    with Session(app.extensions["buyclean"].engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


def new_batch(app: Flask, *uploads: UploadedFile) -> list[int]:
    rt = app.extensions["buyclean"]
    with Session(rt.engine, expire_on_commit=False) as session:
        _batch, queued = open_batch(session, files_dir=rt.files_dir, uploads=list(uploads),
                                    rulesets=[rt.rulesets["gsa-ira-lec"]], on=None, settings=rt.settings)
    return queued


def test_a_batch_through_the_api_checks_every_file_and_zip_member(app: Flask, client: FlaskClient) -> None:
    files = [(io.BytesIO(epd_bytes()), "mix.json"),
             (io.BytesIO(json.dumps(unplaceable_concrete()).encode()), "review.json"),
             (io.BytesIO(zip_of(**{"zipped/rebar.json": (Path(__file__).parent / "data/native/rebar_eaf.json")
                                   .read_bytes(), "zipped/again.json": epd_bytes()})), "more.zip"),
             (io.BytesIO(b"this is not an EPD"), "notes.txt")]
    response = client.post(f"/api/v1/batches?on={ON}", data={"file": files}, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    conforms(client, response, "Batch")
    created = response.get_json()
    assert response.headers["Location"] == created["href"] == f"/api/v1/batches/{created['id']}"
    # the zip's copy of mix.json is the same bytes: one item, not two
    assert created["total"] == 4 and created["checked_on"] == ON
    drain(app)

    status = client.get(response.headers["Location"])
    assert status.status_code == 200
    conforms(client, status, "Batch")
    body = status.get_json()
    assert body["complete"] and body["finished"] == 4
    assert body["counts"] == {"queued": 0, "running": 0, "done": 3, "failed": 1}
    assert sum(body["results"].values()) == 3 and body["results"]["needs_review"] == 1
    by_name = {i["filename"]: i for i in body["items"]}
    assert set(by_name) == {"mix.json", "review.json", "zipped/rebar.json", "notes.txt"}
    assert by_name["notes.txt"]["status"] == "failed" and by_name["notes.txt"]["error"] == "unsupported"
    assert by_name["notes.txt"]["submission_id"] is None and "not an EPD format" in by_name["notes.txt"]["message"]
    mix = by_name["mix.json"]
    assert mix["attempts"] == 1 and mix["result"] == "non_compliant"
    # the file's assessment is the one a single upload gives
    assessment = client.get(mix["assessment"]).get_json()
    assert assessment["checked_on"] == ON and assessment["source"]["filename"] == "mix.json"
    assert count(app, Submission) == 3
    assert client.get(f"{created['href']}?items=false").get_json().get("items") is None


def test_the_batch_pages_show_progress_and_export_csv(app: Flask, client: FlaskClient) -> None:
    form = client.get("/batches")
    assert form.status_code == 200 and b'id="batch-upload"' in form.data and b"batch.js" in form.data
    response = client.post("/batches", data={"file": [(io.BytesIO(epd_bytes()), "mix.json"),
                                                      (io.BytesIO(b"%PDF-broken"), "broken.pdf")],
                                             "rules": "gsa-ira-lec", "on": ON},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    page_url = response.headers["Location"]
    drain(app)
    page = client.get(page_url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'id="batch-progress" max="2" value="2"' in text and "<script>" not in text
    assert "mix.json" in text and "broken.pdf" in text
    exported = client.get(page_url + ".csv")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    # native_epd() has two products: a row each; the broken PDF has one row with its error
    assert [(r["filename"], r["job_status"], r["product_index"]) for r in rows] == [
        ("mix.json", "done", "0"), ("mix.json", "done", "1"), ("broken.pdf", "failed", "")]
    assert rows[0]["product_name"] == "Mix 4000-A" and rows[0]["overall_status"] == "non_compliant"
    assert rows[2]["error"] == "unreadable" and rows[2]["message"]
    assert b"batch" in client.get("/batches").data  # the recent batches list


def test_a_hostile_zip_is_refused_and_writes_nothing(app: Flask, client: FlaskClient) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("ok.json", epd_bytes())
        zf.writestr(zipfile.ZipInfo("../../etc/cron.d/evil"), b"* * * * * root true")
    response = client.post("/api/v1/batches", data={"file": [(io.BytesIO(out.getvalue()), "evil.zip")]},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    body = response.get_json()
    assert "outside the archive" in body["message"] and body["where"] == "../../etc/cron.d/evil"
    assert count(app, Batch) == 0 and count(app, BatchItem) == 0
    page = client.post("/batches", data={"file": [(io.BytesIO(out.getvalue()), "evil.zip")]},
                       content_type="multipart/form-data")
    assert page.status_code == 302 and page.headers["Location"].endswith("/batches")
    assert count(app, Batch) == 0


def test_batches_are_seen_only_by_their_organisation(app: Flask, client: FlaskClient,
                                                     anonymous: FlaskClient) -> None:
    response = client.post("/api/v1/batches", data={"file": [(io.BytesIO(epd_bytes()), "mix.json")]},
                           content_type="multipart/form-data")
    href = response.get_json()["href"]
    drain(app)
    other_id, other_token = make_account(app, role="officer", organisation="Another Agency")
    other = logged_in(app, other_id, other_token)
    assert other.get(href).status_code == 404
    assert other.get(response.get_json()["page"]).status_code == 404
    assert anonymous.get(href).status_code == 401
    assert anonymous.post("/api/v1/batches", data={"file": [(io.BytesIO(epd_bytes()), "x.json")]},
                          content_type="multipart/form-data").status_code == 401


def test_a_job_run_twice_stores_one_submission(app: Flask) -> None:
    [item_id] = new_batch(app, UploadedFile("mix.json", epd_bytes()))
    ctx = context(app)
    assert run_item(ctx, item_id) == "done"
    assert run_item(ctx, item_id) == "skipped"
    assert count(app, Submission) == 1 and count(app, AssessmentRecord) == 1


def test_a_job_whose_worker_died_after_claiming_it_runs_again(app: Flask) -> None:
    [item_id] = new_batch(app, UploadedFile("mix.json", epd_bytes()))
    ctx = context(app)
    with Session(ctx.engine) as session:
        assert claim_item(session, item_id=item_id) is not None  # ... and the worker is killed here
    assert run_item(ctx, item_id) == "done"
    with Session(ctx.engine) as session:
        item = session.get(BatchItem, item_id)
        assert item is not None and item.status == "done" and item.attempts == 2
    assert count(app, Submission) == 1


def test_two_runs_at_once_store_one_submission(app: Flask) -> None:
    [item_id] = new_batch(app, UploadedFile("mix.json", epd_bytes()))
    ctx = context(app)
    result = assessment_json(check_bytes(epd_bytes(), "mix.json", [ctx.rulesets["gsa-ira-lec"]]))
    # both runs claimed the item and assessed the file; both now try to store it
    with Session(ctx.engine) as first, Session(ctx.engine) as second:
        claimed = claim_item(first, item_id=item_id)
        assert claimed is not None and claim_item(second, item_id=item_id) is not None
        batch = claimed[1]
        stored = finish_item(first, item_id=item_id, result=result, batch=batch)
        again = finish_item(second, item_id=item_id, result=result, batch=batch)
    assert stored is not None and again is None
    assert count(app, Submission) == 1


def test_the_same_bytes_twice_in_a_batch_are_one_item(app: Flask) -> None:
    queued = new_batch(app, UploadedFile("a.json", epd_bytes()), UploadedFile("copy-of-a.json", epd_bytes()),
                       UploadedFile("b.json", json.dumps(unplaceable_concrete()).encode()))
    assert len(queued) == 2


def test_unreadable_input_fails_the_item_without_retrying(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    [item_id] = new_batch(app, UploadedFile("bad.json", b'{"name": '))
    sleeps: list[float] = []
    assert run_with_retries(context(app), item_id, sleep=sleeps.append) == "failed"
    assert sleeps == []
    with Session(app.extensions["buyclean"].engine) as session:
        [(item, submission)] = list_batch_items(session, batch_id=1)
    assert item.status == "failed" and item.error == "unreadable" and "malformed" in (item.message or "")
    assert item.attempts == 1 and submission is None


def test_transient_errors_are_retried_with_backoff_then_given_up(app: Flask,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    [item_id] = new_batch(app, UploadedFile("mix.json", epd_bytes()))
    failures = {"left": 2}
    real = job_queue_module.run_item

    def flaky(ctx: JobContext, item: int) -> str:
        if failures["left"]:
            failures["left"] -= 1
            raise sa_exc.OperationalError("SELECT 1", {}, Exception("the database went away"))
        return real(ctx, item)

    monkeypatch.setattr(job_queue_module, "run_item", flaky)
    sleeps: list[float] = []
    assert run_with_retries(context(app), item_id, sleep=sleeps.append) == "done"
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] * 0.5

    [other_id] = new_batch(app, UploadedFile("rebar.json", epd_bytes(registration_number="EPD-2")))
    failures["left"] = 100
    assert run_with_retries(context(app), other_id, sleep=sleeps.append) == "failed"
    with Session(app.extensions["buyclean"].engine) as session:
        item = session.get(BatchItem, other_id)
        assert item is not None and item.status == "failed" and item.error == "gave_up"


def test_the_cli_checks_a_directory_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from buyclean.cli import main

    folder = tmp_path / "epds"
    (folder / "sub").mkdir(parents=True)
    (folder / "mix.json").write_bytes(epd_bytes())
    (folder / "sub" / "review.json").write_text(json.dumps(unplaceable_concrete()))
    (folder / "broken.json").write_text('{"name": ')
    monkeypatch.setenv("BUYCLEAN_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("BUYCLEAN_BROKER_URL", raising=False)
    monkeypatch.delenv("BUYCLEAN_DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["check", "--bulk", str(folder), "--on", ON, "--format", "json"])
    assert result.exit_code == 2, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(d["filename"], d["status"]) for d in lines} == {
        ("mix.json", "non_compliant"), ("sub/review.json", "needs_review"), ("broken.json", "error")}
    assert "1 not compliant, 1 need review, 1 failed" in result.stderr
    assert CliRunner().invoke(main, ["check"]).exit_code == 2
