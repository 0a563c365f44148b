"""Form fields for money and dates as people here type them; both read through `initiatives.parsing`, so the
form, the live eligibility panel, the admin and the imports agree on what "15.000.000" and "15.09.2021" mean."""

from django import forms
from django.core.validators import EMPTY_VALUES

from .. import formatting, parsing
from .widgets import DateTextInput, MoneyInput


class MoneyVndField(forms.Field):
    """A whole number of đồng: 15.000.000, 15 000 000 or 15000000; shown grouped with dots."""

    widget = MoneyInput
    default_error_messages = {"invalid": ""}  # the message comes from parsing, quoting what was typed

    def to_python(self, value):
        if value in EMPTY_VALUES:
            return None
        try:
            return parsing.parse_money_vnd(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        return formatting.format_amount(value) if isinstance(value, int) else value


class PortalDateField(forms.DateField):
    """A date typed day first: dd/mm/yyyy, d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy or dd/mm/yy."""

    widget = DateTextInput

    def to_python(self, value):
        if value in EMPTY_VALUES:
            return None
        try:
            return parsing.parse_date(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


def portal_formfield(db_field, **kwargs):
    """ModelForm `formfield_callback`: every date box of the form reads dates the portal's way."""
    from django.db import models

    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        return db_field.formfield(**{"form_class": PortalDateField, "widget": DateTextInput(), **kwargs})
    return db_field.formfield(**kwargs)
