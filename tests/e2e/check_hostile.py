#!/usr/bin/env python3
"""Checks every file a hostile planet published, parsed the way a browser or feed reader parses it.

usage: check_hostile.py OUTPUT_DIR

HTML pages through html5lib; feeds through an XML parser, then the HTML they carry (RSS
description, content:encoded, Atom content/summary/title of type html, JSON Feed content_html)
through html5lib again. Fails on: a <script> (or iframe, object, embed, frame, applet, base)
element; an on* attribute; a javascript:, vbscript:, livescript: or data: URL in href, src,
action, rdf:about, rdf:resource, a link/uri/url/icon/logo/comments element or a JSON Feed URL
(judged after decoding references once more and removing whitespace and controls, as a reader
may); markup in a text-only field (an RSS title, a name, an email, a category, a generator);
a MIME type that is not type/subtype. Prints one line per failure and exits 1; exits 77 when
html5lib is missing."""

import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

try:
    import html5lib
except ImportError as e:  # pragma: no cover - depends on the machine
    print(f"check_hostile: {e.name} is not installed (Debian: python3-html5lib)")
    sys.exit(77)

failures = []
BAD_ELEMENTS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "cite", "data",
                  "about", "resource", "url", "uri", "xmlurl", "htmlurl", "srcset"}
URL_ELEMENTS = {"link", "uri", "url", "icon", "logo", "comments", "docs"}
TEXT_ELEMENTS = {"name", "email", "creator", "author", "category", "generator", "managingEditor",
                 "webMaster"}
HTML_ELEMENTS = {"description", "encoded", "summary", "content", "subtitle", "rights"}
MIME = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$")
SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|livescript|data):")


def fail(where, what):
    failures.append(f"{where}: {what}")


def local(name):
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def url_is_bad(value):
    decoded = html.unescape(html.unescape(value))
    squeezed = "".join(c for c in decoded if ord(c) > 0x20 and ord(c) != 0x7F).lower()
    return any(SCRIPT_URL.match(part.strip()) for part in [squeezed] + squeezed.split(","))


def check_elements(root, where):
    for el in root.iter():
        tag = local(el.tag)
        if not tag:
            continue  # a comment
        if tag.lower() in BAD_ELEMENTS:
            fail(where, f"<{tag}> element")
        for name, value in el.attrib.items():
            attr = local(name).lower()
            if attr.startswith("on"):
                fail(where, f"{attr} attribute on <{tag}>")
            if attr in URL_ATTRIBUTES and url_is_bad(value):
                fail(where, f"script URL in {attr} of <{tag}>: {value!r}")
            if attr == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", value, re.I):
                fail(where, f"style that runs or loads in <{tag}>: {value!r}")


def check_html(text, where, fragment=True):
    parse = html5lib.parseFragment if fragment else html5lib.parse
    check_elements(parse(text, treebuilder="etree", namespaceHTMLElements=False), where)


def check_text_only(text, where):
    if not text:
        return
    tree = html5lib.parseFragment(text, treebuilder="etree", namespaceHTMLElements=False)
    elements = [local(el.tag) for el in tree.iter() if local(el.tag)]
    if len(elements) > 1:  # the fragment's own root
        fail(where, f"markup in a text-only field: {text!r}")


def check_xml(path, where):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(where, f"not well-formed XML: {e}")
        return
    is_atom = root.tag == "{http://www.w3.org/2005/Atom}feed"
    check_elements(root, where)  # attributes of the feed's own elements (href, rdf:about …)
    for el in root.iter():
        tag = local(el.tag)
        text = el.text or ""
        place = f"{where} <{tag}>"
        if tag in ("link", "enclosure") and el.get("type") and not MIME.match(el.get("type")):
            fail(place, f"type is not a MIME type: {el.get('type')!r}")
        for attr in ("term", "label"):
            check_text_only(el.get(attr, ""), f"{place} @{attr}")
        if tag in URL_ELEMENTS and url_is_bad(text):
            fail(place, f"script URL: {text!r}")
        if tag == "guid" and el.get("isPermaLink", "true") == "true" and url_is_bad(text):
            fail(place, f"script URL as a permalink: {text!r}")
        kind = el.get("type", "text")
        if is_atom and tag in HTML_ELEMENTS | {"title"}:
            if kind == "html":
                check_html(text, place)
            # type="xhtml" children were checked as elements above; text is text.
        elif tag in HTML_ELEMENTS:
            check_html(text, place)
        elif tag == "title" or tag in TEXT_ELEMENTS:
            check_text_only(text, place)


def check_json(path, where):
    with open(path, encoding="utf-8") as f:
        feed = json.load(f)
    for key in ("home_page_url", "feed_url", "icon", "favicon"):
        if url_is_bad(feed.get(key, "")):
            fail(where, f"script URL in {key}")
    check_text_only(feed.get("title", ""), f"{where} title")
    for i, item in enumerate(feed.get("items", [])):
        place = f"{where} item {i}"
        check_html(item.get("content_html", ""), f"{place} content_html")
        check_text_only(item.get("title", ""), f"{place} title")
        for key in ("url", "external_url", "image", "banner_image"):
            if url_is_bad(item.get(key, "")):
                fail(place, f"script URL in {key}")
        for author in item.get("authors", []) + ([item["author"]] if "author" in item else []):
            check_text_only(author.get("name", ""), f"{place} author name")
            if url_is_bad(author.get("url", "")):
                fail(place, "script URL in author url")
        for tag in item.get("tags", []):
            check_text_only(tag, f"{place} tag")
        for a in item.get("attachments", []):
            if url_is_bad(a.get("url", "")):
                fail(place, "script URL in an attachment")
            if not MIME.match(a.get("mime_type", "")):
                fail(place, f"attachment type is not a MIME type: {a.get('mime_type')!r}")


def main():
    directory = sys.argv[1]
    checked = 0
    for dirpath, _, names in os.walk(directory):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            where = os.path.relpath(path, directory)
            if name.endswith(".html"):
                with open(path, encoding="utf-8") as f:
                    check_html(f.read(), where, fragment=False)
            elif name.endswith(".xml"):
                check_xml(path, where)
            elif name.endswith(".json"):
                check_json(path, where)
            else:
                continue
            checked += 1
    if checked == 0:
        fail(directory, "no output file to check")
    for line in failures:
        print(line)
    print(f"check_hostile: {checked} files, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
