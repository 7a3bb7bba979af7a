#!/usr/bin/env python3
"""Writes po/report.pot from the messages of the Swift sources, and merges it into po/*.po.

xgettext does not read Swift: every message a person reads is written as
tr("English text with %1 and %2", a, b) (Sources/ReportModel/Messages.swift), one string
literal as the first argument; this script finds those calls.

  scripts/extract-messages.py           rewrite po/report.pot, msgmerge it into po/*.po
  scripts/extract-messages.py --check   exit 1 when report.pot is stale, a call has no
                                        literal, or a catalogue lacks a translation
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CALL = re.compile(r'(?<![\w.])tr\(\s*')
HEADER = '''# Messages of the report tool.
# This file is written by scripts/extract-messages.py: do not edit it.
msgid ""
msgstr ""
"Project-Id-Version: report\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
'''


def swift_literal(text, start):
    """The value of the Swift string literal at text[start] ('"'), and where it ends."""
    assert text[start] == '"'
    i = start + 1
    value = []
    while i < len(text):
        c = text[i]
        if c == '"':
            return ''.join(value), i + 1
        if c == '\n':
            return None, i
        if c == '\\':
            n = text[i + 1]
            if n == '(':
                return None, i  # an interpolation: not a catalogue key
            if n == 'u':
                close = text.index('}', i)
                value.append(chr(int(text[i + 3:close], 16)))
                i = close + 1
                continue
            value.append({'n': '\n', 't': '\t', '0': '\0', '\\': '\\', '"': '"', "'": "'"}[n])
            i += 2
            continue
        value.append(c)
        i += 1
    return None, i


def po_string(value):
    escaped = value.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    if '\n' not in escaped:
        return '"%s"' % escaped
    parts = escaped.split('\n')
    lines = [p + '\\n' for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return '""\n' + '\n'.join('"%s"' % line for line in lines)


def extract():
    messages = {}  # msgid -> [references]
    bad = []
    files = sorted(glob.glob(os.path.join(ROOT, 'Sources', '**', '*.swift'), recursive=True))
    for path in files:
        relative = os.path.relpath(path, ROOT)
        text = open(path, encoding='utf-8').read()
        if relative.endswith('ReportModel/Messages.swift'):
            continue
        for match in CALL.finditer(text):
            line = text.count('\n', 0, match.start()) + 1
            start = match.end()
            value = None
            if start < len(text) and text[start] == '"' and not text.startswith('"""', start):
                value, _ = swift_literal(text, start)
            if value is None:
                bad.append('%s:%d: tr( needs one plain string literal first' % (relative, line))
                continue
            messages.setdefault(value, []).append('%s:%d' % (relative, line))
    return messages, bad


def pot(messages):
    out = [HEADER]
    for msgid in sorted(messages):
        out.append('')
        out.append('#: ' + ' '.join(messages[msgid]))
        if '%1' in msgid:
            out.append('#, qt-format')
        out.append('msgid ' + po_string(msgid))
        out.append('msgstr ""')
    return '\n'.join(out) + '\n'


def main():
    check = '--check' in sys.argv[1:]
    messages, bad = extract()
    for line in bad:
        print(line, file=sys.stderr)
    text = pot(messages)
    target = os.path.join(ROOT, 'po', 'report.pot')
    failed = bool(bad)
    if check:
        current = open(target, encoding='utf-8').read() if os.path.exists(target) else ''
        if current != text:
            print('po/report.pot is stale: run scripts/extract-messages.py', file=sys.stderr)
            failed = True
        for catalogue in sorted(glob.glob(os.path.join(ROOT, 'po', '*.po'))):
            stats = subprocess.run(
                ['msgfmt', '--check', '--statistics', '-o', '/dev/null', catalogue],
                capture_output=True, text=True)
            said = stats.stderr.strip()
            if stats.returncode != 0 or 'untranslated' in said or 'fuzzy' in said:
                print('%s: %s' % (os.path.relpath(catalogue, ROOT), said), file=sys.stderr)
                failed = True
        sys.exit(1 if failed else 0)
    with open(target, 'w', encoding='utf-8') as handle:
        handle.write(text)
    for catalogue in sorted(glob.glob(os.path.join(ROOT, 'po', '*.po'))):
        subprocess.run(['msgmerge', '--quiet', '--update', '--backup=none', '--no-wrap',
                        catalogue, target], check=True)
    print('%d messages in po/report.pot' % len(messages))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
