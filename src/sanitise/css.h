#pragma once
// css: the style attribute policy, feedparser's sanitize_style re-expressed without regular
// expressions (std::regex recurses per character and would overflow on long hostile input).
// Internal to sanitise/.

#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

enum class StyleContext { html, svg };

// Returns the safe part of a style attribute as "prop: value;" declarations joined by spaces,
// or "" when nothing is safe. url(...) tokens are removed first; then the whole value must pass
// feedparser's gauntlet (letters, digits, spaces, `:,;#%.!`, hyphens inside words, simple
// quoted words, parenthesised number lists) and be a list of `prop: value` pairs, else it is
// dropped entirely (backslash escapes, comments, expression(), unbalanced quotes or brackets).
// Kept: feedparser's acceptable properties; background-*, border-*, margin-* and padding-*
// when every word of the value is a known keyword or a number, size or colour; in SVG also
// fill and stroke properties. Property names keep the case they were written in; a `;` that
// ends no declaration (`a: b;; c: d`) drops the whole attribute, as in feedparser.
std::string sanitise_style(std::string_view style, StyleContext context);

}  // namespace orrery::sanitise::detail
