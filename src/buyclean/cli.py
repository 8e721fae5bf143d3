"""The `buyclean` command line: the same core calls as the web service, for people and scripts."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from buyclean.check import check_bytes
from buyclean.config import load_settings
from buyclean.errors import BuycleanError, InputTooLarge, RulesetError, UnsupportedFormat
from buyclean.model import Overall
from buyclean.report import assessment_json, assessment_text, error_json
from buyclean.rules import RuleSet, load_rulesets, select

EXIT_OK, EXIT_NOT_COMPLIANT, EXIT_UNREADABLE = 0, 1, 2
_EXIT = {Overall.COMPLIANT: EXIT_OK, Overall.NON_COMPLIANT: EXIT_NOT_COMPLIANT,
         Overall.NEEDS_REVIEW: EXIT_NOT_COMPLIANT, Overall.ERROR: EXIT_UNREADABLE}


def _fail(message: str) -> None:
    click.echo(f"buyclean: {message}", err=True)
    sys.exit(EXIT_UNREADABLE)


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
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", "rules", multiple=True, metavar="NAME",
              help="Rule set id (repeat or comma-separate); default: gsa-ira-lec.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Check date (default today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(files: tuple[Path, ...], rules: tuple[str, ...], on: str | None, fmt: str) -> None:
    """Check EPD files (PDF, openEPD, EC3, ILCD+EPD, ISO 22057 or buyclean JSON)."""
    try:
        check_date = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        _fail(f"--on '{on}' is not a date; write it as YYYY-MM-DD, e.g. --on 2025-06-30.")
        return
    rulesets = _rulesets(rules)
    settings = load_settings()
    exit_code = EXIT_OK
    for path in files:
        code = _check_one(path, rulesets, check_date, fmt, settings.max_upload_bytes)
        exit_code = max(exit_code, code)
    sys.exit(exit_code)


def _check_one(path: Path, rulesets: list[RuleSet], on: dt.date, fmt: str, max_bytes: int) -> int:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(f"{size:,} bytes is over the {max_bytes:,}-byte limit (BUYCLEAN_MAX_UPLOAD_BYTES).")
        data = path.read_bytes()
        assessment = check_bytes(data, path.name, rulesets, on)
    except OSError as exc:
        return _report_error(path, "unreadable", f"cannot open the file: {exc.strerror or exc}", None, fmt)
    except BuycleanError as exc:
        kind = "unsupported" if isinstance(exc, UnsupportedFormat) else "too_large" \
            if isinstance(exc, InputTooLarge) else "unreadable"
        return _report_error(path, kind, exc.message, exc.where, fmt)
    if fmt == "json":
        click.echo(json.dumps(assessment_json(assessment), ensure_ascii=False))
    else:
        click.echo(assessment_text(assessment))
        click.echo()
    return _EXIT[assessment.status]


def _report_error(path: Path, kind: str, message: str, where: str | None, fmt: str) -> int:
    click.echo(f"buyclean: {path}: {message}" + (f" (at {where})" if where else ""), err=True)
    if fmt == "json":
        click.echo(json.dumps(error_json(None, path.name, kind, message, where), ensure_ascii=False))
    return EXIT_UNREADABLE


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


@rules.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def rules_validate(files: tuple[Path, ...]) -> None:
    """Validate rule files against the rule-set schema (default: every loaded rule file)."""
    from buyclean.rules import load_ruleset_file

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
