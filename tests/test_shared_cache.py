"""With REDIS_URL set, the figures' cache and the sessions live in Redis, shared by every worker and host;
without it, everything runs as on one machine (memory cache, sessions in the database)."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from initiatives import progress
from initiatives.models import Programme, Status
from tests import factories
from tests.redis_support import REDIS_TEST_URL


def _settings_in_a_fresh_process(**environ):
    code = ("import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]))")
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(DJANGO_SETTINGS_MODULE="vinhlinh_portal.settings", **environ)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_redis_url_makes_redis_the_cache_and_sessions_cached_in_it():
    assert _settings_in_a_fresh_process(REDIS_URL=REDIS_TEST_URL) == [
        "django.core.cache.backends.redis.RedisCache", "django.contrib.sessions.backends.cached_db"]


def test_without_redis_url_the_portal_runs_as_on_one_machine():
    assert _settings_in_a_fresh_process() == [
        "django.core.cache.backends.locmem.LocMemCache", "django.contrib.sessions.backends.db"]


def _other_worker(prefix):
    """A cache client of its own, as another gunicorn worker or host would have."""
    return RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": prefix})


@pytest.mark.django_db
def test_figures_counted_by_one_worker_are_served_to_another(redis_cache, district, branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    programme = Programme.objects.prefetch_related("periods").get(is_current=True)
    first = progress.compute_cached(progress.scope_for_user(district, programme))
    assert isinstance(caches["default"], RedisCache)
    shared = _other_worker(redis_cache).get("progress:" + first["version"])
    assert shared is not None and shared["by_status"][Status.SUBMITTED] == 1

    # A write seen by one worker gives every worker new figures at once: the key names the data's versions.
    factories.initiative(branch_a, status=Status.SUBMITTED)
    again = progress.compute_cached(progress.scope_for_user(district, programme))
    assert again["version"] != first["version"] and again["by_status"][Status.SUBMITTED] == 2


@pytest.mark.django_db
def test_a_session_is_shared_through_redis_and_survives_losing_the_cache(
        redis_cache, redis_client, settings, client, district):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(district)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert any(session_key.encode() in key for key in redis_client.scan_iter(match=f"{redis_cache}:*"))
    assert client.get("/dashboard/").status_code == 200

    # Redis restarted (its keys gone): the session is read back from the database, the user stays signed in.
    for key in redis_client.scan_iter(match=f"{redis_cache}:*"):
        redis_client.delete(key)
    assert client.get("/dashboard/").status_code == 200

    # Signing out on one worker ends the session for every worker.
    client.post("/accounts/logout/")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
