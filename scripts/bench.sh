#!/usr/bin/env bash
# Measures the general-assembly pack as a whole process: median wall time over
# several runs and peak memory (max RSS). Prints a table; numbers go to the issue
# notes and, later, BENCHMARKS.md.
#   scripts/bench.sh [runs] [N…]   (default 21 runs; CI uses 3 as a smoke test)
# Each N adds a row for a generated year with N budget lines and 600 actions
# (scripts/make-stress-data.py), and the 12 monthly exports of the 2019 test FEC.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-21}"
shift || true
sizes=("$@")
# The Swift runtime and Foundation linked in: no dynamic symbol binding at each start
# (about 7 ms of the pack's 60, and 6 MB less memory). Linked by the toolchain's lld:
# GNU ld warns about a mktemp call inside the static Foundation, which is not ours.
swift build -c release --product report --static-swift-stdlib -Xswiftc -use-ld=lld >/dev/null
binary=.build/release/report
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() {  # label, then the command's arguments
  local label="$1"; shift
  local times=() peak=0
  local pages
  # The first run warms the page cache; its JSON summary gives the pages written.
  pages=$("${runner[@]}" "$binary" "$@" --output "$out" --json | awk -F': ' '/"pages"/ {sum += $2} END {print sum}')
  for _ in $(seq "$runs"); do
    local start end rss
    start=$(date +%s%N)
    rss=$( { /usr/bin/time -f "%M" "${runner[@]}" "$binary" "$@" --output "$out" >/dev/null; } 2>&1 | tail -n 1)
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v label="$label" -v pages="$pages" -v median="$median" -v peak="$peak" \
    'BEGIN { printf "| %-28s | %6s | %9.1f ms | %7.1f MB |\n", label, pages, median / 1000, peak / 1024 }'
  # One more run with REPORT_TIMINGS=1: where the time goes, printed after the table.
  phases+="$label: $(REPORT_TIMINGS=1 "${runner[@]}" "$binary" "$@" --output "$out" 2>&1 >/dev/null \
    | sed -n 's/^timing: //p' | paste -sd ';' | sed 's/;/; /g')"$'\n'
}
phases=""
runner=(env)  # what runs the binary: env, or taskset to pin it to one core

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), $(swift --version 2>&1 | head -n 1)"
echo "runs per row: $runs (median wall time of the whole process; peak = max RSS over the runs)"
echo "| work                         |  pages |  median time |  peak mem  |"
echo "| ---------------------------- | ------ | ------------ | ---------- |"
measure "2019 pack" generate --year 2019
if [ ${#sizes[@]} -gt 0 ]; then
  measure "12 monthly exports" generate --year 2019 --all-months \
    --fec Tests/Fixtures/accounting/fec-2019.txt
  if command -v taskset >/dev/null; then
    runner=(taskset -c 0)
    measure "the same on 1 core" generate --year 2019 --all-months \
      --fec Tests/Fixtures/accounting/fec-2019.txt
    runner=(env)
  fi
  for lines in "${sizes[@]}"; do
    python3 scripts/make-stress-data.py "$lines" "$out/data-$lines" >/dev/null
    measure "N = $lines" generate --year 2019 --data "$out/data-$lines"
  done
fi
echo
echo "where the time goes (REPORT_TIMINGS=1, one run; the steps of parallel documents add up):"
printf '%s' "$phases"
