"""Every error the service shows, answered in one place: JSON {"error", "message", "where"} for programs, a page
for people. The core's errors are looked up in buyclean.errors.ERRORS; tracebacks go to the log only."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from buyclean.errors import ERRORS, BuycleanError, InputTooLarge, UnreadableEpd, UnsupportedFormat, describe_error

_HTTP_KINDS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported", 422: "unreadable",
               429: "too_many_requests"}
_TITLES = {400: "The request cannot be used", 401: "Log in first", 403: "Not allowed for your role",
           404: "Not found", 409: "Conflict", 429: "Too many attempts", 405: "Not allowed", 413: "File too large",
           415: "Not an EPD", 422: "The EPD cannot be read", 500: "Something went wrong"}
_HINTS = {
    401: "Log in (people) or send an API token (programs); tokens are made on the account page.",
    403: "Your role cannot do this. Ask an officer of your agency or an administrator.",
    404: "The page or submission does not exist, or it is not yours to see. The history lists what you can see.",
    # the statuses a core error shares say what the error registry says
    413: ERRORS[InputTooLarge].hint,
    415: ERRORS[UnsupportedFormat].hint,
    422: ERRORS[UnreadableEpd].hint,
}


def wants_json() -> bool:
    """True for the API and for the upload page's background requests."""
    return request.path.startswith("/api/") or request.headers.get("X-Requested-With") == "XMLHttpRequest"


def error_response(status: int, kind: str, message: str, where: str | None = None, *,
                   hint: str | None = None) -> Any:
    """Return the error as JSON or as a friendly page, with ``status`` (the page's hint: ``hint``, else the
    status's)."""
    if wants_json():
        return jsonify(error=kind, message=message, where=where), status
    return render_template("error.html", status=status, title=_TITLES.get(status, "Error"), kind=kind,
                           message=message, where=where, hint=hint or _HINTS.get(status)), status


_PLAIN = {
    404: "There is nothing at this address. Check the link, or go back to the upload page or your history.",
    405: "This address does not take that kind of request; use the page's own form or the API as documented.",
}


def register_errors(app: Flask) -> None:
    """Install the handlers for the core's errors, HTTP errors and anything unexpected."""

    @app.errorhandler(BuycleanError)
    def _core(exc: BuycleanError) -> Any:
        described = describe_error(exc)
        return error_response(described.http_status, described.kind, exc.message, exc.where, hint=described.hint)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        status = exc.code or 500
        message = exc.description or exc.name
        if message == type(exc).description and status in _PLAIN:
            message = _PLAIN[status]  # werkzeug's stock wording, said plainly
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH") or 0
            message = f"The upload is over the {limit:,}-byte limit (BUYCLEAN_MAX_UPLOAD_BYTES)."
        response = app.make_response(error_response(status, _HTTP_KINDS.get(status, "http_error"), message))
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal", "An unexpected error occurred; it has been logged.")
