"""Each 500 the fuzzing found, as a plain example: these fail until the code is fixed (see docs/RELIABILITY.md,
"Found by fuzzing"). They name the input and the answer a person should get instead of a server error."""

import pytest
from django.test import Client

from initiatives.models import InitiativeAuthor
from tests.initiatives.helpers import form_data

pytestmark = pytest.mark.django_db


def client_of(user):
    client = Client(raise_request_exception=False)  # a 500 shows as a status, as it would to a person
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("initiative_id", ["²", "9" * 5000])
def test_live_check_with_an_id_that_is_not_a_plain_number_is_not_a_500(world, initiative_id):
    # str.isdigit() accepts "²", which int() refuses, and 5000 digits are past int()'s limit
    # (initiatives/views/initiatives.py, initiative_check).
    data = {**form_data(world.branch_a, [(world.member_a, 100)]), "initiative_id": initiative_id}
    response = client_of(world.member_a.user).post("/initiatives/check/", data)
    assert response.status_code in (200, 404)


@pytest.mark.parametrize("kept", ["²", "9" * 30, "9" * 5000])
def test_initiative_form_with_a_kept_file_id_that_is_not_a_plain_number_is_not_a_500(world, kept):
    # "kept_attachment" ids are parsed with isdigit() then int(): "²" and 5000 digits raise ValueError, 30 digits
    # overflow SQLite's integer (initiatives/views/initiatives.py, _edit).
    data = {**form_data(world.branch_a, [(world.member_a, 100)], title=""), "kept_attachment": kept}
    response = client_of(world.member_a.user).post("/initiatives/new/", data)
    assert response.status_code == 200


def test_editing_with_a_new_row_for_someone_already_an_author_is_a_form_error(world):
    # A page opened before someone else added the author (or a hand-made post) sends the author again as a new
    # row: the unique (initiative, member) constraint raises IntegrityError inside the save.
    data = form_data(world.branch_a, [(world.member_a, 100)])  # INITIAL_FORMS=0: a new row, not the existing one
    response = client_of(world.member_a.user).post(f"/initiatives/{world.draft.pk}/edit/", data)
    assert response.status_code in (200, 302)
    assert InitiativeAuthor.objects.filter(initiative=world.draft, member=world.member_a).count() == 1


def test_pledge_form_posted_without_any_field_is_not_a_500(world):
    # `PledgeForm(request.POST or None, ...)`: an empty POST leaves the form unbound, then `form.cleaned_data` is
    # read (initiatives/views/pledges.py). Bind the form whenever the method is POST.
    response = client_of(world.officer_a).post(f"/dashboard/pledges/{world.branch_a.pk}/", {})
    assert response.status_code == 200


def test_login_with_a_name_longer_than_the_attempt_log_can_hold_is_not_a_500(world):
    # Django's AuthenticationForm does not enforce the user name's max_length, so authenticate() runs and
    # django-axes writes the name into AccessAttempt.username, a varchar(255): PostgreSQL raises DataError.
    response = Client(raise_request_exception=False).post(
        "/accounts/login/", {"username": "ầ" * 300, "password": "Str0ng-pass-2021"})
    assert response.status_code == 200
