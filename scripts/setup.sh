#!/usr/bin/env bash
# Installs what the project needs on Debian 12 (the Swift toolchain must already be
# on PATH), builds the release binary and writes the 2019 general-assembly pack.
set -euo pipefail
cd "$(dirname "$0")/.."

# What building and running need (`--runtime` installs only these, for a server).
runtime=(
  pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev  # build: Cairo, Pango, fontconfig
  libhyphen-dev hyphen-fr                                      # French hyphenation
  libqpdf-dev                                                  # PDF/A finishing (catalog, font sets)
  zlib1g-dev                                                   # PDF finishing: page streams compressed once
  nettle-dev                                                   # mail: SHA-256 of Message-IDs and boundaries (SHA-NI)
  libcmark-gfm-dev libcmark-gfm-extensions-dev                 # Markdown sections: CommonMark + GitHub tables
  libxml2-dev                                                  # FoundationXML: budget.xlsx / budget.ods
  librsvg2-dev libgdk-pixbuf-2.0-dev                          # pictures: SVG as vectors, JPEG decoding
  icc-profiles-free                                            # --pdfa: the sRGB profile (ICC v2) of the output intent
  locales                                                      # messages in French: the fr_FR.UTF-8 locale (generated below)
  gettext                                                      # build: msgfmt compiles po/*.po (scripts/build-locales.sh)
)
# What the tests need beyond that.
tests=(
  poppler-utils qpdf mupdf-tools                               # pdftotext, pdffonts, qpdf --check, mutool
  openjdk-17-jre-headless libpdfbox2-java                      # PDF/A-1b validation (PDFBox Preflight)
  libactivation-java libjaxb-api-java                          # what Preflight needs on Java 17
  python3 util-linux                                           # stress years (make-stress-data.py), taskset
  msmtp python3-aiosmtpd                                       # sending tests: sendmail command, SMTP server on loopback
  man-db                                                       # the install test renders report(1) with man -l
)
# Usage: scripts/setup.sh [--runtime | --deps-only] [--list]
#   (none)       every package, then the release build and the 2019 pack (the README's first command)
#   --deps-only  every package, tests' included, and nothing else (.ci/run, scripts/test.sh)
#   --runtime    only what building and running need (a server; then scripts/install.sh)
#   --list       print the packages the other flags would install, and install nothing
mode="all" list=""
for argument in "$@"; do
  case "$argument" in
    --runtime) mode="runtime" ;;
    --deps-only) mode="deps" ;;
    --list) list=1 ;;
    *) echo "setup.sh: unknown option $argument (--runtime, --deps-only, --list)" >&2; exit 2 ;;
  esac
done
packages=("${runtime[@]}")
[ "$mode" = "runtime" ] || packages+=("${tests[@]}")
if [ -n "$list" ]; then printf '%s\n' "${packages[@]}"; exit 0; fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Messages in French: glibc translates only into a locale that exists on the machine.
if ! locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\?8'; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo localedef -i fr_FR -f UTF-8 fr_FR.UTF-8 \
    || echo "fr_FR.UTF-8 not generated: report's messages will be in English" >&2
fi

if [ "$mode" = "runtime" ]; then exit 0; fi

# tests: Typst from PyPI, the peer scripts/bench.sh times beside the tool, in the real
# interpreter (not a pyenv shim). Optional: without it the benchmark skips Typst's rows.
python="$(python3 -c 'import sys; print(sys.executable)')"
if ! "$python" -c 'import typst' 2>/dev/null; then
  "$python" -m pip install --quiet --disable-pip-version-check "typst==0.15.2" >/dev/null 2>&1 \
    || echo "Typst not installed ($python -m pip install typst failed): scripts/bench.sh will skip its rows" >&2
fi

if [ "$mode" = "deps" ]; then exit 0; fi

# The release binary, as scripts/build-release.sh says (static runtime, lld, the
# functions a run executes laid out together).
scripts/build-release.sh
scripts/build-locales.sh   # the message catalogues, .build/locale/<lang>/LC_MESSAGES/report.mo
.build/release/report generate --year 2019
