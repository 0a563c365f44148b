"""Who sees what: the one place for scoping.

Every list, detail page, admin queryset, dashboard figure and export starts from the querysets
here, so an officer of branch A never reaches branch B through any path. What a user may do with one object
(edit it, review it, hand it back...) is decided by the rules in `permissions.py`, built on the helpers here.

The union is a tree (`Federation` nodes, django-treebeard's materialized path) with branches as its leaves:
- an officer of a node (`Federation.officers`, in the `district_office` group: upper-union staff) sees and acts on
  every branch in the node's subtree, found with one indexed prefix query on the path, never a walk in Python;
- upper-union staff who are officer of no node see nothing (fail closed), and the refusal page says why;
- a branch officer sees their branches (`Branch.officers`), a member their own initiatives;
- a superuser sees everything.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .models import (
    SUBMITTED_STATUSES,
    Branch,
    Federation,
    Initiative,
    InitiativeAuthor,
    Member,
    MembershipRequest,
)

MEMBER = "member"
BRANCH_OFFICER = "branch_officer"
DISTRICT_OFFICE = "district_office"
ROLES = (MEMBER, BRANCH_OFFICER, DISTRICT_OFFICE)

# A condition no row meets that still compiles to SQL (an empty IN raises EmptyResultSet when a query is written
# out, as the paginator's EXPLAIN does).
NOTHING = Q(pk__isnull=True)

UNASSIGNED_EXPLANATION = _(
    "Your account belongs to upper-union staff but is not an officer of any union body yet, so it sees no branch. "
    "Ask the administrator to add you to the officers of your union body."
)


def _group_names(user):
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._portal_groups = cached
    return cached


@dataclass(frozen=True)
class NodeScope:
    """The nodes a user is officer of: their ids, the topmost paths (a node under another of theirs adds
    nothing) and whether those cover every root, i.e. the whole tree."""

    ids: frozenset = frozenset()
    paths: tuple = ()
    everything: bool = False
    owner_path: str | None = None  # the first root set up: the portal's owner (Programme.node when it has none)


def node_scope(user):
    """The user's nodes, read once per request in one query (their nodes and the roots)."""
    if not user.is_authenticated:
        return NodeScope()
    cached = getattr(user, "_portal_node_scope", None)
    if cached is None:
        mine = Federation.officers.through.objects.filter(federation_id=OuterRef("pk"), user_id=user.pk)
        rows = list(
            Federation.objects.annotate(mine=Exists(mine)).filter(Q(depth=1) | Q(mine=True))
            .order_by("path").values_list("pk", "path", "depth", "mine")
        )
        paths = []
        for _pk, path, _depth, is_mine in rows:  # ordered by path: an ancestor comes before its descendants
            if is_mine and not any(path.startswith(top) for top in paths):
                paths.append(path)
        roots = {path for _pk, path, depth, _mine in rows if depth == 1}
        first_root = min(((pk, path) for pk, path, depth, _mine in rows if depth == 1), default=(None, None))
        cached = NodeScope(
            owner_path=first_root[1],
            ids=frozenset(pk for pk, _path, _depth, is_mine in rows if is_mine),
            paths=tuple(paths),
            everything=bool(roots) and roots <= set(paths),
        )
        user._portal_node_scope = cached
    return cached


def subtree_q(paths, prefix=""):
    """The nodes under (and at) any of `paths`: `path LIKE 'p%'` on the tree's unique path index. `prefix` reaches
    the node through a relation (e.g. "federation__" from a branch)."""
    if not paths:
        return NOTHING
    return reduce(or_, (Q(**{f"{prefix}path__startswith": path}) for path in paths))


def is_upper_staff(user):
    """In the upper-union staff group (whether or not they are officer of a node)."""
    return user.is_authenticated and DISTRICT_OFFICE in _group_names(user)


def is_district(user):
    """Upper-union staff with a scope: a superuser, or a staff member who is officer of at least one node. What
    they may do is still bounded by that scope (`in_upper_scope`)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (is_upper_staff(user) and bool(node_scope(user).paths))


def is_unassigned_upper_staff(user):
    """Upper-union staff who are officer of no node: they see nothing and are told why."""
    return is_upper_staff(user) and not user.is_superuser and not node_scope(user).paths


def sees_everything(user):
    """A superuser, or upper-union staff whose nodes cover the whole tree: querysets need no filter."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (is_upper_staff(user) and node_scope(user).everything)


