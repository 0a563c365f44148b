"""Middleware of the security app: the audit of refused requests, and the 503 page for a database outage."""

from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse

from . import audit, outage


class RefusedAccessAuditMiddleware:
    """Logs what handler403 did not: other 403 responses (CSRF failures) and the admin's refusals.

    The admin answers a signed-in user who may not use it with a redirect to its login page, not a 403.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            audit.refused(request, reason="forbidden")
        elif response.status_code == 302 and self._admin_turned_away(request, response):
            audit.refused(request, reason="admin_not_allowed")
        return response

    @staticmethod
    def _admin_turned_away(request, response):
        try:
            admin_login = reverse("admin:login")
        except NoReverseMatch:
            return False
        if not response.get("Location", "").startswith(admin_login) or request.path == admin_login:
            return False
        try:
            user = getattr(request, "user", None)
            return user is not None and user.is_authenticated
        except DatabaseError:
            return False


class DatabaseUnavailableMiddleware:
    """Turns a lost database (OperationalError, InterfaceError) raised by a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if outage.is_database_outage(exception):
            return outage.service_unavailable(request, exception)
        return None
