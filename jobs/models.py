"""A background job: who asked for it, what it is, how far it has got, and the file it made.

The row is the job's only state: the page polls it, the worker writes it, the sweep (`runner.sweep`) finds the
ones whose worker died. Files go through the storage API (`default_storage`), under a folder of the owner's.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def job_file_path(job, filename):
    return f"jobs/{job.owner_id}/{uuid.uuid4().hex}/{filename}"


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs",
                              verbose_name=_("owner"))
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)  # what a job hands its page (an import's preview)
    file = models.FileField(_("file"), upload_to=job_file_path, blank=True, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="job_owner_recent"),
            models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_finished(self):
        return self.state in {self.State.DONE, self.State.FAILED}


class OutgoingMail(models.Model):
    """One e-mail to one recipient, written in the same transaction as what it tells of (the outbox).

    A worker sends it and marks it sent; while the mail server is down it stays pending and is tried again with
    growing pauses, so a message is never lost; a message marked sent is never sent again."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    about = models.CharField(_("about"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="mail_state_next")]

    def __str__(self):
        return f"{self.to}: {self.subject}"
