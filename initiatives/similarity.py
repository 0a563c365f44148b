"""Novelty: how much an initiative's text looks like the others', across the whole portal.

The text is the title, the problem, the solution, how it is applied, and the text of attached PDF and Word files.
It is folded (diacritics and case ignored, `text.fold`), cut into sentences, and each sentence into overlapping
three-word shingles: reordering sentences changes nothing, and a small edit (one number) only touches the three
shingles around it.

Finding candidates among a million initiatives is MinHash locality-sensitive hashing (datasketch): each
initiative's shingles give a 64-value MinHash signature, cut into 16 bands of 4 values; each band is one row of
`SimilarityBand` keyed by its hash. Two texts whose shingle sets overlap by a Jaccard of 0.7 share a band with
probability 0.99 (0.64 at 0.5, 0.12 at 0.3), so a check is one indexed lookup of 16 keys, whatever the number of
initiatives, then an exact comparison of the few dozen candidates' stored texts. Why not PostgreSQL trigrams:
docs/PERFORMANCE.md ("Novelty check").

The score is the share of the smaller text's shingles that the two have in common (at least MIN_SHINGLES in the
denominator, so that a few words in common are never a 100% match): a copy pasted inside a longer text scores as
a copy. `index_initiative` is the one function that keeps the index up to date; `initiatives.indexing` calls it
on every save of the text, inline, or in a Celery worker after the commit where one runs.
"""

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy

from .models import AttachmentText, DismissedMatch, Initiative, SimilarityBand, SimilarityDocument
from .text import fold

log = logging.getLogger(__name__)

SHINGLE_WORDS = 3
NUM_PERM = 64
BAND_ROWS = 4
BANDS = NUM_PERM // BAND_ROWS
MIN_SHINGLES = 15
CANDIDATES = 60  # compared exactly, after the LSH lookup
MAX_TEXT = 60_000  # characters of a document indexed (an attached book would otherwise drown the rest)
MAX_PDF_PAGES = 60
TEXT_FIELDS = ("title", "problem", "solution", "application_summary")
PASSAGE_MIN = 0.5

