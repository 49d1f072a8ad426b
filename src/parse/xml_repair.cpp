#include "parse/xml_repair.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "model/limits.h"
#include "parse/html_entities.h"

namespace orrery::parse {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of a well-formed character reference at s[i] ("&#123;", "&#x1F;"), or 0.
std::size_t numeric_reference(std::string_view s, std::size_t i) {
  std::size_t j = i + 2;
  bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
  if (hex) ++j;
  std::size_t start = j;
  while (j < s.size() && (hex ? is_hex(s[j]) : (s[j] >= '0' && s[j] <= '9'))) ++j;
  if (j == start || j >= s.size() || s[j] != ';' || j - start > 8) return 0;
  return j + 1 - i;
}

// The code point of a reference numeric_reference accepted ("&#146;", "&#x2019;").
std::uint32_t reference_value(std::string_view ref) {
  bool hex = ref[2] == 'x' || ref[2] == 'X';
  std::uint32_t v = 0;
  for (char c : ref.substr(hex ? 3 : 2, ref.size() - (hex ? 4 : 3))) {
    unsigned digit = (c >= '0' && c <= '9')   ? unsigned(c - '0')
                     : (c >= 'a' && c <= 'f') ? unsigned(c - 'a' + 10)
                                              : unsigned(c - 'A' + 10);
    v = v * (hex ? 16 : 10) + digit;
    if (v > 0x10FFFF) return 0xFFFFFFFF;
  }
  return v;
}

// What a reference to `cp` should have said. References to 128–159 mean windows-1252 (the
// characters Windows editors put there; HTML 5 §13.2.5.80 reads them so); references to
// characters XML forbids (NUL, C0 controls, surrogates, beyond U+10FFFF) become U+FFFD so that
// every value stays valid UTF-8.
std::uint32_t repaired_code_point(std::uint32_t cp) {
  static constexpr std::uint16_t k_c1_as_1252[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (cp >= 0x80 && cp <= 0x9F) return k_c1_as_1252[cp - 0x80];
  bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  return allowed ? cp : 0xFFFD;
}

bool is_xml_entity(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// Where the markup construct starting at s[i] ('<') that must not be rewritten ends, or npos
// when s[i] does not start one.
std::size_t skip_literal(std::string_view s, std::size_t i) {
  auto ends_at = [&](std::string_view open, std::string_view close) -> std::size_t {
    if (s.substr(i, open.size()) != open) return std::string_view::npos;
    std::size_t end = s.find(close, i + open.size());
    return end == std::string_view::npos ? s.size() : end + close.size();
  };
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<![CDATA[", "]]>"},
                             {"<!--", "-->"},
                             {"<?", "?>"}}) {
    std::size_t end = ends_at(open, close);
    if (end != std::string_view::npos) return end;
  }
  if (s.substr(i, 9) == "<!DOCTYPE") {
    int brackets = 0;
    for (std::size_t j = i + 9; j < s.size(); ++j) {
      if (s[j] == '[') ++brackets;
      if (s[j] == ']') --brackets;
      if (s[j] == '>' && brackets <= 0) return j + 1;
    }
    return s.size();
  }
  return std::string_view::npos;
}

}  // namespace

