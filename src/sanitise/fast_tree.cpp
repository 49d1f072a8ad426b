#include "sanitise/fast_tree.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <utility>

#include "sanitise/html_tags.h"
#include "sanitise/plain_text.h"
#include "sanitise/policy.h"
#include "sanitise/reparse_check.h"
#include "sanitise/tokenizer.h"
#include "util/utf8.h"

namespace orrery::sanitise::detail {

namespace {

// Tokenizer whitespace (CR never reaches the fast path: changes_on_input).
bool is_space(char c) { return is_space_no_cr(c); }

// Start tags the fast path handles besides the ones ReparseCheck proves: void elements that
// the "in body" mode inserts and pops at once (outside tables, where some are fostered).
bool is_plain_void(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
      return true;
    default:
      return false;
  }
}

bool is_void(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_BR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_HR:
      return true;
    default:
      return is_plain_void(tag);
  }
}

bool in_table_section(const std::vector<GumboTag>& open) {
  return !open.empty() && is_table_section(open.back());
}

// Block elements whose end tag generates implied end tags, then pops to the element: the
// p-closing blocks but the paragraph, the items, the table and <hr>, which have rules of their own.
bool is_block_end(GumboTag tag) {
  return closes_p(tag) && !one_of(tag, {GUMBO_TAG_P, GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT,
                                        GUMBO_TAG_TABLE, GUMBO_TAG_HR});
}

// The elements whose tags the nesting guard removes before gumbo sees the input, so that their
// fallback content is parsed in place (nesting_guard.h): the fast path skips them the same way.
bool is_removed_by_guard(GumboTag tag) {
  return one_of(tag, {GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT,
                      GUMBO_TAG_OBJECT, GUMBO_TAG_FORM});
}

// Start tags before which the "in body" mode reconstructs the active formatting elements (of
// the ones the fast path takes): phrasing and formatting elements, and the void ones among
// them; not blocks, table parts, <param>/<source>/<track>, <meta>/<link>, <script>/<style>.
bool reconstructs(GumboTag tag) {
  return is_phrasing(tag) || one_of(tag, {GUMBO_TAG_INPUT, GUMBO_TAG_EMBED, GUMBO_TAG_AREA});
}

// End tags of void elements: never on the stack, so "any other end tag" ignores them.
bool is_ignored_end_tag(GumboTag tag) {
  return one_of(tag, {GUMBO_TAG_AREA, GUMBO_TAG_EMBED, GUMBO_TAG_HR, GUMBO_TAG_IMG, GUMBO_TAG_INPUT,
                      GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK, GUMBO_TAG_WBR,
                      GUMBO_TAG_META, GUMBO_TAG_LINK});
}

// The elements that end the "has an element in scope" searches (the default scope), and every
// part of a table's structure, which the fast path only closes through the table rules.
bool is_scope_boundary(GumboTag tag) {
  return one_of(tag, {GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TD, GUMBO_TAG_TH,
                      GUMBO_TAG_CAPTION, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_APPLET,
                      GUMBO_TAG_TEMPLATE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT,
                      GUMBO_TAG_TR, GUMBO_TAG_COLGROUP, GUMBO_TAG_COL});
}

// The "special" category (WHATWG HTML §13.2.4.3), HTML elements only: where the <li>, <dd> and
// <dt> start tags stop looking for an item to close.
bool is_special(GumboTag tag) {
  return closes_p(tag) || is_scope_boundary(tag) ||
         one_of(tag,
                {GUMBO_TAG_AREA,     GUMBO_TAG_BASE,    GUMBO_TAG_BASEFONT,  GUMBO_TAG_BGSOUND,
                 GUMBO_TAG_BODY,     GUMBO_TAG_BR,      GUMBO_TAG_BUTTON,    GUMBO_TAG_EMBED,
                 GUMBO_TAG_FORM,     GUMBO_TAG_FRAME,   GUMBO_TAG_FRAMESET,  GUMBO_TAG_HEAD,
                 GUMBO_TAG_IFRAME,   GUMBO_TAG_IMG,     GUMBO_TAG_INPUT,     GUMBO_TAG_KEYGEN,
                 GUMBO_TAG_LINK,     GUMBO_TAG_META,    GUMBO_TAG_NOEMBED,   GUMBO_TAG_NOFRAMES,
                 GUMBO_TAG_NOSCRIPT, GUMBO_TAG_PARAM,   GUMBO_TAG_PLAINTEXT, GUMBO_TAG_SCRIPT,
                 GUMBO_TAG_SELECT,   GUMBO_TAG_SOURCE,  GUMBO_TAG_STYLE,     GUMBO_TAG_TEXTAREA,
                 GUMBO_TAG_TITLE,    GUMBO_TAG_TRACK,   GUMBO_TAG_WBR,       GUMBO_TAG_XMP,
                 GUMBO_TAG_IMAGE,    GUMBO_TAG_ISINDEX, GUMBO_TAG_MENUITEM});
}

