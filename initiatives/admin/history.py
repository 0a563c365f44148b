"""History pages of the admin, scoped exactly like the change page, and read-only.

django-simple-history's admin reads an entry by its ids alone (`<object id>/history/<history id>/`), checks only
the model-wide permission, and saves the old version over the row when the entry is posted ("revert"). So an
officer read and reverted another branch's initiative, status included, with no status-change row. Here:

- the list and every entry first find the object through `get_object`, that is the admin's `get_queryset`
  (an `access` function), then ask `has_view_or_change_permission(request, obj)` like the change page: another
  branch's object is a 404, a malformed id (letters, a NUL byte) too, never a 500;
- an entry belongs to that object or is a 404;
- revert is off: an entry is a read-only page, and a POST to it is refused (405). A revert would write the
  status, the dates and everything else the workflow owns, outside `workflow.apply` (docs/SECURITY.md).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

READ_METHODS = ("GET", "HEAD")


def showing_history_entry(request):
    """Whether this request renders a past version (every field read-only there)."""
    return getattr(request, "_portal_history_entry", False)


class ScopedReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages are scoped like the change page and never write."""

    def scoped_object_or_404(self, request, object_id):
        """The object as the change page would find it for this user, or 404 (403 without view permission)."""
        obj = self.get_object(request, unquote(object_id))  # get_queryset: the access function; bad ids -> None
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.scoped_object_or_404(request, object_id)
        return super().history_view(request, str(obj.pk), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.scoped_object_or_404(request, object_id)
        if not str(version_id).isdigit() or not str(version_id).isascii():
            raise Http404
        history_model = self.model.history.model
        if not history_model.objects.filter(**{self.model._meta.pk.attname: obj.pk}, history_id=version_id).exists():
            raise Http404
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        request._portal_history_entry = True  # every field read-only on this page
        return super().history_form_view(request, str(obj.pk), version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if showing_history_entry(request):
            editable = [f.name for f in self.model._meta.get_fields() if getattr(f, "editable", False)
                        and (f.concrete or f.many_to_many) and not f.auto_created]
            return (*readonly, *(name for name in editable if name not in readonly))
        return readonly

    def revert_disabled(self, request, obj=None):
        return True

    def has_change_history_permission(self, request, obj=None):
        return False
