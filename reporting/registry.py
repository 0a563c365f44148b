"""The report kinds the portal can write, by name.

The initiatives app registers its own kinds (`initiatives`, `summary`, `programme`) in
`exports`, which its AppConfig.ready() imports. Another app adds a kind from its own
`AppConfig.ready()`, so that `initiatives` never imports it (models_awards depends on initiatives, never the reverse)::

    class ModelsAwardsConfig(AppConfig):
        def ready(self):
            from reporting.registry import ReportKind, register
            from .reports import write_exemplars

            register(ReportKind(
                key="exemplars", label=_("Exemplars and awards"), filters=("year",),
                write=write_exemplars, filename="dien-hinh-khen-thuong",
                description=_("The exemplars selected and the awards made in a year."),
            ))

`write(target, *, user, filters)` writes the workbook to `target` (a path or a binary file),
shows only what `user` may see (starting from `initiatives.access`), and returns the number of
rows written; `filters` is a `ReportFilters`. The /reports/ page, the download view and
`manage.py export_report KIND` all list and find kinds here.
"""

import contextlib
import contextvars
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

FILTER_NAMES = ("programme", "period", "branch", "status", "year")


@dataclass(frozen=True)
class ReportFilters:
    """What a report is narrowed to; None or "" means not narrowed."""

    period: object = None  # a ProgrammePeriod (of `programme`)
    branch: object = None  # a Branch the user may see
    status: str = ""
    year: int | None = None
    programme: object = None  # the Programme chosen; None: the viewer's (programmes.for_viewer)


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: object
    write: Callable
    filters: tuple = ()
    filename: str = "bao-cao"
    description: object = ""
    order: int = 100


class UnknownReport(LookupError):
    """No app has registered a report of that name; the message is for people."""


_kinds = {}


def register(kind):
    unknown = set(kind.filters) - set(FILTER_NAMES)
    if unknown:
        raise ValueError(f"Unknown filters {sorted(unknown)} for report {kind.key!r}")
    _kinds[kind.key] = kind
    return kind


def unregister(key):
    _kinds.pop(key, None)


def kinds():
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def get(key):
    try:
        return _kinds[key]
    except KeyError:
        available = ", ".join(kind.key for kind in kinds())
        if key == "exemplars":
            message = _(
                "The “exemplars” report is not available: the exemplars and awards app has not registered it. "
                "Reports available: %(available)s."
            )
        else:
            message = _("There is no report called “%(key)s”. Reports available: %(available)s.")
        raise UnknownReport(message % {"key": key, "available": available}) from None


# -- progress: who wants to hear of rows written (a background job's progress bar) -------------------------------

_row_listener = contextvars.ContextVar("report_row_listener", default=None)


@contextlib.contextmanager
def listening_to_rows(callback):
    """While the block runs, `callback(count)` hears of each batch of rows a report writes (see `rows_written`)."""
    token = _row_listener.set(callback)
    try:
        yield
    finally:
        _row_listener.reset(token)


def rows_written(count):
    """A report's row generator says it has produced `count` more rows; nothing happens when nobody listens."""
    callback = _row_listener.get()
    if callback is not None:
        callback(count)
