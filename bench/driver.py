#!/usr/bin/env python3
"""Runs the benchmark (called by bench/run.sh, which builds and sets up).

For each size: generates the forms once (cached), runs
`dvht consolidate DIR -o OUT --year 2023` under /usr/bin/time -v, checks
that the consolidated workbook holds the generator's checksum, runs the
openpyxl baseline on the same files (or extrapolates it), and prints wall
time, forms per second, peak resident memory and the ratio.
"""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DVHT = os.path.join(ROOT, "target", "release", "dvht")
GEN = os.path.join(ROOT, "target", "release", "examples", "gen-forms")
DATA = os.path.join(ROOT, "bench", "data")
OUT = os.path.join(ROOT, "bench", "out")
PY = sys.executable
BASELINE = os.path.join(ROOT, "bench", "baseline_openpyxl.py")
CHECKSUM = os.path.join(ROOT, "bench", "checksum.py")


def timed(cmd):
    """Runs cmd under GNU time; returns (wall seconds, peak RSS MiB, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True
    )
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit(f"bench: failed ({p.returncode}): {' '.join(cmd)}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    return wall, rss, p.stdout


def forms(n, seed):
    """The folder of n generated forms and the generator's checksum."""
    d = os.path.join(DATA, f"forms-{n}-seed{seed}")
    sum_file = d + ".sum"
    if not (os.path.isdir(d) and os.path.exists(sum_file)):
        tmp = d + ".partial"
        subprocess.run(["rm", "-rf", tmp, d], check=True)
        t0 = time.perf_counter()
        p = subprocess.run(
            [GEN, str(n), tmp, "--seed", str(seed)],
            capture_output=True, text=True, check=True,
        )
        os.rename(tmp, d)
        with open(sum_file, "w") as f:
            f.write(p.stdout)
        print(f"  generated {n} forms in {time.perf_counter() - t0:.1f} s -> {d}")
    with open(sum_file) as f:
        m = re.search(r"forms=(\d+) self_total_sum=(\S+)", f.read())
    return d, int(m.group(1)), m.group(2)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem} RAM"


def main(argv):
    sizes = [int(a) for a in argv] or [26, 1000, 10000]
    seed = int(os.environ.get("SEED", "1"))
    baseline_max = int(os.environ.get("BASELINE_MAX", "1000"))
    os.makedirs(DATA, exist_ok=True)
    os.makedirs(OUT, exist_ok=True)
    version = subprocess.run([DVHT, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {machine()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print(f"{version}; baseline: openpyxl, load_workbook(path) (read_only=False), one process")
    rows = []
    per_form_baseline = None  # seconds per form, from the largest baseline run
    ok = True
    for n in sizes:
        print(f"size {n}:")
        d, n_forms, want = forms(n, seed)
        out = os.path.join(OUT, f"tong-hop-{n}.xlsx")
        repeat = int(os.environ.get("REPEAT", "3" if n <= 1000 else "1"))
        walls, rsses = [], []
        for _ in range(repeat):
            wall, rss, _ = timed([DVHT, "consolidate", d, "-o", out, "--year", "2023"])
            walls.append(wall)
            rsses.append(rss)
            print(f"  dvht: {wall:.3f} s, {rss:.0f} MiB")
        wall = statistics.median(walls)
        rss = max(rsses)
        got = json.loads(subprocess.run([PY, CHECKSUM, out], capture_output=True, text=True, check=True).stdout)
        dvht_ok = got["units"] == n_forms and got["self_total_sum"] == want
        print(f"  consolidated workbook: {got['units']} units, sum of self totals {got['self_total_sum']} "
              f"(generator: {n_forms}, {want}) {'OK' if dvht_ok else 'MISMATCH'}")
        ok &= dvht_ok
        base = None
        base_note = ""
        if n <= baseline_max:
            bwall, brss, bout = timed([PY, BASELINE, d])
            b = json.loads(bout)
            base_ok = b["forms"] == n_forms and b["self_total_sum"] == want
            ok &= base_ok
            print(f"  openpyxl: {bwall:.3f} s, {brss:.0f} MiB; {b['forms']} forms, sum {b['self_total_sum']} "
                  f"{'OK' if base_ok else 'MISMATCH'}")
            base = bwall
            per_form_baseline = bwall / n
        elif per_form_baseline is not None:
            base = per_form_baseline * n
            base_note = "extrapolated"
            print(f"  openpyxl: not run; {base:.1f} s extrapolated from {per_form_baseline * 1000:.1f} ms/form")
        rows.append((n, wall, n / wall, rss, base, base_note, dvht_ok))
    print()
    print("| forms | dvht wall (s) | forms/s | dvht peak RSS (MiB) | openpyxl wall (s) | dvht speed-up | checksum |")
    print("|---:|---:|---:|---:|---:|---:|:---|")
    for n, wall, fps, rss, base, note, good in rows:
        b = "—" if base is None else f"{base:.2f}" + (f" ({note})" if note else "")
        r = "—" if base is None else f"{base / wall:.1f}×" + (f" ({note})" if note else "")
        print(f"| {n:,} | {wall:.3f} | {fps:,.0f} | {rss:.0f} | {b} | {r} | {'same' if good else 'MISMATCH'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
