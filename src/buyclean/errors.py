"""The named exceptions buyclean raises, and ``ERRORS``: how every entry point reports each of them.

The web pages, the API, the batch jobs and the CLI all look an error up here (``describe_error``), so one error has
one kind (the "error" of the JSON documents and of assessment.schema.json), one HTTP status, one exit status and one
hint, wherever it surfaces.
"""

from __future__ import annotations

from dataclasses import dataclass


class BuycleanError(Exception):
    """Base class: ``message`` is one sentence a user can act on, ``where`` points into the input."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


class UnreadableEpd(BuycleanError):
    """The bytes are an EPD format we know, but broken (malformed JSON, schema error, truncated PDF...)."""


class UnsupportedFormat(BuycleanError):
    """The bytes are not an EPD format buyclean reads."""


class InputTooLarge(BuycleanError):
    """The input is over a configured limit (size, pages, nesting)."""


class RulesetError(BuycleanError):
    """A rule file is missing or invalid."""


class InvalidReview(BuycleanError):
    """A review decision names a product, field or candidate that does not exist, or a value that cannot be read."""


class UnsafeArchive(BuycleanError):
    """A zip upload names a path outside itself, holds a link, is encrypted or cannot be opened as a zip."""


class InvalidCheckDate(BuycleanError):
    """A check date after today: a check is made on a date no later than today, and never states a future one."""


class StillReading(BuycleanError):
    """The submission's scanned pages are still being read by OCR: its assessment is not the final one yet."""


class NotCertifiable(BuycleanError):
    """The product does not meet the rule set (or its evidence is incomplete), so no certificate can be issued."""


EXIT_OK, EXIT_NOT_COMPLIANT, EXIT_UNREADABLE = 0, 1, 2


@dataclass(frozen=True)
class ErrorKind:
    """How one kind of error is reported: its name in JSON, its HTTP status, the CLI's exit status, what to do."""

    kind: str
    http_status: int
    exit_code: int
    hint: str | None = None


FIX_THE_FILE = "Fix the file as the message says and upload it again."
ERRORS: dict[type[BuycleanError], ErrorKind] = {
    BuycleanError: ErrorKind("unreadable", 422, EXIT_UNREADABLE, FIX_THE_FILE),
    UnreadableEpd: ErrorKind("unreadable", 422, EXIT_UNREADABLE, FIX_THE_FILE),
    UnsupportedFormat: ErrorKind("unsupported", 415, EXIT_UNREADABLE, "buyclean reads EPDs as PDF, openEPD, EC3, "
                                 "ILCD+EPD, ISO 22057 or buyclean JSON."),
    InputTooLarge: ErrorKind("too_large", 413, EXIT_UNREADABLE, "Split the upload into smaller files, or ask the "
                             "administrator to raise BUYCLEAN_MAX_UPLOAD_BYTES."),
    RulesetError: ErrorKind("unknown_ruleset", 400, EXIT_UNREADABLE),
    InvalidReview: ErrorKind("invalid_review", 400, EXIT_UNREADABLE),
    InvalidCheckDate: ErrorKind("invalid_check_date", 400, EXIT_UNREADABLE, "Check on today's date or an earlier one."),
    NotCertifiable: ErrorKind("not_certifiable", 422, EXIT_NOT_COMPLIANT, FIX_THE_FILE),
    StillReading: ErrorKind("still_reading", 409, EXIT_UNREADABLE, "Wait until the reading is done (the "
                            "submission's page shows how far it has got), then try again."),
}


def describe_error(exc: BuycleanError) -> ErrorKind:
    """Return how ``exc`` is reported: the entry of its class, or of its nearest listed base class."""
    for cls in type(exc).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    return ERRORS[BuycleanError]
