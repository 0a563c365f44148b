"""Model fields whose forms read what people type the portal's way, in the site and in the admin alike."""

from django.db import models

from ..inputs.fields import MoneyVndField as MoneyFormField
from ..inputs.widgets import MoneyInput


class MoneyVndField(models.BigIntegerField):
    """An amount in whole đồng. Its form field reads 15.000.000 as fifteen million (a number box would read 15)
    in every ModelForm and admin page, without each one having to remember."""

    def formfield(self, **kwargs):
        # The admin passes its number box for integer fields; a number box cannot hold "15.000.000".
        kwargs["widget"] = MoneyInput()
        kwargs["form_class"] = MoneyFormField
        # Skip the integer fields' own formfield(): it adds min_value and max_value, a number box's arguments.
        return models.Field.formfield(self, **kwargs)

    def deconstruct(self):
        # Stored exactly as a BigIntegerField: migrations see no change.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.BigIntegerField", args, kwargs
