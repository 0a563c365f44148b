"""The portal's date and money boxes, used by every form.

Dates are typed as dd/mm/yyyy in a text box rather than the browser's date picker, whose order follows the
browser's language (mm/dd/yyyy on an English desktop) and confuses people. Money is a text box too: a number box
refuses "15.000.000" (or reads it as 15), which is how people here write fifteen million; static/js/money-input.js
shows the grouping while typing.
"""
from django import forms


class DateTextInput(forms.DateInput):
    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "class": "date-input"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class MoneyInput(forms.TextInput):
    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "autocomplete": "off", "class": "money-input", "data-money": "",
                    "placeholder": "15.000.000"}
        super().__init__(attrs={**defaults, **(attrs or {})})

    class Media:
        js = ["js/money-input.js"]
