"""The store on SQLite and on PostgreSQL: migrations, content-addressed files, filters, reviews, no half writes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, select

from buyclean.core.readers import ReadLimits
from buyclean.core.review import Decision
from buyclean.core.rules import RuleSet
from buyclean.errors import UnreadableEpd, UnsupportedFormat
from buyclean.services.submissions import reassess, submit
from buyclean.store import (
    AssessmentRecord,
    AuditEvent,
    ProductRow,
    StoredFile,
    Submission,
    SubmissionFilter,
    blob_path,
    current_assessment,
    list_decisions,
    list_events,
    list_submissions,
    make_engine,
    upgrade,
)
from tests.conftest import native_epd, unplaceable_concrete

ON = dt.date(2025, 6, 1)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


def counts(session: Session) -> dict[str, int]:
    return {t.__name__: session.exec(select(func.count()).select_from(t)).one()
            for t in (StoredFile, Submission, AssessmentRecord, ProductRow, AuditEvent)}


def upload(session: Session, files: Path, doc: dict[str, object], rulesets: dict[str, RuleSet],
           filename: str = "epd.json") -> Submission:
    submission, _ = submit(session, files_dir=files, data=json.dumps(doc).encode(), filename=filename,
                           rulesets=[rulesets["gsa-ira-lec"]], on=ON, limits=ReadLimits(max_bytes=10**6))
    return submission


def test_migrations_build_exactly_the_tables_the_code_declares(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from buyclean.store.tables import SQLModel

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_migrating_twice_is_harmless(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0009"


def test_organisations_made_before_0005_keep_their_rows_and_lose_their_unique_names(database_url: str) -> None:
    eng = make_engine(database_url)
    try:
        upgrade(eng, "0004")
        with eng.begin() as conn:
            conn.execute(text("INSERT INTO organisation (name, kind, created_at) VALUES "
                              "('GSA Region 9', 'agency', CURRENT_TIMESTAMP), ('Acme', 'supplier', CURRENT_TIMESTAMP)"))
        upgrade(eng)
        with eng.begin() as conn:
            rows = dict(conn.execute(text("SELECT name, verified FROM organisation")).all())
            assert rows == {"GSA Region 9": True, "Acme": False}  # sign-ups stay unverified until checked
            conn.execute(text("INSERT INTO organisation (name, kind, verified, created_at) VALUES "
                              "('Acme', 'supplier', FALSE, CURRENT_TIMESTAMP)"))  # names may repeat now
    finally:
        eng.dispose()


def test_sqlite_runs_in_wal_mode(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("WAL is SQLite's")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_submission_stores_file_assessment_products_and_an_event(
        session: Session, files: Path, rulesets: dict[str, RuleSet]) -> None:
    submission = upload(session, files, native_epd(), rulesets)
    assert submission.id is not None
    assert counts(session) == {"StoredFile": 1, "Submission": 1, "AssessmentRecord": 1, "ProductRow": 2,
                               "AuditEvent": 2}  # upload and assessment
    record = current_assessment(session, submission_id=submission.id)
    assert record.result["products"][0]["name"] == "Mix 4000-A"
    assert [{k: r[k] for k in ("id", "version", "name")} for r in record.rulesets] == [
        {"id": "gsa-ira-lec", "version": rulesets["gsa-ira-lec"].version, "name": rulesets["gsa-ira-lec"].name}]
    assert record.rulesets[0]["program_status"]["status"] == "contract_bound_legacy"
    assert submission.supplier == "Example Ready Mix Co." and submission.status == "non_compliant"
    assert blob_path(files, submission.sha256).read_bytes() == json.dumps(native_epd()).encode()


def test_identical_uploads_keep_the_file_once(session: Session, files: Path, rulesets: dict[str, RuleSet]) -> None:
    first = upload(session, files, native_epd(), rulesets, "a.json")
    second = upload(session, files, native_epd(), rulesets, "b.json")
    assert first.id != second.id and first.sha256 == second.sha256
    assert counts(session)["StoredFile"] == 1 and counts(session)["Submission"] == 2
    assert len([p for p in files.rglob("*") if p.is_file()]) == 1


@pytest.mark.parametrize(("data", "error"), [(b"{not json", UnreadableEpd), (b"GIF89a", UnsupportedFormat),
                                             (b'{"buyclean_epd": "1", "products": []}', UnreadableEpd)])
def test_a_file_that_cannot_be_read_writes_nothing(session: Session, files: Path, rulesets: dict[str, RuleSet],
                                                   data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        submit(session, files_dir=files, data=data, filename="bad.json", rulesets=[rulesets["gsa-ira-lec"]],
               on=ON, limits=ReadLimits(max_bytes=10**6))
    assert set(counts(session).values()) == {0}
    assert not files.exists() or not any(files.rglob("*"))


def test_filters_and_pages(session: Session, files: Path, rulesets: dict[str, RuleSet]) -> None:
    upload(session, files, native_epd(), rulesets)
    upload(session, files, unplaceable_concrete(), rulesets)
    steel = native_epd(manufacturer="Steel & Sons", products=[
        {"name": "Rebar", "material": "steel", "declared_unit": {"quantity": 1, "unit": "t"},
         "gwp_a1a3": {"value": 700.0}, "steel": {"product": "rebar"}}])
    upload(session, files, steel, rulesets)

    def ids(**kw: object) -> list[int]:
        rows, _ = list_submissions(session, filters=SubmissionFilter(**kw))  # type: ignore[arg-type]
        return [r.id for r in rows if r.id is not None]

    assert ids() == [3, 2, 1]
    assert ids(material="steel") == [3]
    assert ids(status="non_compliant") == [1]
    assert 2 in ids(status="needs_review")
    assert ids(supplier="REVIEW concrete") == [2]
    assert ids(supplier="%") == []
    assert ids(ruleset="gsa-ira-lec") == [3, 2, 1]
    assert ids(ruleset="gsa") == []
    today = dt.datetime.now(dt.UTC).date()
    assert ids(date_from=today, date_to=today) == [3, 2, 1]
    assert ids(date_to=today - dt.timedelta(days=1)) == []
    rows, total = list_submissions(session, page=2, per_page=2)
    assert total == 3 and [r.id for r in rows] == [1]


def test_a_review_reassesses_and_keeps_who_what_why(session: Session, files: Path,
                                                     rulesets: dict[str, RuleSet]) -> None:
    submission = upload(session, files, unplaceable_concrete(), rulesets)
    assert submission.id is not None and submission.status == "needs_review"
    decision = Decision(field="compressive_strength", reviewer="Grace", justification="mix design sheet",
                        product_index=0, value="4000 psi")
    result = reassess(session, files_dir=files, submission=submission, loaded=rulesets, decision=decision)
    assert result["status"] == "compliant"
    assert submission.status == "compliant"
    assert current_assessment(session, submission_id=submission.id).reason == "review"
    [row] = list_decisions(session, submission_id=submission.id)
    assert (row.reviewer, row.field, row.value, row.justification) == ("Grace", "compressive_strength", "4000 psi",
                                                                       "mix design sheet")
    assert [e.action for e in list_events(session, submission_id=submission.id)] == ["upload", "assessment", "review"]
    [product] = session.exec(select(ProductRow).where(ProductRow.submission_id == submission.id)).all()
    assert product.status == "compliant" and product.tier is not None


def test_a_refused_review_writes_nothing(session: Session, files: Path, rulesets: dict[str, RuleSet]) -> None:
    from buyclean.errors import InvalidReview

    submission = upload(session, files, unplaceable_concrete(), rulesets)
    before = counts(session)
    with pytest.raises(InvalidReview):
        reassess(session, files_dir=files, submission=submission, loaded=rulesets,
                 decision=Decision(field="compressive_strength", reviewer="Grace", justification="x",
                                   product_index=0, value="strong"))
    assert counts(session) == before