namespace {

using Declarations = std::map<std::string, std::string, std::less<>>;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// feedparser's "safe" entity values: one character reference, or text without references. A
// value referring to other entities is refused, so expansion never nests (no billion laughs).
bool is_safe_value(std::string_view v) {
  if (v.find('&') == std::string_view::npos) return true;
  return v.size() > 3 && v[0] == '&' && v[1] == '#' && numeric_reference(v, 0) == v.size();
}

// The general entities an internal DTD subset declares with a safe literal value
// (`<!ENTITY name "value">`). Parameter entities and external (SYSTEM/PUBLIC) ones are ignored:
// nothing is ever fetched.
Declarations declared_entities(std::string_view text) {
  Declarations out;
  std::size_t first_element = text.find_first_of('<');
  while (first_element != std::string_view::npos && first_element + 1 < text.size() &&
         (text[first_element + 1] == '!' || text[first_element + 1] == '?')) {
    std::size_t end = skip_literal(text, first_element);
    first_element = end == std::string_view::npos ? end : text.find('<', end);
  }
  // Only a DOCTYPE before the first element counts, so only the prolog is searched (the first
  // "<!DOCTYPE" cannot straddle first_element: its only '<' is its first byte).
  std::size_t doctype = text.substr(0, first_element).find("<!DOCTYPE");
  if (doctype == std::string_view::npos) return out;
  std::size_t subset_end = skip_literal(text, doctype);
  std::string_view subset = text.substr(doctype, subset_end - doctype);
  std::size_t pos = 0;
  while ((pos = subset.find("<!ENTITY", pos)) != std::string_view::npos) {
    pos += 8;
    while (pos < subset.size() && is_space(subset[pos])) ++pos;
    if (pos >= subset.size() || subset[pos] == '%') continue;
    std::size_t name_end = pos;
    while (name_end < subset.size() && is_name_char(subset[name_end])) ++name_end;
    std::string name(subset.substr(pos, name_end - pos));
    pos = name_end;
    while (pos < subset.size() && is_space(subset[pos])) ++pos;
    if (name.empty() || pos >= subset.size() || (subset[pos] != '"' && subset[pos] != '\'')) {
      continue;  // SYSTEM or PUBLIC: external, never resolved
    }
    std::size_t close = subset.find(subset[pos], pos + 1);
    if (close == std::string_view::npos) break;
    std::string_view value = subset.substr(pos + 1, close - pos - 1);
    if (out.size() < model::limits::k_max_entity_declarations && is_safe_value(value)) {
      out.emplace(std::move(name), std::string(value));
    }
    pos = close + 1;
  }
  return out;
}

// The first position at or after `from` where repair has anything to look at: an '&', or a '<'
// followed by '!' or '?' (only those can start what skip_literal skips); s.size() when there is
// none. Everything else is copied as it stands, so this is the scan every document pays:
// sixteen bytes at a time where SSE2 is available (every x86-64).
std::size_t next_candidate(std::string_view s, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i bang = _mm_set1_epi8('!');
  const __m128i question = _mm_set1_epi8('?');
  while (i + 17 <= s.size()) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 1));
    const __m128i opens =
        _mm_or_si128(_mm_cmpeq_epi8(after, bang), _mm_cmpeq_epi8(after, question));
    const __m128i hits =
        _mm_or_si128(_mm_cmpeq_epi8(here, amp), _mm_and_si128(_mm_cmpeq_epi8(here, lt), opens));
    if (const int mask = _mm_movemask_epi8(hits); mask != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
    i += 16;
  }
#endif
  for (; i < s.size(); ++i) {
    if (s[i] == '&') return i;
    if (s[i] == '<' && i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) return i;
  }
  return s.size();
}

// One pass of repair over the document, and recursively over declared entities' values. What
// stays as written is appended in runs, and nothing at all until the first rewrite: the
// document is copied only when it needs repair (about 3% of feeds).
class Repairer {
 public:
  Repairer(Declarations declarations, std::size_t limit, std::size_t reserve)
      : m_declarations(std::move(declarations)), m_limit(limit), m_reserve(reserve) {}

  // Appends the repaired `text` to the result (nothing, at the top level, while nothing was
  // rewritten); false when the result outgrew the limit.
  bool run(std::string_view text);

  // False when the document needs no repair: result() is then empty and the document stands.
  bool rewritten() const { return m_rewritten; }
  Repaired& result() { return m_result; }

 private:
  void problem(std::string what) {
    if (m_result.problem.empty()) m_result.problem = std::move(what);
  }
  // Whether the result would be over the limit with text[kept, at) appended.
  bool over_limit(std::size_t kept, std::size_t at) const {
    return m_result.text.size() + (at - kept) > m_limit + m_expanded;
  }
  // Appends text[kept, at), which stays as written, before a rewrite at `at`.
  void start_rewrite(std::string_view text, std::size_t kept, std::size_t at);
  std::size_t ampersand(std::string_view text, std::size_t i, std::size_t& kept);
  void named(std::string_view name);

  Declarations m_declarations;
  std::size_t m_limit;
  std::size_t m_reserve;
  std::size_t m_expanded = 0;  // bytes produced by entity expansion so far
  bool m_rewritten = false;
  bool m_over_limit = false;  // an expansion outgrew the limit
  Repaired m_result;
};

void Repairer::start_rewrite(std::string_view text, std::size_t kept, std::size_t at) {
  if (!m_rewritten) {
    m_rewritten = true;
    m_result.text.reserve(m_reserve);
  }
  m_result.text.append(text.substr(kept, at - kept));
}

// The reference or bare ampersand at text[i] ('&'): returns where the text goes on. A reference
// that stays as written is left for the caller to copy; `kept` moves past what was rewritten.
std::size_t Repairer::ampersand(std::string_view text, std::size_t i, std::size_t& kept) {
  if (std::size_t n =
          (i + 1 < text.size() && text[i + 1] == '#') ? numeric_reference(text, i) : 0) {
    std::uint32_t cp = reference_value(text.substr(i, n));
    std::uint32_t fixed = repaired_code_point(cp);
    if (fixed == cp && text[i + 2] != 'X') return i + n;
    start_rewrite(text, kept, i);
    m_result.text += "&#" + std::to_string(fixed) + ";";
    bool c1 = cp >= 0x80 && cp <= 0x9F;  // well-formed XML, only a Windows habit
    if (!c1) problem("reference to invalid character number");
    kept = i + n;
    return kept;
  }
  std::size_t j = i + 1;
  while (j < text.size() && is_name_char(text[j])) ++j;
  std::string_view name = text.substr(i + 1, j - i - 1);
  if (name.empty() || j >= text.size() || text[j] != ';') {
    start_rewrite(text, kept, i);
    m_result.text += "&amp;";  // a bare ampersand (`?a=1&b=2` in a link)
    problem("not well-formed (invalid token)");
    kept = i + 1;
    return kept;
  }
  if (is_xml_entity(name)) return j + 1;
  start_rewrite(text, kept, i);
  named(name);
  kept = j + 1;
  return kept;
}

