from . import access
from .models import Federation


def portal(request):
    """The federation's names and the user's role, for the header and the navigation."""
    user = getattr(request, "user", None)
    return {
        "federation": Federation.current(),
        "portal_role": access.role_of(user) if user is not None else None,
    }
