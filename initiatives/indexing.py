"""Keeping the novelty index (similarity.index_initiative) up with writes: when an initiative's text is saved or
an attachment is added or removed. With a broker (`settings.JOBS_RUNNER == "celery"`) a worker does it after the
commit, so a save does not wait for the text of a 60-page PDF to be read; without one (the embedded default) it is
done inline, in the save's own transaction."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import similarity, tasks
from .models import Attachment, Initiative

_INDEXED_FIELDS = frozenset(similarity.TEXT_FIELDS)


def keep_up(initiative_id):
    if getattr(settings, "JOBS_RUNNER", "thread") == "celery":
        queue = getattr(settings, "JOBS_QUEUE", None) or None
        transaction.on_commit(lambda: tasks.index_similarity.apply_async((initiative_id,), queue=queue))
    else:
        similarity.index_initiative(initiative_id)


@receiver(post_save, sender=Initiative)
def _initiative_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not _INDEXED_FIELDS & set(update_fields)):
        return  # a status move or a counter: the text is unchanged
    keep_up(instance.pk)


@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
def _attachment_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.initiative_id is None:
        return
    keep_up(instance.initiative_id)
