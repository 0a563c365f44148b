"""What the admin's move actions (transitions/admin_actions.py) need from the portal: which of the workflows' roles
the user has at all. Each move's own rules decide again, row by row, when it is made."""

from .. import access

ADMIN_ROLES = ("officer", "district")  # the author side moves on the site, never in the admin


class MoveActionsAdmin:
    def has_officer_permission(self, request):
        return access.is_officer(request.user)

    def has_district_permission(self, request):
        return access.is_district(request.user)
