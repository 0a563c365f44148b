"""The empty choice of a select reads "— Chọn —", not Django's "---------" (on the site and in the admin)."""
from django import forms
from django.utils.translation import gettext_lazy as _

DJANGO_BLANK = "---------"
BLANK_LABEL = _("— choose —")


def name_blank_choice(field):
    """Give one form field's empty choice a label people read."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = BLANK_LABEL
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(value == "" and label == DJANGO_BLANK for value, label in choices):
            field.choices = [(value, BLANK_LABEL if value == "" and label == DJANGO_BLANK else label)
                             for value, label in choices]
    return field


class NamedBlankChoices:
    """Form mixin: every select's empty choice reads "— Chọn —"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_blank_choice(field)


class NamedBlankChoicesAdmin:
    """ModelAdmin / InlineModelAdmin mixin: the same for the admin's forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return name_blank_choice(field) if field is not None else None
