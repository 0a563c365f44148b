"""A real Redis for the tests of the shared cache and the background jobs.

REDIS_TEST_URL (default redis://127.0.0.1:6379/7, a database of its own) says where; every test run uses a key
prefix of its own and deletes only its own keys, so several runs (and other people's) can share the server.
.ci/run starts Redis when it is not running.
"""

import os
import uuid

import pytest
import redis

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/7")


def redis_cache_settings(prefix):
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_TEST_URL,
                        "KEY_PREFIX": prefix}}


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.ping()  # no Redis is a failure, never a skip: .ci/run starts it
    yield client
    client.close()


@pytest.fixture
def redis_cache(settings, redis_client):
    """The default cache is Redis, under a prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = redis_cache_settings(prefix)
    yield prefix
    keys = list(redis_client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        redis_client.delete(*keys)
