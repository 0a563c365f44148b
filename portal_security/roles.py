"""What the district office may do with django-axes' records: see who is locked out and unlock them.

Unlocking is deleting the AccessAttempt rows of that user name and address (the admin's "delete" action).
Gathered into the groups by initiatives.roles.ensure_roles after every migrate.
"""

from initiatives.access import DISTRICT_OFFICE

ROLE_PERMISSIONS = {
    DISTRICT_OFFICE: [
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
    ],
}
