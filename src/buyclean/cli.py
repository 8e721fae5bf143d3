"""The `buyclean` command line: the same core calls as the web service, for people and scripts."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from buyclean.config import Settings, load_settings, read_limits
from buyclean.core.assess import check_date
from buyclean.core.model import Overall
from buyclean.core.pipeline import check_bytes
from buyclean.core.readers import refuse_oversize
from buyclean.core.report import assessment_json, assessment_text, error_json
from buyclean.core.rules import RuleSet, load_rulesets, select
from buyclean.errors import (
    EXIT_NOT_COMPLIANT,
    EXIT_OK,
    EXIT_UNREADABLE,
    BuycleanError,
    InvalidCheckDate,
    RulesetError,
    describe_error,
)

_EXIT = {Overall.COMPLIANT: EXIT_OK, Overall.NON_COMPLIANT: EXIT_NOT_COMPLIANT,
         Overall.NEEDS_REVIEW: EXIT_NOT_COMPLIANT, Overall.ERROR: EXIT_UNREADABLE}


def _fail(message: str) -> None:
    click.echo(f"buyclean: {message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def _check_date(on: str | None) -> dt.date:
    """The --on date, or today; a date that is not one, or is after today, ends the command (exit 2)."""
    try:
        return check_date(dt.date.fromisoformat(on) if on else None)
    except ValueError:
        _fail(f"--on '{on}' is not a date; write it as YYYY-MM-DD, e.g. --on 2025-06-30.")
    except InvalidCheckDate as exc:
        _fail(f"--on {on}: {exc.message}")
    raise AssertionError("unreachable: _fail exits")


def _rulesets(names: tuple[str, ...]) -> list[RuleSet]:
    settings = load_settings()
    wanted = [n.strip() for name in names for n in name.split(",") if n.strip()] or list(settings.default_rulesets)
    try:
        return select(load_rulesets(settings.rules_dirs), wanted)
    except RulesetError as exc:
        _fail(exc.message)
        raise  # unreachable: _fail exits


@click.group()
@click.version_option(package_name="buyclean")
def main() -> None:
    """Check construction-material EPDs against Buy Clean rules."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", "rules", multiple=True, metavar="NAME",
              help="Rule set id (repeat or comma-separate); default: gsa-ira-lec.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Check date (default today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--bulk", "bulk", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Check every file under DIR (zips unpacked) as one stored batch: on the Celery workers when "
                   "BUYCLEAN_BROKER_URL is set, else in this process.")
@click.option("--submitted-by", "submitted_by", metavar="TEXT", help="With --bulk: who the batch is recorded as from.")
def check(files: tuple[Path, ...], rules: tuple[str, ...], on: str | None, fmt: str, bulk: Path | None,
          submitted_by: str | None) -> None:
    """Check EPD files (PDF, openEPD, EC3, ILCD+EPD, ISO 22057 or buyclean JSON)."""
    if bool(files) == (bulk is not None):
        _fail("give the EPD files to check, or --bulk DIR, but not both.")
    on_date = _check_date(on)
    rulesets = _rulesets(rules)
    if bulk is not None:
        sys.exit(_check_bulk(bulk, rulesets, on_date, fmt, submitted_by))
    settings = load_settings()
    exit_code = EXIT_OK
    for path in files:
        code = _check_one(path, rulesets, on_date, fmt, settings)
        exit_code = max(exit_code, code)
    sys.exit(exit_code)


def _check_bulk(directory: Path, rulesets: list[RuleSet], on: dt.date, fmt: str, actor: str | None) -> int:
    from buyclean.jobs import context_from
    from buyclean.jobs.bulk import Progress, check_directory

    settings = load_settings()
    shown = {"finished": -1}

    def report(p: Progress) -> None:
        if p.finished != shown["finished"]:
            shown["finished"] = p.finished
            click.echo(f"\rbatch {p.batch_id}: {p.finished}/{p.total} finished ({p.counts['failed']} failed, "
                       f"{p.counts['running']} running)", err=True, nl=False)

    try:
        end, items, where = check_directory(settings, context_from(settings), directory, rulesets, on, actor=actor,
                                            on_progress=report)
    except BuycleanError as exc:
        _fail(exc.message)
        return EXIT_UNREADABLE
    rate = end.total / end.elapsed_s if end.elapsed_s > 0 else 0.0
    click.echo("", err=True)
    if fmt == "json":
        for item, submission in items:
            click.echo(json.dumps({"batch": end.batch_id, "filename": item.filename, "sha256": item.sha256,
                                   "status": submission.status if submission else "error",
                                   "submission_id": item.submission_id, "error": item.error,
                                   "message": item.message}, ensure_ascii=False))
    else:
        for item, _submission in items:
            if item.status == "failed":
                click.echo(f"buyclean: {item.filename}: {item.message}", err=True)
    r = end.results
    click.echo(f"batch {end.batch_id}: {end.total} files checked {where} in {end.elapsed_s:.1f} s "
               f"({rate:.1f} files/s): {r['compliant']} compliant, {r['non_compliant']} not compliant, "
               f"{r['needs_review']} need review, {end.counts['failed']} failed; see /batches/{end.batch_id}",
               err=fmt == "json")
    if end.counts["failed"]:
        return EXIT_UNREADABLE
    return EXIT_NOT_COMPLIANT if r["non_compliant"] or r["needs_review"] else EXIT_OK


