"""Shared fixtures: the corpus location, loaded rule sets, and builders for products and EPDs."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from flask.testing import FlaskClient

from buyclean.core.model import (
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    SteelType,
    Strength,
)
from buyclean.core.rules import RuleSet, load_rulesets

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient, FlaskCliRunner

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="the shared EPD corpus (../shared/corpus) is absent")


@pytest.fixture(scope="session")
def rulesets() -> dict[str, RuleSet]:
    return load_rulesets()


def known(value: Any, path: str = "$.test") -> Extracted[Any]:
    return Extracted(value, Evidence(path=path))


def make_product(*, material: Material = Material.CONCRETE, gwp: float = 300.0, per: str = "m3",
                 strength: Strength | None = None, steel: SteelType | None = None, name: str = "Test product",
                 category: str | None = None, high_early: bool | None = None, gwp_review: str | None = None,
                 mass_kg: float | None = None) -> Product:
    """A product whose every value is known unless told otherwise."""
    return Product(
        name=known(name), material=known(material), declared_unit=known(Quantity(1.0, per)),
        gwp_a1a3=Extracted(Gwp(gwp, per, "GWP-total"), Evidence(path="$.gwp"), review=gwp_review),
        category=known(category) if category else Extracted(None),
        compressive_strength=known(strength) if strength else Extracted(None),
        high_early_strength=known(high_early) if high_early is not None else Extracted(None),
        steel=known(steel) if steel else Extracted(None),
        mass_per_declared_unit_kg=known(mass_kg) if mass_kg is not None else Extracted(None),
    )


NSF_CONCRETE_PCR = "NSF PCR for Concrete v2.1 (August 2021)"


def make_epd(*products: Product, valid_until: dt.date | None = dt.date(2030, 1, 1),
             issued: dt.date | None = dt.date(2024, 1, 1), epd_type: EpdType | None = EpdType.PRODUCT_SPECIFIC,
             verified: bool | None = True, pcr: str | None = NSF_CONCRETE_PCR,
             standards: tuple[str, ...] = ("ISO 14025", "ISO 21930"), plants: tuple[str, ...] = ()) -> Epd:
    """A registered, verified Type III EPD written to the NSF concrete PCR, unless told otherwise."""
    return Epd(format="buyclean", products=products, registration_number=known("EPD-1"),
               program_operator=known("NSF International"), plants=plants,
               valid_until=known(valid_until) if valid_until else Extracted(None),
               issued=known(issued) if issued else Extracted(None),
               epd_type=known(epd_type) if epd_type else Extracted(None),
               third_party_verified=known(verified) if verified is not None else Extracted(None),
               pcr=known(pcr) if pcr else Extracted(None), standards=standards)


def psi(value: float) -> Strength:
    return Strength(value, "psi", value)


def mpa(value: float) -> Strength:
    return Strength(value, "MPa", round(value * 145.0377, 1))


# --- the web service ---------------------------------------------------------------------------------------

POSTGRES_URL = os.environ.get("BUYCLEAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SKIP_POSTGRES = os.environ.get("BUYCLEAN_SKIP_POSTGRES") == "1"
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    SKIP_POSTGRES, reason="BUYCLEAN_SKIP_POSTGRES=1"))]


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database: a SQLite file, or a PostgreSQL schema of its own that is dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        # a connection the service still closes (a pool's last query) may hold a lock the drop needs: PostgreSQL
        # then breaks the deadlock by failing one side; try the drop again once the other side has finished
        from sqlalchemy.exc import OperationalError

        for attempt in range(5):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                break
            except OperationalError:
                if attempt == 4:
                    raise
                time.sleep(0.5 * (attempt + 1))
        admin.dispose()


@contextmanager
def service(database_url: str, tmp_path: Path, **settings: Any) -> Iterator[Flask]:
    """The service on a database and a fresh instance folder, with settings changed, its engine closed afterwards."""
    from buyclean import create_app

    application = create_app({"TESTING": True, "database_url": database_url, "instance_path": tmp_path / "instance",
                              "secret_key": "test", **settings})
    try:
        yield application
    finally:
        # jobs still running in the embedded queue's threads would outlive the test's database (and log its
        # disappearance from another thread while the next test runs): let them finish first
        from buyclean.jobs import EmbeddedQueue

        queue = application.extensions.get("buyclean.jobs")
        if isinstance(queue, EmbeddedQueue):
            queue.drain()
        application.extensions["buyclean"].engine.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The service on a temporary database and instance folder, migrated at start-up as in production."""
    with service(database_url, tmp_path) as application:
        yield application


