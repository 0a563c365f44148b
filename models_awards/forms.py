"""Forms of the awards pages: nominations with the criteria they meet, awards, and the scoring sheet."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from initiatives import access
from initiatives.collation import by_vietnamese
from initiatives.forms.choices import NamedBlankChoices
from initiatives.inputs.fields import portal_formfield
from initiatives.inputs.widgets import DateTextInput
from initiatives.models import InitiativeAuthor

from . import exemplars, selectors, services
from .models import Award, AwardLevel, Criterion, InitiativeScore, Nomination, Subject, UpwardLevel
from .models.scoring import SCORE_MAX, SCORE_MIN

DATE_WIDGET = DateTextInput()


def year_choices():
    return [(year, str(year)) for year in exemplars.offered_years()]


class DataAttrsMixin:
    """Adds data-* attributes to each option from its model instance, for the page's script to filter on."""

    def __init__(self, *args, data_attrs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_attrs = data_attrs

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and self.data_attrs is not None:
            option["attrs"] = {**option["attrs"], **self.data_attrs(instance)}
        return option


class DataSelect(DataAttrsMixin, forms.Select):
    pass


class DataCheckboxes(DataAttrsMixin, forms.CheckboxSelectMultiple):
    pass


def _initiative_attrs(initiative):
    return {
        "data-branch": initiative.branch_id,
        "data-authors": " ".join(str(a.member_id) for a in initiative.authors.all()),
    }


class InitiativeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, initiative):
        author = initiative.credited_author.full_name if initiative.credited_author_id else "—"
        return f"#{initiative.pk} {initiative.title} — {author} ({initiative.branch.name})"


class RecipientFormMixin:
    """Branch, member and supporting initiatives offered only from what the user may reach."""

    def setup_recipient(self, user):
        self.user = user
        branches = access.branches_for(user).filter(is_active=True).order_by(by_vietnamese("name"))
        if self.instance.pk and self.instance.branch_id:
            branches = branches | access.branches_for(user).filter(pk=self.instance.branch_id)
        self.fields["branch"].queryset = branches
        self.fields["branch"].widget = DataSelect(data_attrs=lambda b: {"data-kind": b.kind})
        self.fields["branch"].widget.choices = self.fields["branch"].choices
        self.fields["branch"].required = False
        self.fields["branch"].help_text = _("For an individual, the member's branch is taken.")
        members = access.members_for(user).filter(is_active=True)
        if self.instance.pk and self.instance.member_id:
            members = members | access.members_for(user).filter(pk=self.instance.member_id)
        self.fields["member"].queryset = members.select_related("branch").order_by(by_vietnamese("full_name"), "pk")
        self.fields["member"].label_from_instance = lambda m: f"{m.full_name} — {m.branch.name}"
        self.fields["member"].widget = DataSelect(
            data_attrs=lambda m: {"data-branch": m.branch_id, "data-kind": m.branch.kind}
        )
        self.fields["member"].widget.choices = self.fields["member"].choices
        self.fields["initiatives"] = InitiativeChoiceField(
            queryset=selectors.supporting_initiatives_for(user)
            .select_related("branch", "credited_author")
            .prefetch_related(Prefetch("authors", queryset=InitiativeAuthor.objects.only("pk", "initiative_id",
                                                                                          "member_id")))
            .order_by(by_vietnamese("branch__name"), "title"),
            required=False,
            widget=DataCheckboxes(attrs={"class": "form-check-input"}, data_attrs=_initiative_attrs),
            label=_("Initiatives it rests on"),
            help_text=_("Initiatives approved by the branch or further on: of the branch for a collective, "
                        "by the member for an individual."),
        )
        self.fields["subject"].choices = Subject.choices
        if not self.instance.pk:
            # A new record's empty model values would otherwise win over these defaults.
            if not self.initial.get("subject"):
                self.initial["subject"] = Subject.INDIVIDUAL
            if not self.initial.get("year"):
                self.initial["year"] = exemplars.default_year()
            if not access.is_district(user) and len(access.officer_branch_ids(user)) == 1:
                if not self.initial.get("branch"):
                    self.initial["branch"] = next(iter(access.officer_branch_ids(user)))

    def clean_recipient_fields(self, cleaned):
        subject, branch, member = cleaned.get("subject"), cleaned.get("branch"), cleaned.get("member")
        if subject == Subject.INDIVIDUAL:
            if member is None:
                self.add_error("member", _("Choose the member."))
            else:
                cleaned["branch"] = branch = member.branch
                self.instance.branch = branch
            cleaned["team_name"] = ""
        elif subject == Subject.COLLECTIVE:
            if branch is None:
                self.add_error("branch", _("Choose the branch."))
            cleaned["member"] = member = None
        initiatives = cleaned.get("initiatives") or []
        authored = set()
        if subject == Subject.INDIVIDUAL and member is not None and initiatives:
            authored = set(
                InitiativeAuthor.objects.filter(member=member, initiative__in=initiatives).values_list(
                    "initiative_id", flat=True
                )
            )
        for initiative in initiatives:
            if subject == Subject.COLLECTIVE and branch is not None and initiative.branch_id != branch.pk:
                self.add_error(
                    "initiatives",
                    _("“%(title)s” is not an initiative of %(branch)s.") % {"title": initiative.title,
                                                                            "branch": branch.name},
                )
            if subject == Subject.INDIVIDUAL and member is not None and initiative.pk not in authored:
                self.add_error(
                    "initiatives",
                    _("%(name)s is not an author of “%(title)s”.") % {"name": member.full_name,
                                                                     "title": initiative.title},
                )
        return cleaned

    def clean_award_nomination(self, cleaned):
        """An award resting on a nomination is for the nomination's recipient."""
        nomination = cleaned.get("nomination")
        if nomination is not None and (nomination.subject, nomination.branch_id, nomination.member_id) != (
            cleaned.get("subject"),
            getattr(cleaned.get("branch"), "pk", None),
            getattr(cleaned.get("member"), "pk", None),
        ):
            self.add_error("nomination", _("The nomination is for another recipient."))
        return cleaned


