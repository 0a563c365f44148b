"""The initiative form, its authors formset and attachment upload, for members and officers."""

from decimal import Decimal

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .. import access, uploads
from ..collation import by_vietnamese
from ..models import Attachment, Branch, Initiative, InitiativeAuthor, Member
from .choices import NamedBlankChoices, name_blank_choice
from .widgets import DateTextInput

DATE_WIDGET = DateTextInput()
TEXTAREA = {"rows": 3}

FIELDSETS = [
    (
        _("The initiative"),
        ["branch", "title", "category", "field_of_work", "problem", "solution", "application_summary"],
    ),
    (_("Recognition"), ["recognition_body", "recognition_decision_no", "recognition_date"]),
    (
        _("Application"),
        ["application_kind", "application_date", "application_place", "trial_participants", "application_conditions"],
    ),
    (_("Benefits"), ["economic_benefit_vnd", "economic_benefit_description", "social_benefit"]),
    (_("Research topic"), ["research_level", "research_accepted_date", "research_effect_confirmed"]),
    (_("Other"), ["investor", "confidential_info", "ip_protected"]),
]


class InitiativeForm(NamedBlankChoices, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [name for _legend, names in FIELDSETS for name in names]
        widgets = {
            "recognition_date": DATE_WIDGET,
            "application_date": DATE_WIDGET,
            "research_accepted_date": DATE_WIDGET,
            "problem": forms.Textarea(attrs=TEXTAREA),
            "solution": forms.Textarea(attrs=TEXTAREA),
            "application_summary": forms.Textarea(attrs=TEXTAREA),
            "application_conditions": forms.Textarea(attrs=TEXTAREA),
            "confidential_info": forms.Textarea(attrs=TEXTAREA),
            "trial_participants": forms.Textarea(attrs=TEXTAREA),
            "economic_benefit_description": forms.Textarea(attrs=TEXTAREA),
            "social_benefit": forms.Textarea(attrs=TEXTAREA),
            "economic_benefit_vnd": forms.NumberInput(attrs={"min": 0, "step": 1000, "inputmode": "numeric"}),
        }
        error_messages = {
            "economic_benefit_vnd": {"invalid": _("Enter the amount in VND as a whole number, e.g. 15000000.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        branches = self.allowed_branches()
        self.fields["branch"].queryset = branches
        self.fields["branch"].empty_label = None
        if self.instance.pk and self.instance.was_submitted:
            self.fields["branch"].disabled = True  # an initiative keeps the branch it was submitted under
        elif len(branches) == 1:
            # A new instance's empty branch would override the field's initial value: set the form's own.
            self.initial["branch"] = branches[0].pk
            self.fields["branch"].widget = forms.HiddenInput()
        for name in ("recognition_date", "application_date", "research_accepted_date"):
            self.fields[name].error_messages["invalid"] = _("Enter a date as dd/mm/yyyy.")
        self.fields["economic_benefit_vnd"].min_value = 0
        self.fields["economic_benefit_vnd"].validators.append(_non_negative)
        self.fields["economic_benefit_vnd"].help_text = _("Leave empty when it cannot be put in money.")

    def allowed_branches(self):
        user = self.user
        if access.oversees_branches(user):
            branches = list(access.branches_for(user).filter(is_active=True).order_by(by_vietnamese("name")))
        else:
            member = access.member_of(user)
            branches = [member.branch] if member else []
        if self.instance.pk and self.instance.branch not in branches:
            branches.append(self.instance.branch)
        return Branch.objects.filter(pk__in=[b.pk for b in branches]).order_by(by_vietnamese("name"))

    def fieldsets(self):
        """(legend, bound fields, research_only) for each part of the form, in order."""
        return [(legend, [self[name] for name in names], "research_level" in names) for legend, names in FIELDSETS]


def _non_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError(_("The amount cannot be negative."))
    if value is not None and value > 10**15:
        raise forms.ValidationError(_("The amount is too large; check the number of zeros."))


def _member_label(member):
    return f"{member.full_name} — {member.position}" if member.position else member.full_name


class AuthorForm(NamedBlankChoices, forms.ModelForm):
    def __init__(self, *args, members=None, member_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members if members is not None else Member.objects.none()
        self.fields["member"].label_from_instance = _member_label
        if member_choices is not None:  # the roster read once for every row (see BaseAuthorFormSet)
            self.fields["member"].choices = member_choices

    class Meta:
        model = InitiativeAuthor
        fields = ["member", "share_percent", "is_lead"]
        widgets = {"share_percent": forms.NumberInput(attrs={"min": 0, "max": 100, "step": "0.01"})}
        error_messages = {"share_percent": {"invalid": _("Enter the share as a number, e.g. 50.")}}

    def clean_share_percent(self):
        share = self.cleaned_data.get("share_percent")
        if share is not None and not (Decimal(0) < share <= Decimal(100)):
            raise forms.ValidationError(_("A share is more than 0 and at most 100."))
        return share


class BaseAuthorFormSet(BaseInlineFormSet):
    """Authors chosen from `members` only: every row, the empty row the script copies included."""

    def __init__(self, *args, members=None, **kwargs):
        self.members = members
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "members": self.members, "member_choices": self.member_choices}

    @cached_property
    def member_choices(self):
        """The roster's options, read once for the page: each row's select (and the script's empty row) would
        otherwise read the whole roster again."""
        if self.members is None:
            return None
        field = self.form.base_fields["member"]
        return [("", name_blank_choice(field).empty_label), *((m.pk, _member_label(m)) for m in self.members)]

    def clean(self):
        super().clean()
        # Authors already saved and not on the form count too (a form may post only new rows).
        posted_ids = {form.instance.pk for form in self.forms if form.instance.pk}
        seen = set()
        if self.instance.pk:
            seen = {a.member_id for a in self.instance.authors.all() if a.pk not in posted_ids}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            member = data.get("member")
            if member is None or data.get("DELETE"):
                continue
            if member.pk in seen:
                form.add_error("member", _("This member is already listed as an author."))
            seen.add(member.pk)

    def rows(self):
        """The author rows as typed (unsaved objects), for the eligibility check before saving."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("member") and not data.get("DELETE"):
                rows.append(
                    InitiativeAuthor(
                        member=data["member"],
                        share_percent=data.get("share_percent"),
                        is_lead=data.get("is_lead", False),
                    )
                )
        return rows


AuthorFormSet = inlineformset_factory(
    Initiative,
    InitiativeAuthor,
    form=AuthorForm,
    formset=BaseAuthorFormSet,
    extra=1,
    can_delete=True,
    min_num=0,
    max_num=20,
    validate_max=True,
)


def author_choices(branch_ids):
    return Member.objects.filter(branch_id__in=branch_ids, is_active=True).order_by(by_vietnamese("full_name"), "pk")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; each is checked by `uploads.validate_attachment` in the form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class AttachmentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"), choices=Attachment.Kind.choices, initial=Attachment.Kind.DECISION)
    files = MultipleFileField(
        label=_("Files (PDF, Word, Excel, JPEG, PNG; 10 MB each)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted_files = []  # (file, MIME type) of each file that passed its checks, even beside refused ones

    def clean_files(self):
        """Each file is checked on its own: the refused ones get their message beside the field (the form is then
        invalid), the others are kept in `accepted_files` so that nobody has to choose them again."""
        for uploaded in self.cleaned_data.get("files") or []:
            try:
                self.accepted_files.append((uploaded, uploads.validate_attachment(uploaded)))
            except forms.ValidationError as error:
                for message in error.messages:
                    self.add_error("files", message)
        return self.accepted_files

    @property
    def file_kind(self):
        return (self.cleaned_data.get("kind") if hasattr(self, "cleaned_data") else None) or Attachment.Kind.OTHER


class ReviewForm(forms.Form):
    """What a reviewer gives with a move: the comment, and for approval the two attestations."""

    comment = forms.CharField(label=_("Comment for the author"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    novelty_confirmed = forms.BooleanField(label=_("I attest the initiative is new within the unit"), required=False)
    lawful_confirmed = forms.BooleanField(
        label=_("I attest its content is not against public order or social morals"), required=False
    )
    sent_date = forms.DateField(label=_("Date sent"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, inputs=None, **kwargs):
        """`inputs`: the fields of the move at hand (workflow.Move.inputs); the others are neither shown nor read."""
        super().__init__(*args, **kwargs)
        if inputs is not None:
            for name in set(self.fields) - set(inputs):
                del self.fields[name]
