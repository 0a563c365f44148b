"""Prints a locust run's figures from its CSV files (per request and in all) and exits 1 on any error.

Usage: summary.py LOAD_stats.csv LOAD_failures.csv [MAX_ERROR_RATE] — shared by bench/load/run.sh and
bench/scale/load.sh. With MAX_ERROR_RATE (e.g. 0.01, when an instance is killed on purpose) it exits 1 only when
a larger share of the requests failed.
"""
import csv
import sys


def main(stats_path, failures_path, max_error_rate=None):
    rows = list(csv.DictReader(open(stats_path)))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"{'request':44} {'count':>7} {'errors':>6} {'median ms':>9} {'p95 ms':>7}")
    for row in rows:
        if row["Name"] != "Aggregated":
            print(f"{row['Type'] + ' ' + row['Name']:44} {row['Request Count']:>7} {row['Failure Count']:>6} "
                  f"{row['Median Response Time']:>9} {row['95%']:>7}")
    errors = int(total["Failure Count"])
    print(f"requests/s: {float(total['Requests/s']):.1f}   p95: {total['95%']} ms   median: "
          f"{total['Median Response Time']} ms   requests: {total['Request Count']}   errors: {errors}")
    if errors:
        for failure in csv.DictReader(open(failures_path)):
            print(f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")
    if max_error_rate is not None:
        rate = errors / max(1, int(total["Request Count"]))
        print(f"error rate: {rate:.3%} (allowed below {float(max_error_rate):.1%})")
        return 1 if rate >= float(max_error_rate) else 0
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
