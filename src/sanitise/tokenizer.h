#pragma once
// tokenizer: the one HTML tokenizer of sanitise/ (WHATWG HTML §13.2.5), and the one decoder of
// character references. Internal to sanitise/.
//
// Every pass over markup in sanitise/ reads it through this file:
// - fast_tree.cpp (the tree builder that replaces gumbo on plain feed HTML) takes its tokens
//   from Tokenizer, with attribute values decoded, and gives up on any token the tokenizer
//   flags as irregular (a parse error whose repair it does not model);
// - nesting_guard.cpp (the pre-parse depth bound) takes the same tokens without attributes;
// - source_rules.cpp and script_rule.cpp apply feedparser's rules, which read markup as
//   feedparser's sgmllib does, not as HTML5 does: their boundaries are the `sgml` functions
//   below (a second dialect, on the same character classes), not the HTML5 states;
// - sanitise.cpp reads an <iframe>'s attributes with read_tag.
//
// The tokenizer follows the HTML5 states for tags (tag name, attribute name and value states:
// '>' inside a quoted value does not end a tag, '>' after a stray quote in a name does),
// comments (including the abrupt "<!-->" and "--!>"), bogus comments and doctypes (to the next
// '>'), and raw text (the consumer, which knows the tree, says when an element's content is
// raw: raw_text_end). It does not change the input: CR, NUL and controls are the caller's
// business (gumbo_tree.h's bounded_input).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orrery::sanitise::detail {

// --- character classes ---
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
// Tokenizer whitespace: tab, LF, FF, space (and CR, which input preprocessing turns into LF).
inline bool is_tag_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
// The same without CR, for input known to hold none (fast_tree.h: changes_on_input).
inline bool is_space_no_cr(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }

// Calls visit(lt) for each '<' in html at or after `from`, in order (memchr), until it returns
// false.
template <typename Visit>
void for_each_lt(std::string_view html, Visit visit, std::size_t from = 0) {
  const char* begin = html.data();
  const char* end = begin + html.size();
  for (const char* p = begin + std::min(from, html.size());
       (p = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(end - p)))) !=
       nullptr;
       ++p) {
    if (!visit(static_cast<std::size_t>(p - begin))) {
      return;
    }
  }
}

// --- character references ---

// What a numeric reference "&#…" at in[pos] says, before any rule about its value: the digits
// as read (the value saturates above U+10FFFF) and whether a ';' ends them.
struct NumericReference {
  std::size_t end = 0;      // one past the ';' (or past the digits when there is none)
  std::uint32_t value = 0;  // at most 0x110000
  std::size_t digits = 0;   // how many digits (0: "&#;", "&#x" and the like)
  bool hex = false;         // "&#x" / "&#X"
  bool terminated = false;  // a ';' follows the digits
};
NumericReference read_numeric_reference(std::string_view in, std::size_t pos);

// The windows-1252 meaning HTML5 gives a numeric reference to 0x80–0x9F ("numeric character
// reference end state"); 0 for the five it leaves alone (they stay C1 controls).
std::uint32_t windows_1252_c1(std::uint32_t value);

// The named references the decoder knows (without '&' and ';'): the ones feed HTML uses, with
// their WHATWG values; nullopt for any other name. For tests: all of them, in order.
std::optional<std::uint32_t> named_reference(std::string_view name);
std::vector<std::string_view> known_named_references();

struct Reference {
  std::size_t end;  // one past the reference (pos + 1 for an '&' that is text)
  std::uint32_t code_point;
};

// The character reference at in[pos] == '&', decoded exactly as HTML5 (and gumbo) decodes it,
// for the references whose decoding has no parse error to model: numeric ones ending in ';'
// (up to 8 digits, windows-1252 for 0x80–0x9F) and the known names ending in ';'. An '&' that
// starts no reference ("&utm_source", "AT&T") is the literal '&' (end pos + 1). nullopt for
// everything else (an unknown name with ';', a legacy reference without ';', a value HTML5
// replaces or reports): the caller leaves such input to a full parser.
std::optional<Reference> read_reference(std::string_view in, std::size_t pos);