@main.command()
@click.option("-c", "--concurrency", type=int, help="Worker processes (default: one per CPU).")
@click.option("--loglevel", default="INFO", show_default=True)
def worker(concurrency: int | None, loglevel: str) -> None:
    """Run a Celery worker for bulk checks on BUYCLEAN_BROKER_URL (= `celery -A buyclean.jobs.worker worker`)."""
    from buyclean.jobs import celery_app

    settings = load_settings()
    if not settings.broker_url:
        _fail("BUYCLEAN_BROKER_URL is not set; point it at the Redis the web service uses, e.g. "
              "redis://127.0.0.1:6379/0 (without a broker the service runs bulk checks itself).")
    argv = ["worker", "--queues", settings.job_queue, "--loglevel", loglevel]
    if concurrency:
        argv += ["--concurrency", str(concurrency)]
    celery_app(settings).worker_main(argv)


def _check_one(path: Path, rulesets: list[RuleSet], on: dt.date, fmt: str, settings: Settings) -> int:
    try:
        limits = read_limits(settings)
        refuse_oversize(path.stat().st_size, limits)  # before reading it into memory
        assessment = check_bytes(path.read_bytes(), path.name, rulesets, on, limits=limits)
    except OSError as exc:
        return _report_error(path, "unreadable", f"cannot open the file: {exc.strerror or exc}", None, fmt)
    except BuycleanError as exc:
        described = describe_error(exc)
        return _report_error(path, described.kind, exc.message, exc.where, fmt, described.exit_code)
    if fmt == "json":
        click.echo(json.dumps(assessment_json(assessment), ensure_ascii=False))
    else:
        click.echo(assessment_text(assessment))
        click.echo()
    return _EXIT[assessment.status]


def _report_error(path: Path, kind: str, message: str, where: str | None, fmt: str,
                  exit_code: int = EXIT_UNREADABLE) -> int:
    click.echo(f"buyclean: {path}: {message}" + (f" (at {where})" if where else ""), err=True)
    if fmt == "json":
        click.echo(json.dumps(error_json(None, path.name, kind, message, where), ensure_ascii=False))
    return exit_code


@main.group()
def rules() -> None:
    """List and validate rule sets."""


@rules.command("list")
def rules_list() -> None:
    """List the rule sets that are loaded, with their versions and rows."""
    try:
        loaded = load_rulesets(load_settings().rules_dirs)
    except RulesetError as exc:
        _fail(exc.message)
        return
    for rs in loaded.values():
        click.echo(f"{rs.id:<24} {rs.version:<10} {len(rs.rules):>3} rows  {rs.name}  ({rs.path})")
        click.echo(f"{'':<24} {rs.program_status.line()}")


@rules.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def rules_validate(files: tuple[Path, ...]) -> None:
    """Validate rule files against the rule-set schema (default: every loaded rule file)."""
    from buyclean.core.rules import load_ruleset_file

    try:
        if files:
            for path in files:
                rs = load_ruleset_file(path)
                click.echo(f"{path}: ok ({rs.id} {rs.version}, {len(rs.rules)} rows)")
        else:
            for rs in load_rulesets(load_settings().rules_dirs).values():
                click.echo(f"{rs.path}: ok ({rs.id} {rs.version}, {len(rs.rules)} rows)")
    except RulesetError as exc:
        _fail(exc.message)


