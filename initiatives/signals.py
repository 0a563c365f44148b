"""Keeps roles in step: groups after migrate; an officer link grants the officer's role."""

from django.db.models.signals import m2m_changed, post_migrate
from django.dispatch import receiver

from .models import Branch, Federation
from .roles import ensure_roles, grant_officer_role, grant_upper_staff_role


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


@receiver(m2m_changed, sender=Federation.officers.through)
def node_officers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """An officer of a union body is upper-union staff: the link grants the role and admin access."""
    if action != "post_add" or not pk_set:
        return
    from django.contrib.auth import get_user_model

    users = [instance] if reverse else get_user_model().objects.filter(pk__in=pk_set)
    for user in users:
        grant_upper_staff_role(user)
