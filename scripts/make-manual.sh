#!/usr/bin/env bash
# Writes the man page report(1) to FILE (default .build/report.1) from the same source
# as `report --help`: swift-argument-parser's generate-manual plugin reads the
# commands' help through `report --experimental-dump-help`. Blank lines become
# paragraph breaks and non-ASCII letters groff escapes, so that `man -l` renders it
# cleanly in any locale. The date is the last commit's (or SOURCE_DATE_EPOCH's), so
# that the page is the same from one run to the next.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/report.1}"
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)"
else
  date="$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
fi
# Debug: the help text does not depend on the configuration, and it is the quicker build.
swift package plugin generate-manual --configuration debug --date "$date" >/dev/null
page=".build/plugins/GenerateManual/outputs/report/report.1"
mkdir -p "$(dirname "$out")"
sed 's/^$/.Pp/' "$page" | perl -CSD -pe 's/([^\x00-\x7f])/sprintf("\\[u%04X]", ord($1))/ge' >"$out.tmp"
mv "$out.tmp" "$out"
