#!/usr/bin/python3
"""Parses messages with Python's email package and prints what a mail reader sees, as JSON.

    scripts/mail-inspect.py FILE.eml|MAILDIR...

One object per message: the decoded headers (display names and subjects as text),
the text body, each attachment's file name, media type, size and SHA-256, and the
parser's defects (empty when the message is well formed).
"""
import email
import email.policy
import hashlib
import json
import os
import sys


def inspect(raw, source):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    result = {"source": source, "defects": [type(d).__name__ for d in message.defects]}
    for name in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                 "X-RcptTo", "X-MailFrom", "X-Report-Original-To"):
        value = message.get(name)
        result[name] = None if value is None else str(value)
    for name in ("From", "To"):
        header = message.get(name)
        if header is not None and getattr(header, "addresses", None):
            address = header.addresses[0]
            result[name + ".name"] = address.display_name
            result[name + ".address"] = address.addr_spec
    result["content_type"] = message.get_content_type()
    body = message.get_body(preferencelist=("plain",))
    result["body"] = body.get_content() if body is not None else None
    result["body_charset"] = body.get_content_charset() if body is not None else None
    result["body_encoding"] = body.get("Content-Transfer-Encoding") if body is not None else None
    attachments = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True) or b""
        attachments.append({
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "defects": [type(d).__name__ for d in part.defects],
        })
    result["attachments"] = attachments
    for part in message.walk():
        result["defects"] += [type(d).__name__ for d in part.defects if part is not message]
    return result


def main(paths):
    results = []
    for path in paths:
        if os.path.isdir(path):
            files = []
            for sub in ("new", "cur"):
                folder = os.path.join(path, sub)
                if os.path.isdir(folder):
                    files += [os.path.join(folder, name) for name in sorted(os.listdir(folder))]
        else:
            files = [path]
        for file in files:
            with open(file, "rb") as handle:
                results.append(inspect(handle.read(), file))
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