void Repairer::named(std::string_view name) {
  if (auto it = m_declarations.find(name); it != m_declarations.end()) {
    // XML 1.0 §4.4.5: the replacement text is parsed in place (safe values hold no further
    // references). The total is bounded: a long value referenced a million times stops at
    // the limit instead of filling memory.
    if (m_expanded + it->second.size() > model::limits::k_max_entity_expansion_bytes) {
      problem("entity expansion limit exceeded at &" + std::string(name) + ";");
      return;
    }
    m_expanded += it->second.size();
    if (!run(it->second)) m_over_limit = true;
  } else if (std::optional<std::uint32_t> cp = html_entity(name)) {
    m_result.text += "&#" + std::to_string(*cp) + ";";
    problem("undefined entity &" + std::string(name) + ";");
  } else {
    m_result.text += "&amp;";
    m_result.text.append(name);
    m_result.text += ';';
    problem("undefined entity &" + std::string(name) + ";");
  }
}

// The limit is checked where the one-character-at-a-time rewrite this replaces checked it, as
// far as the outcome goes: after each reference, and after the last of each run of plain text
// (the result only grows between them, and only expansions raise the limit); never right after
// a literal, which was copied unchecked. Expansions are budgeted on their own; the rest of the
// growth is repair.
bool Repairer::run(std::string_view text) {
  std::size_t kept = 0;  // text[kept, i) stays as written and is not appended yet
  std::size_t i = 0;
  std::size_t step_end = 0;  // where the last reference or literal ended
  while ((i = next_candidate(text, i)) < text.size()) {
    if (i > step_end && over_limit(kept, i)) return false;
    if (text[i] == '&') {
      i = ampersand(text, i, kept);
      if (m_over_limit || over_limit(kept, i)) return false;
    } else if (std::size_t end = skip_literal(text, i); end != std::string_view::npos) {
      i = end;  // copied unchanged
    } else {
      ++i;  // a '<' that opens nothing: plain text
      continue;
    }
    step_end = i;
  }
  if (text.size() > step_end && over_limit(kept, text.size())) return false;
  if (m_rewritten) m_result.text.append(text.substr(kept));
  return true;
}

}  // namespace

Repaired repair_entities(std::string text) {
  std::size_t limit = text.size() * model::limits::k_max_repair_growth + 1024;
  Repairer repairer(declared_entities(text), limit, text.size() + text.size() / 16);
  if (!repairer.run(text)) return {std::move(text), "document too broken to repair"};
  if (!repairer.rewritten()) return {std::move(text), ""};
  return std::move(repairer.result());
}

namespace {

bool is_tag_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_tag_char(char c) { return is_tag_start(c) || is_name_char(c); }

// The end of the start or end tag at s[i] ('<'): the index after its '>', honouring quoted
// attribute values; npos when the document ends first. `no_quote_from[q]` remembers where a
// search for the closing quote `q` already ran to the end of the document unanswered, so that
// many unterminated quotes cost one scan, not one each.
std::size_t tag_end(std::string_view s, std::size_t i, std::size_t (&no_quote_from)[2]) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    char c = s[j];
    if (c == '"' || c == '\'') {
      std::size_t& known = no_quote_from[c == '"' ? 0 : 1];
      if (j >= known) return std::string_view::npos;
      std::size_t close = s.find(c, j + 1);
      if (close == std::string_view::npos) {
        known = j;
        return std::string_view::npos;
      }
      j = close;
    } else if (c == '>') {
      return j + 1;
    } else if (c == '<') {
      return std::string_view::npos;  // `<a href="x" <b>`: a broken tag, not a tag
    }
  }
  return std::string_view::npos;
}

