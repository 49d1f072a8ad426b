#include "sanitise/gumbo_tree.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#include "sanitise/nesting_guard.h"
#include "sanitise/plain_text.h"
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
  apply_source_rewrites(text);
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

// The input bounded_input's cut, UTF-8 repair, CDATA rule and source rewrites leave alone.
bool is_clean_input(std::string_view html, const Limits& limits, const SourceScan& scan,
                    bool settled) {
  return !scan.rewrites && html.size() <= limits.max_input_bytes &&
         html.find("<![CDATA[") == std::string_view::npos && (settled || util::is_clean_utf8(html));
}

}  // namespace

bool is_bounded(std::string_view html, const Limits& limits) {
  return is_clean_input(html, limits, scan_source(html), false) &&
         is_within_nesting_limit(html, limits.max_parse_depth);
}

// bounded_input(html) is html itself when the cut, the UTF-8 repair, the CDATA rule and the
// nesting guard all leave it alone. The first three are cheap scans. The guard (a tokenizer
// pass) removes the tags of a few elements (has_inlined_element_tag), which the fast path
// skips the same way, and flattens what it estimates deeper than max_parse_depth; when the
// fast path builds the input, its guard_depth_bound() bounds that estimate, so the guard need
// not run to know that the tree would be the same.
Fragment::Fragment(std::string_view html, const Limits& limits)
    : Fragment(html, limits, scan_source(html)) {}

Fragment::Fragment(std::string_view html, const Limits& limits, const SourceScan& scan) {
  // One scan answers both "clean UTF-8" (bounded_input's repair) and "unchanged by gumbo's
  // input stream" (the fast path's condition) for the usual fragment; only a fragment that
  // fails it is scanned for the first alone.
  const bool settled = is_settled_text(html);
  if (is_clean_input(html, limits, scan, settled)) {
    if (settled && m_fast.build(html, limits.max_parse_depth, FastTree::Input::unguarded, true) &&
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
