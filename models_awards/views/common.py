"""Guards shared by the awards pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from initiatives import access


def officer_or_district(view):
    """Officers (for their own branches) and the district office; members are refused."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.oversees_branches(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def district_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.is_district(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
