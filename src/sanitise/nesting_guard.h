#pragma once
// nesting_guard: bounds the work gumbo does on hostile markup. Gumbo 0.10.1 checks "has an
// element in scope" by walking the stack of open elements, so N nested <div>s cost O(N²)
// (measured: 40 000 take 1.6 s, 10^6 would take about half an hour), and it frees trees
// recursively. Internal to sanitise/.

#include <cstddef>
#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

// Returns `html` without the start tags that would open an element deeper than `max_depth`,
// and without the end tags that close them; all text is kept, so deep markup is flattened.
// Also removes the tags of <iframe>, <noembed>, <noframes> (whose raw-text content is fallback
// HTML), <noscript>, <object> and <form>, so that gumbo parses their content in place.
// Depth is estimated over the tokens of the one tokenizer (tokenizer.h: the HTML5 tag,
// attribute, comment and raw-text rules), following the commonest implied end tags (p, li,
// dt/dd, option, table parts). The estimate errs on the deep side; sanitising never depends on it
// being right: the real tree is gumbo's, the walk over it is iterative with an exact depth limit,
// and freeing a tree is made flat (gumbo_tree.cpp). This only keeps the parse fast.
std::string limit_nesting(std::string_view html, std::size_t max_depth);

// True when limit_nesting(html, max_depth) certainly returns `html` unchanged, decided without
// running it: `html` has fewer than max_depth '<' (the estimated depth never exceeds the number
// of start tags so far: each pushes one element, and each element popped counts at most once
// as reopenable) and no tag of the elements whose tags are removed.
bool is_within_nesting_limit(std::string_view html, std::size_t max_depth);

// True when `html` may hold a tag of one of the elements whose tags limit_nesting removes
// (a '<' or "</" followed by the name, any case; false positives only cost time).
bool has_inlined_element_tag(std::string_view html);

}  // namespace orrery::sanitise::detail
