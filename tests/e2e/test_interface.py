"""The interface for everyone: every form control labelled, text with enough contrast, keyboard-only use, designed
empty states and errors, every page usable at a phone's width. Checked on the rendered pages in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import make_account, native_epd
from tests.e2e.conftest import LiveServer, Shots, needs_chromium

pytestmark = needs_chromium
PASSWORD = "correct horse battery staple"

# Run in the page (by the DevTools protocol, which the page's CSP does not govern): form controls without an
# accessible name, and text whose contrast against its background is under WCAG AA (4.5:1, 3:1 for large text).
AUDIT_JS = (Path(__file__).parent / "audit.js").read_text()


def audit(page: Any, where: str) -> None:
    found = page.evaluate(AUDIT_JS)
    assert found["unlabelled"] == [], (where, found["unlabelled"])
    assert found["low"] == [], (where, found["low"])
    assert found["overflow"] <= 1, (where, "wider than the window", found["overflow"])


def stored_submission(server: LiveServer, email: str) -> int:
    _uid, token = make_account(server.app, role="officer", organisation="Port Authority", email=email)
    client = server.app.test_client()
    response = client.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_are_labelled_legible_and_fit(live_server: LiveServer, browser: Any, shots: Shots, width: int) -> None:
    submission = stored_submission(live_server, "pat@port.example")
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    for path in ("/", "/login", "/signup", "/verify", "/verify/BC-2026-0000-0000", "/no-such-page"):
        page.goto(live_server.url + path)
        audit(page, f"anonymous {path} at {width}px")
    page.goto(live_server.url + "/login")
    page.get_by_label("E-mail").fill("pat@port.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    for path in ("/", f"/submissions/{submission}", "/submissions", "/batches", "/certificates", "/account"):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        audit(page, f"officer {path} at {width}px")
    shots(page, f"account-{width}")
    ctx.close()


def test_log_in_and_check_a_file_with_the_keyboard_only(live_server: LiveServer, context: Any, shots: Shots) -> None:
    make_account(live_server.app, role="supplier", organisation="Keyboard Steel", email="kim@steel.example")
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.keyboard.press("Tab")  # the first Tab lands on the skip link or the navigation; go on to the e-mail field
    for _ in range(20):
        if page.evaluate("() => document.activeElement && document.activeElement.type === 'email'"):
            break
        page.keyboard.press("Tab")
    page.keyboard.type("kim@steel.example")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "password"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused field shows no focus ring"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    shots(page, "keyboard-logged-in")


def test_empty_states_and_errors_say_what_to_do_next(live_server: LiveServer, context: Any, shots: Shots) -> None:
    make_account(live_server.app, role="officer", organisation="Empty Agency", email="eve@empty.example")
    page = context.new_page()
    response = page.goto(live_server.url + "/verify/BC-2026-0000-0000")
    assert response is not None
    text = page.locator("main").inner_text()
    assert "unknown" in text.lower() and "BC-2026-0000-0000" in text
    shots(page, "verify-unknown")
    response = page.goto(live_server.url + "/no-such-page")
    assert response is not None and response.status == 404
    assert "nothing at this address" in page.locator("main").inner_text()
    assert page.locator("nav").count() >= 1, "the error page keeps the site's navigation"
    shots(page, "not-found")
    page.goto(live_server.url + "/login")
    page.get_by_label("E-mail").fill("eve@empty.example")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    assert page.locator(".flash, .error, [role=alert]").count() >= 1
    shots(page, "login-refused")
    page.get_by_label("E-mail").fill("eve@empty.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    for path in ("/submissions", "/certificates", "/batches"):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        main = page.locator("main").inner_text()
        # an empty list says so and points at the next step (a link or a form), not a bare empty table
        assert page.locator("main table tbody tr").count() == 0
        assert page.locator("main a, main form").count() >= 1, (path, main)
        assert len(main.strip()) > 40, (path, main)
        shots(page, "empty" + path.replace("/", "-"))
