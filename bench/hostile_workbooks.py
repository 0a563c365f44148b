"""Peak memory and time of reading hostile workbooks, each in a fresh process as a worker would.

    .venv/bin/python bench/hostile_workbooks.py

Prints, per file: its size, the outcome (the message a person sees) and the reading process's peak RSS. The
shared-strings bomb is the probe's own: 613 KB that unpack to 600 MB (issue 12, item 3). Figures: docs/SECURITY.md.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings.test")

import django  # noqa: E402

django.setup()

from reporting import reading  # noqa: E402
from tests.initiatives import hostile_workbooks as hostile  # noqa: E402
from tests.initiatives.test_imports_hostile import RSS_SCRIPT  # noqa: E402

CASES = {
    "shared strings 600 MB (the probe's bomb)": lambda: hostile.shared_strings_bomb(megabytes=600, level=9),
    "2,000,000 blank rows, with <dimension>": lambda: hostile.blank_rows(2_000_000),
    "2,000,000 blank rows, without <dimension>": lambda: hostile.blank_rows(2_000_000, dimension=False),
    "one cell on row 1,048,576": hostile.far_row,
    "sheet of 18 MB without <dimension>": hostile.large_sheet_without_dimension,
    "rows just under the bound, without <dimension>": lambda: hostile.blank_rows(reading.LIMITS.rows - 100,
                                                                                  dimension=False),
    "199,000 shared strings (largest accepted)": lambda: hostile.many_shared_strings(199_000),
    "XML broken after row 500": hostile.broken_half_way,
}

for name, build in CASES.items():
    data = build()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(data)
        handle.flush()
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-c", RSS_SCRIPT, handle.name], capture_output=True, text=True,
                                cwd=ROOT, check=True)
        elapsed = time.monotonic() - started
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{name}: {len(data) / 1024:,.0f} KB; peak RSS {figures['peak_mb']:.0f} MB "
          f"(Django loaded: {figures['before_mb']:.0f} MB); {elapsed:.1f} s; {figures['outcome'][:110]}")
