"""The browser side of the service: pages for officers and suppliers, and the public pages.

Blueprints: ``pages`` (upload, submissions, review, history), ``public`` (about, health), ``auth`` (log-in, accounts,
administration, audit), ``certificates`` (issue, revoke, the public verification pages), ``batch_pages``.
They use buyclean.app and the services, never buyclean.api.
"""
