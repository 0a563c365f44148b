"""Text folding for search: diacritics and case ignored, so "nguyen van an" finds "Nguyễn Văn An"."""

import unicodedata


def _slow_fold(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _latin_table():
    """Each accented Latin letter (and each combining mark) → what NFD-and-strip leaves of it, so that Vietnamese
    folds with one str.translate. Built from the slow way itself: the two cannot disagree."""
    table = {}
    for code in (*range(0x00C0, 0x0250), *range(0x0300, 0x0370), *range(0x1E00, 0x1F00)):
        char = chr(code)
        stripped = _slow_fold(char)
        if stripped != char:
            table[code] = stripped
    return table


_TABLE = _latin_table()


def fold(text):
    """Lower-case `text` without Vietnamese diacritics; đ becomes d."""
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D").translate(_TABLE)
    if not text.isascii():  # beyond Latin letters: the general way (it leaves what is already folded alone)
        text = _slow_fold(text)
    return " ".join(text.lower().split())


def fold_query(query):
    """Fold what a user typed into a search box; Telex "dd" means đ, so it folds to d too."""
    return fold(query).replace("dd", "d")


def fold_for_index(text):
    """Fold stored text so that both "d" and a Telex "dd" in a query find it."""
    return fold(text).replace("dd", "d")
