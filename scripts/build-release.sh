#!/usr/bin/env bash
# Builds the release binary, .build/release/report, the one way setup.sh, install.sh
# and bench.sh build it. Extra arguments go to `swift build` (bench.sh's own log
# handling wraps this script).
#
# - The Swift runtime and Foundation linked in (--static-swift-stdlib): no dynamic
#   symbol binding at each start (about 7 ms of the pack's 60, and 6 MB less memory).
# - Linked by the toolchain's lld: GNU ld warns about a mktemp call inside the static
#   Foundation, which is not ours.
# - The functions the commands run laid out together (scripts/symbol-order.txt, made
#   by scripts/make-symbol-order.py): the binary's code is 21 MB, of which a run
#   executes 2 to 3 MB, scattered; each page fault maps 64 KB around it, so 13 MB of
#   code were resident for the 2019 pack. Ordered, the pack's peak is about 6 MiB lower.
#   A symbol the file names that the code no longer has is skipped, silently: the
#   file only orders, it never changes what is linked.
# - Relative relocations packed (RELR): a 20 KB table instead of 1 MB, which the
#   loader read through at every start. Only where the C library can load them
#   (glibc 2.36, Debian 12): a binary built so would not start on an older one.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-Xlinker --symbol-ordering-file="$PWD/scripts/symbol-order.txt"
  -Xlinker --no-warn-symbol-ordering)
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if [ -n "$glibc" ] && [ "$(printf '%s\n' 2.36 "$glibc" | sort -V | head -1)" = 2.36 ]; then
  flags+=(-Xlinker -z -Xlinker pack-relative-relocs)
fi
swift build -c release --product report --static-swift-stdlib -Xswiftc -use-ld=lld \
  "${flags[@]}" "$@"
