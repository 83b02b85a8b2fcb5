#!/usr/bin/env bash
# GNU time (/usr/bin/time), which the benchmarks take peak memory from:
# installed with apt when missing.
set -euo pipefail
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time (for peak memory)" >&2
    apt-get install -y -q time >/dev/null
fi
