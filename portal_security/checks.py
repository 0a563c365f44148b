"""Start-up checks of the security settings: a wrong TRUSTED_PROXIES entry fails loudly, never trusts silently."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .client_ip import trusted_networks


@register()
def trusted_proxies_are_addresses(app_configs, **kwargs):
    try:
        trusted_networks()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="portal_security.E001")]
    return []