def officer_branch_ids(user):
    """The ids of the branches `user` is an officer of (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_portal_officer_branch_ids", None)
    if cached is None:
        cached = set(Branch.objects.filter(officers=user).values_list("pk", flat=True))
        user._portal_officer_branch_ids = cached
    return cached


def _upper_paths(user):
    """The topmost paths of the nodes whose subtrees `user` oversees as upper-union staff (none without the role)."""
    return node_scope(user).paths if is_upper_staff(user) else ()


def branch_condition(user, field="branch"):
    """A Q keeping the rows whose `field` (a branch relation) lies in `user`'s scope, or None for every branch.
    Branch officers' branches by key; upper-union staff's by their nodes' subtrees (a subquery on the path)."""
    if sees_everything(user):
        return None
    conditions = []
    ids = officer_branch_ids(user)
    if ids:
        conditions.append(Q(**{f"{field}_id__in": ids}))
    paths = _upper_paths(user)
    if paths:
        in_subtree = Branch.objects.filter(subtree_q(paths, "federation__")).values("pk")
        conditions.append(Q(**{f"{field}_id__in": in_subtree}))
    return reduce(or_, conditions) if conditions else NOTHING


def scope_key(user):
    """Which branches `user` sees, as a short string for caches keyed by scope."""
    if sees_everything(user):
        return "all"
    paths = ",".join(_upper_paths(user))
    return f"n{paths}|b{','.join(map(str, sorted(officer_branch_ids(user))))}"


def branch_ids_in_scope(user):
    """The ids of the branches in `user`'s scope, or None for every branch (for the tallies, read by key)."""
    if sees_everything(user):
        return None
    cached = getattr(user, "_portal_branch_ids_in_scope", None)
    if cached is None:
        cached = set(branches_for(user).values_list("pk", flat=True))
        user._portal_branch_ids_in_scope = cached
    return cached


def oversees_branch(user, branch_id):
    """Whether `branch_id` lies in `user`'s scope as an officer (of the branch or of a node above it)."""
    if not user.is_authenticated or branch_id is None:
        return False
    return branch_id in officer_branch_ids(user) or in_upper_scope(user, branch_id)


def in_upper_scope(user, branch_id):
    """Whether `branch_id` lies in the subtree of one of `user`'s nodes as upper-union staff (a superuser's scope,
    or nodes covering the whole tree, hold every branch)."""
    if not user.is_authenticated:
        return False
    if sees_everything(user):
        return True
    paths = _upper_paths(user)
    if not paths or branch_id is None:
        return False
    cache = user.__dict__.setdefault("_portal_branch_in_nodes", {})
    if branch_id not in cache:
        cache[branch_id] = Branch.objects.filter(subtree_q(paths, "federation__"), pk=branch_id).exists()
    return cache[branch_id]


def oversees_node(user, node):
    """Whether `node` lies in the subtree of one of `user`'s nodes (a superuser oversees every node)."""
    if not user.is_authenticated or node is None:
        return False
    if user.is_superuser:
        return True
    return any(node.path.startswith(path) for path in _upper_paths(user))


def oversees_programme(user, programme):
    """Whether `user` oversees the whole of the body that runs `programme` (its own targets then apply). No query
    for a programme of the portal's owner: the owner's path comes with the user's nodes."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if programme.federation_id is None:
        owner = node_scope(user).owner_path
        return owner is not None and any(owner.startswith(path) for path in _upper_paths(user))
    return oversees_node(user, programme.federation)


def sole_node_path(user):
    """The path of the one body whose subtree is the whole of `user`'s scope (upper-union staff officer of a single
    body, or of several within it, and of no branch), else None. No query beyond those cached on the user."""
    if not user.is_authenticated or user.is_superuser:
        return None
    paths = _upper_paths(user)
    if len(paths) != 1 or officer_branch_ids(user):
        return None
    return paths[0]


def whole_body_path(user, node=None):
    """The path of the one union body whose whole subtree is what `user` sees (narrowed to `node`, when given),
    else None: the body's own tallies then hold the figures of that scope (progress, the lists' counts)."""
    if node is not None:
        return node.path if oversees_node(user, node) else None
    if sees_everything(user):
        return None  # the whole tree: the programme's own totals, not a body's
    return sole_node_path(user)


def sole_branch_id(user):
    """The id of the one branch that is the whole of `user`'s scope (an officer of a single branch, and of no body),
    else None. No query beyond those cached on the user."""
    if not user.is_authenticated or user.is_superuser or _upper_paths(user):
        return None
    own = officer_branch_ids(user)
    return next(iter(own)) if len(own) == 1 else None


def nodes_for(user):
    """The union bodies `user` may see: their nodes' subtrees (every node for a superuser)."""
    if sees_everything(user):
        return Federation.objects.all()
    return Federation.objects.filter(subtree_q(_upper_paths(user)))


