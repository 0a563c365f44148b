"""What every fuzz test checks: the answer is handled (never a 5xx) and a refused request leaves the stored data
exactly as it was.

Each hypothesis example runs inside a savepoint that is rolled back, so examples do not see each other's writes:
the data the test builds once (outside @given) is the same for every example, which is why the fixtures are used
in the test function and never inside the @given function (no function-scoped-fixture health check to silence).
"""

import hashlib
import os
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, settings

from initiatives import tallies

SNAPSHOT_APPS = ("initiatives", "models_awards", "auth")
# Stored on a refused form on purpose (DESIGN 11: nothing uploaded is lost): a valid file kept while the rest of
# the form has errors. Those columns/rows are left out of the comparison, everything else is compared.
KEPT_ROWS = {"initiatives.attachment": {"initiative__isnull": True}}
KEPT_COLUMNS = {"initiatives.pledge": {"document", "updated_by", "updated_at"}}

# Bounded: the whole fuzz suite runs in well under a minute. By default a run is derandomised (the same examples
# every time, so CI is repeatable) and a failure is reported as found, without shrinking it (which can take
# minutes). To look for more: FUZZ_RANDOM=1 FUZZ_EXAMPLES=500 (new examples each run, failures shrunk).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or None
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"


def fuzz_settings(max_examples):
    return settings(
        max_examples=EXAMPLES or max_examples,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        phases=list(Phase) if RANDOM else [Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


def _models():
    for label in SNAPSHOT_APPS:
        yield from apps.get_app_config(label).get_models()


def snapshot():
    """{model label: (row count, digest of every row)} for the portal's apps and the accounts. The union bodies'
    pending tally rows are folded in first, as any reader of a body's figures does (tallies.fold): folding
    changes how the counts are stored, not what they say."""
    tallies.fold()
    state = {}
    for model in _models():
        label = model._meta.label_lower
        rows = model._default_manager.all()
        if label in KEPT_ROWS:
            rows = rows.exclude(**KEPT_ROWS[label])
        columns = [f.attname for f in model._meta.concrete_fields if f.name not in KEPT_COLUMNS.get(label, ())]
        values = list(rows.order_by("pk").values_list(*columns))
        state[label] = (len(values), hashlib.sha256(repr(values).encode()).hexdigest())
    return state


def changed_models(before, after):
    return sorted(label for label in before if before[label] != after[label])


def is_derived(label):
    """Rows computed from the others in the same transaction (running counts kept by triggers): they follow a
    successful write, so only the rows they are computed from are checked after one."""
    model = apps.get_model(label)
    return any(base.__name__ == "Tally" for base in model.__mro__[1:])


def changed_source_models(before, after):
    return [label for label in changed_models(before, after) if not is_derived(label)]


def assert_unchanged(before, what):
    after = snapshot()
    assert changed_models(before, after) == [], f"a refused request changed stored data: {what}"


def _described(request):
    text = f"{request.get('REQUEST_METHOD')} {request.get('PATH_INFO')}?{request.get('QUERY_STRING', '')}"
    return text if len(text) < 300 else text[:300] + "…"


def assert_handled(response, allowed):
    assert response.status_code < 500, f"{response.status_code} for {_described(response.request)}"
    assert response.status_code in allowed, f"unexpected {response.status_code} for {_described(response.request)}"


@contextmanager
def rolled_back():
    """One example's writes, undone afterwards (a savepoint inside the test's transaction). Marked as Django's
    TestCase marks its own transactions, so that a service's durable transaction may open inside it, as it does
    inside the test's transaction."""
    atomic = transaction.atomic()
    atomic._from_testcase = True
    with atomic:
        yield
        transaction.set_rollback(True)


def signed_in(user):
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def without_nul(data):
    """The test client cannot put NUL into a multipart field name; values keep theirs."""
    return {key.replace("\x00", ""): value for key, value in data.items()}
