from django.utils.functional import SimpleLazyObject

from . import access, todo
from .models import Federation


def portal(request):
    """The union body's names and the user's role, for the header and the navigation. The body is the viewer's own
    (access.home_node: a province officer's pages are headed by the province), read only by a template that shows
    it (the admin's pages do not)."""
    user = getattr(request, "user", None)
    return {
        "federation": SimpleLazyObject(
            (lambda: access.home_node(user)) if user is not None and user.is_authenticated else Federation.current
        ),
        "portal_role": access.role_of(user) if user is not None else None,
        # What waits for the user, counted only by a page that shows the menu (initiatives/todo.py).
        "todo_counts": SimpleLazyObject(lambda: todo.counts_for(user)) if user is not None else None,
    }
