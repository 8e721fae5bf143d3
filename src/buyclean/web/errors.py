"""Every error the service shows, mapped in one place: JSON {"error", "message", "where"} for programs, a page
for people. Tracebacks go to the log only."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from buyclean.certificates.data import NotCertifiable
from buyclean.errors import (
    BuycleanError,
    InputTooLarge,
    InvalidReview,
    RulesetError,
    UnreadableEpd,
    UnsupportedFormat,
)

# exception class -> (HTTP status, error kind); the kinds match the CLI's and assessment.schema.json's
_CORE: list[tuple[type[BuycleanError], int, str]] = [
    (NotCertifiable, 422, "not_certifiable"),
    (UnsupportedFormat, 415, "unsupported"),
    (UnreadableEpd, 422, "unreadable"),
    (InputTooLarge, 413, "too_large"),
    (InvalidReview, 400, "invalid_review"),
    (RulesetError, 400, "unknown_ruleset"),
]
_HTTP_KINDS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported", 422: "unreadable"}
_TITLES = {400: "The request cannot be used", 401: "Log in first", 403: "Not allowed for your role",
           404: "Not found", 429: "Too many attempts", 405: "Not allowed", 413: "File too large",
           415: "Not an EPD", 422: "The EPD cannot be read", 500: "Something went wrong"}
_HINTS = {
    401: "Log in (people) or send an API token (programs); tokens are made on the account page.",
    403: "Your role cannot do this. Ask an officer of your agency or an administrator.",
    404: "The page or submission does not exist, or it is not yours to see. The history lists what you can see.",
    413: "Split the upload into smaller files, or ask the administrator to raise BUYCLEAN_MAX_UPLOAD_BYTES.",
    415: "buyclean reads EPDs as PDF, openEPD, EC3, ILCD+EPD, ISO 22057 or buyclean JSON.",
    422: "Fix the file as the message says and upload it again.",
}


def wants_json() -> bool:
    """True for the API and for the upload page's background requests."""
    return request.path.startswith("/api/") or request.headers.get("X-Requested-With") == "XMLHttpRequest"


def error_response(status: int, kind: str, message: str, where: str | None = None) -> Any:
    """Return the error as JSON or as a friendly page, with ``status``."""
    if wants_json():
        return jsonify(error=kind, message=message, where=where), status
    return render_template("error.html", status=status, title=_TITLES.get(status, "Error"), kind=kind,
                           message=message, where=where, hint=_HINTS.get(status)), status


def core_status(exc: BuycleanError) -> tuple[int, str]:
    """Return the HTTP status and error kind for one of the core's named errors."""
    return next(((status, kind) for cls, status, kind in _CORE if isinstance(exc, cls)), (422, "unreadable"))


_PLAIN = {
    404: "There is nothing at this address. Check the link, or go back to the upload page or your history.",
    405: "This address does not take that kind of request; use the page's own form or the API as documented.",
}


def register_errors(app: Flask) -> None:
    """Install the handlers for the core's errors, HTTP errors and anything unexpected."""

    @app.errorhandler(BuycleanError)
    def _core(exc: BuycleanError) -> Any:
        status, kind = core_status(exc)
        return error_response(status, kind, exc.message, exc.where)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        status = exc.code or 500
        message = exc.description or exc.name
        if message == type(exc).description and status in _PLAIN:
            message = _PLAIN[status]  # werkzeug's stock wording, said plainly
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH") or 0
            message = f"The upload is over the {limit:,}-byte limit (BUYCLEAN_MAX_UPLOAD_BYTES)."
        return error_response(status, _HTTP_KINDS.get(status, "http_error"), message)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal", "An unexpected error occurred; it has been logged.")
