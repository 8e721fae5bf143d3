"""The WSGI entry point for production: gunicorn 'wsgi:app' (settings from BUYCLEAN_* environment variables)."""

from buyclean import create_app
from buyclean.app.runtime import announce_first_admin

app = create_app()
_ = app.extensions["buyclean"].signer  # load (or create and log) the certificate-signing key at start
announce_first_admin(app)
