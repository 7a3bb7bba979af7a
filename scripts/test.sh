#!/usr/bin/env bash
# Runs the whole test suite: the style check, a short fuzzing smoke run (past
# findings and a fixed seed), the benchmark at a small size, then every test target
# (unit, layout with a fake measurer, rendering, end to end on the generated PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only
swift format lint --strict --recursive Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources
scripts/extract-messages.py --check   # po/report.pot up to date, every message translated in po/*.po
scripts/build-locales.sh              # .build/locale/fr/LC_MESSAGES/report.mo for the tests in French
scripts/fuzz.sh smoke
BENCH_MEMBERS=100 scripts/bench.sh 2 300   # every row twice, small: the pack and a generated year beside Typst (when installed), the 12 exports on 2 cores and on 1, 100 members' convocations
scripts/make-manual.sh .build/report.1   # report(1), which the install test installs and renders
swift test
