#!/usr/bin/env python3
"""Checks HTML pages as a browser would read them.

usage: check_html.py PAGE...

Each PAGE parses with html5lib (the HTML5 parsing algorithm) without a single parse error and
has a <title> and an <html lang>. Prints one line per failure and exits 1; exits 77 when
html5lib is missing (Debian: python3-html5lib)."""

import sys

try:
    import html5lib
except ImportError:  # pragma: no cover - depends on the machine
    print("check_html: html5lib is not installed (Debian: python3-html5lib)")
    sys.exit(77)

NS = "{http://www.w3.org/1999/xhtml}"


def main():
    failures = []
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            raw = f.read()
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
        doc = parser.parse(raw)
        for position, error, data in parser.errors:
            failures.append(f"{path}: html5lib: {error} at {position} {data}")
        if not (doc.findtext(f".//{NS}title") or "").strip():
            failures.append(f"{path}: no <title>")
        if not doc.get("lang"):
            failures.append(f"{path}: <html> has no lang")
    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
