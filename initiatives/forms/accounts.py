"""A member's self-registration: an account that waits for their branch officer."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from ..collation import by_vietnamese
from ..models import Branch
from .choices import NamedBlankChoices


class RegistrationForm(NamedBlankChoices, UserCreationForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We write to you here when your initiatives move on."),
        error_messages={"invalid": _("Enter a valid email address.")},
    )
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^[0-9 +().-]{8,20}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number of digits only, e.g. 0912 345 678.")},
    )
    branch = forms.ModelChoiceField(
        label=_("Your branch (CĐCS)"),
        queryset=Branch.objects.filter(is_active=True).order_by(by_vietnamese("name")),
        empty_label=_("— choose your branch —"),
    )
    position = forms.CharField(label=_("Job or position"), max_length=150, required=False)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists. Log in or reset your password."))
        return email
