"""Registration and the landing page after login."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, membership
from ..forms.accounts import RegistrationForm


def register(request):
    if request.user.is_authenticated:
        return redirect("home-for-user")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_obj = membership.register_member(form=form)
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
    return render(request, "registration/register.html", {"form": form})


@login_required
def home_for_user(request):
    """Where each role lands after logging in."""
    if access.role_of(request.user) in (access.DISTRICT_OFFICE, access.BRANCH_OFFICER):
        return redirect("dashboard")
    return redirect("initiative-list")
