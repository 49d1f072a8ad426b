#include "sanitise/gumbo_tree.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#include "sanitise/nesting_guard.h"
#include "util/strings.h"
#include "util/utf8_scan.h"

namespace orrery::sanitise::detail {

namespace {

// Our own allocator pair, so that the deleter knows which functions own the children arrays it
// rewrites (gumbo calls options->allocator/deallocator for every block of a parse).
void* allocate(void* /*userdata*/, std::size_t size) { return std::malloc(size); }
void deallocate(void* /*userdata*/, void* pointer) { std::free(pointer); }

GumboOptions make_options() {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &allocate;
  options.deallocator = &deallocate;
  options.userdata = nullptr;
  options.max_errors = 0;  // sanitise never reads gumbo's error list
  options.fragment_context = GUMBO_TAG_DIV;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  return options;
}

bool has_children(const GumboNode& node) {
  return node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE;
}

// Trees deeper than this are flattened before gumbo frees them. Far below what overflows a
// thread stack (measured: 10^6 nested <g> crash gumbo_destroy_output with 8 MiB), far above
// what the nesting guard lets real content reach.
constexpr std::size_t k_flatten_depth = 4096;

std::size_t tree_depth(const GumboNode& root) {
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{&root, 1}};
  std::size_t deepest = 0;
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (has_children(*node)) {
      const GumboVector& children = node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
      }
    }
  }
  return deepest;
}

// Makes every node below `root` a direct child of it, so gumbo's recursive free goes two levels
// deep. Each element keeps its (now empty) children array, which gumbo still frees.
void flatten(GumboNode& root) {
  std::vector<void*> all;
  std::vector<GumboNode*> stack{&root};
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    if (!has_children(*node)) {
      continue;
    }
    GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      all.push_back(children.data[i]);
      stack.push_back(static_cast<GumboNode*>(children.data[i]));
    }
    children.length = 0;
  }
  void* data = std::malloc(all.size() * sizeof(void*));
  if (data == nullptr) {
    return;  // cannot happen in practice; leaving the tree as it is still frees correctly
  }
  std::copy(all.begin(), all.end(), static_cast<void**>(data));
  GumboVector& top = root.v.element.children;
  std::free(top.data);
  top.data = static_cast<void**>(data);
  top.length = static_cast<unsigned>(all.size());
  top.capacity = top.length;
}

// A "<!" that opens neither a comment, a doctype nor a marked section ("<![…"). HTML5 reads it
// as a bogus comment, hiding everything up to the next '>'; feedparser makes it text, and so
// does orrery: the author wrote the characters, and a reader should see them.
bool is_bare_declaration_open(std::string_view html, std::size_t at) {
  const std::string_view rest = html.substr(at + 2);
  return !(rest.substr(0, 2) == "--" || rest.substr(0, 1) == "[" ||
           util::iequals(rest.substr(0, 7), "doctype"));
}

bool has_bare_declaration_open(std::string_view html) {
  for (std::size_t at = html.find("<!"); at != std::string_view::npos;
       at = html.find("<!", at + 2)) {
    if (is_bare_declaration_open(html, at)) {
      return true;
    }
  }
  return false;
}

void escape_bare_declaration_opens(std::string& text) {
  if (!has_bare_declaration_open(text)) {
    return;
  }
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t from = 0;
  for (std::size_t at = text.find("<!"); at != std::string::npos; at = text.find("<!", at + 2)) {
    if (is_bare_declaration_open(text, at)) {
      out.append(text, from, at - from).append("&lt;");
      from = at + 1;
    }
  }
  out.append(text, from, std::string::npos);
  text = std::move(out);
}

// "<name/>" or "<name />" with no attributes, for an element that is not void: XHTML habits in
// HTML content. HTML5 ignores the slash and leaves the element open (an empty <span/> wraps the
// rest of the paragraph, a <textarea/> swallows the rest of the post); feedparser writes
// "<name></name>" first, and so does orrery. Returns where the name ends, or npos.
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::size_t short_tag_name_end(std::string_view html, std::size_t lt) {
  std::size_t i = lt + 1;
  if (i >= html.size() || !is_ascii_alpha(html[i])) {
    return std::string_view::npos;
  }
  while (i < html.size() && (is_ascii_alnum(html[i]) || html[i] == '-')) {
    ++i;
  }
  const std::size_t name_end = i;
  while (i < html.size() && is_html_space(html[i])) {
    ++i;
  }
  if (html.compare(i, 2, "/>") != 0) {
    return std::string_view::npos;
  }
  static constexpr std::string_view k_void[] = {
      "area",  "base",    "basefont", "br",   "col",  "command", "embed",  "frame", "hr", "img",
      "input", "isindex", "keygen",   "link", "meta", "param",   "source", "track", "wbr"};
  const std::string_view name = html.substr(lt + 1, name_end - lt - 1);
  for (std::string_view v : k_void) {
    if (util::iequals(name, v)) {
      return std::string_view::npos;
    }
  }
  return name_end;
}