def _shown(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Reload on code changes and show the debugger (never in production).")
def serve(host: str, port: int, debug: bool) -> None:
    """Run the web service (SQLite in ./instance unless BUYCLEAN_DATABASE_URL is set); applies migrations first."""
    from buyclean import create_app
    from buyclean.config import database_url

    # certificates' QR codes point at this server unless BUYCLEAN_PUBLIC_URL names the public address
    app = create_app(None if os.environ.get("BUYCLEAN_PUBLIC_URL") else {"public_url": f"http://{host}:{port}"})
    settings = app.extensions["buyclean"].settings
    click.echo(f"buyclean: database {_shown(database_url(settings))}", err=True)
    _ = app.extensions["buyclean"].signer  # load (or create and log) the signing key now, not mid-request
    from buyclean.app.runtime import announce_first_admin

    announce_first_admin(app)
    click.echo(f"buyclean: serving on http://{host}:{port}/  (Ctrl+C stops it)", err=True)
    app.run(host=host, port=port, debug=debug, use_reloader=debug, request_handler=_quiet_request_handler())


def _quiet_request_handler() -> Any:
    """Werkzeug's request handler, naming no versions: its Server header says 'Werkzeug/3.x Python/3.x', which
    only helps an attacker pick the exploit."""
    from werkzeug.serving import WSGIRequestHandler

    class QuietRequestHandler(WSGIRequestHandler):
        def version_string(self) -> str:
            return "buyclean"

    return QuietRequestHandler


def _engine() -> Any:
    from buyclean.config import database_url
    from buyclean.store import make_engine, upgrade

    engine = make_engine(database_url(load_settings()))
    upgrade(engine)
    return engine


@main.group()
def users() -> None:
    """Manage accounts (the first administrator, officers, auditors, suppliers)."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", default="", help="Display name (default: the e-mail).")
@click.option("--role", required=True, type=click.Choice(["supplier", "officer", "auditor", "admin"]))
@click.option("--organisation", "organisation", help="The supplier's company or the officer's/auditor's agency.")
@click.option("--audits", "audits", multiple=True, metavar="AGENCY", help="Auditors: an agency they audit (repeat).")
@click.option("--password", envvar="BUYCLEAN_NEW_PASSWORD", help="Default: asked for (or BUYCLEAN_NEW_PASSWORD).")
def users_create(email: str, name: str, role: str, organisation: str | None, audits: tuple[str, ...],
                 password: str | None) -> None:
    """Create an account, for example the first administrator: buyclean users create --role admin --email ..."""
    from sqlmodel import Session

    from buyclean.services.accounts import AccountError, create_user

    if not password:
        password = click.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)
    with Session(_engine(), expire_on_commit=False) as session:
        try:
            user = create_user(session, email=email, name=name, role=role, password=password or "",
                               organisation=organisation, actor="command line", assigned_agencies=audits)
        except AccountError as exc:
            _fail(exc.message)
            return
    click.echo(f"created {user.email} ({user.role}{', ' + organisation if organisation else ''})")


@main.group()
def organisations() -> None:
    """Organisations: list them, and verify a company that signed itself up."""


@organisations.command("list")
def organisations_list() -> None:
    """List every organisation with its number, kind and whether it is verified."""
    from sqlmodel import Session

    from buyclean.services.accounts import organisations as all_organisations

    with Session(_engine()) as session:
        for org in all_organisations(session):
            click.echo(f"{org.id:>6}  {org.kind:<8}  {'verified' if org.verified else 'UNVERIFIED':<10}  {org.name}")


@organisations.command("verify")
@click.argument("number", type=int)
def organisations_verify(number: int) -> None:
    """Mark organisation NUMBER as verified (after checking who it is, outside buyclean)."""
    from sqlmodel import Session

    from buyclean.services.accounts import AccountError, verify_organisation

    with Session(_engine(), expire_on_commit=False) as session:
        try:
            org = verify_organisation(session, organisation_id=number, actor="command line")
        except AccountError as exc:
            _fail(exc.message)
            return
    click.echo(f"verified {org.id} {org.name}")


@main.group()
def audit() -> None:
    """The audit trail."""


@audit.command("verify")
@click.option("--head", "head", metavar="HASH",
              help="A chain head kept elsewhere (from the audit page, its CSV or a certificate's record): also check "
                   "that the trail up to it is there, unchanged.")
def audit_verify(head: str | None) -> None:
    """Re-compute the audit trail's hash chain: exit 0 when intact, 1 when an event was changed or removed."""
    import re

    from sqlmodel import Session

    from buyclean.store import chain_head, verify_chain

    if head is not None and not re.fullmatch(r"[0-9a-f]{64}", head.strip().lower()):
        _fail(f"--head '{head}' is not a chain head: give the 64 hexadecimal digits the audit page shows.")
    with Session(_engine()) as session:
        result = verify_chain(session, head=head.strip().lower() if head else None)
        now = chain_head(session)
    if result.ok:
        click.echo(f"audit trail intact: {result.count} events, each chained to the one before"
                   + (f"; the kept head is event {result.head_event}" if result.head_event is not None else ""))
        if now is not None:
            click.echo(f"head now: {now.hash}")
        return
    for problem in result.problems:
        click.echo(problem, err=True)
    sys.exit(1)


@main.group()
def db() -> None:
    """Manage the database."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply the database migrations (to BUYCLEAN_DATABASE_URL, or SQLite in the instance folder)."""
    from buyclean.config import database_url
    from buyclean.store import make_engine, upgrade

    url = database_url(load_settings())
    upgrade(make_engine(url), revision)
    click.echo(f"buyclean: {_shown(url)} is at revision {revision}")


# --- certificates ----------------------------------------------------------------------------------------
# WeasyPrint and pyHanko are imported inside the commands: `buyclean check` never pays for them.


def _quiet_libraries() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, format="buyclean: %(message)s")
    # pyHanko logs every failed path validation with a traceback; the command reports the outcome itself
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools", "weasyprint"):
        logging.getLogger(name).setLevel(logging.ERROR)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", "rules", metavar="NAME", help="Rule set id to certify against; default: the first default.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Check date (default today).")
