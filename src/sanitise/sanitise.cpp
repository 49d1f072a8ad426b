#include "sanitise/sanitise.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "sanitise/css.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/nesting_guard.h"
#include "sanitise/plain_text.h"
#include "sanitise/policy.h"
#include "sanitise/refs_as_written.h"
#include "sanitise/reparse_check.h"
#include "sanitise/script_rule.h"
#include "sanitise/tokenizer.h"
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

// feedparser writes attributes sorted by lower-cased name (namespace declarations included).
// `bounds` are the offsets in `out` where each written ` name="value"` begins, then its end.
// Sorted in place through views of `out`: most tags have one attribute or none.
void sort_attributes(std::string& out, const std::vector<std::size_t>& bounds) {
  struct Written {
    std::size_t begin;
    std::size_t end;
    std::string_view name;  // in `out`, as written (case folded when compared)
  };
  std::vector<Written> written;
  for (std::size_t i = 1; i < bounds.size(); ++i) {
    if (bounds[i] == bounds[i - 1]) {
      continue;  // nothing written
    }
    const std::string_view text(out.data() + bounds[i - 1], bounds[i] - bounds[i - 1]);
    written.push_back({bounds[i - 1], bounds[i], text.substr(1, text.find('=') - 1)});
  }
  if (written.size() < 2) {
    return;
  }
  const auto before = [](const Written& a, const Written& b) {
    return std::lexicographical_compare(
        a.name.begin(), a.name.end(), b.name.begin(), b.name.end(), [](char x, char y) {
          // as std::string compares to_lower's keys: bytes unsigned, ASCII letters folded
          const auto fold = [](char c) {
            return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
          };
          return fold(x) < fold(y);
        });
  };
  if (std::is_sorted(written.begin(), written.end(), before)) {
    return;
  }
  std::stable_sort(written.begin(), written.end(), before);
  std::string sorted;
  sorted.reserve(out.size() - bounds.front());
  for (const Written& attribute : written) {
    sorted.append(out, attribute.begin, attribute.end - attribute.begin);
  }
  out.resize(bounds.front());
  out += sorted;
}

