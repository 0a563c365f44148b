"""Refuse a request body larger than the largest legitimate upload, early, with 413.

Twice: `RequestSizeLimitMiddleware` answers 413 from the Content-Length header before anything reads the body
(Django reads no further than Content-Length, so the header bounds what is read); `RequestSizeLimitUploadHandler`,
first of FILE_UPLOAD_HANDLERS, counts the bytes of a multipart body while Django reads it and stops at the limit,
before a file is written to a temporary file. The limit is settings.MAX_REQUEST_BYTES. The proxy in front should
refuse larger bodies itself (nginx `client_max_body_size`, see README).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.template import loader

# Set on the request by the upload handler, so that the middleware answers 413 rather than Django's 400.
TOO_LARGE_FLAG = "portal_body_too_large"


def limit():
    return settings.MAX_REQUEST_BYTES


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request):
    """The 413 page, standing alone (no database, no context processors): what happened and what to do."""
    response = HttpResponse(
        loader.render_to_string("413.html", {
            "limit_mb": limit() // (1024 * 1024), "file_mb": settings.MAX_ATTACHMENT_BYTES // (1024 * 1024),
        }),
        status=413,
    )
    response["Connection"] = "close"  # the rest of the body is never read
    response["Cache-Control"] = "no-store"
    return response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declared_length(request) > limit():
            return too_large(request)
        response = self.get_response(request)
        if getattr(request, TOO_LARGE_FLAG, False):
            return too_large(request)
        return response


class RequestSizeLimitUploadHandler(FileUploadHandler):
    """Counts the file bytes of a multipart body as they arrive; past the limit, stops reading."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0  # one count per body, whatever Content-Length claimed
        return None  # the next handlers do the parsing

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = getattr(self, "received", 0)

    def receive_data_chunk(self, raw_data, start):
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > limit():
            self._refuse()
        return raw_data  # handed on to the next handler

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        if self.request is not None:
            setattr(self.request, TOO_LARGE_FLAG, True)
        raise RequestDataTooBig("Request body exceeded settings.MAX_REQUEST_BYTES.")