// `raw` with its references decoded by read_reference, appended to `out`; false (and `out`
// unusable) when read_reference gives nullopt for one of them.
bool decode_references(std::string_view raw, std::string& out);

// --- tags ---

struct Attribute {
  std::string name;  // lower case
  std::size_t name_from = 0, name_to = 0;
  std::string value;                         // decoded (TagRead::decoded only)
  std::size_t value_from = 0, value_to = 0;  // as written, quotes included; the name when none
};

// Parse errors in a tag that change what it means in ways a simple consumer need not model.
enum TagIrregularity : unsigned {
  k_tag_odd_attribute_name = 1u << 0,   // '"', '\'' or '<' in a name, or a name starting '='
  k_tag_odd_unquoted_value = 1u << 1,   // '"', '\'', '<', '=', '`' or '&' in an unquoted value
  k_tag_missing_value = 1u << 2,        // "name=>"
  k_tag_duplicate_attribute = 1u << 3,  // the tokenizer drops the second
  k_tag_end_tag_attributes = 1u << 4,   // attributes on an end tag (dropped)
  k_tag_undecoded_reference = 1u << 5,  // a value read_reference cannot decode
};

struct Tag {
  bool end_tag = false;
  std::string name;  // lower case
  std::size_t name_from = 0, name_to = 0;
  bool self_closing = false;                 // ends with "/>"
  std::size_t end = std::string_view::npos;  // one past '>'; npos when the input ends first
  std::vector<Attribute> attributes;         // the first `count` are this tag's (reused buffers)
  std::size_t count = 0;
  // TagIrregularity bits; duplicates and references are looked for only when attributes are
  // read (not TagRead::names_only), undecodable references only when they are decoded.
  unsigned irregular = 0;
};

enum class TagRead {
  names_only,  // the tag's name, end and self-closing flag; attributes are skipped
  raw,         // attributes too, with their source ranges (values not decoded)
  decoded,     // attributes with values decoded (read_reference)
};

// Reads the start or end tag at in[pos] ('<' and a letter, or "</"), following the tag name,
// attribute and value states exactly. `tag`'s buffers are reused from call to call.
void read_tag(std::string_view in, std::size_t pos, Tag& tag, TagRead read);

// --- comments and raw text ---

// One past the end of the comment opened at `pos` ("<!--"): after the first "-->" or "--!>",
// or the abrupt "<!-->" and "<!--->"; npos when the comment runs to the end of the input.
std::size_t comment_end(std::string_view in, std::size_t pos);

// Where the raw text of element `name` that started at `from` ends: at the first "</name"
// followed by whitespace, '/' or '>' (any case); npos when it runs to the end of the input.
std::size_t raw_text_end(std::string_view in, std::size_t from, std::string_view name);

// --- the token stream ---

enum class TokenKind {
  text,       // [from, end): characters (with references still encoded); a '<' that opens
              // nothing is part of the text
  start_tag,  // Tokenizer::tag(); end npos: cut by the end of the input (HTML5 drops it)
  end_tag,
  comment,  // "<!--" … (end npos: runs to the end of the input)
  cdata,    // "<![CDATA[" … "]]>", only where the consumer allows it (foreign content)
  bogus,    // "<!" that opens no comment (doctype, bogus comment), "<?", "</" and a
            // non-letter: to the next '>' (end npos: none); a "</" the input ends with
  end_of_input,
};

struct Token {
  TokenKind kind = TokenKind::end_of_input;
  std::size_t from = 0;
  std::size_t end = 0;  // one past the token, npos when the input ends inside it
  // Comments only: the body (between "<!--" and the closing "-->"), and whether it is regular:
  // closed by "-->", no "--" before that, not the abrupt "<!-->"/"<!--->".
  std::size_t body_from = 0, body_to = 0;
  bool regular = false;
};

// A pull tokenizer over `in`. next() returns the next token; after a tag, tag() holds it.
// The consumer moves on past raw text (skip_to) and decides where CDATA sections are allowed.
class Tokenizer {
 public:
  Tokenizer(std::string_view in, TagRead read) : m_in(in), m_read(read) {}

