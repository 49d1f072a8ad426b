#pragma once
// sanitise: HTML from feeds → HTML safe to put in a page. gumbo parses it as an HTML5 fragment;
// an allow-list walk keeps known-safe elements, attributes, URL schemes and CSS; the result is
// serialised the way feedparser does (double quotes, `<br />`, `prop: value;`, attributes sorted
// by name, numeric character references kept as written: refs_as_written.h).
//
// The policy is feedparser's _HTMLSanitizer's (tests/data/sanitise/feedparser.cases holds its
// conformance cases), parsed the HTML5 way. <script>, <style> and <applet> are removed first by
// feedparser's own rule (script_rule.h); comments are kept when inert (closed, well-formed XML,
// not conditional), as feedparser keeps them; table parts outside a table are ignored, <form>
// is unwrapped, MathML <annotation-xml> is dropped (SVG <foreignObject> is kept, its children
// judged as HTML), SVG and MathML elements lose their style attributes, and data: URLs survive
// only as raster images in <img src>.
// Internals: policy.h (allow-lists, URLs), css.h, script_rule.h, nesting_guard.h (the
// pre-parse pass), gumbo_tree.h (gumbo ownership).

#include <cstddef>
#include <string>
#include <string_view>

namespace orrery::sanitise {

// Bounds on hostile input. sanitise/ may not include model/, so the defaults mirror
// model/limits.h (k_max_html_*); normalise/ passes model's values and static_asserts that the
// two agree.
struct Limits {
  std::size_t max_depth = 256;  // elements nested deeper are flattened (tags dropped, text kept)
  std::size_t max_input_bytes = 2 * 1024 * 1024;  // longer input is cut at a character boundary
  // Nesting the pre-parse guard lets reach gumbo (whose parse time grows with depth squared).
  std::size_t max_parse_depth = 512;
  // Sanitising passes until the output is a fixed point (sanitise.cpp); output still changing
  // after this many becomes escaped text.
  std::size_t max_passes = 4;
  // A policy, not a bound: each <iframe src=URL> is preceded by a link to URL (`<a href="URL">
  // URL</a>`), which the allow-list and URL policy then judge like any other link, so a removed
  // video or map leaves a way to it. feedparser drops iframes without a trace (its conformance
  // cases run with this off, and so does normalise/ for now: the conformance suite's security
  // mode requires feedparser's exact output for its iframe cases).
  bool embeds_as_links = false;
};

// Returns the sanitised fragment. Relative URLs are resolved against base_url when it is
// absolute. Never throws on any input (std::bad_alloc aside); output is balanced, valid UTF-8,
// and a fixed point: sanitising it again returns it unchanged.
std::string sanitise_html(std::string_view html, std::string_view base_url);
std::string sanitise_html(std::string_view html, std::string_view base_url, const Limits& limits);

// A link for an href outside sanitised HTML (an entry's link, an enclosure, a feed's icon):
// `url` resolved against base_url, or "" when its scheme is not http, https, ftp or mailto
// (javascript:, data:, vbscript: …; judged after removing whitespace and control characters).
// Relative URLs stay relative when base_url is not absolute.
std::string safe_link(std::string_view url, std::string_view base_url);

// The text of an HTML fragment: tags removed, entities decoded, script/style content dropped,
// whitespace collapsed. For titles and names, which are text wherever they are shown.
std::string html_to_text(std::string_view html);
std::string html_to_text(std::string_view html, const Limits& limits);

// Text that stays text wherever it is shown: html_to_text of `text`, repeated until parsing the
// result as HTML changes nothing (a name or title written `&lt;img onerror=…&gt;` loses the tag
// too), so that a reader who decodes it once more and renders it as HTML (an RSS title) finds
// no element. For plain-text fields: names, category terms and labels, titles' *_plain.
std::string text_without_markup(std::string_view text, const Limits& limits);

}  // namespace orrery::sanitise
