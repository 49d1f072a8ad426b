#!/usr/bin/env python3
"""Checks the health page as a browser would read it.

usage: check_health.py OUTPUT_DIR FIRST_WORDS FORBIDDEN...

feeds.html parses with html5lib without a single parse error; it has one <main>, one <h1>, its
headings do not skip a level, every <time> has a datetime; the first feed listed is a failing
one whose words contain FIRST_WORDS; no FORBIDDEN string (a local path of the machine) appears in
feeds.html or health.json, and health.json is JSON whose feeds come in the page's order. Prints
one line per failure and exits 1; exits 77 when html5lib is missing (Debian: python3-html5lib)."""

import json
import os
import sys

try:
    import html5lib
except ImportError:  # pragma: no cover - depends on the machine
    print("check_health: html5lib is not installed (Debian: python3-html5lib)")
    sys.exit(77)

NS = "{http://www.w3.org/1999/xhtml}"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def text(node):
    return "".join(node.itertext()).strip()


def main():
    directory, first_words, forbidden = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(os.path.join(directory, "feeds.html"), "rb") as f:
        raw = f.read()
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
    doc = parser.parse(raw)
    for position, error, data in parser.errors:
        failures.append(f"feeds.html: html5lib: {error} at {position} {data}")

    check(len(doc.findall(f".//{NS}main")) == 1, "feeds.html: not exactly one <main>")
    check(len(doc.findall(f".//{NS}h1")) == 1, "feeds.html: not exactly one <h1>")
    level = 0
    for node in doc.iter():
        tag = node.tag.replace(NS, "") if isinstance(node.tag, str) else ""
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            check(int(tag[1]) <= level + 1, f"feeds.html: <{tag}> after <h{level}>")
            level = int(tag[1])
    for t in doc.iter(f"{NS}time"):
        check(t.get("datetime"), f"feeds.html: <time>{text(t)}</time> without datetime")
    check(doc.get("lang"), "feeds.html: <html> has no lang")  # html5lib returns <html>

    items = [li for li in doc.iter(f"{NS}li") if "feed" in (li.get("class") or "").split()]
    check(items, "feeds.html: no feed listed")
    if items:
        first = items[0]
        check("failing" in first.get("class").split(), "feeds.html: the first feed is not failing")
        check(first_words in text(first),
              f"feeds.html: the first feed does not say {first_words!r}: {text(first)!r}")

    with open(os.path.join(directory, "health.json"), encoding="utf-8") as f:
        health_text = f.read()
    health = json.loads(health_text)
    page_names = [text(li.find(f"{NS}h3")) for li in items]
    check([feed["name"] for feed in health["feeds"]] == page_names,
          f"health.json and feeds.html list the feeds in different orders: {page_names}")
    page_text = raw.decode("utf-8")
    for needle in forbidden:
        check(needle not in page_text, f"feeds.html contains {needle!r}")
        check(needle not in health_text, f"health.json contains {needle!r}")

    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
