#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a while:
#   scripts/fuzz.sh [seconds per target] [target…]     (default 60 s, every target)
#   scripts/fuzz.sh smoke                              (CI: past findings, then a fixed
#                                                       seed for 2 000 runs a target)
# Corpora start from the test fixtures and grow in .build-fuzz/corpus/<target>/;
# inputs that once crashed or hung are in Fuzz/Regressions/<target>/ and are replayed
# first. A crash or a hang stops the run with a non-zero exit and leaves the input
# in .build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
smoke=false
if [ "$seconds" = smoke ]; then smoke=true; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzYear FuzzBudgetCSV FuzzBudgetSheet FuzzFEC FuzzLayout FuzzMarkdown)
scratch="$PWD/.build-fuzz"

# A failed build stops here: the binaries of an earlier build must not be fuzzed instead.
# The build plan is made anew each time: SwiftPM does not see a file added to the parent
# package (a path dependency) in a plan it has cached.
mkdir -p "$scratch"
rm -f "$scratch/release.yaml"
if ! (cd Fuzz && swift build -c release --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$scratch/build.log" 2>&1); then
  grep -v "prohibited flag" "$scratch/build.log" >&2 || true
  echo "fuzz: the fuzz targets do not build" >&2
  exit 1
fi
grep -v "prohibited flag" "$scratch/build.log" || true

export ASAN_OPTIONS="symbolize=0:detect_leaks=0"
mkdir -p "$scratch/findings"
for target in "${targets[@]}"; do
  binary="$scratch/release/$target"
  [ -x "$binary" ] || { echo "fuzz: $target was not built" >&2; exit 1; }
  corpus="$scratch/corpus/$target"
  if $smoke; then corpus=$(mktemp -d); fi
  mkdir -p "$corpus"
  case "$target" in
    FuzzYear)
      cp data/2019/report.yaml Tests/Fixtures/broken/year/*.yaml "$corpus/"
      cp Tests/Fixtures/other-network/2024/report.yaml "$corpus/other-network-2024.yaml" ;;
    FuzzBudgetCSV) cp Tests/Fixtures/accounting/*.csv "$corpus/" ;;
    FuzzBudgetSheet) cp Tests/Fixtures/accounting/budget*.xlsx Tests/Fixtures/accounting/budget*.ods "$corpus/" ;;
    FuzzFEC) cp Tests/Fixtures/accounting/fec-*.txt Tests/Fixtures/accounting/*FEC*.txt "$corpus/" ;;
    FuzzLayout) cp Fuzz/Regressions/FuzzLayout/* "$corpus/" ;;
    FuzzMarkdown)
      cp data/2019/*.md "$corpus/"
      cp Tests/Fixtures/markdown/images/*.svg Tests/Fixtures/markdown/images/alpha.png "$corpus/"
      cp data/2019/images/*.svg "$corpus/" ;;
  esac
  regressions="Fuzz/Regressions/$target"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "fuzz: $target: replaying $(ls "$regressions" | wc -l) past findings"
    "$binary" -timeout=10 "$regressions"/* >/dev/null 2>&1 || { echo "fuzz: $target fails on a past finding" >&2; exit 1; }
  fi
  if $smoke; then
    limits=(-runs=2000 -seed=1)
    echo "fuzz: $target, 2 000 runs"
  else
    limits=(-max_total_time="$seconds")
    echo "fuzz: $target for ${seconds} s"
  fi
  "$binary" "${limits[@]}" -timeout=10 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$scratch/findings/$target-" "$corpus" 2>"$scratch/$target.log" \
    || { tail -n 30 "$scratch/$target.log" >&2; echo "fuzz: $target found a problem (input in $scratch/findings/)" >&2; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$scratch/$target.log" | tr '\n' ' '
  echo
done