  const Token& next();  // inline below: the fast path calls it for every token
  const Tag& tag() const { return m_tag; }
  std::size_t position() const { return m_pos; }
  // Continues at `pos` (past raw text, a skipped newline; npos: the end of the input).
  void skip_to(std::size_t pos) { m_pos = pos < m_in.size() ? pos : m_in.size(); }
  // Whether "<![CDATA[" opens a CDATA section (in SVG/MathML) rather than a bogus comment.
  void allow_cdata(bool allowed) { m_cdata = allowed; }

 private:
  const Token& next_markup();

  std::string_view m_in;
  TagRead m_read;
  std::size_t m_pos = 0;
  bool m_cdata = false;
  Token m_token;
  Tag m_tag;
};

// Whether the '<' at in[lt] opens a token: a letter, '/', '!' or '?' follows it.
inline bool opens_markup(std::string_view in, std::size_t lt) {
  if (lt + 1 >= in.size()) {
    return false;
  }
  const char next = in[lt + 1];
  return is_alpha(next) || next == '/' || next == '!' || next == '?';
}

inline const Token& Tokenizer::next() {
  Token& token = m_token;
  const std::size_t n = m_in.size();
  const std::size_t lt = m_pos;
  token.from = lt;
  if (lt >= n) {
    token.kind = TokenKind::end_of_input;
    token.end = n;
    return token;
  }
  if (m_in[lt] == '<' && lt + 1 < n) {
    const char next = m_in[lt + 1];
    if (is_alpha(next) || (next == '/' && lt + 2 < n && is_alpha(m_in[lt + 2]))) {
      read_tag(m_in, lt, m_tag, m_read);
      token.kind = m_tag.end_tag ? TokenKind::end_tag : TokenKind::start_tag;
      token.end = m_tag.end;
      m_pos = m_tag.end == std::string_view::npos ? n : m_tag.end;
      return token;
    }
    if (next == '/' || next == '!' || next == '?') {
      return next_markup();
    }
  }
  // Text runs to the next '<' that opens something; a '<' that opens nothing is text.
  std::size_t end = lt + 1;
  while (true) {
    const std::size_t found = m_in.find('<', end);
    if (found == std::string_view::npos) {
      end = n;
      break;
    }
    end = found;
    if (opens_markup(m_in, found)) {
      break;
    }
    ++end;
  }
  token.kind = TokenKind::text;
  token.end = end;
  m_pos = end;
  return token;
}

// --- feedparser's sgmllib dialect (source_rules.cpp, script_rule.cpp) ---
// feedparser reads markup with sgmllib's patterns, which are not HTML5's; its rules are applied
// to the source with the same boundaries. Each search remembers where it found nothing, so
// hostile input stays linear.
class SgmlScanner {
 public:
  explicit SgmlScanner(std::string_view in) : m_in(in) {}

  // Where the tag whose '<' is at `lt` ends, by feedparser's patched sgmllib "endbracket": the
  // first '<' or '>' after it, skipping a quoted value when the closing quote is followed by
  // '>', '/', whitespace or the next "name="; npos when there is none (sgmllib then writes the
  // '<' as text).
  std::size_t tag_end(std::size_t lt);

  // One past the end of the comment whose "<!--" is at `lt`: sgmllib's "--", optional
  // whitespace, '>'; else feedparser's fallback, the first '>' after a later "--"; npos when
  // neither exists (feedparser then drops the rest of the fragment).
  std::size_t comment_end(std::size_t lt);

 private:
  std::size_t find_quote(char quote, std::size_t from);
  std::size_t find_bracket(std::size_t from);
  bool closes_value(std::size_t at) const;

  std::string_view m_in;
  std::size_t m_no_double_from = std::string_view::npos;
  std::size_t m_no_single_from = std::string_view::npos;
  std::size_t m_no_bracket_from = std::string_view::npos;
  std::size_t m_no_comment_close_from = std::string_view::npos;
};

// Python's \s, which sgmllib's patterns use: the tokenizer's whitespace and vertical tab.
inline bool is_sgml_space(char c) { return is_tag_space(c) || c == '\v'; }

// sgmllib's tag name characters, plus ':' (a namespaced name is one name).
inline bool is_sgml_name_char(char c) {
  return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

}  // namespace orrery::sanitise::detail
