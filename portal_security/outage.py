"""The page shown while the database does not answer: 503, rendered without touching the database.

No request context (the context processors read the Federation), no base.html, no user: only static files and
translations, which live on disk. With CONN_HEALTH_CHECKS the next request opens a fresh connection, so the
portal comes back by itself when the database does.
"""

import functools
import logging

from django.apps import apps
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.text import capfirst

from . import conflicts

logger = logging.getLogger("portal.availability")

RETRY_AFTER_SECONDS = 30


BUSY_RETRY_AFTER_SECONDS = 5
# Never shown back: secrets, and the form machinery that means nothing to a person.
UNSHOWN_NAME_PARTS = ("password", "csrf", "token", "secret")
UNSHOWN_NAMES = {"version", "submit", "confirm", "post", "action", "_save", "_continue", "initiative_id"}
FORMSET_COUNTS = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
MOST_SHOWN = 200


def is_database_outage(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def service_unavailable(request, exception=None):
    """The 503 page: the database is down, or (a lock conflict still refused after the retries) busy. A form's
    content is never dropped silently: what a POST carried is shown back, with word that it was not saved."""
    busy = exception is not None and conflicts.is_conflict(exception)
    if exception is not None:
        logger.warning("database %s on %s %s: %s", "busy" if busy else "unavailable", request.method, request.path,
                       exception)
    context = {"busy": busy, "typed": typed_text(request)}
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS if busy else RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def typed_text(request):
    """[(label, text)] of what the user typed in the form that could not be saved (read from the request only)."""
    if request is None or request.method != "POST":
        return []
    try:
        items = request.POST.lists()
    except Exception:  # noqa: BLE001  (a body that cannot be read: nothing to show back)
        return []
    shown = []
    for name, values in items:
        lowered = name.lower()
        if name in UNSHOWN_NAMES or name.endswith(FORMSET_COUNTS) or any(p in lowered for p in UNSHOWN_NAME_PARTS):
            continue
        shown += [(label_for(name), value) for value in values if value.strip()]
    return shown[:MOST_SHOWN]


def label_for(name):
    """A field's label from the models' verbose names (no database needed): "authors-0-share_percent" is the
    share's label; a name no model knows is shown as it is."""
    field_name = name.rsplit("-", 1)[-1]
    return _labels().get(field_name, field_name)


@functools.cache
def _labels():
    labels = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            verbose = getattr(field, "verbose_name", None)
            if verbose and field.name not in labels:
                labels[field.name] = verbose
    return {name: LazyCapfirst(verbose) for name, verbose in labels.items()}


class LazyCapfirst:
    """The label in the language active when the page is rendered."""

    def __init__(self, verbose):
        self.verbose = verbose

    def __str__(self):
        return capfirst(str(self.verbose))
