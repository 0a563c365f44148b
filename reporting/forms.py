"""The forms of the reports pages: a report's filters, the branch report's text, an import's upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives import access, programmes
from initiatives.collation import by_vietnamese
from initiatives.forms.choices import NamedBlankChoices
from initiatives.models import Programme, ProgrammePeriod, Status
from initiatives.paging import long_list

from .registry import ReportFilters


def _as_id(value):
    """A programme id as a browser sent it, or 0 (which matches none)."""
    value = str(value).strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0


class ReportFilterForm(NamedBlankChoices, forms.Form):
    """The filters a report kind takes; the branches offered are the user's own (`access.branches_for`). The
    programme is one of those covering the viewer's body (programmes.viewer_choice), chosen above the cards and
    carried by each form; its periods are offered."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False,
                                       widget=forms.HiddenInput)
    period = forms.ModelChoiceField(label=_("Period"), queryset=ProgrammePeriod.objects.none(), required=False,
                                    empty_label=_("Whole programme"))
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Every status except draft, returned and not recognised")),
                                        *Status.choices])
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, user, kind, programme=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = self.data.get("programme") if self.is_bound else None
        self.programme_refused = False
        if programme is None or wanted:
            chosen, choices = programmes.viewer_choice(user, _as_id(wanted) if wanted else None)
            self.programme_refused = chosen is None
            programme = chosen or programme or programmes.for_viewer(user)
        elif choices is None:
            choices = [programme]
        self.programme = programme
        self.fields["programme"].queryset = Programme.objects.filter(pk__in=[p.pk for p in choices] or [0])
        self.fields["programme"].initial = programme.pk if programme else None
        self.fields["period"].queryset = (
            ProgrammePeriod.objects.filter(programme=programme) if programme else ProgrammePeriod.objects.none()
        )
        if "branch" in kind.filters:
            self._branch_field(access.branches_for(user).order_by(by_vietnamese("name")), user)
        years = programme.exemplar_years() if programme else []
        self.fields["year"].choices = [("", _("Every year")), *[(year, str(year)) for year in years]]
        for name in list(self.fields):
            if name not in kind.filters:
                del self.fields[name]
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if select else "form-control form-control-sm"

    def _branch_field(self, branches, user):
        """One read of the branch list, whatever its length: a select of them, or, for thousands (a province), a
        box for the branch's short code, as in the list's filters (a select of 10,000 branches on each card made
        the page 3 MB and took seconds to draw)."""
        field = self.fields["branch"]
        field.queryset = branches
        field.empty_label = _("All branches") if access.is_district(user) else _("All my branches")
        rows = list(branches.values_list("pk", "name")[:long_list() + 1])
        if len(rows) > long_list():
            self.fields["branch"] = forms.ModelChoiceField(
                label=_("Branch (short code)"), queryset=branches, to_field_name="code", required=False,
                widget=forms.TextInput(attrs={"placeholder": _("e.g. thpt-vinh-linh")}),
            )
        else:  # the select's options from the rows just read (validation still checks the queryset)
            field.widget.choices = [("", field.empty_label), *rows]

    def branch_refused(self):
        """A branch was asked for that is not among the user's: the view answers 404."""
        return "branch" in self.errors and bool(self.data.get("branch"))

    def refused(self):
        """A branch or a programme was asked for that is not the user's: the view answers 404."""
        return self.branch_refused() or self.programme_refused

    def clean(self):
        data = super().clean()
        from .exports import ReportFilterError, check_filters

        try:
            check_filters(ReportFilters(period=data.get("period"), status=data.get("status") or ""))
        except ReportFilterError as error:
            self.add_error("status", str(error))
        return data

    def filters(self):
        data = self.cleaned_data
        return ReportFilters(period=data.get("period"), branch=data.get("branch"), status=data.get("status") or "",
                             year=data.get("year"), programme=self.programme)


class BranchReportForm(NamedBlankChoices, forms.Form):
    achievements = forms.CharField(label=_("What the branch has done"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
                                   help_text=_("Meetings held, members reached, initiatives registered and "
                                               "applied, models to spread."))
    difficulties = forms.CharField(label=_("Difficulties"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}))
    proposals = forms.CharField(label=_("Proposals"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}))


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}))
    branch = forms.ModelChoiceField(label=_("Branch for rows that name none"), queryset=None, required=False,
                                    widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        branches = access.branches_for(user).filter(is_active=True).order_by(by_vietnamese("name"))
        self.fields["branch"].queryset = branches
        if not access.is_district(user) and len(access.officer_branch_ids(user)) == 1:
            self.fields["branch"].initial = next(iter(access.officer_branch_ids(user)))
            self.fields["branch"].empty_label = None

    def branch_refused(self):
        return "branch" in self.errors and bool(self.data.get("branch"))
