"""The error pages. Refusals are written to the audit log; a lost database gives the 503 page."""

import sys

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from portal_security import audit, outage

from .. import access


def permission_denied(request, exception=None):
    audit.refused(request, reason=str(exception or "") or "permission_denied")
    # Upper-union staff who are officer of no union body see nothing: say why rather than a bare refusal.
    user = getattr(request, "user", None)
    unassigned = user is not None and access.is_unassigned_upper_staff(user)
    return render(request, "403.html", {"unassigned_explanation": access.UNASSIGNED_EXPLANATION if unassigned else ""},
                  status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Errors raised outside a view (a middleware saving the session, say) reach here, not the 503 middleware.
    if outage.is_database_outage(sys.exc_info()[1]):
        return outage.service_unavailable(request)
    # No request context: its processors read the database, which may be what failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))
