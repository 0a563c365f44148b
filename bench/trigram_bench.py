"""The road not taken, measured: PostgreSQL trigrams (pg_trgm) against the portal's shingles, on the same texts.

    createdb -h 127.0.0.1 -U postgres trgm_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trgm_bench .venv/bin/python bench/trigram_bench.py --texts 20000

The texts are those of bench/similarity_bench.py (8–14 sentences of Vietnamese programme phrases and 4,000 other
words). It stores N of them, folded (`text.fold`: no diacritics, lower case, which pg_trgm cannot do for
Vietnamese on its own), in a scratch table `bench_trgm` with a GIN `gin_trgm_ops` index, then checks `--runs`
queries of each kind:

- **near-copies** of a stored text (sentences reordered, diacritics stripped or one number changed; the copy
  itself is not stored): is the source found first, and with what score;
- **fresh texts**, related to nothing stored: the best score anything gets (should be low).

Each query is `SELECT … similarity(body, q) … WHERE body % q ORDER BY 2 DESC LIMIT 10` with the default
threshold 0.3 (the `%` operator is what uses the index), timed; the same pairs are scored with the portal's
shingles (`similarity.score`), untimed, so the two scores stand side by side. It touches no table of the portal.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.db import connection  # noqa: E402
from similarity_bench import fresh_text, near_copy, percentile, vocabulary  # noqa: E402  (sets Django up)

from initiatives import similarity  # noqa: E402
from initiatives.text import fold  # noqa: E402


def store(texts):
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_trgm")
        cursor.execute("CREATE TABLE bench_trgm (id integer PRIMARY KEY, body text NOT NULL)")
        for start in range(0, len(texts), 2000):
            chunk = texts[start:start + 2000]
            cursor.executemany("INSERT INTO bench_trgm VALUES (%s, %s)",
                               [(start + i, fold(text)) for i, text in enumerate(chunk)])
        loaded = time.perf_counter()
        cursor.execute("CREATE INDEX bench_trgm_body ON bench_trgm USING gin (body gin_trgm_ops)")
        cursor.execute("ANALYZE bench_trgm")
        cursor.execute("SELECT pg_total_relation_size('bench_trgm'), pg_relation_size('bench_trgm_body')")
        total, index = cursor.fetchone()
    return {"texts": len(texts), "load_s": round(loaded - started, 1),
            "index_build_s": round(time.perf_counter() - loaded, 1),
            "table_and_index_mb": round(total / 2**20, 1), "gin_index_mb": round(index / 2**20, 1)}


def trigram_check(query):
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, similarity(body, %s) FROM bench_trgm WHERE body %% %s ORDER BY 2 DESC LIMIT 10",
                       [query, query])
        rows = cursor.fetchall()
    return rows, time.perf_counter() - started


def summary(values, scale=1.0, digits=1):
    if not values:
        return None
    values = [v * scale for v in values]
    return {"median": round(statistics.median(values), digits), "p95": round(percentile(values, 0.95), digits),
            "min": round(min(values), digits), "max": round(max(values), digits)}


def run(texts, words, runs, rng):
    copies = {"seconds": [], "top1": 0, "trgm_score": [], "shingle_score": []}
    fresh = {"seconds": [], "trgm_best": [], "shingle_best": [], "candidates": []}
    for _ in range(runs):
        source = rng.randrange(len(texts))
        copy, _kind = near_copy(rng, texts[source])
        rows, seconds = trigram_check(fold(copy))
        copies["seconds"].append(seconds)
        copies["top1"] += bool(rows) and rows[0][0] == source
        copies["trgm_score"].append(dict(rows).get(source, 0.0))
        copies["shingle_score"].append(similarity.score(similarity.shingles(copy), similarity.shingles(texts[source])))

        query = fresh_text(rng, words)
        rows, seconds = trigram_check(fold(query))
        fresh["seconds"].append(seconds)
        fresh["trgm_best"].append(rows[0][1] if rows else 0.0)
        with connection.cursor() as cursor:  # how many rows the index hands over for the threshold (untimed)
            cursor.execute("SELECT count(*) FROM bench_trgm WHERE body %% %s", [fold(query)])
            fresh["candidates"].append(cursor.fetchone()[0])
        mine = similarity.shingles(query)
        fresh["shingle_best"].append(max(similarity.score(mine, similarity.shingles(texts[i]))
                                         for i in rng.sample(range(len(texts)), min(200, len(texts)))))
    return {
        "near_copies": {"runs": runs, "source_found_first": copies["top1"],
                        "trigram_ms": summary(copies["seconds"], 1000),
                        "trigram_score_of_source": summary(copies["trgm_score"], digits=2),
                        "shingle_score_of_source": summary(copies["shingle_score"], digits=2)},
        "fresh_texts": {"runs": runs, "trigram_ms": summary(fresh["seconds"], 1000),
                        "trigram_best_score": summary(fresh["trgm_best"], digits=2),
                        "rows_over_threshold": summary(fresh["candidates"], digits=0),
                        "shingle_best_score_in_200": summary(fresh["shingle_best"], digits=2)},
    }


def planted_corpus():
    """The tests' planted corpus (real Vietnamese sentences): each copy and each unrelated text against the
    original, scored by pg_trgm and by the portal's shingles."""
    from tests.initiatives import similarity_corpus as corpus

    def joined(fields):
        return " ".join(fields.get(name, "") for name in similarity.TEXT_FIELDS)

    original = joined(corpus.ORIGINAL)
    others = [("reordered", joined(corpus.reordered())), ("diacritics stripped", joined(corpus.without_diacritics())),
              ("one number changed", joined(corpus.one_number_changed())), ("pasted (as text)", corpus.pasted_text())]
    others += [(f"unrelated {i + 1}", joined(fields)) for i, fields in enumerate(corpus.UNRELATED)]
    rows = []
    with connection.cursor() as cursor:
        for label, text in others:
            cursor.execute("SELECT similarity(%s, %s)", [fold(original), fold(text)])
            rows.append({"text": label, "trigram": round(cursor.fetchone()[0], 2),
                         "shingles": round(similarity.score(similarity.shingles(original),
                                                            similarity.shingles(text)), 2)})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("pg_trgm needs PostgreSQL: set DATABASE_URL to a scratch PostgreSQL database")
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    results = {"planted_corpus": planted_corpus()}
    rng = random.Random(args.seed)
    words = vocabulary(rng)
    texts = [fresh_text(rng, words) for _ in range(args.texts)]
    results["store"] = store(texts)
    print(json.dumps(results["store"]), file=sys.stderr)
    results["load_average"] = round(os.getloadavg()[0], 1)
    results.update(run(texts, words, args.runs, rng))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
