#include "sanitise/nesting_guard.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_set>
#include <vector>

#include "sanitise/tokenizer.h"
#include "util/strings.h"

namespace orrery::sanitise::detail {

namespace {

using NameSet = std::unordered_set<std::string_view>;

bool contains(const NameSet& set, std::string_view name) { return set.count(name) != 0; }

const NameSet& void_elements() {
  static const NameSet names{"area",     "base", "basefont", "bgsound", "br",    "col",    "embed",
                             "frame",    "hr",   "image",    "img",     "input", "keygen", "link",
                             "menuitem", "meta", "param",    "source",  "track", "wbr"};
  return names;
}

const NameSet& raw_text_elements() {
  static const NameSet names{"script", "style", "xmp", "textarea", "title"};
  return names;
}

// Elements whose tags are removed so that their content is parsed in place. iframe, noembed
// and noframes hold fallback HTML that HTML5 parses as raw text (feedparser shows it:
// "safe<iframe> <b>text</b></iframe>" is "safe <b>text</b>"). noscript, object and form are
// unwrapped by the policy anyway, and, being "special" to the tree builder, would otherwise
// keep an inner <li> or <p> nested where a parser reading the sanitised output would not.
const NameSet& inlined_elements() {
  static const NameSet names{"iframe", "noembed", "noframes", "noscript", "object", "form"};
  return names;
}

// Start tags that leave SVG/MathML content (HTML5 §13.2.6.5, "breakout" tags).
const NameSet& breakout_elements() {
  static const NameSet names{
      "b",      "big",  "blockquote", "body",  "br",   "center", "code",    "dd",   "div",
      "dl",     "dt",   "em",         "embed", "h1",   "h2",     "h3",      "h4",   "h5",
      "h6",     "head", "hr",         "i",     "img",  "li",     "listing", "menu", "meta",
      "nobr",   "ol",   "p",          "pre",   "ruby", "s",      "small",   "span", "strong",
      "strike", "sub",  "sup",        "table", "tt",   "u",      "ul",      "var"};
  return names;
}

const NameSet& integration_points() {
  static const NameSet names{"foreignobject", "desc",          "title", "mi", "mo", "mn", "ms",
                             "mtext",         "annotation-xml"};
  return names;
}

// Formatting elements that the tree builder reopens after an unrelated end tag closed them.
const NameSet& formatting_elements() {
  static const NameSet names{"a",    "b", "big",   "code",   "em",     "font", "i",
                             "nobr", "s", "small", "strike", "strong", "tt",   "u"};
  return names;
}

// Start tags that close an open <p> (HTML5 "in body": "If the stack of open elements has a p
// element in button scope, then close a p element").
const NameSet& p_closers() {
  static const NameSet names{
      "address", "article", "aside",    "blockquote", "center", "details", "dialog", "dir",
      "div",     "dl",      "fieldset", "figcaption", "figure", "footer",  "form",   "h1",
      "h2",      "h3",      "h4",       "h5",         "h6",     "header",  "hgroup", "hr",
      "li",      "listing", "main",     "menu",       "nav",    "ol",      "p",      "pre",
      "section", "summary", "table",    "ul",         "dd",     "dt",      "xmp"};
  return names;
}

class Guard {
 public:
  Guard(std::string_view in, std::size_t max_depth) : m_in(in), m_max(max_depth) {}

  std::string run() {
    m_out.reserve(m_in.size());
    Tokenizer tokens(m_in, TagRead::names_only);
    while (true) {
      tokens.allow_cdata(in_foreign());
      const Token& token = tokens.next();
      switch (token.kind) {
        case TokenKind::end_of_input:
          return std::move(m_out);
        case TokenKind::start_tag:
          start_tag(tokens, token);
          break;
        case TokenKind::end_tag:
          end_tag(tokens.tag(), token);
          break;
        case TokenKind::text:
        case TokenKind::comment:
        case TokenKind::cdata:
        case TokenKind::bogus:
          copy_to(token.from, token.end);  // a tag or comment cut by the end: copied as it is
          break;
      }
    }
  }

 private:
  struct Open {
    std::string name;
    std::string key;  // the start tag's text: what "identical formatting element" compares
    bool foreign = false;
  };

  std::size_t copy_to(std::size_t from, std::size_t end) {
    end = std::min(end, m_in.size());
    m_out.append(m_in.substr(from, end - from));
    return end;
  }

