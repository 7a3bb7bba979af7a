#!/bin/sh
# A local SMTP server for tests and trial runs: accepts every message on
# 127.0.0.1:PORT and stores it in the Maildir MAILDIR (created when missing).
# Debian's python3-aiosmtpd; stop it with Ctrl-C or by killing its pid.
#   scripts/mail-sink.sh 2525 /tmp/maildir
# then send through msmtp with a config such as:
#   account default
#   host 127.0.0.1
#   port 2525
#   auth off
#   tls off
#   auto_from off
#   from secretariat@example.org
set -eu
port=${1:?usage: mail-sink.sh PORT MAILDIR}
maildir=${2:?usage: mail-sink.sh PORT MAILDIR}
mkdir -p "$maildir/tmp" "$maildir/new" "$maildir/cur"
exec /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$maildir"