// An attribute's source text without its quotes.
std::string_view unquoted(GumboStringPiece piece) {
  std::string_view value(piece.data, piece.length);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
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
// Whether an element of `vocabulary` written where the output is in `context` is read back in
// the same namespace. Gumbo sometimes leaves an HTML element inside SVG/MathML (an end tag
// </p> in <math>), or dropping an ancestor moves an element elsewhere; a browser parsing our
// output would then re-home it (namespace confusion is how mutation XSS works), so such
// elements are unwrapped instead.
bool fits_context(Vocabulary vocabulary, std::string_view name, Vocabulary context) {
  if (vocabulary == context) {
    return true;
  }
  return context == Vocabulary::html && ((vocabulary == Vocabulary::svg && name == "svg") ||
                                         (vocabulary == Vocabulary::mathml && name == "math"));
}

// The vocabulary of the children of a written element: HTML inside HTML and inside the
// integration points (SVG foreignObject/desc/title, MathML token elements), else the element's
// own.
Vocabulary children_context(Vocabulary vocabulary, std::string_view name) {
  if (vocabulary == Vocabulary::svg &&
      (name == "foreignObject" || name == "desc" || name == "title")) {
    return Vocabulary::html;
  }
  if (vocabulary == Vocabulary::mathml &&
      (name == "mi" || name == "mo" || name == "mn" || name == "ms" || name == "mtext")) {
    return Vocabulary::html;
  }
  return vocabulary;
}

// Without a reference in the source, refs_as_written's result is the plain serialisation
// (literal characters come out as it writes them), so the walk skips it: most text and
// attribute values hold none.
bool has_reference(std::string_view original) {
  return original.find('&') != std::string_view::npos;
}

// A comment is written back (feedparser keeps comments) only when it is inert everywhere the
// output goes: closed by "-->" in the source, and written back it reads as the same comment to
// an HTML parser and is well-formed XML (no "--" inside, no '-' at the end). Internet
// Explorer's conditional comments, which carry markup, are dropped.
bool is_inert_comment(const GumboText& comment) {
  const std::string_view data = comment.text;
  const std::string_view source(comment.original_text.data, comment.original_text.length);
  return source.size() == data.size() + 7 && source.substr(0, 4) == "<!--" &&
         source.substr(4, data.size()) == data && source.substr(source.size() - 3) == "-->" &&
         data.find("--") == std::string_view::npos && (data.empty() || data.back() != '-') &&
         data.find("[if") == std::string_view::npos &&
         data.find("[endif") == std::string_view::npos;
}

// policy.h's answers for every HTML tag gumbo knows, looked up once (the name lookups hash).
struct HtmlTagPolicy {
  ElementAction action = ElementAction::unwrap;
  bool is_void = false;
};

const std::array<HtmlTagPolicy, GUMBO_TAG_LAST>& html_tag_policy() {
  static const auto table = [] {
    std::array<HtmlTagPolicy, GUMBO_TAG_LAST> policies{};
    for (int tag = 0; tag < GUMBO_TAG_LAST; ++tag) {
      if (tag == GUMBO_TAG_UNKNOWN) {
        continue;
      }
      const std::string_view name = gumbo_normalized_tagname(static_cast<GumboTag>(tag));
      policies[static_cast<std::size_t>(tag)] = {detail::element_action(Vocabulary::html, name),
                                                 detail::is_void_element(name)};
    }
    return policies;
  }();
  return table;
}

class Walker {
 public:
  Walker(std::string_view base, const Limits& limits) : m_base(base), m_limits(limits) {}

  std::string run(const GumboNode& root) {
    std::vector<Frame> stack;
    stack.push_back(Frame{&root, 0, {}, Vocabulary::html});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next < frame.node->v.element.children.length) {
        const GumboNode& node = child(*frame.node, frame.next++);
        if (std::optional<Frame> open = visit(node, frame.context)) {
          stack.push_back(std::move(*open));
        }
        continue;
      }
      if (!frame.end_tag.empty()) {
        m_out += frame.end_tag;
        m_check.end_tag();
        --m_depth;
      }
      stack.pop_back();
    }
    return std::move(m_out);
  }

  // True when a parser reading the output of run() builds the tree that was written, with
  // attribute values that this walk would write unchanged (reparse_check.h).
  bool proven() const { return m_check.proven(); }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;
    std::string end_tag;  // "" when the element's tags are not written
    Vocabulary context;   // how a parser reading our output treats the children's tags
  };

  // Writes what `node` contributes before its children; returns the frame to descend into.
  // `context` is the vocabulary the output is in at this point.
  std::optional<Frame> visit(const GumboNode& node, Vocabulary context) {
    if (node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE ||
        node.type == GUMBO_NODE_CDATA) {
      std::string_view text = node.v.text.text;
      if (node.type == GUMBO_NODE_CDATA) {
        m_check.fail();  // foreign content only
      }
      m_check.text(text);
      keep_leading_newline(text);
      append_text(text, node.type == GUMBO_NODE_CDATA ? GumboStringPiece{nullptr, 0}
                                                      : node.v.text.original_text);
      return std::nullopt;
    }
    if (node.type == GUMBO_NODE_COMMENT) {
      if (is_inert_comment(node.v.text)) {
        m_out.append("<!--").append(node.v.text.text).append("-->");
      }
      return std::nullopt;
    }
    if (!is_element(node)) {
      return std::nullopt;
    }
    // Gumbo expands <isindex> into form, hr, label (with the prompt) and input; feedparser
    // drops the element, so every node of the expansion goes, with its children.
    if ((node.parse_flags & GUMBO_INSERTION_FROM_ISINDEX) != 0) {
      return std::nullopt;
    }
    const GumboElement& element = node.v.element;
    const Vocabulary vocabulary = vocabulary_of(element);
    const std::string name = detail::element_name(element);
    const bool known_html = vocabulary == Vocabulary::html && element.tag != GUMBO_TAG_UNKNOWN;
    const HtmlTagPolicy* policy = known_html ? &html_tag_policy()[element.tag] : nullptr;
    switch (policy != nullptr ? policy->action : detail::element_action(vocabulary, name)) {
      case ElementAction::drop:
        return std::nullopt;
      case ElementAction::unwrap:
        return Frame{&node, 0, {}, context};
      case ElementAction::keep:
        break;
    }
    if (m_depth >= m_limits.max_depth || !fits_context(vocabulary, name, context)) {
      return Frame{&node, 0, {}, context};  // flattened, or would change namespace on reparse
    }
    const bool is_void = policy != nullptr
                             ? policy->is_void
                             : vocabulary == Vocabulary::html && detail::is_void_element(name);
    m_check.start_tag(vocabulary, element.tag, is_void);
    write_start_tag(element, name, vocabulary);
    if (is_void) {
      m_out += " />";
      return std::nullopt;  // void: gumbo gives it no children
    }
    m_out += '>';
    if (vocabulary == Vocabulary::html &&
        (name == "pre" || name == "textarea" || name == "listing")) {
      m_newline_dropped_at = m_out.size();
    }
    ++m_depth;
    return Frame{&node, 0, "</" + name + ">", children_context(vocabulary, name)};
  }

  void write_start_tag(const GumboElement& element, const std::string& name,
                       Vocabulary vocabulary) {
    m_out += '<';
    m_out += name;
    std::vector<std::size_t>& bounds = m_bounds;
    bounds.assign(1, m_out.size());
    if (name == "svg" && vocabulary == Vocabulary::svg) {
      m_out.append(" xmlns=\"").append(k_svg_namespace).append("\"");
    } else if (name == "math" && vocabulary == Vocabulary::mathml) {
      m_out.append(" xmlns=\"").append(k_mathml_namespace).append("\"");
    }
    bounds.push_back(m_out.size());
    const bool link_values = animates_link(element, name);
    bool uses_xlink = false;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[i]);
      // An SVG element that declares the XLink namespace keeps the declaration, as feedparser
      // keeps xmlns:xlink (inline SVG written for XML readers declares it on <svg>).
      if (vocabulary == Vocabulary::svg && attribute.attr_namespace == GUMBO_ATTR_NAMESPACE_XMLNS &&
          std::string_view(attribute.name) == "xlink" &&
          std::string_view(attribute.value) == k_xlink_namespace) {
        uses_xlink = true;
        m_check.fail();
        continue;
      }
      write_attribute(attribute, name, vocabulary, link_values, uses_xlink);
      bounds.push_back(m_out.size());
    }
    if (uses_xlink) {
      m_out.append(" xmlns:xlink=\"").append(k_xlink_namespace).append("\"");
      bounds.push_back(m_out.size());
    }
    sort_attributes(m_out, bounds);
  }

  void write_attribute(const GumboAttribute& attribute, const std::string& element_name,
                       Vocabulary vocabulary, bool link_values, bool& uses_xlink) {
    const std::string name = qualified_name(attribute);
    // An attribute written without a value (`<details open>`) has the value of its name as the
    // source wrote it, as feedparser's sgmllib reads it (`open="open"`). Gumbo and the fast
    // tree both record its original value as the name's own source range.
    const bool without_value = attribute.original_value.length != 0 &&
                               attribute.original_value.data == attribute.original_name.data &&
                               attribute.original_value.length == attribute.original_name.length;
    const std::string_view value = without_value ? std::string_view(attribute.original_name.data,
                                                                    attribute.original_name.length)
                                                 : std::string_view(attribute.value);
    const std::optional<std::string> clean =
        clean_value(element_name, name, value, vocabulary, link_values);
    if (!clean) {
      return;
    }
    // A value the walk changed must come out of a second walk unchanged for the reparse proof
    // (a value it left alone trivially does).
    if (m_check.proven() && *clean != value &&
        clean_value(element_name, name, *clean, vocabulary, link_values) != clean) {
      m_check.fail();
    }
    if (util::istarts_with(name, "xlink:")) {
      uses_xlink = true;
      m_check.fail();
    }
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    std::optional<std::string> kept;
    if (*clean == value && has_reference(unquoted(attribute.original_value))) {
      kept = detail::refs_as_written(value, unquoted(attribute.original_value),
                                     detail::RefContext::attribute);
    }
    if (kept) {
      m_out += *kept;
    } else {
      util::append_escaped_html(m_out, *clean);
    }
    m_out += '"';
  }

  // The value to write for attribute `name` of `element_name`, or nullopt to drop it.
  std::optional<std::string> clean_value(const std::string& element_name, const std::string& name,
                                         std::string_view value, Vocabulary vocabulary,
                                         bool link_values) const {
    if (name == "style") {
      // feedparser's svg_attributes and mathml_attributes hold no style: SVG and MathML
      // elements style themselves through their presentation attributes (fill, mathcolor …).
      if (vocabulary != Vocabulary::html) {
        return std::nullopt;
      }
      std::string clean = detail::sanitise_style(value, detail::StyleContext::html);
      return clean.empty() ? std::nullopt : std::optional<std::string>(std::move(clean));
    }
    if (name.empty() || !detail::is_allowed_attribute(vocabulary, name)) {
      return std::nullopt;
    }
    if (name == "attributeName" && util::istarts_with(util::trim(value), "on")) {
      return std::nullopt;  // animating an event handler attribute
    }
    if (link_values && (name == "to" || name == "from" || name == "by")) {
      return detail::safe_url(value, m_base, detail::UrlContext::link);
    }
    if (link_values && name == "values") {
      return safe_url_list(value, ';', m_base, detail::UrlContext::link);
    }
    if (vocabulary != Vocabulary::html &&
        detail::attribute_value_kind(name) == AttributeValue::url &&
        util::trim(value).starts_with('#')) {
      // A same-document reference in SVG or MathML (<use>, <mpath>, a gradient's template)
      // names an element of this fragment: resolved against the feed's page it would point
      // elsewhere and draw nothing. feedparser leaves xlink:href as written.
      return std::string(util::trim(value));
    }
    return checked_value(element_name, name, value);
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

  // A parser drops one newline right after <pre>, <textarea> and <listing>: when the output
  // there starts with one, write another so that it survives.
  // Text as feedparser writes it: character references kept as the source wrote them.
  void append_text(std::string_view text, GumboStringPiece original) {
    std::optional<std::string> kept;
    if (has_reference(std::string_view(original.data, original.length))) {
      kept = detail::refs_as_written(text, std::string_view(original.data, original.length),
                                     detail::RefContext::text);
    }
    if (kept) {
      m_out += *kept;
    } else {
      detail::append_escaped_text(m_out, text);
    }
  }

  void keep_leading_newline(std::string_view next) {
    if (m_out.size() == m_newline_dropped_at && !next.empty() && next[0] == '\n') {
      m_out += '\n';
    }
  }

  std::string_view m_base;
  const Limits& m_limits;
  std::vector<std::size_t> m_bounds;  // write_start_tag's, reused
  std::size_t m_depth = 0;
  std::string m_out;
  // Where the text right after a <pre>, <textarea> or <listing> start tag would begin.
  std::size_t m_newline_dropped_at = std::string::npos;
  detail::ReparseCheck m_check;
};

}  // namespace

