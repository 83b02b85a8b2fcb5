#!/usr/bin/env bash
# The memory benchmark on hostile input: the peak memory of dvht (and of the
# child it reads .xls/.ods/.xlsb in) on every hostile file, one at a time.
#
#   bench/hostile.sh [FOLDER...]
#
# Measures every entry of: the hostile set of tests/hostile.rs (written by
# `cargo run --release --example hostile-set` into bench/data/hostile, so a
# case added to tests/hostile_support is measured too), the large ones (the
# same example, into bench/data/hostile-large, 520 MB: the hostile
# containers of tests/hostile_containers.rs and workbooks at the reader's
# size bounds), calamine's corpus (tests/corpus/calamine), the fuzzers'
# corpus (fuzz/corpus/read_and_score), and any FOLDER given. Prints a figure per input and the largest, against
# issue 14's target (256 MB on any single hostile input). See BENCHMARKS.md.
# It is a benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin dvht --example hostile-set
bench/gnu-time.sh
target/release/examples/hostile-set bench/data/hostile bench/data/hostile-large >/dev/null
exec python3 bench/hostile.py target/release/dvht bench/data/hostile bench/data/hostile-large \
    tests/corpus/calamine fuzz/corpus/read_and_score "$@"
