"""The page shown while the database does not answer: 503, rendered without touching the database.

No request context (the context processors read the Federation), no base.html, no user: only static files and
translations, which live on disk. With CONN_HEALTH_CHECKS the next request opens a fresh connection, so the
portal comes back by itself when the database does.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("portal.availability")

RETRY_AFTER_SECONDS = 30


def is_database_outage(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def service_unavailable(request, exception=None):
    if exception is not None:
        logger.warning("database unavailable on %s %s: %s", request.method, request.path, exception)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
