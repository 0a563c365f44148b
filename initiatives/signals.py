"""Keeps roles in step: groups after migrate; an officer link grants the officer's role. Guards deletes."""

from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_migrate, pre_delete
from django.dispatch import receiver

from .models import Branch, Initiative
from .roles import ensure_roles, grant_officer_role


@receiver(post_migrate)
def create_roles(sender, **kwargs):
    if sender.name in ("initiatives", "models_awards"):  # models_awards migrates last
        ensure_roles()


@receiver(m2m_changed, sender=Branch.officers.through)
def officers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    from django.contrib.auth import get_user_model

    users = [instance] if reverse else get_user_model().objects.filter(pk__in=pk_set)
    for user in users:
        grant_officer_role(user)


@receiver(pre_delete, sender=Initiative)
def submitted_initiatives_are_never_deleted(sender, instance, **kwargs):
    """The last guard for every path that deletes through the ORM (a row, a queryset, a cascade, an admin bulk
    action): a submitted initiative is only ever rejected. A receiver also turns off the ORM's fast delete, so a
    queryset's delete() reaches this check for each row."""
    if instance.was_submitted:
        raise ProtectedError("A submitted initiative is never deleted, only rejected.", {instance})