// Levels of the table structure the fast path builds: a start tag of one closes the open
// elements of its level and below (a new row closes the open cell and row).
int table_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_TABLE:
      return 0;
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
      return 1;
    case GUMBO_TAG_TR:
      return 2;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return 3;
    default:
      return -1;
  }
}

}  // namespace

class FastBuilder {
 public:
  FastBuilder(FastTree& tree, std::string_view in, std::size_t max_depth, bool skip_removed)
      : m_tree(tree), m_in(in), m_max_depth(max_depth), m_skip_removed(skip_removed) {}

  bool run() {
    m_tree.m_root = m_tree.new_node(GUMBO_NODE_ELEMENT);
    m_tree.m_root->v.element.tag = GUMBO_TAG_HTML;
    m_open.push_back(m_tree.m_root);
    m_child_start.push_back(0);
    m_text_start = 0;
    Tokenizer tokens(m_in, TagRead::decoded);
    m_tokens = &tokens;
    while (true) {
      const Token& token = tokens.next();
      std::optional<std::size_t> after;  // where to go on; nullopt: give up
      switch (token.kind) {
        case TokenKind::end_of_input:
          if (!flush_text(m_in.size())) {
            m_tree.m_gave_up_at = m_in.size();
            return false;
          }
          finish();
          return true;
        case TokenKind::text:
          if (!text(token.from, token.end)) {
            return false;
          }
          continue;
        case TokenKind::start_tag:
          after = start_tag(token.from);
          break;
        case TokenKind::end_tag:
          after = end_tag(token.from);
          break;
        case TokenKind::comment:
          after = comment(token);
          break;
        case TokenKind::cdata:
        case TokenKind::bogus:
          break;  // doctype, bogus comments, "</>", "<?": ignored or made comments: gumbo's
      }
      if (!after) {
        m_tree.m_gave_up_at = token.from;
        return false;
      }
      if (*after != token.end) {
        tokens.skip_to(*after);  // past raw text, or a newline after <pre>
      }
    }
  }

 private:
  // The position of the next `c` at or after `from` (the input's size if none), remembered in
  // `cache` so that each byte is searched once (memchr).
  std::size_t next_of(char c, std::size_t from, std::size_t& cache) const {
    if (cache < from) {
      const std::size_t found = m_in.find(c, from);
      cache = found == std::string_view::npos ? m_in.size() : found;
    }
    return cache;
  }

  // The text token [from, end): its character references decoded into the pending text run.
  // False (m_gave_up_at set) to give up.
  bool text(std::size_t from, std::size_t end) {
    std::size_t i = from;
    while (i < end) {
      if (!begin_text(i)) {
        m_tree.m_gave_up_at = i;
        return false;
      }
      if (m_in[i] != '&') {
        const std::size_t amp = std::min(end, next_of('&', i + 1, m_next_amp));
        m_text.append(m_in.substr(i, amp - i));
        i = amp;
        continue;
      }
      const std::optional<Reference> reference = read_reference(m_in, i);
      if (!reference) {
        m_tree.m_gave_up_at = i;
        return false;
      }
      util::append_utf8(m_text, reference->code_point);
      i = reference->end;
    }
    return true;
  }

  // A character token: the tree builder first reopens the formatting elements closed around
  // it (reconstruct). False to give up.
  bool begin_text(std::size_t pos) {
    if (!m_in_text) {
      if (!in_table_section(m_tags) && !reconstruct()) {
        return false;
      }
      m_in_text = true;
      m_text.clear();
      m_text_start = pos;
      m_run_split = false;
    }
    return true;
  }

  // --- the list of active formatting elements (WHATWG HTML §13.2.4.3) ---
  struct Formatting {
    GumboNode* node;  // nullptr for a marker (a cell's start)
    GumboTag tag;
  };

  bool on_stack(const GumboNode* node) const {
    return std::find(m_open.begin(), m_open.end(), node) != m_open.end();
  }

