"""The concurrency findings of issue 16, against the service as production runs it: gunicorn with 2 workers (of 8
threads each) in a subprocess, hit by real threads at once. The test client runs one request at a time in one
process, which is exactly what hid these: a lockout counted racily, a throttle counted per process.

Also here, since they concern what the server itself sends: no server names a version.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from buyclean.services.accounts import MAX_FAILED_LOGINS
from buyclean.store import make_engine
from buyclean.store.tables import AuditEvent, UserAccount
from tests.conftest import make_account, service
from tests.servers import Answer, Browser, buyclean_serve, gunicorn, service_env

PASSWORD = "correct horse battery staple"
WRONG = "a guess, and a wrong one"
THROTTLE = 30  # failed log-ins per address in 15 minutes (app.security.MAX_FAILURES_PER_ADDRESS)
REDIS_URL = "redis://127.0.0.1:6379/15"


def prepared(database_url: str, tmp_path: Path) -> Path:
    """Migrate the database and make the officer olga@agency.example; return the instance folder."""
    with service(database_url, tmp_path) as app:
        make_account(app, role="officer", organisation="Agency A", email="olga@agency.example")
    return tmp_path / "instance"


def at_once(url: str, count: int, send: Callable[[Browser, str, int], Answer]) -> list[Answer]:
    """``count`` clients each open the log-in form, then all send at the same moment."""
    barrier = threading.Barrier(count)

    def one(n: int) -> Answer:
        browser = Browser(url)
        token = browser.csrf()
        barrier.wait(timeout=120)
        return send(browser, token, n)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def log_in(email: str, password: str) -> Callable[[Browser, str, int], Answer]:
    def send(browser: Browser, token: str, _n: int) -> Answer:
        return browser.request("POST", "/login", form={"csrf_token": token, "email": email, "password": password})
    return send


def test_sixty_parallel_wrong_passwords_lock_the_account_and_meet_the_throttle(database_url: str,
                                                                               tmp_path: Path) -> None:
    instance = prepared(database_url, tmp_path)
    with gunicorn(service_env(instance, database_url), tmp_path / "gunicorn.log") as url:
        answers = at_once(url, 60, log_in("olga@agency.example", WRONG))
    statuses = Counter(a.status for a in answers)
    assert set(statuses) <= {401, 429}, statuses
    # the address throttle: at most 30 failures were let through, across both workers
    assert statuses[429] >= 60 - THROTTLE and 5 <= statuses[401] <= THROTTLE, statuses
    engine = make_engine(database_url)
    try:
        with Session(engine) as s:
            user = s.exec(select(UserAccount).where(UserAccount.email == "olga@agency.example")).one()
            locked = user.locked_until
            assert locked is not None, "60 wrong passwords at once left the account unlocked"
            assert (locked if locked.tzinfo else locked.replace(tzinfo=dt.UTC)) > dt.datetime.now(dt.UTC)
            # and no more passwords were tried than the lockout allows: the others were refused unchecked
            tried = [e for e in s.exec(select(AuditEvent).where(AuditEvent.action == "login_failed"))
                     if e.detail.get("reason") == "wrong password"]
            assert len(tried) <= MAX_FAILED_LOGINS, f"{len(tried)} passwords were checked"
    finally:
        engine.dispose()


def _redis_or_skip() -> Any:
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.mark.parametrize("counted_in", ["database", "redis"])
def test_the_failure_throttle_holds_across_two_workers(counted_in: str, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    instance = prepared(database_url, tmp_path)
    settings: dict[str, str] = {}
    prefix = f"buyclean-test:{uuid.uuid4().hex}"
    redis = _redis_or_skip() if counted_in == "redis" else None
    if redis is not None:
        settings = {"BUYCLEAN_RATE_LIMIT_URL": REDIS_URL, "BUYCLEAN_RATE_LIMIT_PREFIX": prefix}
    try:
        with gunicorn(service_env(instance, database_url, **settings), tmp_path / "gunicorn.log") as url:
            # 45 different (unknown) accounts: no lockout, only the per-address throttle can refuse them
            answers = at_once(url, 45, lambda b, token, n: b.request(
                "POST", "/login", form={"csrf_token": token, "email": f"guess{n}@agency.example", "password": WRONG}))
            statuses = Counter(a.status for a in answers)
            assert set(statuses) <= {401, 429}, statuses
            assert statuses[401] <= THROTTLE and statuses[429] >= 45 - THROTTLE, statuses
            # once throttled, the address is refused even the right password
            browser = Browser(url)
            right = browser.request("POST", "/login", form={"csrf_token": browser.csrf(),
                                                            "email": "olga@agency.example", "password": PASSWORD})
            assert right.status == 429 and "Too many failed log-ins" in right.text
    finally:
        if redis is not None:
            for key in redis.scan_iter(f"{prefix}:*"):
                redis.delete(key)
            redis.close()


def test_a_right_password_is_not_counted_as_a_failure(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    instance = prepared(database_url, tmp_path)

    def right(_n: int) -> Answer:
        browser = Browser(url)
        return log_in("olga@agency.example", PASSWORD)(browser, browser.csrf(), _n)

    # 40 log-ins of the account's owner, fewer at once than the lockout counts (attempts in flight count until they
    # succeed): each success gives its attempt back, so 40 > 30 never meets the failure throttle
    with gunicorn(service_env(instance, database_url), tmp_path / "gunicorn.log") as url, \
            ThreadPoolExecutor(MAX_FAILED_LOGINS - 1) as pool:
        statuses = Counter(a.status for a in pool.map(right, range(40)))
    assert statuses == Counter({302: 40}), statuses


# --- also: no server names its version -----------------------------------------------------------------------


def test_no_server_names_its_version(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    instance = prepared(database_url, tmp_path)
    env = service_env(instance, database_url)
    with gunicorn(env, tmp_path / "gunicorn.log", workers=1, threads=2) as url:
        served_by_gunicorn = [Browser(url).request("GET", path) for path in ("/about", "/nowhere")]
    with buyclean_serve(env, tmp_path / "serve.log") as url:
        served_by_werkzeug = [Browser(url).request("GET", path) for path in ("/about", "/nowhere")]
    for answer in served_by_gunicorn + served_by_werkzeug:
        named = " ".join(answer.headers.get_all("Server") or [])
        assert not any(ch.isdigit() for ch in named), named
        assert "Python" not in named and "Werkzeug" not in named, named
        assert "X-Powered-By" not in answer.headers
