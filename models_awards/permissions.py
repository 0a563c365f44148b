"""Who may do what with the awards app's objects: its rules, beside those of `initiatives.permissions` (whose
predicates they reuse; that app never imports this one). Asked the same way:
`rules.has_perm("models_awards.change_award", user, award)`. The table is in docs/SECURITY.md.
"""

import rules

from initiatives.permissions import (
    is_branch_officer,
    is_upper_reviewer,
    is_upper_staff_with_a_node,
    oversees_branch_of,
    oversees_branches,
    upper_reviewer_or_may_be,
)

from .models import NominationStatus as S


@rules.predicate
def is_draft_nomination(user, nomination):
    return nomination is not None and nomination.status == S.DRAFT


@rules.predicate
def is_draft_or_proposed_nomination(user, nomination):
    return nomination is not None and nomination.status in (S.DRAFT, S.PROPOSED)


@rules.predicate
def is_funded_by_branch(user, award):
    return award is not None and award.funded_by_branch


@rules.predicate
def scores_candidate(user, candidate):
    """The district panel: upper-union staff over the candidate initiative's branch."""
    return candidate is not None and is_upper_reviewer(user, candidate.initiative)


# The officer edits a nomination while a draft; upper-union staff over its branch also while it is proposed.
changes_nomination = (is_branch_officer & is_draft_nomination) | (is_upper_reviewer & is_draft_or_proposed_nomination)

PERMISSIONS = {
    # The awards pages: branch officers (their branches) and upper-union staff; the selection is upper staff's.
    "models_awards.view_awards": oversees_branches,
    "models_awards.run_selection": is_upper_staff_with_a_node,  # ranking, scoring sheet, candidates
    "models_awards.score_candidate": scores_candidate,
    # Nominations
    "models_awards.nominate_from_branch": oversees_branch_of,  # a Branch: a nomination is for a branch one oversees
    "models_awards.change_nomination": changes_nomination,
    "models_awards.delete_nomination": is_draft_nomination & changes_nomination,  # anything proposed stays
    "models_awards.publish_nomination": is_upper_reviewer,  # in the public showcase (an exemplar)
    # The nomination workflow's actors (which moves each makes, in which status, is the workflow's table)
    "models_awards.move_as_branch_officer": is_branch_officer,
    "models_awards.move_as_upper_union": is_upper_reviewer,
    # Awards: upper-union staff record any award; an officer those their branch funds itself
    "models_awards.change_award": is_upper_reviewer | (is_funded_by_branch & is_branch_officer),
    "models_awards.record_any_award": upper_reviewer_or_may_be,  # any level and funding, published; delete it
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
