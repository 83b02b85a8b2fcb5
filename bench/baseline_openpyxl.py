#!/usr/bin/env python3
"""What an office programmer would write instead of dvht: open every form
with openpyxl, find the self-assessment table by its header, read each row's
criterion, maximum, evidence and self-score, and add up the totals.

    python baseline_openpyxl.py FOLDER [--read-only] [--limit N]

Prints one JSON line: forms read, forms without a table, the sum of the
self-assessed totals (exact decimal), the seconds spent. The benchmark
compares that sum with the "Tự chấm" column of dvht's consolidated workbook
(bench/checksum.py), so both tools are shown to read the same values.

By default workbooks are opened as Excel would (read_only=False,
data_only=True for the cached formula results), which is what people
write; --read-only uses openpyxl's streaming mode.
"""

import json
import os
import sys
import time
from decimal import Decimal

import openpyxl


def norm(v):
    return " ".join(str(v).split()).lower() if v is not None else ""


def dec(v):
    """A cell value as an exact decimal, or None."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return Decimal(repr(v))
    try:
        return Decimal(str(v).strip().replace(",", "."))
    except Exception:
        return None


def read_form(path, read_only):
    wb = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = None
            for row in rows:
                labels = [norm(v) for v in row]
                if "điểm tự chấm" in labels:
                    header = labels
                    break
            if header is None:
                continue
            c_stt = header.index("stt") if "stt" in header else None
            c_text = header.index("nội dung tiêu chí")
            c_max = header.index("điểm số tối đa") if "điểm số tối đa" in header else None
            c_ev = header.index("số liệu") if "số liệu" in header else None
            c_self = header.index("điểm tự chấm")
            items = []
            total = None
            for row in rows:
                row = list(row) + [None] * (len(header) - len(row))
                first = norm(row[c_stt] if c_stt is not None else row[c_text])
                if first.startswith("tổng cộng") or norm(row[c_text]).startswith("tổng cộng"):
                    total = dec(row[c_self])
                    break
                if row[c_text] is None:
                    continue
                items.append(
                    {
                        "stt": row[c_stt] if c_stt is not None else None,
                        "text": row[c_text],
                        "max": dec(row[c_max]) if c_max is not None else None,
                        "evidence": row[c_ev] if c_ev is not None else None,
                        "self": dec(row[c_self]),
                    }
                )
            return items, total
        return None, None
    finally:
        if read_only:
            wb.close()


def main(argv):
    folder = None
    read_only = False
    limit = None
    it = iter(argv)
    for a in it:
        if a == "--read-only":
            read_only = True
        elif a == "--limit":
            limit = int(next(it))
        else:
            folder = a
    if folder is None:
        print(__doc__, file=sys.stderr)
        return 2
    files = sorted(
        os.path.join(folder, f)
        for f in os.listdir(folder)
        if f.lower().endswith(".xlsx") and not f.startswith("~$")
    )
    if limit is not None:
        files = files[:limit]
    started = time.perf_counter()
    forms = 0
    no_table = 0
    total_sum = Decimal(0)
    for path in files:
        items, total = read_form(path, read_only)
        if items is None:
            no_table += 1
            continue
        forms += 1
        if total is not None:
            total_sum += total
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "tool": "openpyxl " + openpyxl.__version__ + (" read_only" if read_only else ""),
                "files": len(files),
                "forms": forms,
                "no_table": no_table,
                "self_total_sum": str(total_sum.normalize()),
                "seconds": round(seconds, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
