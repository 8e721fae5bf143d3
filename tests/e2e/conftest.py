"""Browser journeys: a live server on loopback, Debian's Chromium driven by Playwright, screenshots as artifacts.

Screenshots of each journey's key screens go to artifacts/e2e/<test>/ (BUYCLEAN_ARTIFACTS overrides the folder).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BUYCLEAN_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("BUYCLEAN_ARTIFACTS", ROOT / "artifacts" / "e2e"))

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (bin/dev setup "
                                                                     "installs Debian's chromium)")


@dataclass
class LiveServer:
    app: Flask
    url: str


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The service on 127.0.0.1 with a free port, SQLite and its own instance folder, in a thread."""
    from buyclean import create_app

    with socket.socket() as probe:  # a free port, so that QR codes and verify links can name this server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    app = create_app({"instance_path": tmp_path / "instance", "database_url": f"sqlite:///{tmp_path / 'e2e.db'}",
                      "public_url": url})
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url)
    finally:
        server.shutdown()
        app.extensions["buyclean"].engine.dispose()


@dataclass
class Shots:
    """Numbered screenshots of one test's key screens."""

    folder: Path
    taken: list[Path] = field(default_factory=list)

    def __call__(self, page: Any, name: str) -> Path:
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return Shots(folder)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one test module: Playwright's loop runs in this thread while it is open, so it is closed
    before other modules' tests run."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def context(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """A fresh browser profile (no cookies) with downloads allowed; console errors fail the test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    assert not errors, errors