class CsrfClient(FlaskClient):
    """A test client that sends the session's CSRF token with every form it posts to a page, as the pages do."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        method = str(kwargs.get("method", "GET")).upper()
        path = str(args[0]) if args else str(kwargs.get("path", ""))
        if method not in ("GET", "HEAD", "OPTIONS") and not path.startswith("/api/") and kwargs.get("csrf", True):
            with self.session_transaction() as sess:
                token = sess.setdefault("csrf", "test-csrf-token")
            data = kwargs.get("data")
            if data is None or isinstance(data, dict):
                kwargs["data"] = {"csrf_token": token, **(data or {})}
        kwargs.pop("csrf", None)
        return super().open(*args, **kwargs)


def make_account(app: Flask, *, role: str, organisation: str | None, email: str | None = None,
                 agencies: tuple[str, ...] = ()) -> tuple[int, str]:
    """Create a user with ``role`` in ``organisation``; return its id and a fresh API token."""
    from sqlmodel import Session

    from buyclean.services.accounts import create_token, create_user

    with Session(app.extensions["buyclean"].engine, expire_on_commit=False) as session:
        user = create_user(session, email=email or f"{role}-{uuid.uuid4().hex[:8]}@example.org", name=role.title(),
                           role=role, password="correct horse battery staple", organisation=organisation,
                           assigned_agencies=agencies)
        _row, token = create_token(session, user=user, name="tests")
        assert user.id is not None
        return user.id, token


def logged_in(app: Flask, user_id: int, token: str | None = None) -> CsrfClient:
    """A client with the user's session (pages) and, if given, the user's token (API)."""
    from buyclean.store.tables import UserAccount

    c = CsrfClient(app, app.response_class, use_cookies=True)
    with app.app_context():
        from buyclean.app.runtime import db
        from buyclean.services.sessions import start_session
        user = db().get(UserAccount, user_id)
        assert user is not None
        version = user.session_version
        sid = start_session(db(), user_id=user_id)  # the server's record of the log-in, as login_user makes it
    with c.session_transaction() as sess:
        # as after a log-in: the password was just entered
        sess.update(uid=user_id, sv=version, sid=sid, csrf="test-csrf-token", auth_at=int(time.time()))
    if token:
        c.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return c


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """An officer of the agency "Test Agency", logged in and sending its API token."""
    user_id, token = make_account(app, role="officer", organisation="Test Agency", email="officer@agency.example")
    return logged_in(app, user_id, token)


@pytest.fixture
def anonymous(app: Flask) -> FlaskClient:
    """Someone without an account."""
    return CsrfClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def native_epd(**changes: Any) -> dict[str, Any]:
    """The hand-written buyclean EPD tests/data/native/ready_mix_4000.json, with top-level keys changed."""
    doc: dict[str, Any] = json.loads((DATA / "native" / "ready_mix_4000.json").read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


def unplaceable_concrete() -> dict[str, Any]:
    """A concrete EPD with no strength: no rule row can be chosen, so it needs review."""
    return native_epd(manufacturer="Review Concrete Ltd", registration_number="EPD-REVIEW-1", products=[
        {"name": "Mix without a class", "material": "concrete", "declared_unit": {"quantity": 1, "unit": "m3"},
         "gwp_a1a3": {"value": 300.0}}])
