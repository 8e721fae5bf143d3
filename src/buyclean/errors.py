"""The few named exceptions the core raises; each entry point maps them to its own form in one place."""

from __future__ import annotations


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
