"""A lost database gives a friendly 503 page (rendered without the database), and the portal comes back by itself."""

import sys
from unittest import mock

import pytest
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory

from initiatives.views import errors
from portal_security import outage


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response["Cache-Control"] == "no-store"
    assert b'id="service-unavailable"' in response.content
    assert "Content-Security-Policy" in response  # the same headers as any page


def assert_outage_page_without_middleware(response):
    assert response.status_code == 503
    assert b'id="service-unavailable"' in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_view_losing_the_database_answers_503(client, error):
    lost = error("server closed the connection unexpectedly")
    with mock.patch("initiatives.views.public.Programme.objects.filter", side_effect=lost):
        response = client.get("/")

    assert_outage_page(response)
    assert [t.name for t in response.templates] == ["503.html", "standalone.html"]  # not base.html: no database


@pytest.mark.django_db
def test_outage_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/initiatives/")
    with django_assert_num_queries(0):
        response = outage.service_unavailable(request, OperationalError("down"))
    assert_outage_page_without_middleware(response)


@pytest.mark.django_db
def test_every_query_failing_gives_503_to_visitors_and_signed_in_users(client, login, member_a, district):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    signed_in = login(district)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=refuse):
        assert_outage_page(Client().get("/"))
        assert_outage_page(signed_in.get("/initiatives/"))  # the session's user cannot even be loaded
        assert_outage_page(signed_in.get("/admin/initiatives/initiative/"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_portal_answers_503_while_the_database_is_unreachable_and_recovers_by_itself(tmp_path, district):
    """A real lost connection: the next connection attempt fails, then succeeds once the database is back."""
    client = Client()
    client.force_login(district, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/initiatives/").status_code == 200
    original = dict(connection.settings_dict)

    connection.close()  # as when the server restarts under us
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "unmounted" / "db.sqlite3")
    else:
        connection.settings_dict["PORT"] = "1"  # nothing listens there: connection refused
    try:
        assert_outage_page(client.get("/initiatives/"))
        assert_outage_page(client.get("/"))
    finally:
        connection.close()
        connection.settings_dict.update(original)

    assert client.get("/initiatives/").status_code == 200  # no restart needed


def test_connections_are_health_checked_so_a_dead_one_is_replaced():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_database_error_outside_a_view_reaches_the_500_handler_as_503():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("the session could not be saved")
    except OperationalError:
        assert sys.exc_info()[0] is OperationalError
        response = errors.server_error(request)
    assert_outage_page_without_middleware(response)


@pytest.mark.django_db
def test_other_errors_still_give_the_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("initiatives.views.public.Programme.objects.filter", side_effect=ValueError("a bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert b'id="service-unavailable"' not in response.content


def test_integrity_errors_are_not_mistaken_for_an_outage():
    assert not outage.is_database_outage(IntegrityError("duplicate"))
    assert outage.is_database_outage(OperationalError("down"))
    assert outage.is_database_outage(InterfaceError("connection already closed"))
