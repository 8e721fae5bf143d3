"""The WSGI entry point for production: gunicorn 'wsgi:app' (settings from BUYCLEAN_* environment variables)."""

from buyclean import create_app
from buyclean.app.runtime import announce_first_admin

# production: certificates are issued only with an https BUYCLEAN_PUBLIC_URL (see Settings.production)
app = create_app({"production": True})
_ = app.extensions["buyclean"].signer  # load (or create and log) the certificate-signing key at start
announce_first_admin(app)
