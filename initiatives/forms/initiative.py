"""The initiative form, its authors formset and attachment upload, for members and officers."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .. import access, programmes, uploads
from ..collation import by_vietnamese
from ..inputs.fields import PortalDateField, portal_formfield
from ..inputs.widgets import DateTextInput
from ..models import Attachment, Branch, Initiative, InitiativeAuthor, Member
from ..services import AuthorLine, version_of
from .choices import NamedBlankChoices, name_blank_choice
from .programme import ProgrammeChoiceMixin

DATE_WIDGET = DateTextInput()
TEXTAREA = {"rows": 3}

# The form's sections, each folding on a phone: (key, legend, fields).
FIELDSETS = [
    (
        "initiative",
        _("The initiative"),
        ["branch", "programme", "title", "category", "field_of_work", "problem", "solution", "application_summary"],
    ),
    ("recognition", _("Recognition"), ["recognition_body", "recognition_decision_no", "recognition_date"]),
    (
        "application",
        _("Application"),
        ["application_kind", "application_date", "application_place", "trial_participants", "application_conditions"],
    ),
    ("benefits", _("Benefits"), ["economic_benefit_vnd", "economic_benefit_description", "social_benefit"]),
    ("research", _("Research topic"), ["research_level", "research_accepted_date", "research_effect_confirmed"]),
    ("other", _("Other"), ["investor", "confidential_info", "ip_protected"]),
]


@dataclass
class Section:
    key: str
    legend: str
    fields: list
    research_only: bool
    open: bool


class InitiativeForm(ProgrammeChoiceMixin, NamedBlankChoices, forms.ModelForm):
    # Hidden: the initiative's state when the form was shown (a form opened before a change is refused) and this
    # form's own token (posted twice, it saves once). services.save_initiative checks both.
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = [name for _key, _legend, names in FIELDSETS for name in names]
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
        }
        formfield_callback = portal_formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.initial.setdefault("version", version_of(self.instance) if self.instance.pk else "")
        self.initial.setdefault("form_token", uuid.uuid4().hex)
        branches = self.allowed_branches()
        self.fields["branch"].queryset = branches
        self.fields["branch"].empty_label = None
        if self.instance.pk and self.instance.was_submitted:
            self.fields["branch"].disabled = True  # an initiative keeps the branch it was submitted under
        elif len(branches) == 1:
            # A new instance's empty branch would override the field's initial value: set the form's own.
            self.initial["branch"] = branches[0].pk
            self.fields["branch"].widget = forms.HiddenInput()
        self.limit_programme(programmes.offer_for_branches(list(branches)), branch=self.chosen_branch(branches))
        self.fields["economic_benefit_vnd"].help_text = _("Leave empty when it cannot be put in money.")

    def chosen_branch(self, branches):
        """The branch a new initiative is for as the form stands: posted, given, or the first allowed."""
        wanted = self.data.get("branch") if self.is_bound else self.initial.get("branch")
        return next((b for b in branches if str(b.pk) == str(wanted)), branches[0] if branches else None)

    def clean(self):
        cleaned = super().clean()
        self.check_programme()
        return cleaned

    def typed_values(self):
        """The model fields this valid form edits, as typed ({name: value}): never the status or anything else the
        workflow owns, nor the double-post token."""
        return {name: self.cleaned_data[name] for name in edited_fields(self) if name != "form_token"}

    def clean_form_token(self):
        try:
            return str(uuid.UUID(self.cleaned_data.get("form_token") or ""))
        except ValueError:
            return ""  # none, or not one of ours: the post is saved, without the double-post guard

    def allowed_branches(self):
        user = self.user
        if access.oversees_branches(user):
            branches = list(access.branches_for(user).filter(is_active=True).order_by(by_vietnamese("name")))
        else:
            member = access.member_of(user)
            branches = [member.branch] if member else []
        if self.instance.pk and self.instance.branch not in branches:
            branches.append(self.instance.branch)
        return (Branch.objects.filter(pk__in=[b.pk for b in branches]).select_related("federation")
                .order_by(by_vietnamese("name")))

    def sections(self):
        """The parts of the form, in order. The first part is open, and any part with an error."""
        return [
            Section(
                key=key,
                legend=legend,
                fields=[self[name] for name in names],
                research_only=key == "research",
                open=index == 0 or any(name in self.errors for name in names),
            )
            for index, (key, legend, names) in enumerate(FIELDSETS)
        ]


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

    def lines(self):
        """The authors as the valid formset lists them, in order, for services.save_initiative: the rows kept and
        the rows filled in (an empty extra row is not an author)."""
        deleted = set(map(id, self.deleted_forms))
        return [
            AuthorLine(member=form.cleaned_data["member"], share_percent=form.cleaned_data["share_percent"],
                       is_lead=bool(form.cleaned_data.get("is_lead")), id=form.instance.pk)
            for form in self.forms
            if id(form) not in deleted and (form.instance.pk is not None or form.has_changed())
        ]

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


def edited_fields(form):
    """The model fields a form edits (never the status or anything else the workflow owns)."""
    concrete = {f.name for f in Initiative._meta.concrete_fields}
    return [name for name, field in form.fields.items() if name in concrete and not field.disabled]


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
    """New files, each with its own kind: the script puts a kind box beside each chosen file (`kinds`, in the order
    of the files); without it, `kind` applies to the files of this upload and each can be changed once saved."""

    kind = forms.ChoiceField(
        label=_("Kind of the files chosen"), choices=Attachment.Kind.choices, initial=Attachment.Kind.DECISION
    )
    files = MultipleFileField(
        label=_("Files (PDF, Word, Excel, JPEG, PNG; 10 MB each)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted_files = []  # (file, MIME type) of each file that passed its checks, even beside refused ones
        self.accepted_kinds = []  # the kind of each of them

    def clean_files(self):
        """Each file is checked on its own: the refused ones get their message beside the field (the form is then
        invalid), the others are kept in `accepted_files` so that nobody has to choose them again."""
        own_kinds = self.data.getlist(self.add_prefix("kinds")) if hasattr(self.data, "getlist") else []
        for index, uploaded in enumerate(self.cleaned_data.get("files") or []):
            own = own_kinds[index] if index < len(own_kinds) else ""
            try:
                self.accepted_files.append((uploaded, uploads.validate_attachment(uploaded)))
                self.accepted_kinds.append(own if own in Attachment.Kind.values else self.file_kind)
            except forms.ValidationError as error:
                for message in error.messages:
                    self.add_error("files", message)
        return self.accepted_files

    @property
    def file_kind(self):
        return (self.cleaned_data.get("kind") if hasattr(self, "cleaned_data") else None) or Attachment.Kind.OTHER

    def accepted_with_kinds(self):
        """[(file, MIME type, kind)] of the files that passed their checks."""
        pairs = zip(self.accepted_files, self.accepted_kinds, strict=True)
        return [(uploaded, mime, kind) for (uploaded, mime), kind in pairs]


class AttachmentEditForm(forms.Form):
    """One file already attached: its kind, and removing or replacing it (while the initiative can be edited)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    remove = forms.BooleanField(label=_("Remove this file"), required=False)
    replace = forms.FileField(
        label=_("Replace with"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, attachment, **kwargs):
        kwargs.setdefault("prefix", f"attachment-{attachment.pk}")
        kwargs.setdefault("initial", {"kind": attachment.kind})
        super().__init__(*args, **kwargs)
        self.attachment = attachment
        self.replacement_mime = None

    def clean_replace(self):
        uploaded = self.cleaned_data.get("replace")
        if uploaded:
            self.replacement_mime = uploaded and uploads.validate_attachment(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove") and cleaned.get("replace"):
            self.add_error("replace", _("Either remove the file or replace it, not both."))
        return cleaned

    def changes(self):
        """What to do with the file: ("remove",), ("replace", file, mime, kind), ("kind", kind) or None."""
        data = self.cleaned_data
        if data.get("remove"):
            return ("remove",)
        if data.get("replace"):
            return ("replace", data["replace"], self.replacement_mime, data.get("kind") or self.attachment.kind)
        if data.get("kind") and data["kind"] != self.attachment.kind:
            return ("kind", data["kind"])
        return None


class ReviewForm(forms.Form):
    """What a reviewer gives with a move: the comment, and for approval the two attestations."""

    comment = forms.CharField(label=_("Comment for the author"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    novelty_confirmed = forms.BooleanField(label=_("I attest the initiative is new within the unit"), required=False)
    lawful_confirmed = forms.BooleanField(
        label=_("I attest its content is not against public order or social morals"), required=False
    )
    sent_date = PortalDateField(label=_("Date sent"), required=False)
    duplicate_of = forms.IntegerField(
        label=_("Number of the initiative it repeats"), required=False, min_value=1,
        help_text=_("The number shown as #… beside the similar initiative."),
    )

    def __init__(self, *args, inputs=None, move=None, **kwargs):
        """`move`: the move at hand (workflow.Move): only its inputs are shown and read, and what it requires is
        required here, so a refusal is said beside the field with what was typed kept (`inputs` alone: the fields
        without the requirements)."""
        super().__init__(*args, **kwargs)
        if move is not None:
            inputs = move.inputs
        if inputs is not None:
            for name in set(self.fields) - set(inputs):
                del self.fields[name]
        if move is not None and move.needs_comment and "comment" in self.fields:
            self.fields["comment"].required = True
            self.fields["comment"].error_messages["required"] = _(
                "Write a comment for the author: say what is wrong and what to do."
            )
        if move is not None and move.action == "approve":
            for name in ("novelty_confirmed", "lawful_confirmed"):
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = _("Tick this to approve.")

    def clean_comment(self):
        comment = self.cleaned_data.get("comment", "").strip()
        if self.fields["comment"].required and not comment:  # spaces alone say nothing to the author
            raise forms.ValidationError(self.fields["comment"].error_messages["required"], code="required")
        return comment
