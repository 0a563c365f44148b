"""The three roles as Django groups, and the admin pages each role opens.

A role is a group: `member`, `branch_officer`, `district_office` (upper-union staff). What a group holds are
Django's model permissions, which only say which admin pages the role opens (the ModelBackend reads them); they
are declared once, as the table below (a model, then the actions of branch officers and of upper-union staff),
and each app may declare its own table in its own `roles.py` (`admin_permissions`); `ensure_roles` gathers them
all after every migrate, so the groups always match the code.

Nothing else about who may do what is here. Which rows a user reaches is `access.py`; what they may do with one
row (change this initiative, accept this pledge, hand back this report) is the rules of `permissions.py`, which
the admin asks beside these. The table cannot be derived from the rules: a rule speaks of one object and one
user, and says nothing about which pages a role opens (a branch officer deletes a draft on the site, never in
the admin; upper-union staff change no attachment there).
"""

from importlib import import_module

from django.apps import apps

from .access import BRANCH_OFFICER, DISTRICT_OFFICE, MEMBER


def admin_permissions(app_label, table):
    """{role: ["app.action_model", ...]} from {model: (branch officers' actions, upper-union staff's actions)},
    each a string of space-separated actions ("view add change delete")."""
    return {
        role: [f"{app_label}.{action}_{model}" for model, actions in table.items() for action in actions[i].split()]
        for i, role in enumerate((BRANCH_OFFICER, DISTRICT_OFFICE))
    }


ADMIN_PAGES = {
    # model               branch officers               upper-union staff
    "federation":         ("",                          "view change"),
    "emulationcluster":   ("",                          "view add change"),
    "branch":             ("view change",               "view add change"),
    "member":             ("view add change",           "view add change"),
    "membershiprequest":  ("view change",               "view change"),
    "programme":          ("",                          "view"),
    "programmeperiod":    ("",                          "view"),
    "initiative":         ("view add change",           "view add change"),
    "initiativeauthor":   ("view add change delete",    "view add change delete"),
    "attachment":         ("view add change delete",    "view add delete"),  # change: its kind, a replacement
    "reviewnote":         ("view add",                  "view add"),
    "statuschange":       ("view",                      "view"),
}  # fmt: skip

# django-axes' lock-outs (portal_security's admin): upper-union staff see who is locked out and unlock them
# (unlocking deletes the attempts of that user name and address).
LOCKOUT_PAGES = ["axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accessfailurelog"]

ROLE_PERMISSIONS = {MEMBER: [], **admin_permissions("initiatives", ADMIN_PAGES)}
ROLE_PERMISSIONS[DISTRICT_OFFICE] += LOCKOUT_PAGES


def collected_permissions():
    merged = {role: set() for role in ROLE_PERMISSIONS}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.roles")
        except ModuleNotFoundError:
            continue
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged.setdefault(role, set()).update(perms)
    return merged


def ensure_roles():
    from django.contrib.auth.models import Group, Permission

    for role, perms in collected_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)


def grant_officer_role(user, role=BRANCH_OFFICER):
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def grant_upper_staff_role(user):
    grant_officer_role(user, DISTRICT_OFFICE)