  bool in_foreign() const {
    return !m_stack.empty() && m_stack.back().foreign &&
           !contains(integration_points(), m_stack.back().name);
  }

  std::size_t depth() const { return m_stack.size() + m_reopenable; }

  void start_tag(Tokenizer& tokens, const Token& token) {
    const Tag& tag = tokens.tag();
    const std::size_t lt = token.from;
    if (tag.end == std::string_view::npos) {
      copy_to(lt, tag.end);  // gumbo drops a tag cut by the end of input
      return;
    }
    const bool foreign = enter_namespace(tag.name);
    if (!foreign && contains(inlined_elements(), tag.name)) {
      return;
    }
    if (tag.name == "svg" || tag.name == "math" || tag.name == "select") {
      m_raw_text_unreliable = true;
    }
    if (!foreign) {
      close_implied(tag.name);
    }
    if ((!foreign && contains(void_elements(), tag.name)) || (foreign && tag.self_closing)) {
      copy_to(lt, tag.end);
      return;
    }
    if (depth() >= m_max) {
      ++m_suppressed[tag.name];
      return;  // flattened: the tag goes, its content stays
    }
    if (tag.name == "a" || tag.name == "nobr") {
      forget_reopenable(tag.name, true);  // the tree builder closes the previous one first
    }
    // Only formatting elements are ever reopened (pop_to), so only they need the key.
    std::string key;
    if (contains(formatting_elements(), tag.name)) {
      key =
          tag.name + '\0' + std::string(m_in.substr(lt, std::min<std::size_t>(tag.end - lt, 256)));
    }
    m_positions[tag.name].push_back(m_stack.size());
    m_stack.push_back(Open{tag.name, std::move(key), foreign});
    const std::size_t after = copy_to(lt, tag.end);
    if (!foreign && !m_raw_text_unreliable && contains(raw_text_elements(), tag.name)) {
      tokens.skip_to(copy_to(after, raw_text_end(m_in, after, tag.name)));
    } else if (!foreign && !m_raw_text_unreliable && tag.name == "plaintext") {
      tokens.skip_to(copy_to(after, std::string_view::npos));
    }
  }

  // Whether the element opened by `name` is SVG/MathML; pops foreign elements a breakout tag
  // leaves.
  bool enter_namespace(const std::string& name) {
    if (name == "svg" || name == "math") {
      return true;
    }
    if (!in_foreign()) {
      return false;
    }
    if (!contains(breakout_elements(), name)) {
      return true;
    }
    while (in_foreign()) {
      pop();
    }
    return false;
  }

  void close_implied(const std::string& name) {
    static const NameSet p_scope{"button", "table",   "td",  "th",   "caption", "object",
                                 "applet", "marquee", "svg", "math", "template"};
    static const NameSet list_scope{"ul", "ol", "menu", "dl", "table", "td", "th", "div"};
    static const NameSet table_scope{"table", "template"};
    static const NameSet p{"p"}, li{"li"}, definitions{"dt", "dd"}, row{"tr"};
    static const NameSet cells{"td", "th"}, cell_scope{"tr", "table", "template"};
    static const NameSet sections{"tbody", "thead", "tfoot"};
    if (contains(p_closers(), name)) {
      pop_to_nearest(p, p_scope);
    }
    if (name == "li") {
      pop_to_nearest(li, list_scope);
    } else if (name == "dt" || name == "dd") {
      pop_to_nearest(definitions, list_scope);
    } else if (name == "option" || name == "optgroup") {
      if (!m_stack.empty() && m_stack.back().name == "option") {
        pop();
      }
      if (name == "optgroup" && !m_stack.empty() && m_stack.back().name == "optgroup") {
        pop();
      }
    } else if (name == "tr") {
      pop_to_nearest(row, table_scope);
    } else if (name == "td" || name == "th") {
      pop_to_nearest(cells, cell_scope);
    } else if (name == "tbody" || name == "thead" || name == "tfoot") {
      pop_to_nearest(sections, table_scope);
    }
  }

  // Pops up to and including the nearest element named in `names`, unless an element named in
  // `scope` comes first. Looks positions up by name, so hostile input cannot make each tag
  // scan the whole stack (the quadratic cost this guard exists to avoid).
  void pop_to_nearest(const NameSet& names, const NameSet& scope) {
    std::optional<std::size_t> target = nearest(names);
    if (!target) {
      return;
    }
    std::optional<std::size_t> boundary = nearest(scope);
    if (!boundary || *boundary < *target) {
      pop_to(*target);
    }
  }

