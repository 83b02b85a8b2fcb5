#!/usr/bin/env python3
"""The same checksum as baseline_openpyxl.py, from dvht's consolidated
workbook: the number of units on "Tổng hợp" and the sum of its "Tự chấm"
column (each unit's self-assessed total, as dvht read it).

    python checksum.py OUT.xlsx
"""

import json
import sys
from decimal import Decimal

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb["Tổng hợp"]
    col = None
    units = 0
    total = Decimal(0)
    for row in ws.iter_rows(values_only=True):
        if col is None:
            labels = [str(v).strip() if v is not None else "" for v in row]
            if "Tự chấm" in labels:
                col = labels.index("Tự chấm")
            continue
        if len(row) <= col or row[0] is None:
            continue
        units += 1
        v = row[col]
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            total += Decimal(repr(v))
    wb.close()
    print(json.dumps({"units": units, "self_total_sum": str(total.normalize())}))


if __name__ == "__main__":
    main(sys.argv[1])