@click.option("--product", "product", type=int, metavar="N", help="Certify only product N (1-based); default: every "
              "product that passes.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (several products: OUT-N.pdf); default: <number>.pdf.")
def certify(file: Path, rules: str | None, on: str | None, product: int | None, output: Path | None) -> None:
    """Check an EPD and make a signed PDF/A-3b self-check for each product that passes (offline).

    A self-check is not registered with any service: its title says so, it carries no QR code, and it cannot be
    looked up or revoked. Certificates that others can check come from the service (POST /api/v1/...).
    """
    from buyclean.core.certificates import (
        MODE_SELF_CHECK,
        NotCertifiable,
        SigningError,
        certificate_data,
        certificate_number,
        fingerprint,
        load_or_create_signer,
        render_certificate,
        sign_pdf,
    )

    _quiet_libraries()
    settings = load_settings()
    # a certificate never states a future check date: --on after today is refused, not clamped
    on_date = _check_date(on)
    ruleset = _rulesets((rules,) if rules else ())[0]
    try:
        limits = read_limits(settings)
        refuse_oversize(file.stat().st_size, limits)  # before reading it into memory
        assessment = check_bytes(file.read_bytes(), file.name, [ruleset], on_date, limits=limits)
        signer = load_or_create_signer(settings.instance_path, settings.signing_key, settings.signing_cert,
                                       settings.signing_key_passphrase)
    except OSError as exc:
        _fail(f"{file}: cannot open the file: {exc.strerror or exc}")
        return
    except BuycleanError as exc:
        _fail(f"{file}: {exc.message}")
        return
    assert signer.signing_cert is not None
    key_fingerprint = fingerprint(signer.signing_cert.dump())
    indexes = [product - 1] if product is not None else list(range(len(assessment.products)))
    issued, refused = 0, 0
    for index in indexes:
        number = certificate_number()
        try:
            data = certificate_data(assessment, index, ruleset, number=number,
                                    issuer=f"{settings.certificate_issuer} on the command line (self-check)",
                                    verify_url="", validity=dt.timedelta(days=settings.certificate_validity_days),
                                    mode=MODE_SELF_CHECK, signer_fingerprint=key_fingerprint)
            pdf = sign_pdf(render_certificate(data), signer)
        except NotCertifiable as exc:
            refused += 1
            click.echo(f"buyclean: {file}: {exc.message}", err=True)
            continue
        except SigningError as exc:
            _fail(exc.message)
            return
        target = output or Path(f"{number}.pdf")
        if output is not None and len(indexes) > 1:
            target = output.with_name(f"{output.stem}-{index + 1}{output.suffix or '.pdf'}")
        target.write_bytes(pdf)
        issued += 1
        click.echo(f"{target}: self-check, not registered with any service (no QR code): {number} for product "
                   f"{index + 1} ({data.product_name}), "
                   f"{data.tier_label} under {ruleset.id} {ruleset.version}, checked on "
                   f"{data.checked_on.isoformat()}, expires {data.expires_on.isoformat()}")
        click.echo(f"  {ruleset.program_status.line()}" + (f"\n  {data.tier_note}" if data.tier_note else ""))
        click.echo(f"  signed with the local key SHA-256 {key_fingerprint}")
    sys.exit(EXIT_OK if issued and not refused else EXIT_NOT_COMPLIANT)


