"""Serving a stored file to the one user who may have it: attachments, scanned pledges."""

from django.http import FileResponse, Http404


def private_download(field_file, filename, content_type=None):
    """`field_file` as a download: never sniffed as something else, never kept by a shared cache; a file missing
    from storage is a 404."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
