"""The three roles as Django groups and the admin permissions each holds.

Each app may declare `ROLE_PERMISSIONS` in its own `roles.py`; `ensure_roles` gathers them all
after every migrate, so the groups always match the code.
"""

from importlib import import_module

from django.apps import apps

from .access import BRANCH_OFFICER, DISTRICT_OFFICE, MEMBER

ROLE_PERMISSIONS = {
    MEMBER: [],
    BRANCH_OFFICER: [
        "initiatives.view_branch",
        "initiatives.change_branch",
        "initiatives.view_member",
        "initiatives.add_member",
        "initiatives.change_member",
        "initiatives.view_membershiprequest",
        "initiatives.change_membershiprequest",
        "initiatives.view_initiative",
        "initiatives.add_initiative",
        "initiatives.change_initiative",
        "initiatives.view_initiativeauthor",
        "initiatives.add_initiativeauthor",
        "initiatives.change_initiativeauthor",
        "initiatives.delete_initiativeauthor",
        "initiatives.view_attachment",
        "initiatives.add_attachment",
        "initiatives.change_attachment",  # its kind, or a replacement file (initiatives.attachments)
        "initiatives.delete_attachment",
        "initiatives.view_reviewnote",
        "initiatives.add_reviewnote",
        "initiatives.view_statuschange",
    ],
    DISTRICT_OFFICE: [
        "initiatives.view_federation",
        "initiatives.change_federation",
        "initiatives.view_emulationcluster",
        "initiatives.add_emulationcluster",
        "initiatives.change_emulationcluster",
        "initiatives.view_branch",
        "initiatives.add_branch",
        "initiatives.change_branch",
        "initiatives.view_member",
        "initiatives.add_member",
        "initiatives.change_member",
        "initiatives.view_membershiprequest",
        "initiatives.change_membershiprequest",
        "initiatives.view_programme",
        "initiatives.view_programmeperiod",
        "initiatives.view_initiative",
        "initiatives.add_initiative",
        "initiatives.change_initiative",
        "initiatives.view_initiativeauthor",
        "initiatives.add_initiativeauthor",
        "initiatives.change_initiativeauthor",
        "initiatives.delete_initiativeauthor",
        "initiatives.view_attachment",
        "initiatives.add_attachment",
        "initiatives.delete_attachment",
        "initiatives.view_reviewnote",
        "initiatives.add_reviewnote",
        "initiatives.view_statuschange",
    ],
}


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
