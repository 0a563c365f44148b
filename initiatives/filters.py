"""Filters of the initiative list (django-filter), with search that ignores diacritics."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from . import access
from .collation import by_vietnamese
from .forms.initiative import DATE_WIDGET
from .models import Category, Initiative, Status
from .paging import long_list
from .text import fold_query

MAX_SEARCH_LENGTH = 200  # longer than any title; a pasted page of text would only slow the database down


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search",
                                  widget=forms.TextInput(attrs={"placeholder": _("Title, author, field…")}))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices,
                                           empty_label=_("All categories"))
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=None, empty_label=_("All branches"))
    applied_from = django_filters.DateFilter(label=_("Applied from"), field_name="application_date",
                                             lookup_expr="gte", widget=DATE_WIDGET)
    applied_to = django_filters.DateFilter(label=_("Applied to"), field_name="application_date",
                                           lookup_expr="lte", widget=DATE_WIDGET)

    class Meta:
        model = Initiative
        fields = ["q", "status", "category", "branch", "applied_from", "applied_to"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        branches = access.branches_for(user) if user is not None else None
        if branches is None or (not access.is_district(user) and len(access.officer_branch_ids(user)) < 2):
            del self.filters["branch"]
            return
        branches = branches.order_by(by_vietnamese("name"))
        self.filters["branch"].queryset = branches
        # One read of the branch list, whatever its length: a select of them, or, for thousands (a province, the
        # whole federation), a box for the branch's short code rather than a select nobody could scroll.
        rows = list(branches.values_list("pk", "name")[:long_list() + 1])
        if len(rows) > long_list():
            self.filters["branch"] = django_filters.ModelChoiceFilter(
                label=_("Branch (short code)"), queryset=branches, to_field_name="code",
                widget=forms.TextInput(attrs={"placeholder": _("e.g. thpt-vinh-linh")}),
            )
        else:  # the select's options from the rows just read (validation still checks the queryset)
            field = self.form.fields["branch"]
            field.widget.choices = [("", field.empty_label), *rows]

    @property
    def form(self):
        """The filter form with Bootstrap's look (a select is a form-select, every other box a form-control)."""
        form = super().form
        for field in form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
        return form

    def search(self, queryset, name, value):
        folded = fold_query(value[:MAX_SEARCH_LENGTH])
        return queryset.filter(search_text__contains=folded) if folded else queryset