class NominationForm(NamedBlankChoices, RecipientFormMixin, forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)

    class Meta:
        model = Nomination
        fields = ["year", "subject", "branch", "team_name", "member", "movement", "achievements", "initiatives"]
        widgets = {
            "subject": forms.RadioSelect,
            "achievements": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_recipient(user)
        self.fields["achievements"].help_text = _(
            "What the collective or person achieved in the year: results, initiatives and their benefit. "
            "Shown to the public only if the district publishes the exemplar."
        )

    def clean(self):
        return self.clean_recipient_fields(super().clean())


class CriteriaForm(NamedBlankChoices, forms.Form):
    """One tick box and one evidence box per criterion the user may meet; each ticked one needs evidence."""

    def __init__(self, *args, criteria, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = existing or {}
        for criterion in self.criteria:
            evidence = existing.get(criterion.pk)
            self.fields[f"met_{criterion.pk}"] = forms.BooleanField(
                label=criterion.text, required=False, initial=evidence is not None,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                initial=evidence or "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm",
                                             "placeholder": _("Evidence")}),
            )

    def rows(self):
        """(criterion, met bound field, evidence bound field) for the template."""
        return [(c, self[f"met_{c.pk}"], self[f"evidence_{c.pk}"]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            if cleaned.get(f"met_{criterion.pk}") and not (cleaned.get(f"evidence_{criterion.pk}") or "").strip():
                self.add_error(f"evidence_{criterion.pk}", _("Give the evidence for this criterion."))
        return cleaned

    def met(self, *, branch_kind, subject):
        """{criterion: evidence} ticked, keeping only criteria that apply to the branch kind and subject."""
        chosen, wrong = {}, []
        for criterion in self.criteria:
            if not self.cleaned_data.get(f"met_{criterion.pk}"):
                continue
            applies = criterion.subject == subject and criterion.branch_kind in ("", branch_kind)
            if applies:
                chosen[criterion] = self.cleaned_data.get(f"evidence_{criterion.pk}", "").strip()
            else:
                wrong.append(criterion)
        return chosen, wrong


def criteria_for_user(user):
    """The active criteria that may apply to a nomination `user` makes: every kind for the district,
    the kinds of their branches for an officer."""
    criteria = Criterion.objects.filter(is_active=True)
    if not access.sees_everything(user):
        kinds = set(access.branches_for(user).values_list("kind", flat=True))
        criteria = criteria.filter(branch_kind__in=["", *kinds])
    return criteria.order_by("subject", "branch_kind", "order", "pk")


class MoveForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.ChoiceField(label=_("Proposed to"), required=False, choices=[("", "—"), *UpwardLevel.choices])


class AwardEditForm(NamedBlankChoices, RecipientFormMixin, forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)

    class Meta:
        model = Award
        fields = [
            "year", "subject", "branch", "team_name", "member", "level", "form", "decision_no", "decision_date",
            "amount_vnd", "occasion", "occasion_note", "citation", "initiatives", "nomination", "funded_by_branch",
            "is_published",
        ]
        widgets = {
            "subject": forms.RadioSelect,
            "decision_date": DATE_WIDGET,
            "citation": forms.Textarea(attrs={"rows": 3}),
        }
        formfield_callback = portal_formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_recipient(user)
        self.fields["nomination"].queryset = selectors.nominations_for(user).select_related("branch", "member")
        self.fields["nomination"].required = False
        self.is_district = access.is_district(user)
        if not self.is_district:
            # An officer records only what the branch itself funds, and the district decides what is published.
            self.fields["level"].choices = [(AwardLevel.BRANCH, AwardLevel.BRANCH.label)]
            self.initial["level"] = AwardLevel.BRANCH
            self.fields["level"].disabled = True
            self.initial["funded_by_branch"] = True
            self.fields["funded_by_branch"].disabled = True
            del self.fields["is_published"]

    def clean(self):
        cleaned = self.clean_recipient_fields(super().clean())
        if not self.is_district:
            services.apply_officer_limits(self.instance)
            cleaned["funded_by_branch"], cleaned["level"] = self.instance.funded_by_branch, self.instance.level
        return self.clean_award_nomination(cleaned)


class ScoreForm(NamedBlankChoices, forms.ModelForm):
    class Meta:
        model = InitiativeScore
        fields = ["novelty", "applicability", "benefit", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
        for name in ("novelty", "applicability", "benefit"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label, choices=choices, coerce=int, required=True
            )


class CandidateAddForm(NamedBlankChoices, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)
    initiative = forms.IntegerField(label=_("Initiative number"), min_value=1,
                                    help_text=_("The number shown as #… in the list of initiatives."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["year"].initial = exemplars.default_year()

    def clean_initiative(self):
        number = self.cleaned_data["initiative"]
        initiative = selectors.supporting_initiatives_for(self.user).filter(pk=number).first()
        if initiative is None:
            raise forms.ValidationError(
                _("No initiative #%(number)s approved by its branch or further on.") % {"number": number}
            )
        return initiative