BANDS_OF_SCORE = (  # (lower bound, code), highest first: the review card's bands
    (0.9, "over90"),
    (0.7, "70to90"),
    (0.5, "50to70"),
    (0.0, "under50"),
)
BAND_LABELS = {
    "over90": gettext_lazy("Over 90%: almost certainly a copy"),
    "70to90": gettext_lazy("70–90%: much in common"),
    "50to70": gettext_lazy("50–70%: parts in common"),
    "under50": gettext_lazy("Under 50%: a few phrases in common"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+|(?<=[.!?;])$")
_WORD = re.compile(r"\w+")


# --- text ------------------------------------------------------------------------------------------


def sentences(text):
    """The sentences of `text` as written (for showing passages)."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s and s.strip()]


def _sentence_shingles(sentence):
    words = _WORD.findall(fold(sentence))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if len(words) > 1 else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shingles(text):
    """The set of three-word shingles of `text`, never crossing a sentence's end."""
    result = set()
    for sentence in sentences(text):
        result |= _sentence_shingles(sentence)
    return result


def score(a, b):
    """0.0–1.0: the share of the smaller shingle set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(min(len(a), len(b)), MIN_SHINGLES)


def band_of(value):
    return next(code for bound, code in BANDS_OF_SCORE if value >= bound)


# --- MinHash / LSH ---------------------------------------------------------------------------------


class _Hasher:
    """One datasketch MinHash template (its permutations drawn once), copied for each text."""

    @cached_property
    def template(self):
        from datasketch import MinHash

        return MinHash(num_perm=NUM_PERM, seed=16)

    def band_keys(self, shingle_set):
        if not shingle_set:
            return []
        minhash = self.template.copy()
        minhash.update_batch([s.encode() for s in shingle_set])
        values = minhash.hashvalues
        keys = []
        for band in range(BANDS):
            chunk = values[band * BAND_ROWS : (band + 1) * BAND_ROWS].tobytes()
            digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return keys


hasher = _Hasher()


def band_keys(shingle_set):
    return hasher.band_keys(shingle_set)


# --- attachments -----------------------------------------------------------------------------------

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read_pdf(handle):
    from pypdf import PdfReader

    reader = PdfReader(handle)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES])


def _read_docx(handle):
    import docx

    document = docx.Document(handle)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def extract_text(attachment):
    """The text of an attached PDF or Word file, read once and kept (AttachmentText); None for other kinds.
    A file with no text layer (a scan) or one that cannot be read is kept as unreadable."""
    reader = {PDF: _read_pdf, DOCX: _read_docx}.get(attachment.content_type)
    if reader is None:
        return None
    cached = AttachmentText.objects.filter(attachment=attachment).first()
    if cached is None:
        try:
            with attachment.file.open("rb") as handle:
                text = reader(io.BytesIO(handle.read()))
        except Exception:  # a damaged or encrypted file: reported as unreadable, never an error page
            log.warning("attachment %s: text could not be read", attachment.pk, exc_info=True)
            text = ""
        text = text.strip()[:MAX_TEXT]
        cached = AttachmentText.objects.create(attachment=attachment, text=text, readable=bool(text))
    return cached


def document_text(initiative):
    """(text, names of attached files whose text could not be read)."""
    parts = [getattr(initiative, name) or "" for name in TEXT_FIELDS]
    unread = []
    if initiative.pk:
        for attachment in initiative.attachments.all():
            extracted = extract_text(attachment)
            if extracted is None:
                continue
            if extracted.readable:
                parts.append(extracted.text)
            else:
                unread.append(attachment.original_name)
    # Each part ends a sentence: a title without a full stop never runs into the problem's first words.
    return "\n".join(p.strip() for p in parts if p and p.strip())[:MAX_TEXT], unread


# --- the index -------------------------------------------------------------------------------------


@transaction.atomic
def index_initiative(initiative):
    """Bring the novelty index of one initiative (or its id) up to date. The only writer of the index."""
    if not isinstance(initiative, Initiative):
        initiative = Initiative.objects.filter(pk=initiative).first()
        if initiative is None:
            return
    text, unread = document_text(initiative)
    shingle_set = shingles(text)
    SimilarityDocument.objects.update_or_create(
        initiative=initiative,
        defaults={"text": text, "shingle_count": len(shingle_set), "unread_files": "\n".join(unread)},
    )
    SimilarityBand.objects.filter(initiative=initiative).delete()
    SimilarityBand.objects.bulk_create(
        [SimilarityBand(initiative=initiative, key=key) for key in band_keys(shingle_set)]
    )


# --- matching --------------------------------------------------------------------------------------


@dataclass
class Passage:
    mine: str
    theirs: str
    score: float


@dataclass
class Match:
    initiative: Initiative
    score: float
    text: str = field(repr=False, default="")
    query_text: str = field(repr=False, default="")

    @property
    def percent(self):
        return round(self.score * 100)

    @property
    def band(self):
        return band_of(self.score)

    @cached_property
    def passages(self):
        return matching_passages(self.query_text, self.text)


def matching_passages(mine, theirs, *, limit=12):
    """The sentences of `mine` that are (nearly) in `theirs`, each beside its closest sentence there, in the
    order they come in `mine`."""
    their_sentences = sentences(theirs)
    where = {}
    their_sizes = []
    for index, sentence in enumerate(their_sentences):
        sentence_shingles = _sentence_shingles(sentence)
        their_sizes.append(len(sentence_shingles))
        for shingle in sentence_shingles:
            where.setdefault(shingle, []).append(index)
    found = []
    for sentence in sentences(mine):
        sentence_shingles = _sentence_shingles(sentence)
        if len(sentence_shingles) < 2:
            continue
        hits = {}
        for shingle in sentence_shingles:
            for index in where.get(shingle, ()):
                hits[index] = hits.get(index, 0) + 1
        if not hits:
            continue
        best = max(hits, key=lambda i: hits[i] / max(their_sizes[i], len(sentence_shingles)))
        value = hits[best] / max(their_sizes[best], len(sentence_shingles))
        if value >= PASSAGE_MIN:
            found.append(Passage(sentence, their_sentences[best], value))
    return found[:limit]


def _candidates(keys, *, within, exclude_pk, hide):
    """The ids of the initiatives sharing most LSH bands with `keys`, as a subquery (no round trip)."""
    rows = SimilarityBand.objects.filter(key__in=keys)
    if exclude_pk:
        rows = rows.exclude(initiative_id=exclude_pk)
    if hide:
        rows = rows.exclude(initiative_id__in=hide)
    if within is not None:
        rows = rows.filter(initiative__in=within)
    ranked = rows.values("initiative_id").annotate(hits=Count("id")).order_by("-hits", "initiative_id")
    return ranked.values("initiative_id")[:CANDIDATES]


def matches_for_text(text, *, within=None, exclude_pk=None, limit=10, hide=()):
    """The initiatives whose text looks most like `text`, best first (score > 0). `within`: a queryset of
    initiatives to search (None: the whole portal); `hide`: ids never to return. One query, however many
    initiatives there are: the band lookup is a subquery of the read of the candidates' texts."""
    query_shingles = shingles(text)
    keys = band_keys(query_shingles)
    if not keys:
        return []
    documents = SimilarityDocument.objects.filter(
        initiative_id__in=_candidates(keys, within=within, exclude_pk=exclude_pk, hide=sorted(set(hide)))
    ).select_related("initiative__branch")
    scored = []
    for document in documents:
        value = score(query_shingles, shingles(document.text))
        if value > 0:
            scored.append((value, document.initiative_id, document))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [Match(document.initiative, value, document.text, text) for value, _pk, document in scored[:limit]]


def stored_text(initiative):
    """The indexed text of a saved initiative (fields and attached files)."""
    document = SimilarityDocument.objects.filter(initiative_id=initiative.pk).first() if initiative.pk else None
    return document.text if document is not None else document_text(initiative)[0]


def typed_text(initiative):
    """The text of the fields as they are on a form now (attached files as last indexed come on top)."""
    typed = "\n".join(getattr(initiative, name) or "" for name in TEXT_FIELDS)
    if not initiative.pk:
        return typed
    files = AttachmentText.objects.filter(
        attachment__initiative=initiative, attachment__removed_at__isnull=True, readable=True
    ).values_list("text", flat=True)
    return "\n".join([typed, *files])


def similar_to(initiative, *, limit=10):
    """The closest initiatives within the whole portal, best first; each has `.initiative` and `.score`."""
    return matches_for_text(stored_text(initiative), exclude_pk=initiative.pk, limit=limit)


def dismissed_ids(initiative):
    if not initiative.pk:
        return set()
    return set(DismissedMatch.objects.filter(initiative=initiative).values_list("other_id", flat=True))


def similar_within(initiative, within, *, limit=10, text=None):
    """The closest initiatives inside `within` (a queryset from access.py), without the matches a reviewer
    dismissed for this initiative. `text`: what is on the form now, when it is not saved yet."""
    if text is None:
        text = stored_text(initiative)
    return matches_for_text(
        text, within=within, exclude_pk=initiative.pk, limit=limit, hide=dismissed_ids(initiative)
    )


def unread_files(initiative):
    if not initiative.pk:
        return []
    names = SimilarityDocument.objects.filter(initiative_id=initiative.pk).values_list("unread_files", flat=True)
    return [n for n in (names.first() or "").split("\n") if n]


def dismiss(initiative, other, *, reason, acting_user):
    """Record that `other` is not a copy of `initiative`, so the match is not shown again for it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a reason is required")
    DismissedMatch.objects.update_or_create(
        initiative=initiative, other=other, defaults={"reason": reason, "dismissed_by": acting_user}
    )


# --- what each person is shown ---------------------------------------------------------------------


@dataclass
class AuthorWarning:
    number: int
    branch: str
    percent: int
    visible: bool  # the author may open it (their own); otherwise only number, branch and score are told


def author_warnings(user, initiative, text, *, limit=3, threshold=0.5):
    """While an author types: the initiatives that look like what is on the form (score ≥ `threshold`), among
    those they may see and those submitted to their own branch (access.novelty_peers_for)."""
    from . import access

    found = {}
    for within, visible in ((access.initiatives_for(user), True), (access.novelty_peers_for(user), False)):
        for match in matches_for_text(text, within=within, exclude_pk=initiative.pk, limit=limit):
            if match.score >= threshold and match.initiative.pk not in found:
                found[match.initiative.pk] = (match, visible)
    ranked = sorted(found.values(), key=lambda pair: -pair[0].score)[:limit]
    return [
        AuthorWarning(m.initiative.pk, m.initiative.branch.name, m.percent, visible) for m, visible in ranked
    ]


def review_matches(user, initiative, *, limit=10):
    """For the reviewer's card: the closest initiatives inside the reviewer's scope (access.initiatives_for),
    dismissed ones left out, best first, grouped in bands [(band code, label, [Match, ...]), ...], empty bands
    left out."""
    from . import access

    matches = similar_within(initiative, access.initiatives_for(user), limit=limit)
    grouped = []
    for _bound, code in BANDS_OF_SCORE:
        members = [m for m in matches if m.band == code]
        if members:
            grouped.append((code, BAND_LABELS[code], members))
    return grouped


# --- many at once (backfill, benchmarks) -----------------------------------------------------------


def write_index(documents):
    """Index many texts at once: `documents` yields (initiative id, text, unread file names). Their old index
    rows go; the new ones are written in batches (COPY on PostgreSQL). Returns the number indexed."""
    from django.utils import timezone

    from .bulk_rows import RowWriter

    now = timezone.now()
    count = 0
    batch = []

    def flush():
        ids = [pk for pk, *_rest in batch]
        SimilarityBand.objects.filter(initiative_id__in=ids).delete()
        SimilarityDocument.objects.filter(initiative_id__in=ids).delete()
        docs = RowWriter(SimilarityDocument, ["initiative_id", "text", "shingle_count", "unread_files", "indexed_at"])
        bands = RowWriter(SimilarityBand, ["initiative_id", "key"])
        for pk, text, unread in batch:
            shingle_set = shingles(text)
            docs.add((pk, text, len(shingle_set), "\n".join(unread), now))
            for key in band_keys(shingle_set):
                bands.add((pk, key))
        docs.flush()
        bands.flush()
        batch.clear()

    for document in documents:
        batch.append(document)
        count += 1
        if len(batch) >= 2000:
            flush()
    if batch:
        flush()
    return count


def reindex_all(*, only_missing=False, progress=None):
    """Backfill: index every initiative (or those not yet indexed), 2,000 at a time."""
    queryset = Initiative.objects.order_by("pk")
    if only_missing:
        queryset = queryset.filter(similarity_document__isnull=True)
    done = 0
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).prefetch_related("attachments")[:2000])
        if not chunk:
            return done
        with transaction.atomic():
            done += write_index((i.pk, *document_text(i)) for i in chunk)
        last = chunk[-1].pk
        if progress:
            progress(done)