  std::optional<std::size_t> nearest(const NameSet& names) const {
    std::optional<std::size_t> found;
    for (std::string_view name : names) {
      auto it = m_positions.find(name);
      if (it != m_positions.end() && !it->second.empty() &&
          (!found || it->second.back() > *found)) {
        found = it->second.back();
      }
    }
    return found;
  }

  void end_tag(const Tag& tag, const Token& token) {
    const std::size_t lt = token.from;
    if (tag.end == std::string_view::npos) {
      copy_to(lt, tag.end);
      return;
    }
    if (contains(inlined_elements(), tag.name) && !in_foreign()) {
      return;
    }
    if (auto it = m_suppressed.find(tag.name); it != m_suppressed.end() && it->second > 0) {
      --it->second;
      return;
    }
    if (auto it = m_positions.find(tag.name); it != m_positions.end() && !it->second.empty()) {
      pop_to(it->second.back());
      copy_to(lt, tag.end);
      return;
    }
    if (contains(formatting_elements(), tag.name)) {
      forget_reopenable(tag.name, false);
    }
    copy_to(lt, tag.end);
  }

  void pop() { pop_to(m_stack.size() - 1); }

  // Pops m_stack[index] and everything above it. Formatting elements above it were closed
  // implicitly and will be reopened by the tree builder: they still count (at most three per
  // identical start tag, the "Noah's Ark" clause).
  void pop_to(std::size_t index) {
    for (std::size_t i = m_stack.size(); i-- > index;) {
      if (i > index && contains(formatting_elements(), m_stack[i].name)) {
        int& count = m_reopen[m_stack[i].key];
        if (count < 3) {
          ++count;
          ++m_reopenable;
        }
      }
      m_positions[m_stack[i].name].pop_back();
    }
    m_stack.resize(index);
  }

  void forget_reopenable(const std::string& name, bool all) {
    std::string prefix = name + '\0';
    for (auto it = m_reopen.lower_bound(prefix);
         it != m_reopen.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
      std::size_t drop = all ? static_cast<std::size_t>(it->second) : 1;
      m_reopenable -= drop;
      it->second -= static_cast<int>(drop);
      it = it->second == 0 ? m_reopen.erase(it) : it;
      if (!all) {
        return;
      }
    }
  }

  std::string_view m_in;
  std::size_t m_max;
  std::string m_out;
  std::vector<Open> m_stack;
  std::map<std::string, std::vector<std::size_t>, std::less<>> m_positions;  // name → indices
  std::map<std::string, int, std::less<>> m_suppressed;
  std::map<std::string, int> m_reopen;  // implicitly closed formatting elements by start tag
  std::size_t m_reopenable = 0;
  // Once <svg>, <math> or <select> appeared, whether an element's text is raw depends on tree
  // state this tokenizer does not model: from then on, raw text is scanned as markup (the safe
  // direction: it can only over-estimate depth).
  bool m_raw_text_unreliable = false;
};

}  // namespace

std::string limit_nesting(std::string_view html, std::size_t max_depth) {
  return Guard(html, max_depth).run();
}

bool has_inlined_element_tag(std::string_view html) {
  bool found = false;
  for_each_lt(html, [&](std::size_t lt) {
    std::size_t start = lt + 1 < html.size() && html[lt + 1] == '/' ? lt + 2 : lt + 1;
    if (start >= html.size()) {
      return false;
    }
    // Every inlined element starts with f, i, n or o: most tags are decided by one byte.
    const char first = static_cast<char>(html[start] | 0x20);
    if (first != 'f' && first != 'i' && first != 'n' && first != 'o') {
      return true;
    }
    std::size_t end = start;
    while (end < html.size() && is_alpha(html[end]) && end - start <= 8) {
      ++end;
    }
    found = contains(inlined_elements(), util::to_lower(html.substr(start, end - start)));
    return !found;
  });
  return found;
}

bool is_within_nesting_limit(std::string_view html, std::size_t max_depth) {
  std::size_t tags = 0;
  bool over = false;
  for_each_lt(html, [&](std::size_t) {
    over = ++tags >= max_depth;
    return !over;
  });
  return !over && !has_inlined_element_tag(html);
}

}  // namespace orrery::sanitise::detail
