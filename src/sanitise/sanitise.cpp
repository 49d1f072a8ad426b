#include "sanitise/sanitise.h"

#include <optional>
#include <vector>

#include "sanitise/css.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/policy.h"
#include "util/strings.h"

namespace orrery::sanitise {

namespace {

using detail::AttributeValue;
using detail::ElementAction;
using detail::Vocabulary;

constexpr std::string_view k_svg_namespace = "http://www.w3.org/2000/svg";
constexpr std::string_view k_mathml_namespace = "http://www.w3.org/1998/Math/MathML";
constexpr std::string_view k_xlink_namespace = "http://www.w3.org/1999/xlink";

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

bool is_element(const GumboNode& node) {
  return node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE;
}

const GumboNode& child(const GumboNode& node, unsigned index) {
  return *static_cast<const GumboNode*>(node.v.element.children.data[index]);
}

void append_escaped_text(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
}

// The qualified attribute name as written ("xlink:href"); "" for namespace declarations,
// which the serialiser writes itself.
std::string qualified_name(const GumboAttribute& attribute) {
  switch (attribute.attr_namespace) {
    case GUMBO_ATTR_NAMESPACE_XLINK:
      return std::string("xlink:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_XML:
      return std::string("xml:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_XMLNS:
      return {};
    case GUMBO_ATTR_NAMESPACE_NONE:
      break;
  }
  return util::istarts_with(attribute.name, "xmlns") ? std::string() : attribute.name;
}

bool is_svg_animation(std::string_view name) {
  return name == "animate" || name == "set" || name == "animateColor" || name == "animateMotion" ||
         name == "animateTransform";
}

const GumboAttribute* find_attribute(const GumboElement& element, std::string_view name) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (name == attribute->name) {
      return attribute;
    }
  }
  return nullptr;
}

// SVG animation can assign to href (<animate attributeName="href" values="javascript:…">): on
// such an element, to/from/by/values are URLs.
bool animates_link(const GumboElement& element, std::string_view name) {
  if (!is_svg_animation(name)) {
    return false;
  }
  const GumboAttribute* target = find_attribute(element, "attributeName");
  if (target == nullptr) {
    return false;
  }
  std::string lowered = util::to_lower(util::trim(target->value));
  return lowered == "href" || lowered == "xlink:href";
}

std::string safe_url_list(std::string_view value, char separator, std::string_view base,
                          detail::UrlContext context) {
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(separator, start);
    std::string_view item = value.substr(start, end == std::string_view::npos ? end : end - start);
    start = end == std::string_view::npos ? value.size() + 1 : end + 1;
    std::vector<std::string> parts = util::split_whitespace(item);
    if (parts.empty()) {
      continue;
    }
    std::string url = detail::safe_url(parts[0], base, context);
    if (url.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += separator == ',' ? ", " : std::string(1, separator);
    }
    out += url;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      out += ' ';
      out += parts[i];  // srcset descriptors ("2x", "640w")
    }
  }
  return out;
}

// One sanitising pass over a parsed fragment: an explicit stack instead of recursion, so any
// depth gumbo builds is walked in constant C stack.
// <pre>, <textarea> and <listing> lose a newline right after their start tag when parsed.
bool starts_with_newline(const GumboElement& element, std::string_view name) {
  if (name != "pre" && name != "textarea" && name != "listing") {
    return false;
  }
  if (element.children.length == 0) {
    return false;
  }
  const auto& first = *static_cast<const GumboNode*>(element.children.data[0]);
  return (first.type == GUMBO_NODE_TEXT || first.type == GUMBO_NODE_WHITESPACE) &&
         first.v.text.text[0] == '\n';
}

class Walker {
 public:
  Walker(std::string_view base, const Limits& limits, std::size_t depth, int fallback_budget)
      : m_base(base), m_limits(limits), m_depth(depth), m_fallback_budget(fallback_budget) {}

