#!/usr/bin/env bash
# Runs the whole test suite: the style check, a short fuzzing smoke run (past
# findings and a fixed seed), the benchmark at a small size, then every test target
# (unit, layout with a fake measurer, rendering, end to end on the generated PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only
swift format lint --strict --recursive Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources
scripts/fuzz.sh smoke
scripts/bench.sh 3
swift test
