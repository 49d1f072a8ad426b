// html_to_text: the text of a fragment, for titles and names.

#include <optional>
#include <unordered_set>
#include <vector>

#include "sanitise/gumbo_tree.h"
#include "sanitise/plain_text.h"
#include "sanitise/policy.h"
#include "sanitise/sanitise.h"
#include "sanitise/script_rule.h"
#include "util/strings.h"

namespace orrery::sanitise {

namespace {

// Elements after which text reads as a new word even without whitespace in the source
// ("<p>one</p><p>two</p>" is "one two", not "onetwo").
bool separates_words(std::string_view name) {
  static const std::unordered_set<std::string_view> names{
      "address", "article",    "aside",  "blockquote", "br", "dd",   "details", "div", "dl",
      "dt",      "figcaption", "figure", "footer",     "h1", "h2",   "h3",      "h4",  "h5",
      "h6",      "header",     "hr",     "img",        "li", "main", "nav",     "ol",  "p",
      "pre",     "section",    "table",  "td",         "th", "tr",   "ul"};
  return names.count(name) != 0;
}

}  // namespace

std::string html_to_text(std::string_view html, const Limits& limits) {
  if (detail::is_plain_text(html)) {
    return util::collapse_whitespace(detail::plain_text_content(html, limits));
  }
  std::optional<std::string> ruled;
  detail::SourceScan scan;
  const std::string_view input = detail::script_ruled(html, ruled, scan);
  detail::Fragment tree(input, limits, scan);
  std::string text;
  struct Frame {
    const GumboNode* node;
    unsigned next;
    bool separates;
  };
  std::vector<Frame> stack{{&tree.root(), 0, false}};
  while (!stack.empty()) {
    auto& [node, next, separates] = stack.back();
    const GumboVector& children = node->v.element.children;
    if (next >= children.length) {
      if (separates) {
        text += ' ';
      }
      stack.pop_back();
      continue;
    }
    const auto& current = *static_cast<const GumboNode*>(children.data[next++]);
    switch (current.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        text += current.v.text.text;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const std::string name = detail::element_name(current.v.element);
        // Dropped elements (script, style…) hold no text for the reader.
        if (detail::element_action(detail::Vocabulary::html, name) == detail::ElementAction::drop) {
          break;
        }
        const bool block = separates_words(name);
        if (block) {
          text += ' ';
        }
        stack.push_back(Frame{&current, 0, block});
        break;
      }
      case GUMBO_NODE_COMMENT:
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
  return util::collapse_whitespace(text);
}

std::string html_to_text(std::string_view html) { return html_to_text(html, Limits{}); }

std::string text_without_markup(std::string_view text, const Limits& limits) {
  std::string out = html_to_text(text, limits);
  // A few passes reach the fixed point of text escaped a few times over (&amp;lt;img…).
  for (int pass = 0; pass < 4; ++pass) {
    if (detail::is_plain_text(out)) {
      return out;  // no '<', no '&': nothing a parser reads as markup
    }
    std::string again = html_to_text(out, limits);
    if (again == out) {
      return out;  // what is left of '<' and '&' is text to a browser too ("a < b", "AT&T")
    }
    out = std::move(again);
  }
  std::erase(out, '<');  // escaped deeper still: no tag can survive without '<'
  return out;
}

}  // namespace orrery::sanitise
