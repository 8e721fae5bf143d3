"""The browser side of the service: pages for officers and suppliers, and the public pages."""

from buyclean.web.pages import pages
from buyclean.web.public import public

__all__ = ["pages", "public"]
