"""The shared Flask runtime of the pages (buyclean.web) and the API (buyclean.api).

``runtime``: settings, engine, rule sets, signer and the request's database session; ``security``: principals,
CSRF and security headers; ``errors``: the one error handler; ``requests`` and ``batches``: what both sides read
from a request. ``buyclean.create_app`` puts the blueprints on it.
"""
