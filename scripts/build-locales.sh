#!/usr/bin/env bash
# Compiles the message catalogues (po/*.po) with GNU msgfmt into
# <dest>/<lang>/LC_MESSAGES/report.mo, where the binary finds them.
#   scripts/build-locales.sh                  # .build/locale (found by .build/*/report)
#   scripts/build-locales.sh PREFIX/share/locale   # what scripts/install.sh calls
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-.build/locale}"
for catalogue in po/*.po; do
  lang="$(basename "$catalogue" .po)"
  mkdir -p "$dest/$lang/LC_MESSAGES"
  msgfmt --check -o "$dest/$lang/LC_MESSAGES/report.mo.$$.tmp" "$catalogue"
  mv "$dest/$lang/LC_MESSAGES/report.mo.$$.tmp" "$dest/$lang/LC_MESSAGES/report.mo"
done
