#!/usr/bin/env bash
# The finalize benchmark: `dvht finalize` of a district workbook of N units
# (default 1,000: the "Chi tiết" layout), against `dvht consolidate` of the
# forms it was made from.
#
#   bench/finalize.sh [N]
#
# Environment: REPEAT=R runs of each command (the median is shown; default 5).
# Forms are generated into bench/data/finalize-N (git-ignored), workbooks
# written into bench/out/finalize-N. A team's scores are typed into the
# workbook by openpyxl first (one criterion on every tenth unit), so the
# workbook finalize reads has formulas without cached results, as a team's
# program may leave it. It is a benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
REPEAT=${REPEAT:-5}
cargo build --release --quiet --bin dvht --example gen-forms
bench/gnu-time.sh
forms=bench/data/finalize-$N
out=bench/out/finalize-$N
mkdir -p "$out"
if [ ! -f "$forms/don-vi-$(printf %05d "$N").xlsx" ]; then
    target/release/examples/gen-forms "$N" "$forms" >/dev/null
fi
dvht=target/release/dvht

# Median wall time (s) and the largest peak RSS (MiB) of REPEAT runs of "$@"
# (its exit status is not the benchmark's: 1 only says a form has an error).
measure() {
    local times=() peak=0 rss_file t0 t1 rss
    rss_file=$(mktemp)
    for _ in $(seq "$REPEAT"); do
        t0=$(date +%s.%N)
        /usr/bin/time -o "$rss_file" -f '%M' "$@" >/dev/null 2>&1 || true
        t1=$(date +%s.%N)
        times+=("$(echo "$t1 - $t0" | bc)")
        rss=$(tail -1 "$rss_file" | tr -dc '0-9')
        if [ -n "$rss" ] && [ "$rss" -gt "$peak" ]; then
            peak=$rss
        fi
    done
    rm -f "$rss_file"
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (REPEAT + 1) / 2 ))p")
    printf '%.3f %d' "$median" $(( peak / 1024 ))
}

read -r c_time c_rss <<<"$(measure "$dvht" consolidate "$forms" -o "$out/tong-hop.xlsx" --year 2023 --force)"
book="$out/tong-hop-typed.xlsx"
python3 - "$out/tong-hop.xlsx" "$book" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Chi tiết"] if "Chi tiết" in wb.sheetnames else None
if ws is not None:
    head = next(r for r in ws.iter_rows(min_row=1, max_row=50) if any(c.value == "Mã" for c in r))
    col = {c.value: c.column for c in head}
    seen = 0
    for r in range(head[0].row + 1, ws.max_row + 1):
        if ws.cell(r, col["Mã"]).value == "1a":
            seen += 1
            if seen % 10 == 0:
                ws.cell(r, col["Điểm đoàn kiểm tra"]).value = 0
wb.save(sys.argv[2])
PY
rm -f "$out/ket-qua.xlsx"
read -r w_time w_rss <<<"$(measure "$dvht" finalize "$out/tong-hop.xlsx" -o "$out/ket-qua.xlsx" --force)"
read -r f_time f_rss <<<"$(measure "$dvht" finalize "$book" -o "$out/ket-qua.xlsx" --force)"
units=$("$dvht" finalize "$book" -o "$out/ket-qua.xlsx" --json --force 2>/dev/null | python3 -c 'import json,sys; v=json.load(sys.stdin); print(v["summary"]["units"], sum(len(u["changes"]) for u in v["units"]))' || true)
echo "units, changes: $units"
echo "| command | units | wall (s, median of $REPEAT) | peak RSS (MiB) |"
echo "|---|---|---|---|"
echo "| consolidate (forms → workbook) | $N | $c_time | $c_rss |"
echo "| finalize (the workbook as consolidate wrote it) | $N | $w_time | $w_rss |"
echo "| finalize (typed and saved by openpyxl) | $N | $f_time | $f_rss |"
echo "finalize / consolidate: $(echo "scale=2; $w_time / $c_time" | bc) (as written), $(echo "scale=2; $f_time / $c_time" | bc) (openpyxl)"