@main.command("verify-certificate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cert", "cert", type=click.Path(dir_okay=False, path_type=Path),
              help="The signing certificate to trust (PEM or DER); default: the configured or instance one, and "
                   "the certificates of retired keys.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Date to check expiry against (default today).")
@click.option("--online", is_flag=True, help="Also ask the issuing service (the address printed in the "
              "certificate) whether it is revoked, expired or unknown.")
def verify_certificate(file: Path, cert: Path | None, on: str | None, online: bool) -> None:
    """Check a certificate PDF offline: signature, integrity, embedded data; exit 0 valid, 1 invalid, 2 unreadable.

    Offline, revocation cannot be checked: the command says so and where to check; --online asks the issuer.
    """
    from buyclean.core.certificates import UnreadableCertificate, trusted_certificates, verify_certificate_pdf

    _quiet_libraries()
    settings = load_settings()
    try:
        when = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        _fail(f"--on '{on}' is not a date; write it as YYYY-MM-DD, e.g. --on 2025-06-30.")
        return
    try:
        trusted = [cert.read_bytes()] if cert else trusted_certificates(
            settings.instance_path, settings.signing_cert, settings.retired_signing_certs)
        tsa_roots = [path.read_bytes() for path in settings.tsa_trust_certs]
    except OSError as exc:
        _fail(f"cannot read the signing certificate {exc.filename}: {exc.strerror or exc}; pass the issuer's "
              "certificate with --cert FILE.pem.")
        return
    if not trusted:
        _fail("no signing certificate to trust: pass the issuer's certificate with --cert FILE.pem (the service "
              "publishes it at /api/v1/signing-certificate.pem).")
        return
    try:
        from buyclean.core.certificates import load_certificate

        verification = verify_certificate_pdf(file.read_bytes(), trusted, on=when,
                                              timestamp_roots=[load_certificate(c) for c in tsa_roots])
    except OSError as exc:
        _fail(f"{file}: cannot open the file: {exc.strerror or exc}")
        return
    except (UnreadableCertificate, BuycleanError) as exc:
        _fail(f"{file}: {exc.message}")
        return
    where = (verification.certificate or {}).get("verify_url")
    if not verification.valid:
        click.echo(f"{file}: NOT VALID" + (f" (certificate {verification.number})" if verification.number else ""))
        for problem in verification.problems:
            click.echo(f"  - {problem}")
        sys.exit(EXIT_NOT_COMPLIANT)
    product = (verification.certificate or {}).get("product_name")
    at = verification.signed_at
    signed = f"{verification.signer_subject}{' at ' + at.isoformat(timespec='seconds') if at else ''}"
    click.echo(f"{file}: signature and data valid: certificate {verification.number} for {product}, signed by "
               f"{signed} (key SHA-256 {verification.signer_fingerprint}), expires "
               f"{verification.expires_on.isoformat() if verification.expires_on else 'unknown'}")
    mode = (verification.certificate or {}).get("mode", "service")
    if mode == "self-check":
        click.echo("  This is a self-check, not registered with any service: no one answers for it, and it cannot "
                   "be revoked or looked up.")
        sys.exit(EXIT_OK)
    if mode == "development":
        click.echo("  Issued by a development instance: not a valid certificate.")
    if verification.timestamped_at is not None:
        click.echo(f"  time-stamped {verification.timestamped_at.isoformat(timespec='seconds')} by "
                   f"{verification.timestamp_authority}")
    if not online:
        click.echo("  Revocation was NOT checked (offline): only the issuer knows whether it revoked this "
                   f"certificate since; check {where or 'the issuing service'} or run again with --online.")
        sys.exit(EXIT_OK)
    from buyclean.services.issuing import ask_issuer

    if not where:
        _fail(f"{file}: the certificate names no issuing service to ask (no verify URL in certificate.json).")
        return
    answer = ask_issuer(str(where))
    click.echo(f"  {answer.state.upper()} according to {where}" + (f": {answer.detail}" if answer.detail else ""))
    if answer.state == "valid":
        sys.exit(EXIT_OK)
    if answer.state == "unreachable":
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_NOT_COMPLIANT)
