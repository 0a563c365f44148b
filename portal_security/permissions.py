"""Who may read the security records (the rules layer, as initiatives/permissions.py): the audit log covers every
branch and body, so only the portal's administrator reads it."""

import rules

PERMISSIONS = {
    "portal_security.view_auditevent": rules.is_superuser,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
