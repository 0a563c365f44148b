"""Text that an XML 1.0 document can hold: the one function every workbook cell, sheet name and imported value
passes through.

A workbook is XML. One character XML forbids (a control character, U+FFFF, half of a surrogate pair) makes Excel
call the whole file damaged, so a single title typed with one breaks every report that lists it. `xml_safe`
removes control characters (C0 except tab, line feed and carriage return; DEL; C1) and replaces what is not a
character at all (lone surrogates, U+FFFE/U+FFFF and the other non-characters) with U+FFFD "�", so a reader sees
that something unreadable stood there.
"""

import re

_NONCHARACTERS = "".join(
    [re.escape(chr(code)) for code in range(0xFDD0, 0xFDF0)]
    + [re.escape(chr(plane + low)) for plane in range(0, 0x110000, 0x10000) for low in (0xFFFE, 0xFFFF)]
)
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff" + _NONCHARACTERS + "]")
REPLACEMENT = "\ufffd"


def _replace(match):
    char = match.group()
    return "" if char <= "\x9f" else REPLACEMENT


def xml_safe(text):
    """`text` (anything; None is "") with every character XML 1.0 forbids or discourages removed or replaced."""
    if text is None:
        return ""
    text = str(text)
    if text.isascii():
        # The common case, and cheaper: only C0 controls and DEL can be wrong in ASCII.
        return text if text.isprintable() else _UNSAFE.sub("", text)
    return _UNSAFE.sub(_replace, text)
