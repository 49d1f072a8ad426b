#!/usr/bin/env python3
"""Checks orrery's feed outputs with parsers that are not orrery's.

usage: check_outputs.py OUTPUT_DIR JSONFEED_SCHEMA ENTRIES SUBSCRIPTIONS

atom.xml, rss20.xml and rss10.xml through feedparser (no bozo, the right version, ENTRIES
entries with the fields each format carries); feed.json against the JSON Feed 1.1 schema
(jsonschema); opml.xml and foafroll.xml as XML with SUBSCRIPTIONS outlines/members; the ids of
every output agree. Prints one line per failure and exits 1; exits 77 when feedparser or
jsonschema is missing (the test reports it as skipped, naming the module)."""

import json
import os
import sys
import xml.etree.ElementTree as ET

try:
    import feedparser
    import jsonschema
except ImportError as e:  # pragma: no cover - depends on the machine
    print(f"check_outputs: {e.name} is not installed (Debian: python3-{e.name})")
    sys.exit(77)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def parsed_feed(directory, name, version, entries):
    d = feedparser.parse(os.path.join(directory, name))
    check(not d.bozo, f"{name}: feedparser: {d.get('bozo_exception')}")
    check(d.version == version, f"{name}: feedparser reads version {d.version!r}, not {version!r}")
    check(len(d.entries) == entries, f"{name}: {len(d.entries)} entries, expected {entries}")
    for i, e in enumerate(d.entries):
        check(e.get("id"), f"{name}: entry {i} has no id")
        check(e.get("title"), f"{name}: entry {i} has no title")
        check(e.get("updated_parsed") or e.get("published_parsed"), f"{name}: entry {i} has no date")
    return d


def main():
    directory, schema_path, entries, subscriptions = sys.argv[1:5]
    entries, subscriptions = int(entries), int(subscriptions)

    atom = parsed_feed(directory, "atom.xml", "atom10", entries)
    rss20 = parsed_feed(directory, "rss20.xml", "rss20", entries)
    rss10 = parsed_feed(directory, "rss10.xml", "rss10", entries)
    for i, e in enumerate(rss20.entries):
        check(e.get("summary"), f"rss20.xml: entry {i} has no description")
        check(e.get("source", {}).get("href"), f"rss20.xml: entry {i} has no source url")
    for i, e in enumerate(rss10.entries):
        check(e.get("link"), f"rss10.xml: entry {i} has no link")
        check(e.get("content"), f"rss10.xml: entry {i} has no content:encoded")
    check(rss20.feed.get("title") == atom.feed.get("title"), "rss20.xml and atom.xml titles differ")
    check(rss10.feed.get("title") == atom.feed.get("title"), "rss10.xml and atom.xml titles differ")

    with open(os.path.join(directory, "feed.json"), encoding="utf-8") as f:
        feed = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    for error in jsonschema.Draft202012Validator(schema).iter_errors(feed):
        path = "/".join(str(p) for p in error.absolute_path)
        failures.append(f"feed.json: {path or '(top)'}: {error.message}")
    check(len(feed.get("items", [])) == entries, f"feed.json: expected {entries} items")

    # One id per entry, the same in every output (rss10's rdf:about may differ: RDF needs URIs).
    ids = [e.id for e in rss20.entries]
    check(ids == [item.get("id") for item in feed.get("items", [])],
          f"rss20.xml guids and feed.json ids differ: {ids}")
    check(ids == [e.id for e in atom.entries], f"rss20.xml guids and atom.xml ids differ: {ids}")

    opml = ET.parse(os.path.join(directory, "opml.xml")).getroot()
    check(opml.tag == "opml" and opml.get("version") == "2.0", "opml.xml: not OPML 2.0")
    check(opml.findtext("head/title"), "opml.xml: no head/title")
    outlines = opml.findall("body/outline")
    check(len(outlines) == subscriptions, f"opml.xml: {len(outlines)} outlines, expected {subscriptions}")
    for o in outlines:
        check(o.get("type") == "rss" and o.get("text") and o.get("xmlUrl"),
              f"opml.xml: outline without type, text or xmlUrl: {o.attrib}")

    rdf = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
    foaf = "{http://xmlns.com/foaf/0.1/}"
    root = ET.parse(os.path.join(directory, "foafroll.xml")).getroot()
    check(root.tag == rdf + "RDF", "foafroll.xml: the root is not rdf:RDF")
    members = root.findall(f"{foaf}Group/{foaf}member/{foaf}Agent")
    check(len(members) == subscriptions, f"foafroll.xml: {len(members)} members, expected {subscriptions}")
    for m in members:
        check(m.findtext(f"{foaf}name"), "foafroll.xml: an agent without foaf:name")
        channel = m.find(f"{foaf}weblog/{foaf}Document/"
                         "{http://www.w3.org/2000/01/rdf-schema#}seeAlso/"
                         "{http://purl.org/rss/1.0/}channel")
        check(channel is not None and channel.get(rdf + "about"),
              "foafroll.xml: an agent without rdfs:seeAlso/rss:channel")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
