"""The dashboard's filters and the emulation pledge form. Choices come from `access`: nobody can pick a branch
they may not see."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access, uploads
from .collation import by_vietnamese
from .forms.choices import NamedBlankChoices
from .inputs.fields import PortalDateField
from .models import EmulationCluster


class DashboardFilterForm(NamedBlankChoices, forms.Form):
    period = forms.TypedChoiceField(label=_("Period"), required=False, coerce=int, empty_value=None,
                                    widget=forms.Select(attrs={"class": "form-select"}))
    cluster = forms.ModelChoiceField(label=_("Emulation cluster"), queryset=EmulationCluster.objects.none(),
                                     required=False, empty_label=_("All clusters"),
                                     widget=forms.Select(attrs={"class": "form-select"}))
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None, required=False, empty_label=_("All branches"),
                                    widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, data, *, user, periods):
        super().__init__(data)
        self.periods = {p.number: p for p in periods}
        self.fields["period"].choices = [("", _("Whole programme"))] + [(p.number, str(p)) for p in periods]
        branches = access.branches_for(user)
        several = access.is_district(user) or len(access.officer_branch_ids(user)) > 1
        if several:
            self.fields["branch"].queryset = branches.order_by(by_vietnamese("name"))
            self.fields["cluster"].queryset = EmulationCluster.objects.filter(
                pk__in=branches.exclude(cluster=None).values("cluster_id")
            ).order_by(by_vietnamese("name"))
        else:
            del self.fields["branch"]
            del self.fields["cluster"]

    def filters(self):
        """The chosen period, branch and cluster; a value that is not valid counts as not chosen."""
        chosen = {"period": None, "branch": None, "cluster": None}
        if not self.is_bound:
            return chosen
        self.is_valid()
        for name in chosen:
            if name in self.fields and name not in self.errors:
                chosen[name] = self.cleaned_data.get(name)
        chosen["period"] = self.periods.get(chosen["period"])
        return chosen


class PledgeForm(NamedBlankChoices, forms.Form):
    """A branch's pledge: date signed, initiatives committed in each period, the scanned pledge.
    The district also decides whether it accepts the targets."""

    # Typed as dd/mm/yyyy like every date of the portal (the browser's picker follows its own language).
    signed_on = PortalDateField(label=_("Date signed"), required=False)
    document = forms.FileField(label=_("Scanned pledge"), required=False,
                               help_text=_("PDF, Word, Excel, JPEG or PNG, at most 10 MB."))

    def __init__(self, *args, periods, pledge=None, targets=None, district=False, **kwargs):
        targets = targets or {}
        initial = kwargs.pop("initial", {})
        if pledge is not None:
            initial.setdefault("signed_on", pledge.signed_on)
            initial.setdefault("accepted_by_district", pledge.accepted_by_district)
        for period in periods:
            initial.setdefault(self.period_field(period), targets.get(period.pk))
        super().__init__(*args, initial=initial, **kwargs)
        self.periods = list(periods)
        for period in self.periods:
            self.fields[self.period_field(period)] = forms.IntegerField(
                label=_("Initiatives committed for %(period)s") % {"period": period}, min_value=0, max_value=100000,
                help_text=_("The district's target for this period is %(target)s.") % {"target": period.target},
                widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            )
        if district:
            self.fields["accepted_by_district"] = forms.BooleanField(
                label=_("Accepted by the district"), required=False,
                help_text=_("Tick when the district office accepts (or has set) these targets."),
            )

    @staticmethod
    def period_field(period):
        return f"period_{period.number}"

    def clean_signed_on(self):
        signed_on = self.cleaned_data.get("signed_on")
        if signed_on and signed_on > timezone.localdate():
            raise ValidationError(_("The date signed cannot be after today."))
        return signed_on

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            self.document_mime = uploads.validate_attachment(document)
        return document

    def targets(self):
        """{period: initiatives committed} from the cleaned data."""
        return {period: self.cleaned_data[self.period_field(period)] for period in self.periods}
