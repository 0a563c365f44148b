from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the portal's icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
