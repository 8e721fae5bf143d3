"""Real servers for the tests that need one: the service under gunicorn (2 workers, as production runs it) in a
subprocess on a free loopback port, and a small HTTP client for it that keeps cookies and never follows redirects.

The concurrency findings of issue 16 (a lockout or a throttle counted per process, or racily) only show with requests
that really run at once, in more than one process: the Flask test client runs one request at a time in one process.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
            if answer.status == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


@contextlib.contextmanager
def serve(command: list[str], env: dict[str, str], log: Path, port: int) -> Iterator[str]:
    """Run a server command (in its own process group) until it answers /healthz; yield its URL; stop it after."""
    url = f"http://127.0.0.1:{port}"
    with log.open("ab") as out:
        proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=out, cwd=ROOT,
                                start_new_session=True)
    try:
        _wait_for(url, proc, log)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def service_env(instance: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a server on an instance folder and database made (and migrated) beforehand."""
    return {"BUYCLEAN_INSTANCE_PATH": str(instance), "BUYCLEAN_DATABASE_URL": database_url,
            "BUYCLEAN_MIGRATE_ON_START": "0", "BUYCLEAN_SECRET_KEY": "test", **settings}


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, *, workers: int = 2, threads: int = 8) -> Iterator[str]:
    """``gunicorn wsgi:app`` with ``workers`` gthread workers of ``threads`` threads each."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread",
               "--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--timeout", "120", "wsgi:app"]
    with serve(command, env, log, port) as url:
        yield url


@contextlib.contextmanager
def buyclean_serve(env: dict[str, str], log: Path) -> Iterator[str]:
    """``buyclean serve``: Werkzeug's server, as `bin/dev serve` runs it."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "buyclean"), "serve", "--port", str(port)]
    with serve(command, env, log, port) as url:
        yield url


@dataclass
class Answer:
    status: int
    headers: Any
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class Browser:
    """One client of the server: its own cookies, no redirects followed, every status returned (not raised)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, method: str, path: str, *, form: dict[str, str] | None = None, data: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 120) -> Answer:
        sent = dict(headers or {})
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Answer(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return Answer(exc.code, exc.headers, exc.read())

    def csrf(self, path: str = "/login") -> str:
        """Open a page with a form and return its CSRF token (made for this client's session)."""
        page = self.request("GET", path)
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found, (page.status, page.text[:500])
        return found.group(1)
