"""The admin pages of the awards app each role opens (gathered by initiatives.roles.ensure_roles; see its docstring).

Which rows each user reaches, and what they may do with each, is decided by `initiatives.access`,
`models_awards.permissions` and the nomination workflow; these are only the admin's model-level switches.
"""

from initiatives.roles import admin_permissions

ADMIN_PAGES = {
    # model                     branch officers             upper-union staff
    "nomination":               ("view add change delete",  "view add change delete"),
    "nominationcriterion":      ("view add change delete",  "view add change delete"),
    "nominationmove":           ("view",                    "view"),
    "criterion":                ("view",                    "view add change delete"),
    "award":                    ("view add change",         "view add change delete"),
    "candidate":                ("",                        "view add delete"),
    "initiativescore":          ("",                        "view add change"),
    "creativelabourthreshold":  ("",                        "view add change"),
}  # fmt: skip

ROLE_PERMISSIONS = admin_permissions("models_awards", ADMIN_PAGES)
