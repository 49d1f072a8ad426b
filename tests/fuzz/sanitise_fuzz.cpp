// libFuzzer target for sanitise::sanitise_html and html_to_text. Beyond not crashing, hanging
// or leaking (ASan, UBSan), it checks the sanitiser's property (docs/architecture.md): the
// output is valid UTF-8, and parsing it again as the sanitiser does finds only allowed elements
// and attributes, no URL with a scheme the policy refuses and no comment that is not inert, and
// sanitising the output again returns it unchanged. Seeds: tests/data/sanitise and
// the feeds of /work/shared/bench/real (tests/fuzz/run.sh).

#include <gumbo.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sanitise/gumbo_tree.h"
#include "sanitise/policy.h"
#include "sanitise/sanitise.h"
#include "util/utf8.h"

namespace {

using orrery::sanitise::detail::ElementAction;
using orrery::sanitise::detail::Vocabulary;

constexpr std::string_view k_base = "http://127.0.0.1/blog/post/";

[[noreturn]] void fail(const char* what, std::string_view detail, std::string_view output) {
  std::fprintf(stderr, "sanitise_fuzz: property violated: %s: %.*s\n--- output ---\n%.*s\n", what,
               static_cast<int>(detail.size()), detail.data(), static_cast<int>(output.size()),
               output.data());
  std::abort();
}

Vocabulary vocabulary_of(const GumboElement& element) {
  switch (element.tag_namespace) {
    case GUMBO_NAMESPACE_SVG:
      return Vocabulary::svg;
    case GUMBO_NAMESPACE_MATHML:
      return Vocabulary::mathml;
    case GUMBO_NAMESPACE_HTML:
      break;
  }
  return Vocabulary::html;
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
    scheme.push_back(static_cast<char>(std::tolower(u)));
  }
  return "";
}

bool is_refused_scheme(std::string_view scheme) {
  return scheme == "javascript" || scheme == "vbscript" || scheme == "livescript" ||
         scheme == "file";
}

void check_attributes(const GumboElement& element, Vocabulary vocabulary, std::string_view output) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    std::string name = attribute->name;
    if (attribute->attr_namespace == GUMBO_ATTR_NAMESPACE_XLINK) {
      name = "xlink:" + name;
    } else if (attribute->attr_namespace == GUMBO_ATTR_NAMESPACE_XML) {
      name = "xml:" + name;
    } else if (attribute->attr_namespace == GUMBO_ATTR_NAMESPACE_XMLNS || name == "xmlns") {
      continue;
    }
    if (name != "style" && !orrery::sanitise::detail::is_allowed_attribute(vocabulary, name)) {
      fail("attribute outside the allow-list", name, output);
    }
    if (name.size() > 1 && name[0] == 'o' && name[1] == 'n') {
      fail("event handler attribute", name, output);
    }
    using orrery::sanitise::detail::AttributeValue;
    if (orrery::sanitise::detail::attribute_value_kind(name) == AttributeValue::url &&
        is_refused_scheme(scheme_of(attribute->value))) {
      fail("URL with a refused scheme", attribute->value, output);
    }
  }
}

// Walks the re-parsed output. Elements gumbo inserted itself (implied <tbody>, the synthetic
// root) were not in the output's text and are not judged.
void check_tree(const GumboNode& node, std::string_view output, int depth) {
  if (node.type == GUMBO_NODE_COMMENT) {
    // Comments are kept only when inert: well-formed XML, not a conditional comment.
    const std::string_view data = node.v.text.text;
    if (data.find("--") != std::string_view::npos || (!data.empty() && data.back() == '-') ||
        data.find("[if") != std::string_view::npos ||
        data.find("[endif") != std::string_view::npos) {
      fail("comment that is not inert", data, output);
    }
    return;
  }
  if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) {
    return;
  }
  const GumboElement& element = node.v.element;
  const bool from_text = (node.parse_flags & GUMBO_INSERTION_BY_PARSER) == 0 && depth > 0;
  if (from_text) {
    const std::string name = orrery::sanitise::detail::element_name(element);
    Vocabulary vocabulary = vocabulary_of(element);
    // An HTML element the sanitiser kept inside <svg> or <math> (gumbo 0.10.1 puts the <p> that
    // `<svg></p>` implies there) comes back in the foreign namespace, because gumbo follows the
    // old fragment rule; browsers break out of foreign content and see the HTML element. Judge
    // it as HTML, as they do.
    if (vocabulary != Vocabulary::html &&
        orrery::sanitise::detail::element_action(Vocabulary::html, name) == ElementAction::keep &&
        orrery::sanitise::detail::element_action(vocabulary, name) != ElementAction::keep) {
      vocabulary = Vocabulary::html;
    }
    if (orrery::sanitise::detail::element_action(vocabulary, name) != ElementAction::keep) {
      fail("element outside the allow-list", name, output);
    }
    check_attributes(element, vocabulary, output);
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    check_tree(*static_cast<const GumboNode*>(element.children.data[i]), output, depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const std::string clean = orrery::sanitise::sanitise_html(html, k_base);
  if (!orrery::util::is_valid_utf8(clean)) {
    fail("output is not valid UTF-8", "", clean);
  }
  const orrery::sanitise::Limits limits;
  const orrery::sanitise::detail::FragmentTree tree(clean, limits);
  check_tree(tree.root(), clean, 0);
  if (orrery::sanitise::sanitise_html(clean, k_base) != clean) {
    fail("output is not a fixed point", "", clean);
  }

  const std::string text = orrery::sanitise::html_to_text(html);
  if (!orrery::util::is_valid_utf8(text)) {
    fail("html_to_text output is not valid UTF-8", "", text);
  }
  return 0;
}