// The '<' of the next short tag at or after `from`, or npos. Found from each "/>".
std::size_t find_short_tag(std::string_view html, std::size_t from) {
  for (std::size_t slash = html.find("/>", from); slash != std::string_view::npos;
       slash = html.find("/>", slash + 2)) {
    // A short tag's name and spaces are short: looking back a bounded way keeps hostile
    // input ("/>" a million times) linear.
    constexpr std::size_t k_reach = 64;
    const std::size_t floor = std::max(from, slash > k_reach ? slash - k_reach : 0);
    const std::size_t lt = html.substr(floor, slash - floor).rfind('<');
    if (lt != std::string_view::npos &&
        short_tag_name_end(html, floor + lt) != std::string_view::npos) {
      return floor + lt;
    }
  }
  return std::string_view::npos;
}

void expand_short_tags(std::string& text) {
  std::size_t lt = find_short_tag(text, 0);
  if (lt == std::string::npos) {
    return;
  }
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t from = 0;
  for (; lt != std::string::npos; lt = find_short_tag(text, from)) {
    const std::size_t name_end = short_tag_name_end(text, lt);
    const std::string_view name(text.data() + lt + 1, name_end - lt - 1);
    out.append(text, from, lt - from)
        .append("<")
        .append(name)
        .append("></")
        .append(name)
        .append(">");
    from = text.find("/>", name_end) + 2;
  }
  out.append(text, from, std::string::npos);
  text = std::move(out);
}

}  // namespace

std::string bounded_input(std::string_view html, const Limits& limits) {
  if (html.size() > limits.max_input_bytes) {
    std::size_t cut = limits.max_input_bytes;
    while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) {
      --cut;  // do not split a UTF-8 sequence
    }
    html = html.substr(0, cut);
  }
  std::string text = util::repaired_utf8(std::string(html));
  // feedparser turns CDATA markers into text before parsing; an HTML parser would otherwise
  // swallow everything up to the next '>' as a bogus comment.
  util::replace_all(text, "<![CDATA[", "&lt;![CDATA[");
  escape_bare_declaration_opens(text);
  expand_short_tags(text);
  return limit_nesting(text, limits.max_parse_depth);
}

const GumboOptions& fragment_options() {
  static const GumboOptions options = make_options();
  return options;
}

void GumboOutputDeleter::operator()(GumboOutput* output) const {
  if (output == nullptr) {
    return;
  }
  if (output->root != nullptr && tree_depth(*output->root) > k_flatten_depth) {
    flatten(*output->root);
  }
  gumbo_destroy_output(&fragment_options(), output);
}

FragmentTree::FragmentTree(std::string_view html, const Limits& limits)
    : FragmentTree(Bounded{}, bounded_input(html, limits)) {}

FragmentTree::FragmentTree(Bounded, std::string bounded) : m_text(std::move(bounded)) {
  m_output.reset(gumbo_parse_with_options(&fragment_options(), m_text.data(), m_text.size()));
  if (!m_output || m_output->root == nullptr) {
    throw std::bad_alloc();
  }
}

namespace {

// The input bounded_input's cut, UTF-8 repair, CDATA, "<!" and short-tag rules leave alone.
bool is_clean_input(std::string_view html, const Limits& limits) {
  return html.size() <= limits.max_input_bytes && util::is_clean_utf8(html) &&
         html.find("<![CDATA[") == std::string_view::npos && !has_bare_declaration_open(html) &&
         find_short_tag(html, 0) == std::string_view::npos;
}

}  // namespace

bool is_bounded(std::string_view html, const Limits& limits) {
  return is_clean_input(html, limits) && is_within_nesting_limit(html, limits.max_parse_depth);
}

// bounded_input(html) is html itself when the cut, the UTF-8 repair, the CDATA rule and the
// nesting guard all leave it alone. The first three are cheap scans. The guard (a tokenizer
// pass) removes the tags of a few elements (has_inlined_element_tag), which the fast path
// skips the same way, and flattens what it estimates deeper than max_parse_depth; when the
// fast path builds the input, its guard_depth_bound() bounds that estimate, so the guard need
// not run to know that the tree would be the same.
Fragment::Fragment(std::string_view html, const Limits& limits) {
  if (is_clean_input(html, limits)) {
    if (m_fast.build(html, limits.max_parse_depth, FastTree::Input::unguarded) &&
        m_fast.guard_depth_bound() < limits.max_parse_depth) {
      m_fast_built = true;
      return;
    }
    if (is_within_nesting_limit(html, limits.max_parse_depth)) {
      m_gumbo.emplace(FragmentTree::Bounded{}, std::string(html));  // html is gumbo's input
      return;
    }
  }
  m_bounded = bounded_input(html, limits);
  m_fast_built = m_fast.build(m_bounded, limits.max_parse_depth);
  if (!m_fast_built) {
    m_gumbo.emplace(FragmentTree::Bounded{}, m_bounded);
  }
}

std::string element_name(const GumboElement& element) {
  std::string name;
  if (element.tag != GUMBO_TAG_UNKNOWN) {
    name = gumbo_normalized_tagname(element.tag);
  } else if (element.original_tag.length > 0) {
    GumboStringPiece piece = element.original_tag;
    gumbo_tag_from_original_text(&piece);
    name = util::to_lower(std::string_view(piece.data, piece.length));
  }
  if (element.tag_namespace == GUMBO_NAMESPACE_SVG && !name.empty()) {
    GumboStringPiece piece{name.data(), name.size()};
    if (const char* camel = gumbo_normalize_svg_tagname(&piece); camel != nullptr) {
      name = camel;
    }
  }
  return name;
}

}  // namespace orrery::sanitise::detail
