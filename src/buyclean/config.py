"""Every setting buyclean reads, and the BUYCLEAN_* environment variables that override them, in one place."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from buyclean.core.readers.limits import DEFAULT_LIMITS, ReadLimits
from buyclean.core.rules import DEFAULT_RULES_DIR


def _paths(text: str) -> tuple[Path, ...]:
    return tuple(Path(p) for p in text.split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    """Defaults for an embedded single-machine service; production overrides them through the environment."""

    # Rule sets: the bundled rules/ folder, then any agency folders (BUYCLEAN_RULES_DIRS, os.pathsep-separated).
    rules_dirs: tuple[Path, ...] = (DEFAULT_RULES_DIR,)
    default_rulesets: tuple[str, ...] = ("gsa-ira-lec",)
    # Input limits: every upload path enforces them before reading.
    max_upload_bytes: int = DEFAULT_LIMITS.max_bytes
    max_pdf_pages: int = DEFAULT_LIMITS.max_pdf_pages
    pdf_time_budget_s: float = DEFAULT_LIMITS.pdf_time_budget_s
    # Seconds of OCR (Tesseract) one document may take for its scanned pages and results printed as pictures:
    # stored uploads, bulk jobs and the CLI; anonymous self-checks never OCR.
    ocr_budget_s: float = 120.0
    # The service: its instance folder holds the SQLite database and the uploaded files (files/ab/cdef...).
    instance_path: Path = Path("instance")
    # None means SQLite in the instance folder; production sets postgresql+psycopg://user:pw@host/db.
    database_url: str | None = None
    # Signs the session cookies. Unset, a random key is made once and kept in <instance>/secret_key; with several
    # web machines, set the same BUYCLEAN_SECRET_KEY on each.
    secret_key: str | None = None
    # Session cookies are sent over HTTPS only; None means "when public_url is https".
    secure_cookies: bool | None = None
    page_size: int = 25
    # Apply Alembic migrations when the app starts (off when a deploy step runs `buyclean db upgrade` itself).
    migrate_on_start: bool = True
    # Certificates: the PAdES signing key and certificate (PEM or DER). Unset, buyclean makes a self-signed pair in
    # <instance>/signing/ on first use and says so in the log.
    signing_key: Path | None = None
    signing_cert: Path | None = None
    signing_key_passphrase: str | None = None
    # Certificates of keys that signed certificates before (an EC key of an earlier version, a replaced key): their
    # signatures keep verifying. The instance's own retired keys (<instance>/signing/retired/) are trusted anyway.
    retired_signing_certs: tuple[Path, ...] = ()
    # An RFC 3161 time-stamp authority: set, every signature carries its time-stamp token (PAdES B-T); with the
    # validation data embedded as well, B-LT. Credentials for a TSA that asks for HTTP basic authentication.
    tsa_url: str | None = None
    tsa_username: str | None = None
    tsa_password: str | None = None
    # Extra certificates (PEM files) to trust for time-stamp tokens: the TSA's root, for offline checks.
    tsa_trust_certs: tuple[Path, ...] = ()
    # With a TSA: also embed the validation data (certificate chains, OCSP responses and CRLs, fetched) in a DSS
    # after signing, making signatures PAdES B-LT.
    embed_validation_data: bool = False
    # A certificate expires this many days after the check, or when the EPD does if that is sooner.
    certificate_validity_days: int = 365
    certificate_issuer: str = "buyclean"
    # Where the public verification pages are served; a certificate's QR code points at <public_url>/verify/<number>.
    public_url: str = "http://127.0.0.1:5000"
    # Set by wsgi.py (gunicorn): a production process issues certificates only with an https public_url. Elsewhere
    # (buyclean serve, bin/dev serve) a non-https public URL makes a development instance, whose certificates say so.
    production: bool = False
    # Bulk checks. None runs batch jobs in the service process (a small thread pool); production sets a
    # Redis URL (redis://host:6379/0) and runs `buyclean worker` on as many machines as it likes.
    broker_url: str | None = None
    job_queue: str = "buyclean"
    job_threads: int = 2  # embedded mode only
    # a job whose worker died unacknowledged goes back on the queue after this long (Redis visibility timeout)
    job_visibility_timeout_s: int = 600
    max_batch_bytes: int = 500 * 1024 * 1024  # one batch upload request, all files and zips together
    max_batch_files: int = 10_000
    # Zip uploads are checked against these before anything is extracted.
    max_zip_members: int = 2_000
    max_zip_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_zip_ratio: float = 100.0  # uncompressed / compressed size of any member
    # Anonymous self-checks (the upload page and POST /api/v1/assessments without an account): this many files per
    # client address in the window, and this many seconds to read each (a logged-in read has pdf_time_budget_s).
    anonymous_checks: int = 30
    anonymous_check_window_s: int = 600
    anonymous_time_budget_s: float = 5.0
    # Where failed log-ins and anonymous checks are counted per address: None is the database; a redis:// URL counts
    # them in Redis instead (under keys starting with rate_limit_prefix). Either way every process counts together.
    rate_limit_url: str | None = None
    rate_limit_prefix: str = "buyclean:rate"
    extra: dict[str, Any] = field(default_factory=dict)


_ENV: dict[str, tuple[str, Callable[[str], Any]]] = {
    "rules_dirs": ("BUYCLEAN_RULES_DIRS", lambda v: (DEFAULT_RULES_DIR, *_paths(v))),
    "default_rulesets": ("BUYCLEAN_DEFAULT_RULESETS", lambda v: tuple(s.strip() for s in v.split(",") if s.strip())),
    "max_upload_bytes": ("BUYCLEAN_MAX_UPLOAD_BYTES", int),
    "max_pdf_pages": ("BUYCLEAN_MAX_PDF_PAGES", int),
    "pdf_time_budget_s": ("BUYCLEAN_PDF_TIME_BUDGET_S", float),
    "ocr_budget_s": ("BUYCLEAN_OCR_BUDGET_S", float),
    "instance_path": ("BUYCLEAN_INSTANCE_PATH", Path),
    "database_url": ("BUYCLEAN_DATABASE_URL", str),
    "secret_key": ("BUYCLEAN_SECRET_KEY", str),
    "secure_cookies": ("BUYCLEAN_SECURE_COOKIES", lambda v: v.strip().lower() not in ("0", "false", "no", "off")),
    "page_size": ("BUYCLEAN_PAGE_SIZE", int),
    "migrate_on_start": ("BUYCLEAN_MIGRATE_ON_START", lambda v: v.strip().lower() not in ("0", "false", "no", "off")),
    "signing_key": ("BUYCLEAN_SIGNING_KEY", Path),
    "signing_cert": ("BUYCLEAN_SIGNING_CERT", Path),
    "signing_key_passphrase": ("BUYCLEAN_SIGNING_KEY_PASSPHRASE", str),
    "retired_signing_certs": ("BUYCLEAN_RETIRED_SIGNING_CERTS", _paths),
    "tsa_url": ("BUYCLEAN_TSA_URL", lambda v: v.strip()),
    "tsa_username": ("BUYCLEAN_TSA_USERNAME", str),
    "tsa_password": ("BUYCLEAN_TSA_PASSWORD", str),
    "tsa_trust_certs": ("BUYCLEAN_TSA_TRUST_CERTS", _paths),
    "embed_validation_data": ("BUYCLEAN_EMBED_VALIDATION_DATA",
                              lambda v: v.strip().lower() not in ("0", "false", "no", "off")),
    "certificate_validity_days": ("BUYCLEAN_CERTIFICATE_VALIDITY_DAYS", int),
    "certificate_issuer": ("BUYCLEAN_CERTIFICATE_ISSUER", str),
    "public_url": ("BUYCLEAN_PUBLIC_URL", lambda v: v.strip().rstrip("/")),
    "broker_url": ("BUYCLEAN_BROKER_URL", str),
    "job_queue": ("BUYCLEAN_JOB_QUEUE", str),
    "job_threads": ("BUYCLEAN_JOB_THREADS", int),
    "job_visibility_timeout_s": ("BUYCLEAN_JOB_VISIBILITY_TIMEOUT_S", int),
    "max_batch_bytes": ("BUYCLEAN_MAX_BATCH_BYTES", int),
    "max_batch_files": ("BUYCLEAN_MAX_BATCH_FILES", int),
    "max_zip_members": ("BUYCLEAN_MAX_ZIP_MEMBERS", int),
    "max_zip_uncompressed_bytes": ("BUYCLEAN_MAX_ZIP_UNCOMPRESSED_BYTES", int),
    "max_zip_ratio": ("BUYCLEAN_MAX_ZIP_RATIO", float),
    "anonymous_checks": ("BUYCLEAN_ANONYMOUS_CHECKS", int),
    "anonymous_check_window_s": ("BUYCLEAN_ANONYMOUS_CHECK_WINDOW_S", int),
    "anonymous_time_budget_s": ("BUYCLEAN_ANONYMOUS_TIME_BUDGET_S", float),
    "rate_limit_url": ("BUYCLEAN_RATE_LIMIT_URL", str),
    "rate_limit_prefix": ("BUYCLEAN_RATE_LIMIT_PREFIX", str),
}


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then BUYCLEAN_* environment variables, then explicit overrides (tests)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name in _ENV:
            var, parse = _ENV[f.name]
            if env.get(var):
                values[f.name] = parse(env[var])
    values.update(overrides)
    return Settings(**values)


def read_limits(settings: Settings, *, anonymous: bool = False) -> ReadLimits:
    """The page and time limits every read of an uploaded file keeps to; an anonymous self-check's reading time
    is the shorter anonymous budget, and it runs no OCR."""
    budget = settings.pdf_time_budget_s
    if anonymous:
        budget = min(budget, settings.anonymous_time_budget_s)
    return ReadLimits(max_bytes=settings.max_upload_bytes, max_pdf_pages=settings.max_pdf_pages,
                      pdf_time_budget_s=budget, ocr_budget_s=0.0 if anonymous else settings.ocr_budget_s)


def verify_url(settings: Settings, number: str) -> str:
    """The public page where anyone can check the certificate ``number``."""
    return f"{settings.public_url.rstrip('/')}/verify/{number}"


def database_url(settings: Settings) -> str:
    """The database URL: the configured one, or SQLite in the instance folder."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{(settings.instance_path / 'buyclean.sqlite3').resolve()}"


def instance_secret(settings: Settings) -> str:
    """The configured secret key, or the instance's own random one (made on first use, readable by its owner only)."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.instance_path / "secret_key"
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
