"""Hostile .xlsx files, built in memory: a shared-strings bomb, millions of blank rows, XML broken half-way down
a sheet, a DOCTYPE with entities, formulas. Used by the import tests and by bench/hostile_workbooks.py."""

import io
import zipfile

from openpyxl import Workbook

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADINGS = ["STT", "Họ và tên", "Chức vụ", "Điện thoại"]


def base_workbook(rows=(("1", "Nguyễn Văn An", "Giáo viên", "0912345678"),), headings=HEADINGS):
    book = Workbook()
    sheet = book.active
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replace_parts(data, parts, *, level=6):
    """A copy of the .xlsx `data` with some parts replaced: {name: bytes, or an iterable of byte chunks}."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        names = source.namelist()
        for name in names:
            if name not in parts:
                target.writestr(source.getinfo(name), source.read(name))
        for name, content in parts.items():
            with target.open(name, "w", force_zip64=True) as stream:
                if isinstance(content, bytes):
                    stream.write(content)
                else:
                    for chunk in content:
                        stream.write(chunk)
    return out.getvalue()


def inline_row(number, values):
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'.encode()


def sheet_xml(body_chunks, dimension=None):
    yield b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ' + NS + b">"
    if dimension:
        yield b'<dimension ref="%s"/>' % dimension.encode()
    yield b"<sheetData>"
    yield inline_row(1, ["STT", "Họ và tên", "Chức vụ"])
    yield from body_chunks
    yield b"</sheetData></worksheet>"


def shared_strings_bomb(megabytes=600, *, level=9):
    """A small file whose shared strings unpack to `megabytes` MB (the probe's: 613 KB → 600 MB)."""
    chunk = b"<si><t>" + b"a" * (1024 * 1024 - 16) + b"</t></si>"

    def content():
        yield b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b">"
        yield b"<si><t>STT</t></si><si><t>H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan</t></si>"
        for _ in range(megabytes):
            yield chunk
        yield b"</sst>"

    return replace_parts(base_workbook(), {"xl/sharedStrings.xml": content()}, level=level)


def many_shared_strings(count):
    def content():
        yield b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b">"
        for start in range(0, count, 10_000):
            yield b"".join(b"<si><t>%d</t></si>" % i for i in range(start, min(start + 10_000, count)))
        yield b"</sst>"

    return replace_parts(base_workbook(), {"xl/sharedStrings.xml": content()})


def blank_rows(count=2_000_000, *, dimension=True):
    """A sheet with headings, one member, then `count` empty rows written out one by one; with its <dimension>
    (as Excel writes it) or without."""
    def body():
        yield inline_row(2, ["1", "Nguyễn Văn An", "Giáo viên"])
        for start in range(3, count + 3, 100_000):
            yield "".join(f'<row r="{i}"/>' for i in range(start, min(start + 100_000, count + 3))).encode()

    ref = f"A1:C{count + 2}" if dimension else None
    return replace_parts(base_workbook(), {"xl/worksheets/sheet1.xml": sheet_xml(body(), ref)})


def far_row():
    """One member on row 2 and a value on the sheet's last row: a reader fills the million rows between."""
    body = [inline_row(2, ["1", "Nguyễn Văn An", "Giáo viên"]), inline_row(1048576, ["x"])]
    return replace_parts(base_workbook(), {"xl/worksheets/sheet1.xml": sheet_xml(body, "A1:C2")})


def broken_half_way(good_rows=500):
    """Well-formed for `good_rows` rows, then a tag that never closes properly."""
    body = [inline_row(i, [str(i - 1), f"Người {i}", "Giáo viên"]) for i in range(2, good_rows + 2)]
    body.append(b'<row r="9999"><c r="A9999" t="inlineStr"><is><t>x</t></is></c><c r=></row>')
    return replace_parts(base_workbook(), {"xl/worksheets/sheet1.xml": sheet_xml(body, "A1:C9999")})


def with_doctype():
    doctype = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
               b"<sst " + NS + b"><si><t>&b;</t></si></sst>")
    return replace_parts(base_workbook(), {"xl/sharedStrings.xml": doctype})


def invalid_character():
    """U+FFFF in a cell, as openpyxl without lxml writes it: no XML parser can read it back. Written into the sheet's
    XML directly, since openpyxl refuses it when lxml is installed."""
    body = [inline_row(2, ["1", "Nguyễn\uffff Văn An", "Giáo viên"])]
    return replace_parts(base_workbook(), {"xl/worksheets/sheet1.xml": sheet_xml(body, "A1:C2")})


def large_sheet_without_dimension(rows=15_000, width=1_200):
    """Fewer rows than the bound, but a sheet larger than openpyxl may parse whole to find its size."""
    def body():
        for start in range(2, rows + 2, 1_000):
            yield b"".join(inline_row(i, [str(i), "x" * width, "Giáo viên"]) for i in range(start, start + 1_000))

    return replace_parts(base_workbook(), {"xl/worksheets/sheet1.xml": sheet_xml(body())})
