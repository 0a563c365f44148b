"""Hostile input for the fuzz tests (hypothesis strategies): what a careless, a confused or a malicious client sends.

Every strategy mixes fixed nasty samples (so each run tries them) with generated values around them.
docs/RELIABILITY.md lists what is tried.
"""

import datetime

from hypothesis import strategies as st

SCRIPTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "=HYPERLINK(\"http://x\";\"x\")",
]
SQL = [
    "' OR '1'='1",
    "1; DROP TABLE initiatives_initiative; --",
    "%' UNION SELECT password FROM auth_user --",
    "\\'; --",
    "%%%_%",
]
CONTROL = ["\x00", "a\x00b", "\x01\x02\x1b[31m", "\r\n\r\n", "\t\x0b\x0c", "\x7f\x85", "\ufeff"]
BIDI = ["\u202egnp.exe", "\u200f\u200e", "\u2066x\u2069", "\u061c", "مرحبا"]
EMOJI = ["😀", "🇻🇳👨‍👩‍👧‍👦", "🧪" * 40, "\U0010ffff", "ạ̶̢̛̼̀͗"]  # flags, ZWJ sequence, last plane, stacked marks
DIGIT_LIKE = ["²", "١٢", "１２", "⑫", "۳", "߂", "1_000", " 7 ", "+5", "-0", "0x1F", "1e3", "07"]
VIETNAMESE = ["Nguyễn Văn Ẩn", "ĐỒNG KHỞI", "sáng kiến", "đ"]
EMPTYISH = ["", " ", "\u00a0", "\u3000", "\u200b"]

TEXT_SAMPLES = SCRIPTS + SQL + CONTROL + BIDI + EMOJI + DIGIT_LIKE + VIETNAMESE + EMPTYISH

DATE_SAMPLES = [
    "31/02/2022", "29/02/2023", "00/00/0000", "32/13/2022", "01/01/0001", "31/12/9999", "01/01/10000",
    "9999-12-31", "0001-01-01", "2022-02-30", "1/1/1", "-1/01/2022", "2022/03/01", "03-01-2022",
    "٠١/٠٣/٢٠٢٢", "01/03/2022\x00", "01/03/2022 <script>", "today", "1e9", "99999999999999999999",
]
MONEY_SAMPLES = [
    "-1", "-15000000", "0", "1e308", "-1e308", "9223372036854775807", "9223372036854775808",
    "99999999999999999999999999999999", "NaN", "Infinity", "-Infinity", "1.5", "1,000", "1.000.000",
    "15 000 000", "0x10", "١٢٣", "1" * 5000,
]
INTEGER_SAMPLES = ["-1", "0", "1", "2147483648", "9223372036854775808", "1" * 5000, "NaN", "1.0", "²", "-0"]


def long_text(longest=20_000):
    """Text of 1,000 to `longest` characters (and once 100,000 in a form): a short piece repeated (char by char
    is slow). Query strings stay under 8 KB or so, as proxies and gunicorn refuse longer request lines."""
    repeated = st.builds(lambda piece, times: piece * times,
                         st.sampled_from(["a", "ầ", "😀", "<b>", "' OR 1=1 ", "\x00"]), st.integers(1_000, longest))
    return st.one_of(st.just("ầ" * 100_000), repeated) if longest >= 20_000 else repeated


def hostile_text(max_size=200, longest=20_000):
    return st.one_of(
        st.sampled_from(TEXT_SAMPLES),
        st.text(max_size=max_size),
        st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn", "So"]), max_size=max_size),
        long_text(longest),
        st.lists(st.sampled_from(TEXT_SAMPLES), min_size=2, max_size=6).map("".join),
    )


def hostile_date():
    def ddmmyyyy(value):
        return value.strftime("%d/%m/") + f"{value.year:04d}"

    return st.one_of(
        st.sampled_from(DATE_SAMPLES),
        st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(ddmmyyyy),
        st.dates().map(datetime.date.isoformat),
        st.tuples(st.integers(-5, 40), st.integers(-5, 15), st.integers(-10, 100_000)).map(
            lambda t: f"{t[0]:02d}/{t[1]:02d}/{t[2]}"),
        hostile_text(40, longest=2_000),
    )


def hostile_money():
    return st.one_of(
        st.sampled_from(MONEY_SAMPLES),
        st.integers(-(10**30), 10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.decimals(allow_nan=True).map(str),
        hostile_text(30, longest=2_000),
    )


def hostile_integer():
    """What arrives where a number or an id is expected."""
    return st.one_of(
        st.sampled_from(INTEGER_SAMPLES + DIGIT_LIKE),
        st.integers(-(10**40), 10**40).map(str),
        hostile_text(30, longest=2_000),
    )


def hostile_choice(valid):
    """A valid choice now and then, otherwise anything."""
    return st.one_of(st.sampled_from(list(valid)), hostile_text(60, longest=2_000), hostile_integer())


def hostile_value(longest=20_000):
    return st.one_of(hostile_text(longest=longest), hostile_date(), hostile_money())


def query_values():
    """A GET parameter: one value or several (?a=1&a=2), at most a few thousand characters."""
    value = hostile_value(longest=2_000)
    return st.one_of(value, st.lists(value, min_size=2, max_size=3))


GARBAGE_FILE_NAMES = [
    "quyet-dinh.pdf", "a.xlsx", "../../etc/passwd.pdf", "..\\..\\boot.ini.xlsx", "x" * 300 + ".pdf",
    "\u202efdp.exe", "noextension", ".xlsx", "a.PDF", "a.pdf.exe", "ảnh 😀.png", "a\x00b.pdf", "con.pdf", "<b>.png",
]


def garbage_bytes():
    """The content of a broken upload: random bytes, or a real format's magic number with rubbish after it."""
    heads = [b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04",
             b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<?xml version='1.0'?>", b"\x1f\x8b\x08"]
    return st.builds(lambda head, tail: head + tail, st.sampled_from(heads), st.binary(max_size=4096))
