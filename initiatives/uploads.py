"""What may be attached: PDF, Word, Excel, JPEG, PNG, recognised by their content, 10 MB at most."""
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Said beside the file field when storage refuses a file (a full disk): the attachment's and the pledge's.
DISK_FULL_MESSAGE = gettext_lazy(
    "The file could not be stored: the server is out of space. Nothing was saved; try again later or tell the "
    "district office."
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ALLOWED = {
    # extension: (content kind, MIME type)
    ".pdf": ("pdf", "application/pdf"),
    ".jpg": ("jpeg", "image/jpeg"),
    ".jpeg": ("jpeg", "image/jpeg"),
    ".png": ("png", "image/png"),
    ".doc": ("ole", "application/msword"),
    ".xls": ("ole", "application/vnd.ms-excel"),
    ".docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def sniff(uploaded):
    """The kind of file the bytes say it is, whatever its name: pdf, jpeg, png, ole, docx, xlsx or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            uploaded.seek(0)
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
    return None


def validate_attachment(uploaded):
    """Returns the MIME type to store; raises ValidationError with a message for people."""
    name = uploaded.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    limit = settings.MAX_ATTACHMENT_BYTES
    if uploaded.size > limit:
        raise ValidationError(_("“%(name)s” is %(size)s MB; a file may be at most %(limit)s MB.") % {
            "name": name, "size": f"{uploaded.size / 1048576:.1f}".replace(".", ","), "limit": limit // 1048576})
    if extension not in ALLOWED:
        raise ValidationError(_("“%(name)s” is not a PDF, Word, Excel, JPEG or PNG file.") % {"name": name})
    expected_kind, mime = ALLOWED[extension]
    if sniff(uploaded) != expected_kind:
        raise ValidationError(_(
            "“%(name)s” is not really a %(ext)s file: its content does not match its name. Attach the original file."
        ) % {"name": name, "ext": extension.lstrip(".").upper()})
    return mime