namespace {

struct Pass {
  std::string out;
  bool proven;  // the walker's reparse proof held (reparse_check.h)
};

Pass sanitise_once(std::string_view html, std::string_view base_url, const Limits& limits) {
  std::optional<std::string> ruled;
  detail::SourceScan scan;
  const std::string_view input = detail::script_ruled(html, ruled, scan);
  detail::Fragment tree(input, limits, scan);
  Walker walker(base_url, limits);
  std::string out = walker.run(tree.root());
  return Pass{std::string(util::trim(out)), walker.proven()};
}

// True when sanitising pass.out again under `again` provably returns it unchanged, without
// doing it: gumbo would be given pass.out itself (bounded_input leaves it alone), its input
// stream would not change it (no CR, control character or noncharacter), it would build the
// tree that was written (the walker's proof), and walking that tree writes every element,
// attribute and text as it is. Trimming only shortens text at the ends.
bool is_proven_fixed_point(const Pass& pass, const Limits& again) {
  constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";
  if (!pass.proven || !detail::is_settled_text(pass.out) ||
      pass.out.find("<![CDATA[") != std::string::npos ||
      pass.out.compare(0, k_byte_order_mark.size(), k_byte_order_mark) == 0) {
    return false;
  }
  // Clean, bounded (again.max_input_bytes >= its size) and without CDATA markers, pass.out is
  // what bounded_input would give if the nesting guard leaves it alone. It does: the walker
  // nests at most max_depth elements, closes each with its own end tag, and writes none whose
  // tags the guard removes, so in output the proof covers (no implied end tags) the guard's
  // estimate is the written depth, below max_parse_depth.
  if (again.max_depth < again.max_parse_depth) {
    return true;
  }
  return detail::is_within_nesting_limit(pass.out, again.max_parse_depth) ||
         detail::limit_nesting(pass.out, again.max_parse_depth) == pass.out;
}

}  // namespace

