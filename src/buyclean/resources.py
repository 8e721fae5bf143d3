"""The files buyclean ships inside its package, found in one place: rule sets, templates, static files, migrations
and JSON schemas.

Everything is located through ``importlib.resources``, never through the source tree, so an installed wheel finds
the same files as a checkout. Jinja, WeasyPrint and Alembic read folders by path, so the package must be installed
as files (a wheel, or an editable install), not imported from a zip.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

PACKAGE = "buyclean"


@cache
def package_dir() -> Path:
    """Return the folder of the installed buyclean package."""
    root = resources.files(PACKAGE)
    path = Path(str(root))
    if not path.is_dir():
        raise RuntimeError(f"buyclean is imported from {root}, not from a folder; install it as files (pip install).")
    return path


def rules_dir() -> Path:
    """The bundled rule sets: one YAML or JSON file per program and version."""
    return package_dir() / "rules"


def templates_dir() -> Path:
    """The Jinja templates of the pages and of the certificate."""
    return package_dir() / "templates"


def certificate_assets_dir() -> Path:
    """The certificate's own stylesheet and fonts: the only files WeasyPrint may fetch."""
    return templates_dir() / "certificate"


def static_dir() -> Path:
    """The pages' scripts, stylesheet and icon, served under /static."""
    return package_dir() / "static"


def migrations_dir() -> Path:
    """The Alembic environment and revisions."""
    return package_dir() / "migrations"


def schema_text(name: str) -> str:
    """Return the text of a JSON schema shipped in schemas/, e.g. 'epd.schema.json'."""
    return resources.files(PACKAGE).joinpath("schemas", name).read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    """Return a JSON schema shipped in schemas/, parsed once per process (callers must not change it)."""
    doc: dict[str, Any] = json.loads(schema_text(name))
    return doc
