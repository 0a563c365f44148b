"""Which programmes an initiative can count for: those open for its branch on a day, and the default one.

A programme is run by a union body (`Programme.federation`; empty: the portal's owner, the first body set up) and
covers that body's subtree: it covers a branch when its body is the branch's body or one above it, that is when its
path is a prefix of the branch's body's path. It is open on a day when it is current (`is_current`) and the day lies
in its window, both ends included. Several can be open at once (the province's beside a commune union's): the member
chooses where an initiative counts.

A programme whose window has not begun or has ended is not offered, with one exception kept from before the tree:
the portal owner's own programme (no `federation`), while current, stays the default of a branch it covers that has
no programme open. Its window is the window of first application (the Vĩnh Linh plan: 01/09/2021–01/09/2023) and
its registrations go on after it, as they always have."""

from dataclasses import dataclass, field

from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Federation, Programme


def ancestor_paths(path):
    """The paths of the bodies from the root down to the body at `path` (its own included)."""
    return [path[:end] for end in range(Federation.steplen, len(path) + 1, Federation.steplen)]


def with_node_path(programmes=None):
    """`programmes` annotated with `node_path`, the path of the body that runs each (the owner's when empty)."""
    owner_path = Subquery(Federation.objects.order_by("pk").values("path")[:1])  # in the same query
    programmes = Programme.objects.all() if programmes is None else programmes
    return programmes.annotate(node_path=Coalesce("federation__path", owner_path))


def covering(node):
    """Every programme covering `node` (run by it or by a body above it), newest first. One query."""
    return with_node_path().filter(node_path__in=ancestor_paths(node.path)).order_by("-window_start", "-pk")


def today():
    return timezone.localdate()


def open_for(node, day=None):
    """The programmes open for the branches of `node` on `day` (default today), newest first. One query."""
    day = day or today()
    return list(covering(node).filter(is_current=True, window_start__lte=day, window_end__gte=day))


def _offered(candidates, path, day):
    mine = [p for p in candidates if path.startswith(p.node_path)]
    opened = [p for p in mine if p.window_end >= day]
    if opened:
        return opened
    kept = [p for p in mine if p.federation_id is None]  # the owner's plan, its window ended (see above)
    return kept[:1]


@dataclass
class Offer:
    """The programmes offered to new initiatives of some branches on one day, per body path."""

    day: object
    by_path: dict = field(default_factory=dict)

    def for_branch(self, branch):
        """The programmes offered to `branch` (whose `federation` is loaded, or its path among those read)."""
        return self.by_path.get(branch.federation.path, [])

    @property
    def programmes(self):
        """Every programme offered to any of the branches, newest first, once each."""
        seen = {}
        for programmes in self.by_path.values():
            for programme in programmes:
                seen.setdefault(programme.pk, programme)
        return sorted(seen.values(), key=lambda p: (p.window_start, p.pk), reverse=True)

    def default_for(self, branch):
        offered = self.for_branch(branch) if branch is not None else self.programmes
        return offered[0] if offered else None


def offer_for_paths(paths, day=None):
    """What is offered to the branches of the bodies at `paths` on `day`: one query for every body."""
    day = day or today()
    paths = set(paths)
    ancestors = {ancestor for path in paths for ancestor in ancestor_paths(path)}
    candidates = list(
        with_node_path().filter(node_path__in=ancestors, is_current=True, window_start__lte=day)
        .order_by("-window_start", "-pk")
    ) if ancestors else []
    return Offer(day=day, by_path={path: _offered(candidates, path, day) for path in paths})


def offer_for_branches(branches, day=None):
    """What is offered to each of `branches` (Branch rows with their `federation` loaded, or a queryset: one more
    query for the paths of their bodies)."""
    if hasattr(branches, "values_list"):
        paths = branches.order_by().values_list("federation__path", flat=True).distinct()
    else:
        paths = [branch.federation.path for branch in branches]
    return offer_for_paths(list(paths), day)


def offered_for(branch, day=None):
    """The programmes a new initiative of `branch` may count for on `day`, newest first."""
    return offer_for_paths([branch.federation.path], day).for_branch(branch)


def default_for(branch, day=None):
    """The programme a new initiative of `branch` counts for when nobody chose: the newest offered."""
    offered = offered_for(branch, day)
    return offered[0] if offered else None


def for_viewer(user):
    """The programme a viewer's reports are about: their own body's latest open programme (latest_for of
    access.home_node), so a province officer reports on the province's programme and the Vĩnh Linh district
    office on the Vĩnh Linh plan, as before. A body no programme covers (one above the portal's owner) keeps the
    owner's."""
    from . import access

    return latest_for(access.home_node(user)) or Programme.current()


def latest_for(node, covering_ones=None):
    """The node's latest open programme: the newest current one covering it (else the newest covering it); the
    portal owner's for no node. `covering_ones`: the programmes covering it, already read (with their periods)."""
    if node is None:
        return Programme.current(with_periods=True)
    if covering_ones is None:
        covering_ones = list(covering(node).prefetch_related("periods"))
    return next((p for p in covering_ones if p.is_current), covering_ones[0] if covering_ones else None)