  static bool same_attributes(const GumboElement& a, const GumboElement& b) {
    if (a.attributes.length != b.attributes.length) {
      return false;
    }
    for (unsigned i = 0; i < a.attributes.length; ++i) {
      const auto* x = static_cast<const GumboAttribute*>(a.attributes.data[i]);
      bool found = false;
      for (unsigned j = 0; j < b.attributes.length && !found; ++j) {
        const auto* y = static_cast<const GumboAttribute*>(b.attributes.data[j]);
        found = std::string_view(x->name) == y->name && std::string_view(x->value) == y->value;
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  // Pushes a formatting element, after the "Noah's Ark" clause: at most three identical ones
  // (same tag and attributes) since the last marker.
  void push_formatting(GumboNode* node, GumboTag tag) {
    std::size_t identical = 0;
    std::size_t earliest = m_afe.size();
    for (std::size_t i = m_afe.size(); i-- > 0 && m_afe[i].node != nullptr;) {
      if (m_afe[i].tag == tag && same_attributes(m_afe[i].node->v.element, node->v.element)) {
        ++identical;
        earliest = i;
      }
    }
    if (identical >= 3) {
      m_afe.erase(m_afe.begin() + static_cast<std::ptrdiff_t>(earliest));
    }
    m_afe.push_back({node, tag});
  }

  // The last entry for `tag` after the last marker, or npos.
  std::size_t find_formatting(GumboTag tag) const {
    for (std::size_t i = m_afe.size(); i-- > 0 && m_afe[i].node != nullptr;) {
      if (m_afe[i].tag == tag) {
        return i;
      }
    }
    return std::string_view::npos;
  }

  // "Reconstruct the active formatting elements": the entries after the last marker that are
  // no longer open are reopened, in order, as copies with the same attributes.
  bool reconstruct() {
    std::size_t first = m_afe.size();
    while (first > 0 && m_afe[first - 1].node != nullptr && !on_stack(m_afe[first - 1].node)) {
      --first;
    }
    for (std::size_t i = first; i < m_afe.size(); ++i) {
      const GumboNode* original = m_afe[i].node;
      GumboNode* copy = m_tree.new_node(GUMBO_NODE_ELEMENT);
      copy->v.element = original->v.element;  // tag, namespace, attributes (shared, read-only)
      copy->v.element.children = GumboVector{nullptr, 0, 0};
      m_check.start_tag(Vocabulary::html, m_afe[i].tag, false);
      if (!m_check.proven() || m_open.size() > m_max_depth) {
        return false;
      }
      append_child(copy);
      open(copy, m_afe[i].tag);
      m_tree.m_deepest = std::max(m_tree.m_deepest, m_tags.size());
      m_afe[i].node = copy;
    }
    return true;
  }

  // A tag the nesting guard removes (an inlined element's) lies at [from, to): gumbo, parsing
  // the guarded input, sees the text on both sides as one run, whose original text is the two
  // sides joined.
  // False (give up) when the removal would join the text before it to what follows into a
  // token of its own: a literal '<' or '&' right before it, or an '&' and letters or digits
  // ("&am<form>p;" is "&amp;" to gumbo, on the guarded input).
  bool skip_removed_tag(std::size_t from, std::size_t to) {
    if (!m_skip_removed) {
      return false;  // guarded input: the tag is real
    }
    std::size_t k = from;
    while (k > 0 && is_alnum(m_in[k - 1])) {
      --k;
    }
    if (from > 0 && (m_in[from - 1] == '<' || (k > 0 && m_in[k - 1] == '&'))) {
      return false;
    }
    if (m_in_text) {
      const std::size_t start = m_run_split ? m_segment_start : m_text_start;
      if (!m_run_split) {
        m_original.clear();
        m_run_split = true;
      }
      m_original.append(m_in.substr(start, from - start));
    }
    m_segment_start = to;
    return true;
  }

  // Appends the pending text as one node: gumbo merges adjacent character tokens and splits
  // text only at tags and comments.
  // `at` is where the token that ends the text begins: gumbo's original text runs up to it
  // (across end tags it ignored on the way).
  bool flush_text(std::size_t at) {
    if (!m_in_text) {
      return true;
    }
    m_in_text = false;
    if (m_text.empty()) {
      return true;
    }
    m_check.text(m_text);
    if (!m_check.proven()) {
      return false;  // text a table would foster-parent
    }
    const bool blank = std::all_of(m_text.begin(), m_text.end(), is_space);
    GumboNode* node = m_tree.new_node(blank ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT);
    node->v.text.text = m_tree.keep(m_text);
    if (m_run_split) {
      m_original.append(m_in.substr(m_segment_start, at - m_segment_start));
      node->v.text.original_text = GumboStringPiece{m_tree.keep(m_original), m_original.size()};
    } else {
      node->v.text.original_text = piece(m_text_start, at);
    }
    append_child(node);
    return true;
  }

  GumboStringPiece piece(std::size_t from, std::size_t to) const {
    return GumboStringPiece{m_in.data() + from, to - from};
  }

  void append_child(GumboNode* node) { m_children.push_back(node); }

  // Opens `element` (already appended): its children are collected on m_children above
  // m_child_start.back() until it is closed, then copied into the tree.
  void open(GumboNode* element, GumboTag tag) {
    m_open.push_back(element);
    m_child_start.push_back(m_children.size());
    m_tags.push_back(tag);
  }

  void close() {
    if (!m_tags.empty()) {
      const GumboTag tag = m_tags.back();
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
        // Closing a cell clears the list up to its marker.
        while (!m_afe.empty() && m_afe.back().node != nullptr) {
          m_afe.pop_back();
        }
        if (!m_afe.empty()) {
          m_afe.pop_back();
        }
      } else if (is_formatting(tag)) {
        const std::size_t entry = find_formatting(tag);
        if (entry != std::string_view::npos && m_afe[entry].node == m_open.back()) {
          ++m_tree.m_formatting_pops;  // left in the list: reopened later (the guard counts it)
        }
      }
    }
    const std::size_t start = m_child_start.back();
    set_children(m_open.back(), m_children.data() + start, m_children.size() - start);
    m_children.resize(start);
    m_open.pop_back();
    m_child_start.pop_back();
    if (!m_tags.empty()) {
      m_tags.pop_back();
    }
  }

  void set_children(GumboNode* element, void* const* children, std::size_t n) {
    GumboVector& vector = element->v.element.children;
    if (n > 0) {
      vector.data = m_tree.allocate_array<void*>(n);
      std::copy(children, children + n, vector.data);
    }
    vector.length = static_cast<unsigned>(n);
    vector.capacity = vector.length;
  }

  // Closes the elements left open at the end of the input, as the tree builder does.
  void finish() {
    while (!m_open.empty()) {
      close();
    }
  }

  // A comment closed by "-->" with no "--" before it; anything else (the abrupt "<!-->", "--!>",
  // no end) is left to gumbo.
  std::optional<std::size_t> comment(const Token& token) {
    if (!token.regular || !flush_text(token.from)) {
      return std::nullopt;
    }
    GumboNode* node = m_tree.new_node(GUMBO_NODE_COMMENT);
    node->v.text.text = m_tree.keep(m_in.substr(token.body_from, token.body_to - token.body_from));
    node->v.text.original_text = piece(token.from, token.end);
    append_child(node);
    return token.end;
  }

  // The tokenizer's current tag, with gumbo's tag enum.
  struct TagView {
    const Tag& token;
    GumboTag tag;
  };

  // The tag token just read, when the fast path takes it: complete (not cut by the end of the
  // input), without the parse errors the tokenizer flags (stray quotes, '<' or '=' in names
  // and unquoted values, missing values, duplicate attributes, attributes on end tags,
  // references read_reference cannot decode) and with a name of at most 32 bytes.
  std::optional<TagView> current_tag() const {
    const Tag& tag = m_tokens->tag();
    if (tag.end == std::string_view::npos || tag.irregular != 0 || tag.name.size() > 32) {
      return std::nullopt;
    }
    return TagView{tag, gumbo_tagn_enum(tag.name.data(), static_cast<unsigned>(tag.name.size()))};
  }

  GumboNode* new_element(const TagView& tag, std::size_t pos) {
    GumboNode* node = m_tree.new_node(GUMBO_NODE_ELEMENT);
    GumboElement& element = node->v.element;
    element.tag = tag.tag;
    element.tag_namespace = GUMBO_NAMESPACE_HTML;
    element.original_tag = piece(pos, tag.token.end);
    const std::size_t n = tag.token.count;
    if (n > 0) {
      auto* attributes = m_tree.allocate_array<GumboAttribute>(n);
      auto* list = m_tree.allocate_array<void*>(n);
      for (std::size_t k = 0; k < n; ++k) {
        const Attribute& source = tag.token.attributes[k];
        GumboAttribute& attribute = attributes[k];
        std::memset(&attribute, 0, sizeof attribute);
        attribute.attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
        attribute.name = m_tree.keep(source.name);
        attribute.original_name = piece(source.name_from, source.name_to);
        attribute.value = m_tree.keep(source.value);
        attribute.original_value = piece(source.value_from, source.value_to);
        list[k] = &attribute;
      }
      element.attributes.data = list;
      element.attributes.length = static_cast<unsigned>(n);
      element.attributes.capacity = element.attributes.length;
    }
    return node;
  }

  std::optional<std::size_t> start_tag(std::size_t pos) {
    const std::optional<TagView> tag = current_tag();
    if (!tag || tag->tag == GUMBO_TAG_UNKNOWN) {
      return std::nullopt;
    }
    if (is_ignored_start_tag(*tag)) {
      // Ignored tokens leave the text run open, except where the table modes collect text
      // ("in table text"), which any other token ends.
      return in_table_section(m_tags) ? std::nullopt : std::optional<std::size_t>(tag->token.end);
    }
    if (is_removed_by_guard(tag->tag)) {
      return skip_removed_tag(pos, tag->token.end) ? std::optional<std::size_t>(tag->token.end)
                                                   : std::nullopt;
    }
    if (!flush_text(pos)) {
      return std::nullopt;
    }
    if (tag->tag == GUMBO_TAG_SCRIPT || tag->tag == GUMBO_TAG_STYLE) {
      return raw_text(*tag, pos);
    }
    const bool void_element = is_void(tag->tag);
    if (is_plain_void(tag->tag)) {
      if (in_table_section(m_tags)) {
        return std::nullopt;  // fostered, or (input type=hidden) not
      }
    } else {
      if (!imply_before(tag->tag)) {
        return std::nullopt;
      }
      if (tag->tag == GUMBO_TAG_A) {
        const std::size_t entry = find_formatting(GUMBO_TAG_A);
        if (entry != std::string_view::npos) {
          if (on_stack(m_afe[entry].node)) {
            return std::nullopt;  // an <a> in an open <a>: the adoption agency's
          }
          m_afe.erase(m_afe.begin() + static_cast<std::ptrdiff_t>(entry));
        }
      }
    }
    if (reconstructs(tag->tag) && !reconstruct()) {
      return std::nullopt;
    }
    if (!is_plain_void(tag->tag)) {
      m_check.start_tag(Vocabulary::html, tag->tag, void_element);
      if (!m_check.proven()) {
        return std::nullopt;
      }
    }
    GumboNode* node = new_element(*tag, pos);
    append_child(node);
    if (void_element) {
      return tag->token.end;
    }
    if (tag->token.self_closing) {
      return std::nullopt;  // "<p/>": ignored on non-void elements; rare, so gumbo's
    }
    if (m_open.size() > m_max_depth) {
      return std::nullopt;
    }
    open(node, tag->tag);
    m_tree.m_deepest = std::max(m_tree.m_deepest, m_tags.size());
    if (is_formatting(tag->tag)) {
      push_formatting(node, tag->tag);
    } else if (tag->tag == GUMBO_TAG_TD || tag->tag == GUMBO_TAG_TH) {
      m_afe.push_back({nullptr, tag->tag});  // a cell's marker
    }
    std::size_t after = tag->token.end;
    if ((tag->tag == GUMBO_TAG_PRE || tag->tag == GUMBO_TAG_LISTING) && after < m_in.size() &&
        m_in[after] == '\n') {
      ++after;  // the tree builder ignores a newline right after <pre>
    }
    return after;
  }

  // The document's own tags in a fragment (whole pages pasted into a feed): <head> is ignored
  // in the "in body" mode, <body> in a fragment, and <html> merges its attributes into the
  // root (given up on when it has any, to keep the root bare).
  static bool is_ignored_start_tag(const TagView& tag) {
    return tag.tag == GUMBO_TAG_HEAD || tag.tag == GUMBO_TAG_BODY ||
           (tag.tag == GUMBO_TAG_HTML && tag.token.count == 0);
  }

  GumboTag current() const { return m_tags.empty() ? GUMBO_TAG_HTML : m_tags.back(); }

  void pop() {
    close();
    m_check.end_tag();
  }

  // Inserts an element the tree builder implies (tbody in a table, tr in a table body).
  void insert_implied(GumboTag tag) {
    GumboNode* node = m_tree.new_node(GUMBO_NODE_ELEMENT);
    node->v.element.tag = tag;
    node->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
    m_check.start_tag(Vocabulary::html, tag, false);
    append_child(node);
    open(node, tag);
  }

  // The end tags a start tag of `tag` implies, where the tree builder's rule comes down to
  // popping the current node: a block start in an open <p>, an item in an open item, a heading
  // in an open heading, a cell or row in an open cell or row; and the tbody and tr the table
  // modes insert. False when the rule would do something else (the caller's ReparseCheck then
  // refuses most of those anyway).
  bool imply_before(GumboTag tag) {
    const int level = table_level(tag);
    if (level > 0) {
      // A table part closes the open cell (with whatever its content left open: "close the
      // cell" also clears the formatting elements opened in it), then the rows or sections
      // of its level or deeper; then the table modes insert the parents it lacks.
      std::size_t k = m_tags.size();
      while (k > 0 && table_level(m_tags[k - 1]) < 0 && !is_scope_boundary(m_tags[k - 1])) {
        --k;
      }
      if (k == 0 || table_level(m_tags[k - 1]) < 0) {
        return true;  // not in a table: ReparseCheck refuses the part
      }
      if (k < m_tags.size() && table_level(m_tags[k - 1]) != 3) {
        return false;  // content right in a row or section (never built) or a caption
      }
      while (k > 0 && table_level(m_tags[k - 1]) >= level) {
        --k;
      }
      if (k == 0 || table_level(m_tags[k - 1]) < 0) {
        return false;
      }
      pop_to(k);
      if (current() == GUMBO_TAG_TABLE && level >= 2) {
        insert_implied(GUMBO_TAG_TBODY);
      }
      if (table_level(current()) == 1 && level == 3) {
        insert_implied(GUMBO_TAG_TR);
      }
      return true;
    }
    if (closes_p(tag)) {
      // "Close a p element": everything above the <p> goes with it.
      std::size_t k = m_tags.size();
      while (k > 0 && m_tags[k - 1] != GUMBO_TAG_P && !is_scope_boundary(m_tags[k - 1]) &&
             m_tags[k - 1] != GUMBO_TAG_BUTTON) {
        --k;
      }
      if (k > 0 && m_tags[k - 1] == GUMBO_TAG_P) {
        pop_to(k - 1);
      }
    }
    if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
      // The item algorithm: the nearest open item, looking past non-special elements (and
      // address, div, p), is closed with everything above it.
      std::size_t k = m_tags.size();
      while (k > 0) {
        const GumboTag open = m_tags[k - 1];
        if (tag == GUMBO_TAG_LI ? open == GUMBO_TAG_LI
                                : (open == GUMBO_TAG_DD || open == GUMBO_TAG_DT)) {
          pop_to(k - 1);
          break;
        }
        if (is_special(open) && open != GUMBO_TAG_ADDRESS && open != GUMBO_TAG_DIV &&
            open != GUMBO_TAG_P) {
          break;
        }
        --k;
      }
    } else if (is_heading(tag) && is_heading(current())) {
      pop();
      ++m_tree.m_heading_pops;
    }
    return true;
  }

  // Pops the open elements from the innermost down to m_tags[k] (m_tags.size() = k after).
  void pop_to(std::size_t k) {
    while (m_tags.size() > k) {
      pop();
    }
  }

  // <script> and <style>: their content runs to the first "</script" or "</style" followed by
  // whitespace, '/' or '>'. Script content holding "<!--" enters the script-escaped states,
  // where that rule changes: given up on.
  std::optional<std::size_t> raw_text(const TagView& tag, std::size_t pos) {
    if (tag.token.self_closing) {
      return std::nullopt;
    }
    const std::string_view name = tag.tag == GUMBO_TAG_SCRIPT ? "script" : "style";
    const std::size_t from = tag.token.end;
    const std::size_t close = raw_text_end(m_in, from, name);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view content = m_in.substr(from, close - from);
    if (tag.tag == GUMBO_TAG_SCRIPT && content.find("<!--") != std::string_view::npos) {
      return std::nullopt;
    }
    if (m_in.compare(close + 2 + name.size(), 1, ">") != 0) {
      return std::nullopt;  // "</script foo>" and friends
    }
    GumboNode* node = new_element(tag, pos);
    append_child(node);
    if (!content.empty()) {
      const bool blank = std::all_of(content.begin(), content.end(), is_space);
      GumboNode* text = m_tree.new_node(blank ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT);
      text->v.text.text = m_tree.keep(content);
      text->v.text.original_text = piece(from, close);
      void* child = text;
      set_children(node, &child, 1);
    }
    return close + 3 + name.size();
  }

  // The end tags the fast path follows: one that closes the current element; one of a block,
  // a paragraph, an item, a heading, a cell or a table part whose element is in scope and
  // would be popped with elements above it that leave nothing to reopen (no formatting
  // elements; in a cell, anything); a </p> with no <p> open; the end tag of a void element,
  // </head>, </body> or </html>, which are ignored. Anything else makes the tree builder search,
  // reparent or ignore in ways the fast path leaves to gumbo.
  std::optional<std::size_t> end_tag(std::size_t pos) {
    const std::optional<TagView> tag = current_tag();
    if (!tag || tag->token.self_closing || tag->tag == GUMBO_TAG_UNKNOWN) {
      return std::nullopt;
    }
    if (is_ignored_end_tag(tag->tag) || tag->tag == GUMBO_TAG_HEAD || tag->tag == GUMBO_TAG_BODY ||
        tag->tag == GUMBO_TAG_HTML) {
      return in_table_section(m_tags) ? std::nullopt : std::optional<std::size_t>(tag->token.end);
    }
    if (is_removed_by_guard(tag->tag)) {
      return skip_removed_tag(pos, tag->token.end) ? std::optional<std::size_t>(tag->token.end)
                                                   : std::nullopt;
    }
    const GumboTag target = tag->tag;
    if (is_formatting(target)) {
      return formatting_end_tag(*tag, pos);
    }
    std::size_t k = m_tags.size();
    if (k > 0 && m_tags[k - 1] != target) {
      const int level = table_level(target);
      bool in_cell_content = level >= 0;  // above the innermost cell, when closing table parts
      const auto may_pop = [&](GumboTag open) {
        if (level >= 0) {
          // A cell, row, section or table end tag closes the open cell ("close the cell" also
          // clears the formatting elements opened in it), then the structure inside it.
          if (in_cell_content && table_level(open) < 0) {
            return !is_scope_boundary(open);
          }
          in_cell_content = false;
          return table_level(open) > level;
        }
        if (is_scope_boundary(open)) {
          return false;
        }
        if (target == GUMBO_TAG_P) {
          return open != GUMBO_TAG_BUTTON;
        }
        if (target == GUMBO_TAG_LI) {
          return open != GUMBO_TAG_UL && open != GUMBO_TAG_OL;  // list item scope
        }
        if (is_heading(target)) {
          return !is_heading(open);  // "pop until an h1–h6 element has been popped"
        }
        return target == GUMBO_TAG_DD || target == GUMBO_TAG_DT || is_block_end(target);
      };
      while (k > 0 && m_tags[k - 1] != target && may_pop(m_tags[k - 1])) {
        --k;
      }
    }
    if (k == 0 && target == GUMBO_TAG_P) {
      return stray_p_end(pos);
    }
    if (k == 0 || m_tags[k - 1] != target || !flush_text(pos)) {
      return std::nullopt;
    }
    pop_to(k);
    m_open.back()->v.element.original_end_tag = piece(pos, tag->token.end);
    pop();
    return tag->token.end;
  }

  // The adoption agency's two plain cases: the element is the current node (popped and taken
  // off the list), or it is on the list but no longer open (taken off the list; the token is
  // otherwise ignored). Anything else it would reparent: given up on.
  std::optional<std::size_t> formatting_end_tag(const TagView& tag, std::size_t pos) {
    const std::size_t entry = find_formatting(tag.tag);
    if (entry == std::string_view::npos) {
      return std::nullopt;
    }
    GumboNode* element = m_afe[entry].node;
    if (!on_stack(element)) {
      if (m_in_text) {
        return std::nullopt;
      }
      m_afe.erase(m_afe.begin() + static_cast<std::ptrdiff_t>(entry));
      return tag.token.end;
    }
    if (element != m_open.back() || !flush_text(pos)) {
      return std::nullopt;
    }
    m_afe.erase(m_afe.begin() + static_cast<std::ptrdiff_t>(entry));
    m_open.back()->v.element.original_end_tag = piece(pos, tag.token.end);
    pop();
    return tag.token.end;
  }

  // </p> with no <p> open: the tree builder inserts an empty one and closes it.
  std::optional<std::size_t> stray_p_end(std::size_t pos) {
    const bool p_open = std::find(m_tags.begin(), m_tags.end(), GUMBO_TAG_P) != m_tags.end();
    if (p_open || in_table_section(m_tags) || !flush_text(pos)) {
      return std::nullopt;
    }
    m_check.start_tag(Vocabulary::html, GUMBO_TAG_P, false);
    if (!m_check.proven()) {
      return std::nullopt;
    }
    GumboNode* node = m_tree.new_node(GUMBO_NODE_ELEMENT);
    node->v.element.tag = GUMBO_TAG_P;
    node->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
    append_child(node);
    open(node, GUMBO_TAG_P);
    pop();
    return m_tokens->tag().end;
  }

  FastTree& m_tree;
  std::string_view m_in;
  std::size_t m_max_depth;
  bool m_skip_removed;                     // unguarded input: skip the tags the guard would remove
  std::vector<GumboNode*> m_open;          // the root, then the open elements
  std::vector<GumboTag> m_tags;            // the open elements' tags (root excluded)
  Tokenizer* m_tokens = nullptr;           // run()'s
  std::vector<Formatting> m_afe;           // the list of active formatting elements
  bool m_run_split = false;                // the text run spans a tag the guard removes
  std::string m_original;                  // then: its original text so far, without such tags
  std::size_t m_segment_start = 0;         // then: where the run's current piece began
  std::size_t m_next_amp = 0;              // next_of's cache
  std::vector<void*> m_children;           // the children of the open elements, in order
  std::vector<std::size_t> m_child_start;  // where each of m_open's children begin
  ReparseCheck m_check;
  bool m_in_text = false;
  std::string m_text;
  std::size_t m_text_start = 0;
};

void* FastTree::allocate(std::size_t bytes) {
  constexpr std::size_t k_block = 16 * 1024;
  constexpr std::size_t k_align = alignof(std::max_align_t);
  bytes = (bytes + k_align - 1) / k_align * k_align;
  if (bytes > k_block / 4) {  // large: a block of its own, keeping the current one
    auto& block = m_blocks.emplace_back(new std::byte[bytes]);
    std::byte* storage = block.get();
    if (m_blocks.size() > 1) {
      std::swap(m_blocks.back(), m_blocks[m_blocks.size() - 2]);  // current block stays last
    }
    return storage;
  }
  if (m_blocks.empty() || m_block_used + bytes > m_block_size) {
    m_blocks.emplace_back(new std::byte[k_block]);
    m_block_used = 0;
    m_block_size = k_block;
  }
  void* storage = m_blocks.back().get() + m_block_used;
  m_block_used += bytes;
  return storage;
}

GumboNode* FastTree::new_node(GumboNodeType type) {
  auto* node = static_cast<GumboNode*>(allocate(sizeof(GumboNode)));
  std::memset(node, 0, sizeof *node);
  node->type = type;
  return node;
}

const char* FastTree::keep(std::string_view text) {
  char* copy = allocate_array<char>(text.size() + 1);
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

bool FastTree::build(std::string_view html, std::size_t max_depth, Input input, bool settled) {
  m_blocks.clear();
  m_block_used = m_block_size = 0;
  m_root = nullptr;
  m_gave_up_at = m_deepest = m_heading_pops = m_formatting_pops = 0;
  if ((!settled && changes_on_input(html)) || html.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    return false;
  }
  FastBuilder builder(*this, html, max_depth, input == Input::unguarded);
  return builder.run();
}

std::vector<std::string_view> fast_named_references() { return known_named_references(); }

namespace {

void describe_piece(std::string& out, GumboStringPiece piece) {
  out += '[';
  if (piece.data != nullptr) {
    out.append(piece.data, piece.length);
  }
  out += ']';
}

}  // namespace

std::string describe_tree(const GumboNode& root) {
  std::string out;
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    out.append(depth * 2, ' ');
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_COMMENT:
        out += node->type == GUMBO_NODE_COMMENT ? "comment " : "text ";
        out += node->v.text.text;
        out += ' ';
        if (node->type != GUMBO_NODE_COMMENT) {
          describe_piece(out, node->v.text.original_text);
        }
        out += '\n';
        continue;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        out += "other\n";
        continue;
    }
    const GumboElement& element = node->v.element;
    out += "element ";
    out += gumbo_normalized_tagname(element.tag);
    out += " ns=" + std::to_string(element.tag_namespace);
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      out += ' ';
      out += std::to_string(attribute->attr_namespace);
      out += ':';
      out += attribute->name;
      out += "={";
      out += attribute->value;
      out += '}';
      describe_piece(out, attribute->original_value);
    }
    out += '\n';
    for (unsigned i = element.children.length; i > 0; --i) {
      stack.emplace_back(static_cast<const GumboNode*>(element.children.data[i - 1]), depth + 1);
    }
  }
  return out;
}

}  // namespace orrery::sanitise::detail
