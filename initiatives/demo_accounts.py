"""The demo's accounts (seed_demo, and seed_demo --province): made once, never changed on a second run, so a
password a tester changed stays changed."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def demo_account(username, *, password, first_name="", last_name="", email=None, group=None, staff=False,
                 superuser=False):
    """The account `username`, created with `password` (None: no usable password, it cannot log in) if it does
    not exist; in `group` if given."""
    user, created = get_user_model().objects.get_or_create(username=username, defaults={
        "first_name": first_name, "last_name": last_name,
        "email": f"{username}@example.vn" if email is None else email,
        "is_staff": staff or superuser, "is_superuser": superuser})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user
