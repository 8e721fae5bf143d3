"""The import contract: each layer of buyclean imports only the layers below it, read from every module's source.

The contract below is the architecture (docs/architecture.md draws it). A module that imports what its layer may
not fails here, naming the module, the line and the import; change the code, not the contract, unless the
architecture itself changes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "buyclean"

# Files and folders of buyclean (by their first path part) -> the layer they belong to.
LAYER_OF = {
    "core": "core", "store": "store", "migrations": "store", "services": "services", "jobs": "jobs", "app": "app",
    "web": "web", "api": "api", "cli.py": "cli", "__init__.py": "root",
    "config.py": "config", "errors.py": "errors", "resources.py": "resources",
}
# What each layer may import of buyclean. config, errors and resources may be imported from anywhere.
ANYWHERE = {"config", "errors", "resources"}
MAY_IMPORT: dict[str, set[str]] = {
    "core": {"core"},
    "store": {"store", "core"},
    "services": {"services", "core", "store"},
    "jobs": {"jobs", "core", "store", "services"},
    "app": {"app", "core", "store", "services", "jobs"},
    "web": {"web", "app", "services", "store", "core", "jobs"},
    "api": {"api", "app", "services", "store", "core", "jobs"},
    # the entry points: `buyclean ...`, and create_app, which puts web and api on the shared app
    "cli": {"cli", "root", "app", "services", "store", "core", "jobs"},
    "root": {"root", "app", "web", "api", "services", "store", "core", "jobs"},
    "config": {"core"},
    "errors": set(),
    "resources": set(),
}
# Third-party packages a layer must not import: the core is plain functions over plain values.
FORBIDDEN: dict[str, set[str]] = {
    "core": {"flask", "werkzeug", "sqlmodel", "sqlalchemy", "alembic", "psycopg", "celery", "kombu", "redis", "click",
             "gunicorn"},
    "store": {"flask", "werkzeug", "celery", "kombu", "click"},
    "services": {"flask", "werkzeug", "celery", "kombu", "click"},
    "jobs": {"flask", "werkzeug"},
    "config": {"flask", "sqlmodel", "sqlalchemy", "celery"},
    "errors": {"flask", "sqlmodel", "sqlalchemy", "celery"},
    "resources": {"flask", "sqlmodel", "sqlalchemy", "celery"},
}


def layer_of(path: Path) -> str:
    return LAYER_OF[path.relative_to(SRC).parts[0]]


def imports_of(source: str, path: Path) -> list[tuple[int, str]]:
    """Every module the source of ``path`` imports, anywhere in it (functions too), as (line, absolute name)."""
    tree = ast.parse(source, filename=str(path))
    package = ".".join(("buyclean", *path.relative_to(SRC).with_suffix("").parts))
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from buyclean import web` imports the module buyclean.web
            if module == "buyclean":
                found += [(node.lineno, f"buyclean.{alias.name}") for alias in node.names]
    return found


def target_layer(module: str) -> str | None:
    """The layer of a buyclean module, or None for a third-party or standard module."""
    parts = module.split(".")
    if parts[0] != "buyclean":
        return None
    if len(parts) == 1:
        return "root"
    return LAYER_OF.get(parts[1]) or LAYER_OF.get(f"{parts[1]}.py") or "root"


def breaches(layer: str, imports: list[tuple[int, str]]) -> list[str]:
    """What of ``imports`` a module of ``layer`` may not import, one line each."""
    allowed = MAY_IMPORT[layer] | ANYWHERE
    forbidden = FORBIDDEN.get(layer, set())
    found = []
    for line, module in imports:
        target = target_layer(module)
        top = module.split(".")[0]
        if target is None and top in forbidden:
            found.append(f"line {line}: {module} (no {top} in {layer})")
        elif target is not None and target not in allowed:
            found.append(f"line {line}: {module} ({layer} may not import {target})")
    return found


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    for path in modules():
        assert layer_of(path) in MAY_IMPORT, path


# Parsed once, while the tests are collected: Python 3.11's ast constructor keeps its recursion depth in state shared
# by all threads, so a parse while another thread formats a traceback (3.11 parses source lines for the carets) can
# fail with "AST constructor recursion depth mismatch". At collection no test has started a thread yet.
IMPORTS = {path: imports_of(path.read_text(encoding="utf-8"), path) for path in modules()}


@pytest.mark.parametrize("path", sorted(IMPORTS), ids=lambda p: str(p.relative_to(SRC)))
def test_each_module_imports_only_what_its_layer_may(path: Path) -> None:
    found = breaches(layer_of(path), IMPORTS[path])
    assert not found, f"{path.relative_to(SRC)} breaks the import contract: " + "; ".join(found)


def test_the_contract_catches_a_breach() -> None:
    """The checker itself: a core module importing Flask, the web layer (also lazily) and a sibling relatively."""
    probe = SRC / "core" / "probe.py"
    source = ("from flask import Flask\nfrom . import model\n\n\ndef f():\n    from buyclean.web import pages\n"
              "    import buyclean.store\n")
    imports = imports_of(source, probe)
    assert imports == [(1, "flask"), (2, "buyclean.core"), (6, "buyclean.web"), (7, "buyclean.store")]
    assert breaches("core", imports) == ["line 1: flask (no flask in core)", "line 6: buyclean.web (core may not "
                                         "import web)", "line 7: buyclean.store (core may not import store)"]


def test_web_and_api_never_import_each_other() -> None:
    """Spelled out, since it is the rule most easily broken: the pages and the API share buyclean.app instead."""
    for path in modules():
        layer = layer_of(path)
        if layer in ("web", "api"):
            other = "api" if layer == "web" else "web"
            imported = imports_of(path.read_text(encoding="utf-8"), path)
            assert not [m for _, m in imported if target_layer(m) == other], path
