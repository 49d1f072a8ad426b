#pragma once
// filters: orrery's own implementations of Venus's Python filters, under Venus's names, so a
// config that names them runs without Python 2. Each takes the entry (or, for an output filter,
// the document) and the filter's options, and never performs I/O.

#include <string_view>

#include "filters/outcome.h"
#include "filters/spec.h"

namespace orrery::filters {

using NativeFunction = Outcome (*)(std::string_view input, const Options& options);

struct NativeFilter {
  std::string_view name;  // Venus's file name ("excerpt.py")
  NativeFunction run;
};

// The native filter called `name` (a path as written in `filters`, e.g. "excerpt.py"), or
// nullptr.
const NativeFilter* find_native(std::string_view name);

// The natives, one by one (also reachable through find_native).

// excerpt.py: copies the entry's summary (else its content) into a new element `target`
// (default planet:excerpt), cut after about `width` characters (default 500) with " …";
// elements named in `omit` are unwrapped, an omitted img becomes a link showing its alt.
Outcome excerpt(std::string_view entry, const Options& options);
// regexp_sifter.py: `require` and `exclude` are newline-separated regular expressions (PCRE2,
// close to Python's `re`) matched against the entry's human text; a required pattern missing or
// an excluded one present drops the entry.
Outcome regexp_sifter(std::string_view entry, const Options& options);
// What is wrong with regexp_sifter.py's patterns ("" when every line compiles), so that a bad
// `filter` or `exclude` is reported once, not once per entry.
std::string regexp_sifter_problem(const Options& options);
// xpath_sifter.py: the same with XPath 1.0 expressions (prefixes atom and xhtml).
Outcome xpath_sifter(std::string_view entry, const Options& options);
// notweets.py: drops an entry whose text holds `<id>tag:twitter.com,`.
Outcome notweets(std::string_view entry, const Options& options);
// minhead.py: when a heading above h`min` (default 3) exists, shifts every heading down so the
// highest becomes h`min`.
Outcome minhead(std::string_view entry, const Options& options);
// html2xhtml.plugin: an HTML page (libxml2's HTML parser, recovering) written as XML, its
// elements in the XHTML namespace, for XSLT output filters.
Outcome html2xhtml(std::string_view page, const Options& options);
// xhtml2html.plugin: an XHTML page written as HTML (void elements without "/>", no empty
// <script/>); attribute values are always quoted (html5lib's quote_attr_values=True), its other
// serializer options are not available.
Outcome xhtml2html(std::string_view page, const Options& options);
// coral_cdn_filter.py: routes http img sources through the Coral CDN (host.nyud.net:8080).
Outcome coral_cdn(std::string_view entry, const Options& options);

}  // namespace orrery::filters
