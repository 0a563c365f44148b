"""Request size: a body larger than the largest legitimate upload is refused early with 413, never buffered."""

import io

from django.contrib.auth import get_user_model
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.test import RequestFactory

from portal_security import request_size

from .test_accounts import registration_data


class UnreadableBody(io.RawIOBase):
    """A 200 MB upload that is never sent: reading it at all fails the test."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


class CountingBody(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.consumed = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.consumed += len(line)
        return line


def test_a_200_mb_post_is_refused_with_413_from_its_content_length_without_reading_it(db, settings):
    environ = RequestFactory().post("/accounts/register/").environ
    environ.update({
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(200 * 1024 * 1024),
        "wsgi.input": UnreadableBody(),
    })
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))

    assert statuses == ["413 Request Entity Too Large"]
    assert "Dữ liệu gửi lên quá lớn" in body.decode()
    assert "52 MB" in body.decode()  # the limit, said to the person


def test_the_largest_legitimate_upload_still_passes_and_one_byte_more_does_not(client, branch_a, settings):
    settings.MAX_REQUEST_BYTES = 6000
    data = registration_data(branch_a)
    fitting = client.post("/accounts/register/", data)  # a small form: far below the limit
    assert fitting.status_code == 302

    client.logout()
    refused = client.post("/accounts/register/", {**registration_data(branch_a, username="khac", email="k@example.vn"),
                                                  "file": SimpleUploadedFile("scan.pdf", b"%PDF-" + b"x" * 6000)})
    assert refused.status_code == 413
    assert not get_user_model().objects.filter(username="khac").exists()


def test_a_body_is_counted_while_it_is_read_and_reading_stops_at_the_limit(settings):
    """Whatever Content-Length says (or a server that does not enforce it), the upload handler stops reading."""
    settings.MAX_REQUEST_BYTES = 100 * 1024
    environ = RequestFactory().post(
        "/accounts/register/", {"file": SimpleUploadedFile("big.pdf", b"x" * 1024 * 1024)}
    ).environ
    raw = environ["wsgi.input"].read()
    counting = CountingBody(raw)
    request = WSGIRequest({**environ, "wsgi.input": counting})

    try:
        request.POST  # noqa: B018
    except RequestDataTooBig:
        pass
    else:
        raise AssertionError("the body over the limit was read to the end")
    assert getattr(request, request_size.TOO_LARGE_FLAG) is True
    assert counting.consumed < 300 * 1024 < len(raw)  # stopped near the limit, not after a megabyte