  std::string run(const GumboNode& root) {
    std::vector<Frame> stack;
    stack.push_back(Frame{&root, 0, {}});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next < frame.node->v.element.children.length) {
        const GumboNode& node = child(*frame.node, frame.next++);
        if (std::optional<Frame> open = visit(node)) {
          stack.push_back(std::move(*open));
        }
        continue;
      }
      if (!frame.end_tag.empty()) {
        m_out += frame.end_tag;
        --m_depth;
      }
      stack.pop_back();
    }
    return std::move(m_out);
  }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;
    std::string end_tag;  // "" when the element's tags are not written
  };

  // Writes what `node` contributes before its children; returns the frame to descend into.
  std::optional<Frame> visit(const GumboNode& node) {
    if (node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE ||
        node.type == GUMBO_NODE_CDATA) {
      append_escaped_text(m_out, node.v.text.text);
      return std::nullopt;
    }
    if (!is_element(node)) {
      return std::nullopt;  // comments
    }
    const GumboElement& element = node.v.element;
    const Vocabulary vocabulary = vocabulary_of(element);
    const std::string name = detail::element_name(element);
    switch (detail::element_action(vocabulary, name)) {
      case ElementAction::drop:
        return std::nullopt;
      case ElementAction::reparse_text:
        write_fallback(node);
        return std::nullopt;
      case ElementAction::unwrap:
        return Frame{&node, 0, {}};
      case ElementAction::keep:
        break;
    }
    if (m_depth >= m_limits.max_depth) {
      return Frame{&node, 0, {}};  // flattened
    }
    write_start_tag(element, name, vocabulary);
    if (vocabulary == Vocabulary::html && detail::is_void_element(name)) {
      m_out += " />";
      return std::nullopt;  // void: gumbo gives it no children
    }
    if (vocabulary != Vocabulary::html && element.children.length == 0) {
      m_out += " />";
      return std::nullopt;
    }
    m_out += '>';
    if (vocabulary == Vocabulary::html && starts_with_newline(element, name)) {
      m_out += '\n';  // the parser drops one newline after <pre>: keep the one gumbo kept
    }
    ++m_depth;
    return Frame{&node, 0, "</" + name + ">"};
  }

  void write_start_tag(const GumboElement& element, const std::string& name,
                       Vocabulary vocabulary) {
    m_out += '<';
    m_out += name;
    if (name == "svg" && vocabulary == Vocabulary::svg) {
      m_out.append(" xmlns=\"").append(k_svg_namespace).append("\"");
    } else if (name == "math" && vocabulary == Vocabulary::mathml) {
      m_out.append(" xmlns=\"").append(k_mathml_namespace).append("\"");
    }
    const bool link_values = animates_link(element, name);
    bool uses_xlink = false;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[i]);
      write_attribute(attribute, name, vocabulary, link_values, uses_xlink);
    }
    if (uses_xlink) {
      m_out.append(" xmlns:xlink=\"").append(k_xlink_namespace).append("\"");
    }
  }

  void write_attribute(const GumboAttribute& attribute, const std::string& element_name,
                       Vocabulary vocabulary, bool link_values, bool& uses_xlink) {
    const std::string name = qualified_name(attribute);
    std::string_view value = attribute.value;
    std::string clean;
    if (name == "style") {
      clean =
          detail::sanitise_style(value, vocabulary == Vocabulary::svg ? detail::StyleContext::svg
                                                                      : detail::StyleContext::html);
      if (clean.empty()) {
        return;
      }
    } else if (name.empty() || !detail::is_allowed_attribute(vocabulary, name)) {
      return;
    } else if (name == "attributeName" && util::istarts_with(util::trim(value), "on")) {
      return;  // animating an event handler attribute
    } else if (link_values && (name == "to" || name == "from" || name == "by")) {
      clean = detail::safe_url(value, m_base, detail::UrlContext::link);
    } else if (link_values && name == "values") {
      clean = safe_url_list(value, ';', m_base, detail::UrlContext::link);
    } else {
      clean = checked_value(element_name, name, value);
    }
    if (util::istarts_with(name, "xlink:")) {
      uses_xlink = true;
    }
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    util::append_escaped_html(m_out, clean);
    m_out += '"';
  }

  std::string checked_value(const std::string& element_name, const std::string& name,
                            std::string_view value) const {
    const auto context =
        (name == "src" || name == "srcset") && (element_name == "img" || element_name == "source")
            ? detail::UrlContext::image_source
            : detail::UrlContext::link;
    switch (detail::attribute_value_kind(name)) {
      case AttributeValue::url:
        return detail::safe_url(value, m_base, context);
      case AttributeValue::url_list:
        return safe_url_list(value, ' ', m_base, context);
      case AttributeValue::srcset:
        return safe_url_list(value, ',', m_base, context);
      case AttributeValue::plain:
        break;
    }
    return std::string(value);
  }

  // <iframe>, <noembed>, <noframes>: gumbo keeps their content as one raw text, which is what
  // a browser without the feature would render as HTML (feedparser shows it too).
  void write_fallback(const GumboNode& node) {
    if (m_fallback_budget <= 0) {
      return;
    }
    std::string text;
    for (unsigned i = 0; i < node.v.element.children.length; ++i) {
      const GumboNode& piece = child(node, i);
      if (!is_element(piece) && piece.type != GUMBO_NODE_COMMENT) {
        text += piece.v.text.text;
      }
    }
    detail::FragmentTree tree(text, m_limits);
    m_out += Walker(m_base, m_limits, m_depth, m_fallback_budget - 1).run(tree.root());
  }

  std::string_view m_base;
  const Limits& m_limits;
  std::size_t m_depth;
  int m_fallback_budget;
  std::string m_out;
};

}  // namespace

std::string sanitise_html(std::string_view html, std::string_view base_url, const Limits& limits) {
  detail::FragmentTree tree(html, limits);
  std::string out = Walker(base_url, limits, 0, limits.max_fallback_nesting).run(tree.root());
  return std::string(util::trim(out));
}

std::string sanitise_html(std::string_view html, std::string_view base_url) {
  return sanitise_html(html, base_url, Limits{});
}

}  // namespace orrery::sanitise
