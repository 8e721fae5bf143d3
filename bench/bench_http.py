"""Benchmark the service over HTTP: gunicorn (2 workers) under wrk on loopback, against a static file as the floor.

Run: .venv/bin/python bench/bench_http.py [--duration 10] [--rounds 5] [--worker-class sync] [--db sqlite]
     .venv/bin/python bench/bench_http.py --profile [--db postgresql]   # cProfile of the verify page, in-process

For each database (SQLite in a temporary instance folder; PostgreSQL in a scratch database made and dropped here,
skipped when BUYCLEAN_BENCH_DATABASE_URL, default the tests' server, does not answer) the script migrates, creates
an officer and its API token, stores tests/data/native/ready_mix_4000.json and issues its certificate through the
app, then starts `gunicorn wsgi:app` with 2 workers on a free loopback port, as production runs it. wrk drives each
endpoint, after a warm-up, in --rounds runs of --duration/--rounds seconds, each right after a run of the same length
on the floor (GET /static/favicon.svg: gunicorn, Flask's dispatch and a small file, no database): GET /healthz (one
database round-trip), the public page GET /verify/<number>, and POST /api/v1/assessments with the EPD as a JSON body,
anonymous (a self-check, 200, nothing stored) and with the token (stored, 201). The goal (issue 7) is at least 400
verify requests/s. Figures are medians over the rounds; the ratio is the floor's requests/s over the endpoint's in
the same round (how many times the floor's cost one request takes), so that load from elsewhere on the machine
weighs on both sides of it, and the lowest and highest round show how steady the machine was. wrk, gunicorn and the
database share the machine's CPUs, in the floor's runs too. Needs wrk (Debian package `wrk`).

Workers are gthread with 4 threads by default (--worker-class sync for the comparison). On this 2-core machine
(2026-11-29, other test runs keeping the load at 2-8) gthread served as many or more requests per second than sync
on every endpoint: 2.6-2.9x more with the machine busy, on a par when it was quieter, where sync had the lower p99.
gthread also keeps wrk's (and browsers') connections alive, where a sync worker closes each one after its response.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import logging
import os
import pstats
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

from buyclean import create_app

ROOT = Path(__file__).resolve().parents[1]
EPD = ROOT / "tests" / "data" / "native" / "ready_mix_4000.json"
GOAL_VERIFY_RPS = 400.0
WORKERS = 2
POSTGRES_URL = os.environ.get("BUYCLEAN_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# wrk calls done() once at the end: one line with the counts and the latency percentiles (microseconds)
WRK_SCRIPT = """
local body = os.getenv("BENCH_BODY")
if body then
  local f = assert(io.open(body, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("BENCH_TOKEN")
if token then wrk.headers["Authorization"] = "Bearer " .. token end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Endpoint:
    label: str
    path: str
    status: int  # what one request must answer before the endpoint is timed
    body: Path | None = None
    token: str | None = None


@dataclass(frozen=True)
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad: int  # non-2xx/3xx answers and socket errors


@dataclass(frozen=True)
class Instance:
    env: dict[str, str]
    number: str
    token: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def prepare(instance: Path, database_url: str | None) -> Instance:
    """Migrate, create an officer with a token, store the EPD and issue its certificate, through the app itself."""
    from sqlmodel import Session

    from buyclean.services.accounts import create_token, create_user

    # the instance's self-signed signing key is expected here; its warning would only clutter the table
    logging.getLogger("buyclean.core.certificates.sign").setLevel(logging.ERROR)
    config: dict[str, Any] = {"instance_path": instance, "migrate_on_start": True}
    if database_url:
        config["database_url"] = database_url
    app = create_app(config)
    engine = app.extensions["buyclean"].engine
    with Session(engine, expire_on_commit=False) as session:
        user = create_user(session, email="bench@agency.example", name="Bench Officer", role="officer",
                           password="correct horse battery staple", organisation="Bench Agency")
        _row, token = create_token(session, user=user, name="bench")
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    stored = client.post("/api/v1/assessments", data=EPD.read_bytes(), content_type="application/json", headers=auth)
    if stored.status_code != 201:
        raise RuntimeError(f"storing {EPD.name} answered {stored.status_code}: {stored.get_data(as_text=True)}")
    issued = client.post(f"{stored.headers['Location']}/certificates", headers=auth)
    body = issued.get_json()
    if issued.status_code != 201:
        raise RuntimeError(f"issuing the certificate answered {issued.status_code}: {body}")
    number = str(body["items"][0]["number"])
    engine.dispose()
    # wrk is one address sending thousands of self-checks: without this, all but 30 would be refused (429)
    env = {"BUYCLEAN_INSTANCE_PATH": str(instance), "BUYCLEAN_MIGRATE_ON_START": "0",
           "BUYCLEAN_ANONYMOUS_CHECKS": str(10**9)}
    if database_url:
        env["BUYCLEAN_DATABASE_URL"] = database_url
    return Instance(env=env, number=number, token=token)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, worker_class: str, threads: int, log: Path) -> Iterator[str]:
    """Serve wsgi:app with WORKERS workers on a free loopback port; yield its base URL, stop it afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--worker-class", worker_class,
               "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT), "--error-logfile", str(log), "wsgi:app"]
    if worker_class == "gthread":
        command[5:5] = ["--threads", str(threads)]
    base = f"http://127.0.0.1:{port}"
    with log.open("ab") as out:
        proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=out, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({proc.returncode}):\n{log.read_text()[-2000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def status_of(base: str, endpoint: Endpoint) -> int:
    data = endpoint.body.read_bytes() if endpoint.body else None
    headers = {"Content-Type": "application/json"} if data else {}
    if endpoint.token:
        headers["Authorization"] = f"Bearer {endpoint.token}"
    request = urllib.request.Request(base + endpoint.path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def wrk(base: str, endpoint: Endpoint, *, seconds: float, connections: int, threads: int, script: Path) -> Figures:
    """Drive one endpoint with wrk for ``seconds``; return its throughput and latency."""
    env = {**os.environ}
    for name, value in (("BENCH_BODY", endpoint.body), ("BENCH_TOKEN", endpoint.token)):
        env.pop(name, None)
        if value is not None:
            env[name] = str(value)
    command = ["wrk", "--threads", str(threads), "--connections", str(connections), "--duration", f"{seconds:g}s",
               "--timeout", "10s", "--script", str(script), base + endpoint.path]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(row for row in output.splitlines() if row.startswith("BENCH "))
    requests, duration_us, p50_us, p99_us, bad_status, socket_errors = (int(v) for v in line.split()[1:])
    return Figures(rps=requests / (duration_us / 1e6), p50_ms=p50_us / 1000, p99_ms=p99_us / 1000,
                   requests=requests, bad=bad_status + socket_errors)


def run_database(name: str, database_url: str | None, args: argparse.Namespace, script: Path) -> None:
    """Set up one instance, serve it with gunicorn and print the table of its endpoints."""
    instance = Path(tempfile.mkdtemp(prefix=f"buyclean-bench-http-{name.split()[0].lower()}-"))
    try:
        prepared = prepare(instance, database_url)
        floor = Endpoint("floor: GET /static/favicon.svg", "/static/favicon.svg", 200)
        endpoints = [
            Endpoint("GET /healthz (SELECT 1)", "/healthz", 200),
            Endpoint("GET /verify/<number>", f"/verify/{prepared.number}", 200),
            Endpoint("POST assessment, anonymous", "/api/v1/assessments", 200, body=EPD),
            Endpoint("POST assessment, token (201)", "/api/v1/assessments", 201, body=EPD, token=prepared.token),
        ]
        runs: dict[Endpoint, list[Figures]] = {e: [] for e in (floor, *endpoints)}
        ratios: dict[Endpoint, list[float]] = {e: [] for e in endpoints}
        with gunicorn(prepared.env, worker_class=args.worker_class, threads=args.threads,
                      log=instance / "gunicorn.log") as base:

            def timed(endpoint: Endpoint, seconds: float) -> Figures:
                return wrk(base, endpoint, seconds=seconds, connections=args.connections, threads=args.wrk_threads,
                           script=script)

            for endpoint in (floor, *endpoints):
                answered = status_of(base, endpoint)
                if answered != endpoint.status:
                    raise RuntimeError(f"{endpoint.path} answered {answered}, not {endpoint.status}")
                timed(endpoint, args.warmup)
            # each endpoint right after a floor run of the same length, in several rounds: load from elsewhere on
            # the machine then weighs on both sides of each ratio, and shows as the spread between rounds
            for _round in range(args.rounds):
                for endpoint in endpoints:
                    below = timed(floor, args.duration / args.rounds)
                    figures = timed(endpoint, args.duration / args.rounds)
                    runs[floor].append(below)
                    runs[endpoint].append(figures)
                    ratios[endpoint].append(below.rps / figures.rps)
    finally:
        shutil.rmtree(instance, ignore_errors=True)

    print(f"  {name}")
    for endpoint, timings in runs.items():
        rps = [f.rps for f in timings]
        ratio = f"{statistics.median(ratios[endpoint]):.1f}x" if endpoint in ratios else ""
        verdict = ""
        if endpoint.path.startswith("/verify/"):
            verdict = "PASS" if statistics.median(rps) >= GOAL_VERIFY_RPS else f"under {GOAL_VERIFY_RPS:.0f} req/s"
        bad = sum(f.bad for f in timings)
        if bad:
            verdict += f" ({bad:,} of {sum(f.requests for f in timings):,} answers were errors)"
        print(f"    {endpoint.label:<31} {statistics.median(rps):>8,.1f} req/s ({min(rps):,.0f}-{max(rps):,.0f})  "
              f"p50 {statistics.median(f.p50_ms for f in timings):>5.1f} ms  "
              f"p99 {statistics.median(f.p99_ms for f in timings):>6.1f} ms  {ratio:>5}  {verdict}".rstrip())


@contextlib.contextmanager
def scratch_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database on the benchmark's server, dropped afterwards; None when the server is away."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"buyclean_bench_http_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any failure to reach or use the server: the PostgreSQL rows are skipped
        admin.dispose()
        print(f"  PostgreSQL: skipped, {make_url(POSTGRES_URL).render_as_string()} is not usable "
              f"({type(exc).__name__}: {str(exc).splitlines()[0]})")
        yield None
        return
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def profile_verify(runs: int, database_url: str | None) -> None:
    """Print the cProfile of the verify page served in-process by the Flask test client."""
    instance = Path(tempfile.mkdtemp(prefix="buyclean-bench-http-profile-"))
    try:
        prepared = prepare(instance, database_url)
        app = create_app({"instance_path": instance, "migrate_on_start": False,
                          **({"database_url": database_url} if database_url else {})})
        client = app.test_client(use_cookies=False)  # as wrk and a first visit from a QR code: no session cookie
        path = f"/verify/{prepared.number}"
        for _ in range(50):  # warm: templates compiled, connections open
            assert client.get(path).status_code == 200
        start = time.perf_counter()
        for _ in range(runs):
            client.get(path)
        elapsed = time.perf_counter() - start
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(runs):
            client.get(path)
        profile.disable()
        print(f"verify page in-process: {runs / elapsed:,.0f} req/s, {elapsed / runs * 1000:.2f} ms per request "
              "(test client, one thread, no profiler)")
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(15)
        app.extensions["buyclean"].engine.dispose()
    finally:
        shutil.rmtree(instance, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Print requests/s and latency per endpoint and database against the floor measured in the same run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of wrk per endpoint, all rounds")
    parser.add_argument("--rounds", type=int, default=5, help="floor/endpoint pairs per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of wrk before each timed run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="gthread")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--profile", action="store_true",
                        help="profile the verify page in-process (SQLite, or --db postgresql) and exit")
    parser.add_argument("--profile-runs", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.profile:
        if args.db == "postgresql":
            with scratch_database() as url:
                if url is not None:
                    profile_verify(args.profile_runs, url)
        else:
            profile_verify(args.profile_runs, None)
        return 0
    if shutil.which("wrk") is None:
        print("bench_http: wrk is not installed (Debian package wrk; bin/dev setup installs it); nothing to time")
        return 0

    workers = f"{WORKERS} {args.worker_class} workers" + (f" x {args.threads} threads"
                                                          if args.worker_class == "gthread" else "")
    print(f"HTTP: gunicorn, {workers}; wrk, {args.wrk_threads} thread(s), {args.connections} connections; "
          f"per endpoint {args.rounds} rounds of {args.duration / args.rounds:g} s, each after as long on the floor "
          f"({os.cpu_count()} CPUs, loopback)")
    print("  medians over the rounds (req/s: lowest-highest round); ratio = floor req/s / endpoint req/s, per round;"
          f" goal: GET /verify/<number> at least {GOAL_VERIFY_RPS:.0f} req/s")
    with tempfile.TemporaryDirectory(prefix="buyclean-bench-http-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(WRK_SCRIPT)
        if args.db in ("sqlite", "both"):
            run_database("SQLite (file in the instance folder)", None, args, script)
        if args.db in ("postgresql", "both"):
            with scratch_database() as url:
                if url is not None:
                    run_database("PostgreSQL (scratch database, loopback)", url, args, script)
    return 0


if __name__ == "__main__":
    sys.exit(main())