// The walk approves gumbo's tree, but what a page shows is the tree a browser builds from our
// output, and dropping or unwrapping elements can make the two differ (an <option> left inside
// another, an HTML element left inside <math>): that gap is where mutation XSS lives. So the
// output is sanitised again until nothing changes. A fixed point is its own proof: parsing it
// gives a tree whose every element and attribute the walk wrote back unchanged. Real content
// converges on the second pass; input that does not within max_passes becomes escaped text.
// The second pass, as costly as the first, is skipped when the walk proved its output a fixed
// point (is_proven_fixed_point): most feed HTML is paragraphs, lists, links and images.
namespace {

bool contains_iframe_tag(std::string_view html) {
  for (std::size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    if (util::iequals(html.substr(lt + 1, 6), "iframe")) {
      return true;
    }
  }
  return false;
}

// The value of attribute `wanted` (lower case) in the tag read into `tag`, as written
// (references kept, quotes removed), or nullopt.
std::optional<std::string_view> attribute_as_written(std::string_view html, const detail::Tag& tag,
                                                     std::string_view wanted) {
  for (std::size_t k = 0; k < tag.count; ++k) {
    const detail::Attribute& attribute = tag.attributes[k];
    if (attribute.name != wanted) {
      continue;
    }
    if (attribute.value_from == attribute.name_from) {
      return std::string_view();  // no value
    }
    std::string_view value =
        html.substr(attribute.value_from, attribute.value_to - attribute.value_from);
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

// Limits::embeds_as_links: a link to each iframe's src, written before the iframe. The value
// keeps its character references (they mean the same in the attribute and the text); '<', '>'
// and '"' are escaped so the link cannot end early.
std::string links_for_embeds(std::string_view html) {
  std::string out;
  detail::Tag tag;
  std::size_t from = 0;
  for (std::size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    if (!util::iequals(html.substr(lt + 1, 6), "iframe") || lt + 7 >= html.size() ||
        !(detail::is_tag_space(html[lt + 7]) || html[lt + 7] == '>' || html[lt + 7] == '/')) {
      continue;
    }
    detail::read_tag(html, lt, tag, detail::TagRead::raw);
    if (tag.end == std::string_view::npos) {
      break;
    }
    std::optional<std::string_view> src = attribute_as_written(html, tag, "src");
    std::string url(src ? util::trim(*src) : std::string_view());
    if (url.empty()) {
      continue;
    }
    util::replace_all(url, "<", "&lt;");
    util::replace_all(url, ">", "&gt;");
    util::replace_all(url, "\"", "&quot;");
    out.append(html, from, lt - from);
    out += "<a href=\"" + url + "\">" + url + "</a> ";
    from = lt;
  }
  out.append(html, from, std::string_view::npos);
  return out;
}

}  // namespace

std::string sanitise_html(std::string_view html, std::string_view base_url, const Limits& limits) {
  if (limits.embeds_as_links && contains_iframe_tag(html)) {
    Limits rest = limits;
    rest.embeds_as_links = false;
    return sanitise_html(links_for_embeds(html), base_url, rest);
  }
  if (detail::is_plain_text(html)) {  // what gumbo and the walk would give, without them
    std::string out;
    detail::append_escaped_text(out, detail::plain_text_content(html, limits));
    return std::string(util::trim(out));
  }
  Pass pass = sanitise_once(html, base_url, limits);
  Limits again = limits;
  for (std::size_t n = 1; n < limits.max_passes; ++n) {
    again.max_input_bytes = std::max(limits.max_input_bytes, pass.out.size());  // escaping grows
    if (is_proven_fixed_point(pass, again)) {
      return std::move(pass.out);
    }
    Pass next = sanitise_once(pass.out, base_url, again);
    if (next.out == pass.out) {
      return std::move(pass.out);
    }
    pass = std::move(next);
  }
  // Escaped as the plain-text path escapes (quotes stay), so that this too is a fixed point.
  std::string out;
  detail::append_escaped_text(out, html_to_text(pass.out, again));
  return std::string(util::trim(out));
}

std::string sanitise_html(std::string_view html, std::string_view base_url) {
  return sanitise_html(html, base_url, Limits{});
}

std::string safe_link(std::string_view url, std::string_view base_url) {
  return detail::safe_url(url, base_url, detail::UrlContext::link);
}

}  // namespace orrery::sanitise
