"""The initiatives app's Celery tasks (autodiscovered by `vinhlinh_portal.celery`)."""

from celery import shared_task
from django.db import OperationalError

from . import similarity


@shared_task(name="initiatives.index_similarity", acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def index_similarity(initiative_id):
    """Bring one initiative's novelty index up to date. Idempotent: it rewrites the rows from the saved text, so
    a message delivered twice, or late after a newer save, leaves the index as the initiative now is."""
    similarity.index_initiative(initiative_id)
