#!/usr/bin/env python3
"""Every encoding label Python's codecs know (feedparser decodes with them), through `orrery parse`.

For each of Python's codec names and aliases that is a text encoding able to write the test
document, builds an RSS document declaring that label whose title holds every high byte the
codec decodes alone to a printable character, and checks that orrery's title is Python's
decoding. Exit 0 when all agree (but the known differences below), 1 otherwise, 77 (ctest:
skipped) without Python's encodings package.

    encoding_aliases.py ORRERY_BINARY
"""
import codecs
import json
import os
import subprocess
import sys
import tempfile

try:
    import encodings.aliases
except ImportError:
    sys.exit(77)

# Not text encodings, or not ASCII-compatible in a way an XML declaration can be read.
NOT_TEXT = {"rot_13", "base64_codec", "bz2_codec", "hex_codec", "quopri_codec", "uu_codec",
            "zlib_codec", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "palmos",
            "mbcs", "oem", "undefined", "utf_7", "utf_16", "utf_32", "utf_16_be", "utf_16_le",
            "utf_32_be", "utf_32_le", "tactis", "kz1048"}
# Known and argued in docs/conformance.md: IBM-1026 writes '"' where the EBCDIC sniff cannot
# read the declaration; IBM-273 0xA1 is U+203E in Python, U+00AF in glibc.
KNOWN = {"cp1026", "cp273"}


def main(binary):
    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    checked = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "feed.xml")
        for name in sorted(names):
            try:
                info = codecs.lookup(name)
            except LookupError:
                continue
            codec = info.name.replace("-", "_")
            if codec in NOT_TEXT:
                continue
            try:
                head = ('<?xml version="1.0" encoding="%s"?><rss version="2.0"><channel><title>'
                        % name).encode(name)
                tail = "</title></channel></rss>".encode(name)
                space = " ".encode(name)
            except (UnicodeError, LookupError):
                continue
            body, expected = b"", []
            for b in range(0x80, 0x100):
                try:
                    c = bytes([b]).decode(name)
                except UnicodeError:
                    continue
                if len(c) != 1 or c in "<>&" or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c.isspace():
                    continue
                body += bytes([b]) + space
                expected.append(c)
            if not expected:
                continue
            with open(path, "wb") as f:
                f.write(head + body + tail)
            run = subprocess.run([binary, "parse", path, "--json"], capture_output=True, timeout=30)
            try:
                got = json.loads(run.stdout)["feed"].get("title")
            except (ValueError, KeyError):
                got = None
            checked += 1
            if got != " ".join(expected) and info.name.replace("-", "_") not in KNOWN:
                failed += 1
                print("%s (%s): orrery %r, Python %r" % (name, info.name, (got or "")[:40],
                                                        " ".join(expected)[:40]))
    print("encoding labels: %d checked, %d differ from Python" % (checked, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
