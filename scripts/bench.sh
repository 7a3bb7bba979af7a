#!/usr/bin/env bash
# Times the tool beside Typst on the same content, interleaved run by run: the 2019
# pack, the 12 monthly exports on 2 cores and on 1, the ledger of a generated FEC of
# 100 000 lines and the accounts of one of 1 000 000, generated years of N budget
# lines and 600 actions (scripts/make-stress-data.py), and the convocations of 1 000
# members (scripts/make-members.py; ours only, Typst has no counterpart). Prints a table of medians
# (whole-process wall time, peak memory, CPU / wall for ours) and the ratios
# Typst / ours, then where our time goes. BENCHMARKS.md says how to read it.
#   scripts/bench.sh [runs] [N…]   (default: 11 runs, N = 5000 20000)
#   BENCH_TYPST=0 scripts/bench.sh …   ours alone
#   BENCH_MEMBERS=100 scripts/bench.sh …   the convocations row with 100 members (default 1 000)
#   BENCH_JSON=runs.json scripts/bench.sh …   also every run's figures, as JSON
# CI runs `scripts/bench.sh 2 300` as a smoke test. Typst is the `typst` package from
# PyPI; without it the Typst columns are skipped and the rest still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000 20000)
# The release binary as scripts/build-release.sh makes it (what setup.sh installs).
# A failed build says why (SwiftPM prints its errors on stdout) and stops the run.
build() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    grep -v "prohibited flag" "$log" >&2 || true
    rm -f "$log"
    echo "bench: the release build failed" >&2
    exit 1
  fi
  rm -f "$log"
}
build scripts/build-release.sh
# How much of the linker's function order still matches the code (see make-symbol-order.py).
python3 scripts/make-symbol-order.py --check
# fec-bench --write makes the generated FECs of the ledger and accounts rows.
build swift build -c release --product fec-bench
# The real interpreter: on these machines `python3` is a pyenv shim, a shell script
# that would add about 60 ms to every Typst run.
python="$(python3 -c 'import sys; print(sys.executable)')"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
options=()
[ "${BENCH_TYPST:-1}" != 0 ] || options+=(--no-typst)
[ -z "${BENCH_JSON:-}" ] || options+=(--json "$BENCH_JSON")
"$python" bench/harness.py --binary .build/release/report --runs "$runs" --out "$out" \
  --sizes "${sizes[@]}" --members "${BENCH_MEMBERS:-1000}" "${options[@]}"
