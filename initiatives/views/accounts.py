"""Registration (two steps: details, then the link in the e-mail) and the landing page after login."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import access, membership
from ..forms.accounts import FinishRegistrationForm, RegistrationForm

SENT_TO_SESSION_KEY = "registration_sent_to"


def register(request):
    if request.user.is_authenticated:
        return redirect("home-for-user")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership.start_registration(**form.cleaned_data)
        # The same answer whether or not the address has an account: the e-mail says which.
        request.session[SENT_TO_SESSION_KEY] = form.cleaned_data["email"]
        return redirect("register-sent")
    return render(request, "registration/register.html", {"form": form})


def register_sent(request):
    return render(request, "registration/register_sent.html", {
        "email": request.session.get(SENT_TO_SESSION_KEY, ""), "days": membership.REGISTRATION_LINK_DAYS,
    })


@never_cache
def register_finish(request, token):
    if request.user.is_authenticated:
        return redirect("home-for-user")
    try:
        registration = membership.read_registration(token)
    except membership.RegistrationLinkError as error:
        return render(request, "registration/register_finish.html", {"link_error": error}, status=400)
    form = FinishRegistrationForm(request.POST or None, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            request_obj = membership.finish_registration(token, password=form.cleaned_data["password1"])
        except membership.RegistrationLinkError as error:  # used or taken meanwhile
            return render(request, "registration/register_finish.html", {"link_error": error}, status=400)
        request.session.pop(SENT_TO_SESSION_KEY, None)
        login(request, request_obj.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Your account is created. The officer of %(branch)s will confirm it and link it to the roster; "
                "you can then register initiatives."
            )
            % {"branch": request_obj.branch},
        )
        return redirect("home-for-user")
    return render(request, "registration/register_finish.html", {"form": form, "registration": registration})


@login_required
def home_for_user(request):
    """Where each role lands after logging in."""
    if access.role_of(request.user) in (access.DISTRICT_OFFICE, access.BRANCH_OFFICER):
        return redirect("dashboard")
    return redirect("initiative-list")