def home_node(user):
    """The node a viewer works for: their topmost node, else the node of their (first) branch as an officer, else
    the node of the branch they are a member of, else the portal's owner. Dashboards without parameters, report
    headers and the pages' heading start there."""
    if not user.is_authenticated or user.is_superuser:
        return Federation.current()
    paths = _upper_paths(user)
    if paths:
        return Federation.objects.get(path=paths[0])
    ids = officer_branch_ids(user)
    if ids:
        node = Federation.objects.filter(branches__pk__in=ids).order_by("path").first()
        if node is not None:
            return node
    member = member_of(user)
    if member is not None:
        node = Federation.objects.filter(branches__pk=member.branch_id).first()
        if node is not None:
            return node
    return Federation.current()


def is_officer(user):
    return bool(officer_branch_ids(user))


def oversees_branches(user):
    """Upper-union staff with a node or a branch officer: those who review, count, report and award (a member and
    unassigned upper-union staff do not)."""
    return is_district(user) or is_officer(user)


def member_of(user):
    """The roster entry linked to `user`, or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def role_of(user):
    """The user's main role, for landing pages and navigation (unassigned upper-union staff keep theirs: their
    pages tell them why they see nothing)."""
    if user.is_authenticated and (user.is_superuser or is_upper_staff(user)):
        return DISTRICT_OFFICE
    if is_officer(user):
        return BRANCH_OFFICER
    if user.is_authenticated:
        return MEMBER
    return None


def _scoped(queryset, user, field="branch"):
    condition = branch_condition(user, field)
    return queryset if condition is None else queryset.filter(condition)


def branches_for(user):
    """The branches `user` oversees: their own as an officer, their nodes' subtrees as upper-union staff."""
    if sees_everything(user):
        return Branch.objects.all()
    ids = officer_branch_ids(user)
    conditions = [Q(pk__in=ids) if ids else NOTHING]
    paths = _upper_paths(user)
    if paths:
        conditions.append(subtree_q(paths, "federation__"))
    return Branch.objects.filter(reduce(or_, conditions))


def members_for(user):
    """The roster entries `user` may read and edit."""
    return _scoped(Member.objects.all(), user)


def membership_requests_for(user):
    return _scoped(MembershipRequest.objects.all(), user)


def initiatives_for(user):
    """The initiatives `user` may see: all for the district, their branches' for an officer,
    their own (as author or as the one who entered it) for a member."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    if sees_everything(user):
        return Initiative.objects.all()
    condition = Q(entered_by=user)
    if officer_branch_ids(user) or _upper_paths(user):
        condition |= branch_condition(user)
    member = member_of(user)
    if member is not None:
        # A member authors a handful of initiatives: their keys, so that the database answers the three
        # conditions from three indexes (a join or a subquery here makes it read the table at a million rows).
        authored = list(InitiativeAuthor.objects.filter(member=member).values_list("initiative_id", flat=True))
        if authored:
            condition |= Q(pk__in=authored)
    return Initiative.objects.filter(condition)


def reviewable_initiatives_for(user):
    """Initiatives `user` reviews as an officer of their branch or of a node above it (never those they only
    author)."""
    return _scoped(Initiative.objects.all(), user)


def novelty_peers_for(user):
    """What an author's text is compared with while they type, beyond what they may see: what was submitted to
    their own branch. Of these the author is told only the number, the branch and the score (never the title or
    the text), so that a repeated submission is caught before it is sent."""
    member = member_of(user)
    if member is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(branch_id=member.branch_id, status__in=SUBMITTED_STATUSES)
