#!/usr/bin/env bash
# Installs report like a Unix tool: scripts/install.sh [options] [PREFIX]  (default /usr/local)
#
#   PREFIX/bin/report                                  the binary (release, static Swift runtime)
#   PREFIX/share/report/templates/, fonts/             what it finds when the working folder has none
#   PREFIX/share/report/hyphen/hyph_fr.dic             the French patterns (from Debian's hyphen-fr)
#   PREFIX/share/man/man1/report.1                     report(1), from the same source as --help
#   PREFIX/share/bash-completion/completions/report    bash completion
#   PREFIX/share/zsh/site-functions/_report            zsh completion
#   PREFIX/share/fish/vendor_completions.d/report.fish fish completion
#   PREFIX/share/locale/fr/LC_MESSAGES/report.mo      the French messages (po/fr.po, msgfmt)
#
# DESTDIR is put in front of every path (for packages). Options:
#   --binary FILE   install FILE instead of building (a build already made)
#   --manual FILE   install this man page instead of making it (scripts/make-manual.sh)
# Run scripts/setup.sh --runtime first for the Debian packages building and running need.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="" manual="" prefix="/usr/local"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --manual) manual="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) prefix="$1"; shift ;;
  esac
done
case "$prefix" in /*) ;; *) echo "install.sh: PREFIX must be an absolute path, not $prefix" >&2; exit 2 ;; esac
dictionary="/usr/share/hyphen/hyph_fr.dic"
if [ ! -r "$dictionary" ]; then
  echo "install.sh: $dictionary is missing: install Debian's hyphen-fr (scripts/setup.sh --runtime does)" >&2
  exit 1
fi

if [ -z "$binary" ]; then
  # As scripts/setup.sh builds it (scripts/build-release.sh says how).
  scripts/build-release.sh
  binary=".build/release/report"
fi
if [ -z "$manual" ]; then
  scripts/make-manual.sh .build/report.1
  manual=".build/report.1"
fi

root="${DESTDIR:-}$prefix"
share="$root/share/report"
install -d "$root/bin" "$share" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/report"

# Templates and fonts replaced whole, so that a file removed from the repository goes too.
rm -rf "$share/templates" "$share/fonts" "$share/hyphen"
cp -R templates "$share/templates"
install -d "$share/fonts" "$share/hyphen"
install -m 644 fonts/*.otf fonts/*.ttf fonts/COPYRIGHT-* "$share/fonts/"
install -m 644 "$dictionary" "$share/hyphen/hyph_fr.dic"
[ -r /usr/share/doc/hyphen-fr/copyright ] && install -m 644 /usr/share/doc/hyphen-fr/copyright "$share/hyphen/COPYRIGHT-hyphen-fr.txt"
# The installed theme uses the installed patterns (a path relative to the templates folder).
sed -i 's|^\(  dictionary: \)"[^"]*"|\1"../hyphen/hyph_fr.dic"|' "$share/templates/theme.yaml"
grep -q 'dictionary: "../hyphen/hyph_fr.dic"' "$share/templates/theme.yaml" || {
  echo "install.sh: could not point the installed theme.yaml at the installed hyphenation patterns" >&2
  exit 1
}
find "$share" -type d -exec chmod 755 {} + && find "$share" -type f -exec chmod 644 {} +

install -m 644 "$manual" "$root/share/man/man1/report.1"
# Messages in the user's language: the catalogues where PREFIX/bin/report looks for them.
scripts/build-locales.sh "$root/share/locale"
"$root/bin/report" --generate-completion-script bash >"$root/share/bash-completion/completions/report"
"$root/bin/report" --generate-completion-script zsh >"$root/share/zsh/site-functions/_report"
"$root/bin/report" --generate-completion-script fish >"$root/share/fish/vendor_completions.d/report.fish"

echo "installed report $("$root/bin/report" --version | head -1 | cut -d' ' -f2) in $root" >&2
