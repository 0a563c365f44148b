"""Text folding for search: diacritics and case ignored, so "nguyen van an" finds "Nguyễn Văn An"."""

import unicodedata


def fold(text):
    """Lower-case `text` without Vietnamese diacritics; đ becomes d."""
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def fold_query(query):
    """Fold what a user typed into a search box; Telex "dd" means đ, so it folds to d too."""
    return fold(query).replace("dd", "d")


def fold_for_index(text):
    """Fold stored text so that both "d" and a Telex "dd" in a query find it."""
    return fold(text).replace("dd", "d")
