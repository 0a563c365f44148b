"""The portal's date box, used by every form: typed as dd/mm/yyyy.

A text box rather than the browser's date picker, whose order follows the browser's language (mm/dd/yyyy on an
English desktop) and confuses people.
"""
from django import forms


class DateTextInput(forms.DateInput):
    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "class": "date-input"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")
