#pragma once
// html_tags: the categories of HTML elements the HTML5 tree builder's rules name (WHATWG HTML
// §13.2.4.3, §13.2.6.4.7), for the two places in sanitise/ that model it: reparse_check.h
// (what a parser does with the walker's output) and fast_tree.h (what it does with the input).
// Internal to sanitise/.

#include <gumbo.h>

#include <algorithm>
#include <initializer_list>

namespace orrery::sanitise::detail {

inline bool one_of(GumboTag tag, std::initializer_list<GumboTag> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// Phrasing elements: "any other start tag", a formatting element or a void element in the
// "in body" mode (audio and video too: their <source> and <track> are void); none of them
// closes an open <p>, and the tree builder reopens closed formatting elements before each.
bool is_phrasing(GumboTag tag);

// The formatting elements: the list of active formatting elements, the adoption agency.
bool is_formatting(GumboTag tag);

bool is_heading(GumboTag tag);

// Start tags that close an open <p> ("close a p element" when the stack has a p in button
// scope): the blocks, headings, items, <pre>/<listing>, <table> and <hr>.
bool closes_p(GumboTag tag);

// The elements whose insertion modes ("in table", "in table body", "in row") take only their
// own children; text in them that is not whitespace is foster-parented.
bool is_table_section(GumboTag tag);

}  // namespace orrery::sanitise::detail
