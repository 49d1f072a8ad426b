#include "support/sanitise_property.h"

#include <gumbo.h>

#include <cstddef>
#include <utility>

#include "sanitise/css.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/policy.h"
#include "sanitise/sanitise.h"
#include "util/utf8.h"

namespace orrery::test {
namespace {

using sanitise::detail::ElementAction;
using sanitise::detail::Vocabulary;

Vocabulary vocabulary_of(const GumboElement& element) {
  if (element.tag_namespace == GUMBO_NAMESPACE_SVG) {
    return Vocabulary::svg;
  }
  return element.tag_namespace == GUMBO_NAMESPACE_MATHML ? Vocabulary::mathml : Vocabulary::html;
}

std::string attribute_name(const GumboAttribute& attribute) {
  switch (attribute.attr_namespace) {
    case GUMBO_ATTR_NAMESPACE_XLINK:
      return std::string("xlink:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_XML:
      return std::string("xml:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_XMLNS:
      return attribute.name == std::string_view("xmlns") ? "xmlns"
                                                         : std::string("xmlns:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_NONE:
      break;
  }
  return attribute.name;
}

// The scheme of a URL as a browser reads it: ASCII whitespace and controls removed, lower case;
// "" for a relative reference.
std::string scheme_of(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      continue;
    }
    if (c == ':') {
      return scheme;
    }
    if (c == '/' || c == '?' || c == '#') {
      return "";
    }
    scheme.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return "";
}

bool is_inert_comment(std::string_view data) {
  // Comments survive only when inert: well-formed XML, no conditional comment.
  return data.find("--") == std::string_view::npos && (data.empty() || data.back() != '-') &&
         data.find("[if") == std::string_view::npos &&
         data.find("[endif") == std::string_view::npos;
}

void check_attributes(const GumboElement& element, const std::string& name, Vocabulary vocabulary,
                      std::vector<std::string>& found) {
  for (unsigned a = 0; a < element.attributes.length; ++a) {
    const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[a]);
    const std::string qualified = attribute_name(attribute);
    const std::string_view value = attribute.value;
    if (qualified.size() > 1 && qualified[0] == 'o' && qualified[1] == 'n') {
      found.push_back("event handler " + name + " " + qualified + "=");
    }
    if (qualified == "xmlns" || qualified == "xmlns:xlink") {
      continue;  // namespace declarations the serialiser writes
    }
    if (qualified == "style") {
      const auto context = vocabulary == Vocabulary::svg ? sanitise::detail::StyleContext::svg
                                                         : sanitise::detail::StyleContext::html;
      if (sanitise::detail::sanitise_style(value, context) != value) {
        found.push_back("style=\"" + std::string(value) + "\"");
      }
      continue;
    }
    if (!sanitise::detail::is_allowed_attribute(vocabulary, qualified)) {
      found.push_back("attribute " + name + " " + qualified + "=");
      continue;
    }
    if (sanitise::detail::attribute_value_kind(qualified) ==
        sanitise::detail::AttributeValue::url) {
      const std::string scheme = scheme_of(value);
      if (!scheme.empty() && scheme != "http" && scheme != "https" && scheme != "ftp" &&
          scheme != "mailto" && !(scheme == "data" && name == "img")) {
        found.push_back("URL " + name + " " + qualified + "=\"" + std::string(value) + "\"");
      }
    }
  }
}

// Every problem found in `output` re-parsed, one line each.
std::vector<std::string> violations(const std::string& output) {
  std::vector<std::string> found;
  if (!util::is_valid_utf8(output)) {
    found.push_back("output is not valid UTF-8");
  }
  const sanitise::detail::FragmentTree tree(output, sanitise::Limits{});
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{&tree.root(), 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto& child = *static_cast<const GumboNode*>(children.data[i]);
      if (child.type == GUMBO_NODE_COMMENT && !is_inert_comment(child.v.text.text)) {
        found.push_back("comment <!--" + std::string(child.v.text.text) + "-->");
      }
      if (child.type != GUMBO_NODE_ELEMENT && child.type != GUMBO_NODE_TEMPLATE) {
        continue;
      }
      stack.emplace_back(&child, depth + 1);
      const GumboElement& element = child.v.element;
      const std::string name = sanitise::detail::element_name(element);
      if (depth + 1 > sanitise::Limits{}.max_depth) {
        found.push_back("element <" + name + "> nested too deep");
      }
      if ((child.parse_flags & GUMBO_INSERTION_BY_PARSER) != 0) {
        continue;  // not in the output's text (an implied <tbody>): not judged
      }
      Vocabulary vocabulary = vocabulary_of(element);
      // An HTML element the sanitiser kept inside <svg> or <math> (gumbo 0.10.1 puts the <p>
      // that `<svg></p>` implies there) comes back in the foreign namespace, because gumbo
      // follows the old fragment rule; browsers break out of foreign content and see the HTML
      // element. Judge it as HTML, as they do.
      if (vocabulary != Vocabulary::html &&
          sanitise::detail::element_action(Vocabulary::html, name) == ElementAction::keep &&
          sanitise::detail::element_action(vocabulary, name) != ElementAction::keep) {
        vocabulary = Vocabulary::html;
      }
      if (sanitise::detail::element_action(vocabulary, name) != ElementAction::keep) {
        found.push_back("element <" + name + ">");
      }
      check_attributes(element, name, vocabulary, found);
    }
  }
  return found;
}

}  // namespace

SanitiseCheck check_sanitise_property(std::string_view input, std::string_view base_url) {
  SanitiseCheck check;
  check.output = sanitise::sanitise_html(input, base_url);
  check.problems = violations(check.output);
  if (sanitise::sanitise_html(check.output, base_url) != check.output) {
    check.problems.push_back("output is not a fixed point (sanitising it again changes it)");
  }
  return check;
}

}  // namespace orrery::test
