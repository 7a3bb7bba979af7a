#!/usr/bin/env bash
# Runs the whole test suite: the style check, then every test target (unit, layout
# with a fake measurer, rendering, end to end on the generated PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only
swift format lint --strict --recursive Package.swift Sources Tests
swift test
