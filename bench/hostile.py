#!/usr/bin/env python3
"""Peak memory of dvht on each hostile input (called by bench/hostile.sh).

    bench/hostile.py DVHT FOLDER...

Every entry directly in each FOLDER (a file, a link or a folder) is given
alone to `DVHT check --json ENTRY`, as a clerk would, and measured:

- "one process": the largest peak resident memory of dvht or of the child it
  reads .xls/.ods/.xlsb in (src/read/isolate.rs), exact: GNU time's %M, the
  kernel's ru_maxrss of dvht, which takes in the children dvht has waited
  for (dvht is started by time, a small process: Linux carries a process's
  peak across exec, so dvht forked from this Python would start at
  Python's size);
- "together": the largest sum of the resident memory of dvht and all its
  descendants at one moment, sampled from /proc about every millisecond (so
  a short peak can be missed: "one process" is a floor for it);
- "peak": the larger of the two, the figure the target is about.

One line per entry as it goes, then the ten largest and the largest of all,
against the target (issue 14: at most 256 MB, that is 244 MiB, on any single
hostile input).
"""

import os
import subprocess
import sys
import tempfile
import time

TARGET_MIB = 256e6 / 2**20  # 256 MB
TIMEOUT_S = 90
TIME = "/usr/bin/time"
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kib(pid):
    """Resident memory of a process in KiB, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def tree(pid):
    """pid and all its descendants still alive."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        # A child started by any thread is listed under that thread.
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    return out


def measure(dvht, entry):
    """(exit code, wall s, one process MiB, together MiB) of one run."""
    with tempfile.NamedTemporaryFile(mode="r") as rss:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            [TIME, "-f", "%M", "-o", rss.name, dvht, "check", "--json", entry],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        together = 0
        while p.poll() is None:
            # dvht and its children (not time itself).
            together = max(together, sum(rss_kib(q) for q in tree(p.pid)[1:]))
            if time.perf_counter() - t0 > TIMEOUT_S:
                p.kill()
            time.sleep(0.001)
        wall = time.perf_counter() - t0
        one = int(rss.read().split()[-1])
    return p.returncode, wall, one / 1024, together / 1024


def main():
    dvht, folders = sys.argv[1], sys.argv[2:]
    rows = []
    print(f"{'input':<62} {'exit':>4} {'wall s':>7} {'one process':>11} {'together':>8} {'peak MiB':>8}")
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            entry = os.path.join(folder, name)
            if os.path.islink(entry) and os.path.isdir(entry):
                # A link to a folder (13-self-link: the set itself) is not
                # one input.
                continue
            code, wall, one, both = measure(dvht, entry)
            peak = max(one, both)
            shown = os.path.relpath(entry)
            rows.append((peak, shown))
            flag = "  <- over the target" if peak > TARGET_MIB else ""
            print(f"{shown:<62} {code:>4} {wall:>7.3f} {one:>11.0f} {both:>8.0f} {peak:>8.0f}{flag}", flush=True)
    rows.sort(reverse=True)
    print(f"\n{len(rows)} inputs; the ten largest peaks (MiB):")
    for peak, shown in rows[:10]:
        print(f"  {peak:>6.0f}  {shown}")
    peak, shown = rows[0]
    verdict = "met" if peak <= TARGET_MIB else "NOT met"
    print(f"\n** largest peak: {peak:.0f} MiB ({shown}); target 256 MB = {TARGET_MIB:.0f} MiB: {verdict} **")


if __name__ == "__main__":
    main()
