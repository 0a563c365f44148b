from django import template

from .. import formatting

register = template.Library()


@register.filter
def vnd(amount):
    """1234567 → "1.234.567 ₫"."""
    return formatting.format_vnd(amount)


@register.filter
def percent(rate, digits=1):
    """0.1 → "10,0%"."""
    return formatting.format_percent(rate, digits)


@register.filter
def person(user):
    """A user's name the Vietnamese way (family name first), or the user name."""
    return formatting.person_name(user)


@register.filter
def quarter(key):
    """"2021-Q3" → "Quý 3/2021"."""
    return formatting.quarter_label(key)
