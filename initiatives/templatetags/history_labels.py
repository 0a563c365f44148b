"""Words for django-simple-history's list of changes (templates/simple_history/object_history_list.html): the
name of the move that made a change, and a value's label rather than its stored code."""
from django import template

register = template.Library()


@register.filter
def move_label(reason):
    """"approve" → "Duyệt" (the workflow's name of the move); any other reason as written."""
    from ..workflow import MOVES

    move = MOVES.get(reason or "")
    return move.label if move else (reason or "")


@register.simple_tag
def value_label(record, field_name, value):
    """A changed value as people read it: the label of a choice ("branch_approved" → "CĐCS đã duyệt")."""
    model = getattr(record, "instance_type", None) or type(record.instance)
    for field in model._meta.concrete_fields:
        if field_name in (field.name, field.verbose_name) and field.choices:
            return dict(field.flatchoices).get(value, value)
    return value
