"""The form a union body's officer fills to give targets to the bodies and branches directly under it: one row per
child, in a formset. Which child a row is comes from the server's list, never from what was posted; the posted key
only has to match it (a row posted for another unit, or a list that changed meanwhile, is refused)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import targets

MAX_INITIATIVES = 1_000_000
NUMBER_MESSAGES = {
    "invalid": _("Enter a whole number of initiatives."),
    "min_value": _("The target cannot be negative."),
    "max_value": _("The target cannot be more than %(limit_value)s."),
}


def key_of(child):
    kind, pk = targets.child_key(child)
    return f"{kind}:{pk}"


class ChildTargetForm(forms.Form):
    """One child's targets: one per round, one for the whole programme (empty: none), and its participation target
    in percent."""

    child = forms.CharField(widget=forms.HiddenInput)
    total = forms.IntegerField(label=_("Whole programme"), required=False, min_value=0, max_value=MAX_INITIATIVES,
                               error_messages=NUMBER_MESSAGES)
    participation = forms.DecimalField(
        label=_("Participation target (%)"), required=False, min_value=0, max_value=100, decimal_places=1,
        error_messages={"invalid": _("Enter a percentage, such as 10 or 12.5."),
                        "min_value": _("The percentage cannot be negative."),
                        "max_value": _("The percentage cannot be more than 100."),
                        "max_decimal_places": _("Use at most one decimal place."),
                        "max_digits": _("Enter a percentage, such as 10 or 12.5.")})

    def __init__(self, *args, child=None, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.periods = list(periods)
        fields = dict(self.fields)
        self.fields = {"child": fields["child"]}
        for period in self.periods:
            self.fields[self.period_field(period)] = forms.IntegerField(
                label=_("Period %(number)s") % {"number": period.number}, required=False, min_value=0,
                max_value=MAX_INITIATIVES, error_messages=NUMBER_MESSAGES)
        self.fields["total"] = fields["total"]
        self.fields["participation"] = fields["participation"]
        for name, field in self.fields.items():
            if name != "child":
                field.widget = (forms.NumberInput(attrs={"min": 0, "step": "0.1", "max": 100})
                                if name == "participation" else forms.NumberInput(attrs={"min": 0}))
                field.widget.attrs.update({"class": "form-control form-control-sm", "inputmode": "decimal"
                                           if name == "participation" else "numeric"})

    @staticmethod
    def period_field(period):
        return f"period_{period.number}"

    def round_fields(self):
        return [self[self.period_field(period)] for period in self.periods]

    def clean_child(self):
        posted = self.cleaned_data.get("child")
        if self.child is None or posted != key_of(self.child):
            raise ValidationError(_("The units under this body have changed since the page was opened: open the page "
                                    "again and type the targets anew."))
        return posted

    def clean(self):
        cleaned = super().clean()
        rounds = [cleaned.get(self.period_field(p)) for p in self.periods]
        total = cleaned.get("total")
        if total is not None and sum(n or 0 for n in rounds) > total:
            self.add_error("total", _("The whole programme's target cannot be less than the rounds' targets added up "
                                      "(%(sum)s).") % {"sum": sum(n or 0 for n in rounds)})
        if cleaned.get("participation") is not None and total is None and not any(n is not None for n in rounds):
            self.add_error("participation", _("Give an initiatives target too, for the whole programme or a round."))
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def given(self):
        """The row as targets.Given, for the service."""
        data = self.cleaned_data
        rate = data.get("participation")
        return targets.Given(
            child=self.child, periods={p: data.get(self.period_field(p)) for p in self.periods},
            total=data.get("total"),
            participation_rate=(rate / 100).quantize(Decimal("0.001")) if rate is not None else None)


class BaseChildTargetFormSet(forms.BaseFormSet):
    """One form per child of the body, in the server's order."""

    def __init__(self, *args, children, periods, **kwargs):
        self.children = list(children)
        self.periods = list(periods)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"child": self.children[index] if index < len(self.children) else None, "periods": self.periods}

    def clean(self):
        if self.is_bound and self.total_form_count() != len(self.children):
            raise ValidationError(_("The units under this body have changed since the page was opened: open the page "
                                    "again and type the targets anew."))


ChildTargetFormSet = forms.formset_factory(ChildTargetForm, formset=BaseChildTargetFormSet, extra=0)


def initial_rows(children, given, periods):
    """The formset's initial data from the targets given ({child key: {period id or None: ChildTarget}})."""
    rows = []
    for child in children:
        mine = given.get(targets.child_key(child), {})
        row = {"child": key_of(child)}
        for period in periods:
            target = mine.get(period.pk)
            row[ChildTargetForm.period_field(period)] = target.initiatives if target else None
        whole = mine.get(None)
        row["total"] = whole.initiatives if whole else None
        rate = whole.participation_rate if whole else None
        row["participation"] = (rate * 100).quantize(Decimal("0.1")) if rate is not None else None
        rows.append(row)
    return rows
