"""Admin permissions of the awards app for each role (gathered by initiatives.roles.ensure_roles).

Which rows each user reaches, and which moves they may make, is decided by `initiatives.access` and
`nomination_workflow`; these are only the admin's model-level switches.
"""

from initiatives.access import BRANCH_OFFICER, DISTRICT_OFFICE


def _perms(model, *actions):
    return [f"models_awards.{action}_{model}" for action in actions]


ROLE_PERMISSIONS = {
    BRANCH_OFFICER: [
        *_perms("nomination", "view", "add", "change", "delete"),
        *_perms("nominationcriterion", "view", "add", "change", "delete"),
        *_perms("nominationmove", "view"),
        *_perms("criterion", "view"),
        *_perms("award", "view", "add", "change"),
    ],
    DISTRICT_OFFICE: [
        *_perms("nomination", "view", "add", "change", "delete"),
        *_perms("nominationcriterion", "view", "add", "change", "delete"),
        *_perms("nominationmove", "view"),
        *_perms("criterion", "view", "add", "change", "delete"),
        *_perms("award", "view", "add", "change", "delete"),
        *_perms("candidate", "view", "add", "delete"),
        *_perms("initiativescore", "view", "add", "change"),
        *_perms("creativelabourthreshold", "view", "add", "change"),
    ],
}
