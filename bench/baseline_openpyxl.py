#!/usr/bin/env python3
"""What an office programmer would write instead of dvht: open every form
with openpyxl, find the self-assessment table by its header, read each row's
criterion, maximum, evidence and self-score, and add up each unit's total
from the self-scores typed in (subtotal and total rows are formulas).

    python baseline_openpyxl.py FOLDER [--read-only] [--limit N]

Prints one JSON line: forms read, forms without a table, the sum over all
forms of the typed self-scores (exact decimal; "9,5" typed as text counts as
9.5), the seconds spent. The benchmark compares that sum with the
generator's and with the "Tự chấm" column of dvht's consolidated workbook
(bench/checksum.py), so both tools are shown to read the same values.

Workbooks are opened the way people write it, `openpyxl.load_workbook(path)`
(read_only=False, formulas as text); --read-only uses openpyxl's streaming
mode instead.
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
    wb = openpyxl.load_workbook(path, read_only=read_only)
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
            total = Decimal(0)
            for row in rows:
                row = list(row) + [None] * (len(header) - len(row))
                first = norm(row[c_stt] if c_stt is not None else row[c_text])
                if first.startswith("tổng cộng") or norm(row[c_text]).startswith("tổng cộng"):
                    break
                if row[c_text] is None:
                    continue
                score = row[c_self]
                if isinstance(score, str) and score.startswith("="):
                    continue  # a subtotal: =SUM(...)
                score = dec(score)
                if score is not None:
                    total += score
                items.append(
                    {
                        "stt": row[c_stt] if c_stt is not None else None,
                        "text": row[c_text],
                        "max": dec(row[c_max]) if c_max is not None else None,
                        "evidence": row[c_ev] if c_ev is not None else None,
                        "self": score,
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