// The local name of a qualified tag name, lower case ASCII, for the feed-structure tests.
std::string local_lower(std::string_view name) {
  std::size_t colon = name.find(':');
  if (colon != std::string_view::npos) name = name.substr(colon + 1);
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Elements of feed formats that hold text, never another element of the feed: when one is
// left open, the next feed element starts after it (as HTML's <p> ends at the next block).
// Not `author` or `contributor`: Atom's hold `name`, `email` and `uri`.
bool is_text_element(std::string_view local) {
  static constexpr std::string_view k_text[] = {
      "title",    "link",     "description", "guid",          "pubdate",        "category",
      "comments", "creator",  "date",        "subject",       "name",           "email",
      "uri",      "id",       "updated",     "published",     "issued",         "modified",
      "created",  "language", "rights",      "copyright",     "generator",      "subtitle",
      "tagline",  "summary",  "encoded",     "lastbuilddate", "managingeditor", "webmaster",
      "ttl",      "icon",     "logo"};
  for (std::string_view t : k_text) {
    if (t == local) return true;
  }
  return false;
}

bool is_entry_element(std::string_view local) { return local == "item" || local == "entry"; }

// A person left open (RSS's <author> holds text, Atom's holds these) ends at any other feed
// element.
bool is_person_element(std::string_view local) {
  return local == "author" || local == "contributor";
}

bool is_person_part(std::string_view local) {
  return local == "name" || local == "email" || local == "uri";
}

// The element stack of balance_tags, with an index from name to the positions where it is
// open, so that matching a close tag costs no search through the stack.
class OpenElements {
 public:
  explicit OpenElements(std::string& out) : m_out(out) {}

  std::size_t size() const { return m_open.size(); }
  std::string_view top() const { return m_open.back(); }

  void push(std::string_view name, bool entry) {
    m_where[name].push_back(m_open.size());
    if (entry) m_entries.push_back(m_open.size());
    m_open.push_back(name);
  }

  // The position of the innermost open `name`, or npos.
  std::size_t find(std::string_view name) const {
    auto it = m_where.find(name);
    return it == m_where.end() || it->second.empty() ? std::string_view::npos : it->second.back();
  }

  // The position of the innermost open item or entry, or npos.
  std::size_t innermost_entry() const {
    return m_entries.empty() ? std::string_view::npos : m_entries.back();
  }

  // Writes close tags for everything open from position `keep` on.
  void close_from(std::size_t keep) {
    while (m_open.size() > keep) {
      m_out += "</";
      m_out.append(m_open.back());
      m_out += '>';
      m_where[m_open.back()].pop_back();
      m_open.pop_back();
      if (!m_entries.empty() && m_entries.back() == m_open.size()) m_entries.pop_back();
    }
  }

 private:
  std::string& m_out;
  std::vector<std::string_view> m_open;
  std::vector<std::size_t> m_entries;  // positions of the open items and entries
  std::unordered_map<std::string_view, std::vector<std::size_t>> m_where;
};

}  // namespace

std::string balance_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 64);
  OpenElements open(out);
  std::size_t no_quote_from[2] = {s.size(), s.size()};
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '<') {
      std::size_t next = s.find('<', i);
      if (next == std::string_view::npos) next = s.size();
      out.append(s.substr(i, next - i));
      i = next;
      continue;
    }
    if (std::size_t end = skip_literal(s, i); end != std::string_view::npos) {
      out.append(s.substr(i, end - i));
      i = end;
      continue;
    }
    bool closing = i + 1 < s.size() && s[i + 1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= s.size() || !is_tag_start(s[name_start])) {
      out += "&lt;";  // a stray `<` in text
      ++i;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < s.size() && is_tag_char(s[name_end])) ++name_end;
    std::string_view name = s.substr(name_start, name_end - name_start);
    std::size_t end = tag_end(s, i, no_quote_from);
    if (end == std::string_view::npos) {
      // Truncated or broken tag: skip to the next '<' (or the end).
      std::size_t next = s.find('<', i + 1);
      i = next == std::string_view::npos ? s.size() : next;
      continue;
    }
    if (closing) {
      std::size_t match = open.find(name);
      if (match != std::string_view::npos) {
        open.close_from(match);  // closes `name` and all opened after it
      }
    } else {
      std::string local = local_lower(name);
      const bool feed_element =
          is_text_element(local) || is_entry_element(local) || is_person_element(local);
      // An entry never holds another: a new one closes the one left open (and what is open
      // in it), so each entry costs at most itself.
      if (is_entry_element(local)) {
        if (std::size_t entry = open.innermost_entry(); entry != std::string_view::npos) {
          open.close_from(entry);
        }
      } else if (feed_element && open.size() > 0) {
        // A text element left open ends where the next feed element starts.
        std::string top = local_lower(open.top());
        if (is_text_element(top) || (is_person_element(top) && !is_person_part(local))) {
          open.close_from(open.size() - 1);
        }
      }
      out.append(s.substr(i, end - i));
      if (s[end - 2] != '/') open.push(name, is_entry_element(local));
    }
    i = end;
  }
  open.close_from(0);
  return out;
}

}  // namespace orrery::parse
