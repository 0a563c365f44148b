"""A paginator for lists of a million rows: no COUNT(*) over them, and each page read by key.

- The count: given by the caller when the tallies know it (selectors.tally_count), else the keys of the first
  PROBE + 1 rows are read, in order: when there are no more, that is the exact count, and those keys hold the
  first pages; when there are more, PostgreSQL's planner estimates the total (Django's `QuerySet.explain`;
  `estimated` is then True; elsewhere an exact count). A count that reads a thousand index entries at most, never
  the whole table.
- A page: its keys first (SELECT id … ORDER BY … LIMIT/OFFSET, answered from the index alone), then its rows by
  key, with their select_related and prefetch_related. A deep page skips index entries, not rows and joins.

The number of queries does not grow with the number of rows: with a known count, one for the keys and one for the
rows; without, the probe, the planner's estimate when the list outgrows the probe, and the rows, plus the keys
for a page beyond the probe (tests/test_query_counts_at_scale.py holds every page to a ceiling).
"""

import json
from functools import cached_property

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections

PROBE = 1000  # settings.LIST_PROBE
# More branches (or members) than this and a select gives way: a search box, one cluster's branches, a slice of
# the table. settings.LONG_LIST (the tests scale it down).
LONG_LIST = 200


def long_list():
    return getattr(settings, "LONG_LIST", LONG_LIST)


class LargeListPaginator(Paginator):
    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, count=None,
                 probe=None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.known_count = count
        self.probe = probe or getattr(settings, "LIST_PROBE", PROBE)
        self.estimated = False
        self._probed = None

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
        # The keys of the first rows, in order: they count a short list and hold its first pages (a search then
        # reads its index once, not once for the count and once for the page).
        self._probed = list(self.object_list.values_list("pk", flat=True)[:self.probe + 1])
        probed = len(self._probed)
        if probed <= self.probe:
            return probed
        estimate, exact = approximate_count(self.object_list)
        self.estimated = not exact
        return max(estimate, self.probe + 1)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self._probed is not None and top <= len(self._probed):
            keys = self._probed[bottom:top]
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)} if keys else {}
        return Page([rows[key] for key in keys if key in rows], number, self)


def approximate_count(queryset):
    """(count, exact): the planner's estimate of the rows of `queryset` on PostgreSQL (no row is read); elsewhere
    (SQLite: a district's data, or tests) the exact count."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset.count(), True
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"]), False
