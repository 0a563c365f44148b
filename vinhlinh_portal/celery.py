"""The Celery app: `celery -A vinhlinh_portal.celery:app worker`. Its settings are Django's CELERY_* settings;
the broker is CELERY_BROKER_URL, or REDIS_URL when that is unset. Tasks are found in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")

app = Celery("vinhlinh_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
