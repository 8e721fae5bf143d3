"""buyclean: check construction-material EPDs against Buy Clean rules. ``create_app`` builds the web service.

This module is the composition root: it puts the pages (buyclean.web) and the API (buyclean.api) on the shared
Flask runtime (buyclean.app). The layers below it are described in docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the service: defaults, then BUYCLEAN_* environment variables, then ``config`` (tests).

    Lower-case keys of ``config`` are settings (see buyclean.config.Settings); upper-case keys go to Flask as is.
    """
    # imported here so that the core (and the CLI's check command) never pays for Flask
    from flask import Flask

    from buyclean.api import api
    from buyclean.api.batches import batch_api
    from buyclean.app import idempotency, security
    from buyclean.app.batches import start_jobs
    from buyclean.app.errors import register_errors
    from buyclean.app.runtime import RowIdConverter, Runtime, close_db
    from buyclean.config import Settings, database_url, instance_secret, load_settings
    from buyclean.core.rules import load_rulesets
    from buyclean.resources import static_dir, templates_dir
    from buyclean.store import make_engine, upgrade
    from buyclean.web.auth import auth
    from buyclean.web.batches import batch_pages
    from buyclean.web.certificates import certificates
    from buyclean.web.pages import pages
    from buyclean.web.public import public
    from buyclean.web.queue import review_queue

    config = dict(config or {})
    names = {f.name for f in fields(Settings)}
    overrides = {k: v for k, v in config.items() if k in names}
    if "instance_path" in overrides:
        overrides["instance_path"] = Path(overrides["instance_path"])
    settings = load_settings(**overrides)
    instance = settings.instance_path.resolve()
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance), template_folder=str(templates_dir()),
                static_folder=str(static_dir()))
    app.url_map.converters["int"] = RowIdConverter
    app.config.update(SECRET_KEY=instance_secret(settings), MAX_CONTENT_LENGTH=settings.max_upload_bytes)
    # keep the assessment document's own key order (format, source, ... products), as the CLI prints it
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config.update({k: v for k, v in config.items() if k not in names})
    engine = make_engine(database_url(settings))
    if settings.migrate_on_start:
        upgrade(engine)
    app.extensions["buyclean"] = Runtime(settings=settings, engine=engine,
                                         rulesets=load_rulesets(settings.rules_dirs), files_dir=instance / "files")
    _sweep_orphans(app)
    app.teardown_appcontext(close_db)

    for blueprint in (pages, review_queue, public, api, certificates, auth, batch_api, batch_pages):
        app.register_blueprint(blueprint)
    secure = settings.secure_cookies if settings.secure_cookies is not None else settings.public_url.startswith("https")
    security.install(app, secure_cookies=secure, hsts=settings.public_url.startswith("https://"))
    idempotency.install(app)  # after the principal is loaded: keys are per user
    register_errors(app)
    # the embedded queue resumes unfinished jobs at once; with a broker this only connects the producer
    start_jobs(app)
    return app


def _sweep_orphans(app: Flask) -> None:
    """Remove files a crash left in the store without the row that names them (and half-written ones)."""
    from sqlmodel import Session

    from buyclean.store import sweep_orphans

    rt = app.extensions["buyclean"]
    try:
        with Session(rt.engine) as session:
            removed = sweep_orphans(session, rt.files_dir)
    except Exception:  # a database not migrated yet, a folder not readable: the service still starts
        app.logger.exception("could not sweep the file store for files without rows")
        return
    if removed:
        app.logger.warning("removed %s file(s) from %s that no row names (left by an interrupted upload)",
                           len(removed), rt.files_dir)
