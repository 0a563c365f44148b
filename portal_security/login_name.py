"""The user name django-axes records for a login attempt."""

# No account name is longer than this (Django's user name limit); axes' own column holds 255 characters, so a
# longer name typed (or fuzzed) into the login form would fail to be recorded and turn into a server error.
MAX_LENGTH = 150


def username_for_axes(request, credentials=None):
    name = (credentials or {}).get("username")
    if name is None:
        name = request.POST.get("username", "") if request is not None else ""
    return str(name)[:MAX_LENGTH]
