"""The novelty check at scale: MinHash/LSH in the database against brute force, on initiatives from seed_bulk.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/h8_bench
    manage.py seed_bulk --initiatives 300000 --branches 1500 --members 150000
    .venv/bin/python bench/similarity_bench.py --build 100000 --runs 200 --sample 5000
    .venv/bin/python bench/similarity_bench.py --build 300000 --runs 200 --sample 5000

`--build N` gives the first N initiatives a synthetic text (8–14 sentences drawn from a Vietnamese vocabulary of
common programme phrases and 4,000 other words; every 50th is a planted near-copy of an earlier one: sentences
reordered, diacritics stripped or one number changed) and writes the index with `similarity.write_index` (what
`reindex_similarity` uses). It replaces the index rows of those initiatives only.

Then it times `similarity.matches_for_text` (the check behind the review card, the author's warning and
`similar_to`) for `--runs` query texts (half planted near-copies, half fresh texts), for the whole portal and for
one branch officer's scope (`access.initiatives_for`), and prints the median, p95 and max. Beside it, brute force:
the exact score of the query against every text of a `--sample` of stored texts (texts read and shingled once,
untimed; only the scoring is timed), extrapolated linearly to N, and the recall of LSH against brute force on
that sample (brute-force matches ≥ 50% that LSH also returns). Last, the index's size in PostgreSQL.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from initiatives import access, similarity  # noqa: E402
from initiatives.models import Branch, Initiative, SimilarityDocument  # noqa: E402
from initiatives.text import fold  # noqa: E402

PHRASES = [
    "nâng cao hiệu quả công tác", "tiết kiệm thời gian và chi phí", "cán bộ công nhân viên chức",
    "áp dụng tại đơn vị", "giảm thời gian xử lý hồ sơ", "phần mềm quản lý", "học sinh và phụ huynh",
    "bảo đảm an toàn lao động", "cải tiến quy trình", "người lao động", "đoàn viên công đoàn",
    "chuyển đổi số", "tổ chức thực hiện", "kết quả đạt được", "giáo viên chủ nhiệm", "bệnh nhân đến khám",
]
SYLLABLES = (
    "an anh ba bao bình cao cây chi chung công cơ dân dịch duy đại đào điện đồng gia giáo hải hành hiệu hoa "
    "học hợp huy khoa kinh lao liên lực mạng minh môi năng nghề nghiệp người nhà nông phát phòng quản quy sản "
    "sinh số sức tài tạo tâm thanh thiết thông thuật tiến tổ trung trường vận văn việc viên xây xuất y"
).split()


def vocabulary(rng, size=4000):
    words = set()
    while len(words) < size:
        words.add(" ".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))))
    return sorted(words)


def sentence(rng, words):
    parts = []
    for _ in range(rng.randint(6, 12)):
        parts.append(rng.choice(PHRASES) if rng.random() < 0.15 else rng.choice(words))
    if rng.random() < 0.3:
        parts.append(str(rng.randint(2, 500)))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def fresh_text(rng, words):
    return " ".join(sentence(rng, words) for _ in range(rng.randint(8, 14)))


def near_copy(rng, text):
    sentences = similarity.sentences(text)
    kind = rng.choice(("reordered", "diacritics", "number"))
    if kind == "reordered":
        rng.shuffle(sentences)
        return " ".join(sentences), kind
    if kind == "diacritics":
        return fold(text), kind
    numbered = [i for i, s in enumerate(sentences) if any(ch.isdigit() for ch in s)]
    index = rng.choice(numbered) if numbered else 0
    sentences[index] = sentences[index].rstrip(".") + f" {rng.randint(501, 999)}."
    return " ".join(sentences), kind


def build(n, seed=16):
    rng = random.Random(seed)
    words = vocabulary(rng)
    ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True)[:n])
    if len(ids) < n:
        sys.exit(f"only {len(ids)} initiatives in the database; seed_bulk more first")
    recent = []  # the sources of planted copies: a rolling window of texts (memory stays flat)
    started = time.perf_counter()

    def documents():
        for index, pk in enumerate(ids):
            if recent and index % 50 == 0:
                text, _kind = near_copy(rng, rng.choice(recent))
            else:
                text = fresh_text(rng, words)
            recent.append(text)
            if len(recent) > 20_000:
                recent.pop(rng.randrange(len(recent)))
            if index % 50_000 == 0:
                print(f"  … {index:,} texts", file=sys.stderr)
            yield pk, text, []

    with transaction.atomic():
        count = similarity.write_index(documents())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE initiatives_similarityband")
            cursor.execute("ANALYZE initiatives_similaritydocument")
    return {"indexed": count, "build_seconds": round(time.perf_counter() - started, 1)}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timings(label, samples):
    ms = [s * 1000 for s in samples]
    return {
        "what": label,
        "runs": len(ms),
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "max_ms": round(max(ms), 1),
    }


def officer_of_a_big_branch():
    branch = Branch.objects.filter(code__startswith="bulk-").order_by("-member_count").first()
    user, _created = get_user_model().objects.get_or_create(username="similarity_bench_officer")
    branch.officers.add(user)
    return user, branch


def run(runs, sample_size, seed=7):
    rng = random.Random(seed)
    indexed = SimilarityDocument.objects.count()
    all_ids = list(SimilarityDocument.objects.values_list("initiative_id", flat=True))
    queries = []
    for pk in rng.sample(all_ids, runs // 2):
        text = SimilarityDocument.objects.get(pk=pk).text
        queries.append((pk, near_copy(rng, text)[0]))
    words = vocabulary(random.Random(99))
    queries += [(None, fresh_text(rng, words)) for _ in range(runs - len(queries))]
    rng.shuffle(queries)

    officer, branch = officer_of_a_big_branch()
    scope = access.initiatives_for(officer)
    results = {"indexed": indexed}

    for text in (queries[0][1], queries[1][1]):  # warm-up
        similarity.matches_for_text(text)
    whole, scoped, found = [], [], 0
    for source, text in queries:
        started = time.perf_counter()
        matches = similarity.matches_for_text(text, limit=10)
        whole.append(time.perf_counter() - started)
        if source is not None and any(m.initiative.pk == source and m.score > 0.7 for m in matches):
            found += 1
        started = time.perf_counter()
        similarity.matches_for_text(text, within=scope, limit=10)
        scoped.append(time.perf_counter() - started)
    copies = sum(1 for source, _t in queries if source is not None)
    results["lsh_whole_portal"] = timings("LSH, whole portal (district)", whole)
    results["lsh_officer_scope"] = timings(f"LSH, one officer's scope ({branch.name})", scoped)
    results["planted_copies_found_above_70"] = f"{found}/{copies}"

    # Brute force on a sample: every stored text of the sample scored against the query.
    sample_ids = rng.sample(all_ids, min(sample_size, len(all_ids)))
    sample = {
        pk: similarity.shingles(text)
        for pk, text in SimilarityDocument.objects.filter(pk__in=sample_ids).values_list("initiative_id", "text")
    }
    brute, hits, recalled = [], 0, 0
    for pk in rng.sample(sample_ids, min(40, len(sample_ids))):
        text = near_copy(rng, SimilarityDocument.objects.get(pk=pk).text)[0]
        started = time.perf_counter()
        query = similarity.shingles(text)
        best = [(other, similarity.score(query, shingle_set)) for other, shingle_set in sample.items()]
        brute.append(time.perf_counter() - started)
        expected = {other for other, value in best if value >= 0.5}
        got = {m.initiative.pk for m in similarity.matches_for_text(text, limit=50) if m.score >= 0.5}
        hits += len(expected)
        recalled += len(expected & got)
    per_query = statistics.median(brute)
    results["brute_force_sample"] = {
        **timings(f"brute force over a sample of {len(sample):,} texts", brute),
        "extrapolated_to_index_s": round(per_query * indexed / len(sample), 1),
    }
    results["lsh_recall_vs_brute_force_at_50"] = f"{recalled}/{hits}"

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sizes = {}
            for table in ("initiatives_similarityband", "initiatives_similaritydocument"):
                cursor.execute(
                    "SELECT pg_relation_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s)", [table] * 3
                )
                heap, indexes, total = cursor.fetchone()
                sizes[table] = {"table_mb": round(heap / 2**20, 1), "indexes_mb": round(indexes / 2**20, 1),
                                "total_mb": round(total / 2**20, 1)}
            cursor.execute("SELECT count(*) FROM initiatives_similarityband")
            sizes["band_rows"] = cursor.fetchone()[0]
        results["index_size"] = sizes
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=int, default=0, help="index this many initiatives with synthetic texts")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    results = {}
    if args.build:
        results["build"] = build(args.build)
        print(json.dumps(results["build"]), file=sys.stderr)
    if args.runs:
        results.update(run(args.runs, args.sample))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
