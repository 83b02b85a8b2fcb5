#!/usr/bin/env bash
# The consolidate benchmark: dvht against an openpyxl script on the same files.
#
#   bench/run.sh [SIZE...]          default sizes: 26 1000 10000
#
# Environment:
#   REPEAT=N         runs of dvht per size (the median is shown); default 3
#                    up to 1,000 forms, 1 above
#   BASELINE_MAX=N   largest size the openpyxl baseline is run on (default
#                    1000); above it the baseline is extrapolated linearly
#                    from the largest size it ran on, and the table says so
#   SEED=S           the generator's seed (default 1)
#
# Generated forms are cached in bench/data/ (git-ignored), the Python venv
# in bench/.venv, the consolidated workbooks in bench/out/. It is a
# benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin dvht --example gen-forms

bench/gnu-time.sh

if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
fi
if ! bench/.venv/bin/python -c 'import openpyxl' 2>/dev/null; then
    bench/.venv/bin/pip install --quiet 'openpyxl==3.1.5'
fi

exec bench/.venv/bin/python bench/driver.py "$@"
