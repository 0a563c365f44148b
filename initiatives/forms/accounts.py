"""A member's self-registration, in two steps so that it never tells who has an account.

Step one (RegistrationForm) says who they are; the portal then writes to the address typed, and answers the same
whether or not an account already uses it. Step two (FinishRegistrationForm, reached from the link in that e-mail)
chooses the password and creates the account, which waits for the branch officer.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UsernameField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..collation import by_vietnamese
from ..models import Branch
from .choices import NamedBlankChoices


class RegistrationForm(NamedBlankChoices, forms.Form):
    username = UsernameField(
        label=capfirst(get_user_model()._meta.get_field("username").verbose_name), max_length=150,
        help_text=_("Letters, digits and @ . + - _ only; you log in with it."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We write to you here to finish the registration, and when your initiatives move on."),
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

    def clean_username(self):
        username = self.cleaned_data["username"]
        user_model = get_user_model()
        user_model.username_validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken: choose another one."))
        return username

    def clean_email(self):
        # Whether an account already uses it is never said here: the e-mail tells the address's owner.
        return self.cleaned_data["email"].strip().lower()


class FinishRegistrationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password confirmation"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Enter the same password as before, for verification."),
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", forms.ValidationError(_("The two password fields didn’t match.")))
        elif first:
            user = get_user_model()(username=self.registration["username"], email=self.registration["email"])
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password2", error)
        return cleaned
