// The sanitiser's defining property: re-parsing its output (as a browser would) finds nothing
// outside the allow-list, and sanitising the output again changes nothing. Checked over the
// conformance cases, the golden inputs and a deterministic stream of hostile tag soup.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "cases.h"
#include "sanitise/css.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/policy.h"
#include "sanitise/sanitise.h"
#include "support/temp_dir.h"
#include "util/strings.h"
#include "util/url.h"
#include "util/utf8.h"

namespace orrery::sanitise {
namespace {

using detail::Vocabulary;

constexpr std::string_view k_base = "http://example.org/feed/";

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

// Every problem found in `output` re-parsed, one line each.
std::vector<std::string> violations(const std::string& output) {
  std::vector<std::string> found;
  if (!util::is_valid_utf8(output)) {
    found.push_back("output is not valid UTF-8");
  }
  detail::FragmentTree tree(output, Limits{});
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{&tree.root(), 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto& child = *static_cast<const GumboNode*>(children.data[i]);
      if (child.type == GUMBO_NODE_COMMENT) {
        // Comments survive only when inert: well-formed XML, no conditional comment.
        const std::string_view data = child.v.text.text;
        if (data.find("--") != std::string_view::npos || (!data.empty() && data.back() == '-') ||
            data.find("[if") != std::string_view::npos ||
            data.find("[endif") != std::string_view::npos) {
          found.push_back("comment <!--" + std::string(data) + "-->");
        }
      }
      if (child.type != GUMBO_NODE_ELEMENT && child.type != GUMBO_NODE_TEMPLATE) {
        continue;
      }
      const GumboElement& element = child.v.element;
      const Vocabulary vocabulary = vocabulary_of(element);
      const std::string name = detail::element_name(element);
      if (detail::element_action(vocabulary, name) != detail::ElementAction::keep) {
        found.push_back("element <" + name + ">");
      }
      if (depth + 1 > Limits{}.max_depth) {
        found.push_back("element <" + name + "> nested too deep");
      }
      for (unsigned a = 0; a < element.attributes.length; ++a) {
        const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[a]);
        const std::string qualified = attribute_name(attribute);
        const std::string_view value = attribute.value;
        const bool declaration = qualified == "xmlns" || qualified == "xmlns:xlink";
        if (qualified == "style") {
          auto context = vocabulary == Vocabulary::svg ? detail::StyleContext::svg
                                                       : detail::StyleContext::html;
          if (detail::sanitise_style(value, context) != value) {
            found.push_back("style=\"" + std::string(value) + "\"");
          }
        } else if (!declaration && !detail::is_allowed_attribute(vocabulary, qualified)) {
          found.push_back(name + " " + qualified + "=");
        } else if (detail::attribute_value_kind(qualified) == detail::AttributeValue::url &&
                   !value.empty() && !util::url_scheme(value).empty()) {
          std::string scheme = util::url_scheme(value);
          if (scheme != "http" && scheme != "https" && scheme != "ftp" && scheme != "mailto" &&
              !(scheme == "data" && name == "img")) {
            found.push_back(name + " " + qualified + "=\"" + std::string(value) + "\"");
          }
        }
      }
      stack.emplace_back(&child, depth + 1);
    }
  }
  return found;
}

void expect_safe(const std::string& input, const std::string& label) {
  const std::string once = sanitise_html(input, k_base);
  for (const std::string& problem : violations(once)) {
    ADD_FAILURE() << label << ": " << problem << "\n  input:  " << input << "\n  output: " << once;
  }
  EXPECT_EQ(sanitise_html(once, k_base), once) << label << " is not idempotent; input: " << input;
}

// Tag soup from pieces that have broken sanitisers before: raw-text and foreign elements,
// integration points, table parts, quotes, comments, entities and URL schemes.
std::string tag_soup(std::mt19937& random) {
  static const std::vector<std::string> pieces{"<script>",
                                               "</script>",
                                               "<style>",
                                               "</style>",
                                               "<svg>",
                                               "</svg>",
                                               "<math>",
                                               "</math>",
                                               "<mtext>",
                                               "<mglyph>",
                                               "<mi>",
                                               "<foreignObject>",
                                               "<desc>",
                                               "<title>",
                                               "</title>",
                                               "<textarea>",
                                               "</textarea>",
                                               "<noscript>",
                                               "</noscript>",
                                               "<iframe>",
                                               "</iframe>",
                                               "<xmp>",
                                               "<plaintext>",
                                               "<select>",
                                               "<option>",
                                               "<table>",
                                               "<tr>",
                                               "<td>",
                                               "</table>",
                                               "<template>",
                                               "</template>",
                                               "<form>",
                                               "</form>",
                                               "<p>",
                                               "</p>",
                                               "<b>",
                                               "</b>",
                                               "<a ",
                                               "<img ",
                                               "<div ",
                                               "<svg:a ",
                                               "<animate ",
                                               "<set ",
                                               "href=",
                                               "src=",
                                               "xlink:href=",
                                               "style=",
                                               "onload=",
                                               "onerror=",
                                               "attributeName=href ",
                                               "to=",
                                               "values=",
                                               "\"",
                                               "'",
                                               "javascript:alert(1)",
                                               "java&#x09;script:x",
                                               "&#106;avascript:y",
                                               "data:text/html,x",
                                               "http://ok.example/",
                                               "background:url(javascript:x)",
                                               "color:red",
                                               "expression(x)",
                                               ">",
                                               "/>",
                                               "<",
                                               "</",
                                               "<!--",
                                               "-->",
                                               "--!>",
                                               "<![CDATA[",
                                               "]]>",
                                               "<!DOCTYPE html>",
                                               "&amp;",
                                               "&lt;",
                                               "&",
                                               " ",
                                               "\n",
                                               "text",
                                               "\xC3\xA9",
                                               "\xFF",
                                               "<br>",
                                               "</br>",
                                               "<col>",
                                               "<li>",
                                               "<pre>",
                                               "\n\n",
                                               "<listing>",
                                               "<object>",
                                               "<embed ",
                                               "<base href=javascript:x//>"};
  std::uniform_int_distribution<std::size_t> length(1, 40);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string soup;
  for (std::size_t n = length(random); n > 0; --n) {
    soup += pieces[pick(random)];
  }
  return soup;
}

TEST(SanitiseProperty, ConformanceCaseOutputsHoldOnlyAllowedMarkup) {
  for (const test::Case& c : test::read_cases("sanitise/feedparser.cases")) {
    expect_safe(c.input, c.name);
  }
}

TEST(SanitiseProperty, GoldenOutputsHoldOnlyAllowedMarkup) {
  for (const char* name : {"blog_post", "svg_and_math", "tables", "hostile"}) {
    std::string path = std::string("sanitise/golden/") + name + ".html";
    expect_safe(orrery::test::slurp(orrery::test::data_path(path)), name);
  }
}

TEST(SanitiseProperty, HostileTagSoupOutputsHoldOnlyAllowedMarkup) {
  std::mt19937 random(20240501);  // fixed seed: failures are reproducible
  for (int i = 0; i < 3000; ++i) {
    expect_safe(tag_soup(random), "soup #" + std::to_string(i));
    if (::testing::Test::HasFailure()) {
      break;  // one reproducible failure is enough to read
    }
  }
}

}  // namespace
}  // namespace orrery::sanitise
