"""The novelty check on a planted corpus: near-copies found above 70%, unrelated texts below 30%."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives import similarity
from initiatives.models import Attachment, SimilarityBand, SimilarityDocument, Status
from tests import factories
from tests.initiatives import similarity_corpus as corpus

DATA = Path(__file__).parent / "data"
PDF = "application/pdf"


def planted(branch, fields, **extra):
    return factories.initiative(branch, **fields, **extra)


def attach(initiative, path, content_type=PDF):
    return Attachment.objects.create(
        initiative=initiative, kind=Attachment.Kind.DESCRIPTION, content_type=content_type,
        file=SimpleUploadedFile(path.name, path.read_bytes(), content_type=content_type),
        original_name=path.name, size=path.stat().st_size,
    )


@pytest.fixture
def original(branch_a):
    return planted(branch_a, corpus.ORIGINAL, status=Status.SUBMITTED)


@pytest.fixture
def unrelated(branch_a, branch_b):
    return [planted(branch_b if i % 2 else branch_a, fields) for i, fields in enumerate(corpus.UNRELATED)]


def score_of(initiative, other):
    return next((m.score for m in similarity.similar_to(initiative, limit=50) if m.initiative.pk == other.pk), 0.0)


@pytest.mark.parametrize(
    "make_copy", [corpus.reordered, corpus.without_diacritics, corpus.one_number_changed],
    ids=["reordered sentences", "diacritics stripped", "one number changed"],
)
def test_a_near_copy_is_found_above_70_percent(branch_b, original, unrelated, make_copy):
    copy = planted(branch_b, make_copy())
    assert score_of(copy, original) > 0.7
    assert similarity.similar_to(copy)[0].initiative == original  # best first


def test_a_copy_pasted_into_a_pdf_attachment_is_found_above_70_percent(branch_b, original, unrelated):
    copy = planted(branch_b, corpus.PASTED_INTO_PDF)
    assert score_of(copy, original) < 0.3  # the fields alone say nothing
    attach(copy, DATA / "pasted-copy.pdf")
    assert score_of(copy, original) > 0.7
    assert score_of(original, copy) > 0.7  # and the original's reviewer sees the copy too


def test_unrelated_initiatives_score_below_30_percent(original, unrelated):
    texts = [similarity.document_text(i)[0] for i in (original, *unrelated)]
    for first in texts:
        for second in texts:
            if first != second:
                assert similarity.score(similarity.shingles(first), similarity.shingles(second)) < 0.3
    for other in unrelated:
        assert score_of(original, other) < 0.3
        for second in unrelated:
            if second != other:
                assert score_of(other, second) < 0.3


def test_matching_passages_are_shown_side_by_side(branch_b, original):
    planted(branch_b, corpus.one_number_changed())
    match = similarity.similar_to(original)[0]
    pairs = {(p.mine, p.theirs) for p in match.passages}
    assert (
        "Giải pháp được áp dụng tại 32 lớp của trường từ tháng 9 năm 2021.",
        "Giải pháp được áp dụng tại 35 lớp của trường từ tháng 9 năm 2021.",
    ) in pairs
    assert all(p.score >= 0.5 for p in match.passages)


def test_a_removed_attachment_no_longer_counts(branch_b, original, officer_b):
    from initiatives import attachments

    copy = planted(branch_b, corpus.PASTED_INTO_PDF)
    pasted = attach(copy, DATA / "pasted-copy.pdf")
    assert score_of(original, copy) > 0.7
    attachments.do_remove_attachment(attachment=pasted, acting_user=officer_b)
    assert score_of(original, copy) < 0.3


def test_a_scanned_pdf_without_text_is_skipped_and_named(original):
    attach(original, DATA / "scanned.pdf")
    assert similarity.unread_files(original) == ["scanned.pdf"]


def test_the_index_follows_edits_and_removals(branch_b, original):
    copy = planted(branch_b, corpus.one_number_changed())
    assert score_of(original, copy) > 0.7
    for name in similarity.TEXT_FIELDS:
        setattr(copy, name, corpus.UNRELATED[1][name])
    copy.save()
    assert score_of(original, copy) < 0.3
    assert SimilarityBand.objects.filter(initiative=copy).count() == similarity.BANDS


def test_a_status_move_does_not_reindex(original, django_assert_max_num_queries):
    before = SimilarityDocument.objects.get(pk=original.pk).indexed_at
    original.status = Status.BRANCH_APPROVED
    original.save(update_fields=["status"])
    assert SimilarityDocument.objects.get(pk=original.pk).indexed_at == before


def test_a_check_reads_a_fixed_number_of_queries(branch_b, original, unrelated, django_assert_max_num_queries):
    for _ in range(5):
        planted(branch_b, corpus.reordered())
    with django_assert_max_num_queries(2):  # the stored text, then the candidates with their branch
        matches = similarity.similar_to(original)
        assert [m.initiative.branch.name for m in matches]


def test_the_backfill_command_indexes_what_bypassed_saves(branch_b, original):
    from django.core.management import call_command

    copy = planted(branch_b, corpus.reordered())
    SimilarityBand.objects.all().delete()
    SimilarityDocument.objects.all().delete()
    assert similarity.similar_to(copy) == []
    call_command("reindex_similarity", "--missing")
    assert similarity.similar_to(copy)[0].initiative == original
    assert SimilarityBand.objects.filter(initiative=copy).count() == similarity.BANDS
