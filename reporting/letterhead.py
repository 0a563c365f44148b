"""Who heads and signs a report: the one place that decides it (every workbook asks here).

A report the district office downloads is the district federation's: headed by it under its parent
federation and signed "TM. BAN THƯỜNG VỤ" by its chair. In the union tree that is the body the officer works for
(access.home_node): a province's, a commune union's or the district's report, headed by that body under its parent
(Federation.upper_body_name), dated at its place and signed by its chair. A report a branch officer downloads is
their branch's: headed by the branch under its upper union (Branch.federation) and signed "TM. BAN CHẤP HÀNH" by the
branch's chair (Branch.chair_name, Branch.chair_title), whoever pressed the button.
"""

from initiatives import access
from initiatives.models import Branch

from . import workbook as wb


def letterhead_for(user, *, branch=None, federation=None):
    """The Issuer (names of the header, place of the date line, signer) of a report `user` downloads; `branch` is
    the branch the report is about when it is about one (a filter, a branch's periodic report)."""
    if access.is_district(user):
        return wb.Issuer.district(federation or access.home_node(user))
    if branch is not None and not access.branches_for(user).filter(pk=branch.pk).exists():
        branch = None  # a branch the user does not oversee never heads their report
    if branch is None:
        branches = list(access.branches_for(user).order_by("pk")[:2])
        branch = branches[0] if len(branches) == 1 else None
    if branch is None:
        # An officer of several branches, reporting on them all: the branches together, unsigned by one chair.
        names = "; ".join(Branch.objects.filter(pk__in=access.officer_branch_ids(user)).values_list("name", flat=True))
        return branch_issuer(federation or access.home_node(user), Branch(name=names, chair_title="Chủ tịch"))
    return branch_issuer(federation or branch.federation, branch)


def branch_issuer(federation, branch):
    """A branch's own report: the branch under its upper union, signed for its executive committee by its chair."""
    return wb.Issuer.branch(federation, branch, branch.chair_name, signer_title=branch.chair_title)
