"""Folding for search and sorting: the fast path (one str.translate) gives exactly what decomposing every
character and dropping its marks gives, for every character of the Basic Multilingual Plane."""

import unicodedata

from initiatives.text import fold, fold_for_index, fold_query


def reference_fold(text):
    """The plain way: đ to d, decompose, drop the combining marks, lower case, single spaces."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def test_vietnamese_folds_without_diacritics_or_case():
    assert fold("Nguyễn Văn Đạt  ") == "nguyen van dat"
    assert fold_query("Nguyen Van Ddat") == fold_for_index("Nguyễn Văn Đạt") == "nguyen van dat"
    assert fold("") == "" and fold(None) == ""


def test_the_fast_path_equals_the_plain_way_for_every_character():
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        for text in (char, f"a{char}b", f"{char}\u0301", f"Trường {char}"):
            assert fold(text) == reference_fold(text), hex(code)
