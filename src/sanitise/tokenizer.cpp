#include "sanitise/tokenizer.h"

#include <algorithm>
#include <array>

#include "util/strings.h"
#include "util/utf8.h"

namespace orrery::sanitise::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;

struct NamedReference {
  std::string_view name;  // without '&' and ';'
  std::uint32_t code_point;
};

// Named references the decoder knows: the ones feed HTML uses, with their WHATWG values
// (HTML 4's lang/rang differ and are left out). Sorted for binary search. Anything else is left
// to a full parser (gumbo knows all 2,231); fast_tree_test checks every row against gumbo.
constexpr std::array<NamedReference, 109> k_named_references{{
    {"Aacute", 0xC1},   {"Agrave", 0xC0},   {"Auml", 0xC4},     {"Ccedil", 0xC7},
    {"Eacute", 0xC9},   {"Egrave", 0xC8},   {"Ouml", 0xD6},     {"Uuml", 0xDC},
    {"aacute", 0xE1},   {"acirc", 0xE2},    {"acute", 0xB4},    {"aelig", 0xE6},
    {"agrave", 0xE0},   {"alpha", 0x3B1},   {"amp", 0x26},      {"apos", 0x27},
    {"aring", 0xE5},    {"atilde", 0xE3},   {"auml", 0xE4},     {"bdquo", 0x201E},
    {"beta", 0x3B2},    {"brvbar", 0xA6},   {"bull", 0x2022},   {"ccedil", 0xE7},
    {"cedil", 0xB8},    {"cent", 0xA2},     {"copy", 0xA9},     {"curren", 0xA4},
    {"dagger", 0x2020}, {"darr", 0x2193},   {"deg", 0xB0},      {"divide", 0xF7},
    {"eacute", 0xE9},   {"ecirc", 0xEA},    {"egrave", 0xE8},   {"emsp", 0x2003},
    {"ensp", 0x2002},   {"eth", 0xF0},      {"euml", 0xEB},     {"euro", 0x20AC},
    {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},   {"gt", 0x3E},
    {"harr", 0x2194},   {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED},
    {"icirc", 0xEE},    {"iexcl", 0xA1},    {"igrave", 0xEC},   {"infin", 0x221E},
    {"iquest", 0xBF},   {"iuml", 0xEF},     {"laquo", 0xAB},    {"larr", 0x2190},
    {"ldquo", 0x201C},  {"le", 0x2264},     {"lsaquo", 0x2039}, {"lsquo", 0x2018},
    {"lt", 0x3C},       {"macr", 0xAF},     {"mdash", 0x2014},  {"micro", 0xB5},
    {"middot", 0xB7},   {"minus", 0x2212},  {"nbsp", 0xA0},     {"ndash", 0x2013},
    {"ne", 0x2260},     {"not", 0xAC},      {"ntilde", 0xF1},   {"oacute", 0xF3},
    {"ocirc", 0xF4},    {"oelig", 0x153},   {"ograve", 0xF2},   {"ordf", 0xAA},
    {"ordm", 0xBA},     {"oslash", 0xF8},   {"otilde", 0xF5},   {"ouml", 0xF6},
    {"para", 0xB6},     {"permil", 0x2030}, {"pi", 0x3C0},      {"plusmn", 0xB1},
    {"pound", 0xA3},    {"quot", 0x22},     {"raquo", 0xBB},    {"rarr", 0x2192},
    {"rdquo", 0x201D},  {"reg", 0xAE},      {"rsaquo", 0x203A}, {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"sect", 0xA7},     {"shy", 0xAD},      {"sup1", 0xB9},
    {"sup2", 0xB2},     {"sup3", 0xB3},     {"szlig", 0xDF},    {"thinsp", 0x2009},
    {"times", 0xD7},    {"trade", 0x2122},  {"uacute", 0xFA},   {"uarr", 0x2191},
    {"ucirc", 0xFB},    {"ugrave", 0xF9},   {"uml", 0xA8},      {"uuml", 0xFC},
    {"yen", 0xA5},
}};

// The names the WHATWG table also lists without ';' (the "legacy" references, decoded even
// when no ';' follows, by longest prefix: "&copy2024" is "©2024"). An '&' followed by letters
// that start with none of them is text; one that does is left to a full parser.
constexpr std::array<std::string_view, 106> k_legacy_references{
    "AElig",  "AMP",    "Aacute", "Acirc",  "Agrave", "Aring",  "Atilde", "Auml",   "COPY",
    "Ccedil", "ETH",    "Eacute", "Ecirc",  "Egrave", "Euml",   "GT",     "Iacute", "Icirc",
    "Igrave", "Iuml",   "LT",     "Ntilde", "Oacute", "Ocirc",  "Ograve", "Oslash", "Otilde",
    "Ouml",   "QUOT",   "REG",    "THORN",  "Uacute", "Ucirc",  "Ugrave", "Uuml",   "Yacute",
    "aacute", "acirc",  "acute",  "aelig",  "agrave", "amp",    "aring",  "atilde", "auml",
    "brvbar", "ccedil", "cedil",  "cent",   "copy",   "curren", "deg",    "divide", "eacute",
    "ecirc",  "egrave", "eth",    "euml",   "frac12", "frac14", "frac34", "gt",     "iacute",
    "icirc",  "iexcl",  "igrave", "iquest", "iuml",   "laquo",  "lt",     "macr",   "micro",
    "middot", "nbsp",   "not",    "ntilde", "oacute", "ocirc",  "ograve", "ordf",   "ordm",
    "oslash", "otilde", "ouml",   "para",   "plusmn", "pound",  "quot",   "raquo",  "reg",
    "sect",   "shy",    "sup1",   "sup2",   "sup3",   "szlig",  "thorn",  "times",  "uacute",
    "ucirc",  "ugrave", "uml",    "uuml",   "yacute", "yen",    "yuml",
};

bool starts_with_legacy_reference(std::string_view name) {
  return std::any_of(
      k_legacy_references.begin(), k_legacy_references.end(),
      [&](std::string_view legacy) { return name.substr(0, legacy.size()) == legacy; });
}

// WHATWG "numeric character reference end state": the windows-1252 meaning of 0x80–0x9F.
// 0 marks the five the table leaves alone (they stay C1 controls).
constexpr std::array<std::uint16_t, 32> k_windows_1252{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The code point a numeric reference decodes to, when HTML5 (and gumbo) decodes it to exactly
// that without a parse error a consumer would have to model: nullopt for 0, surrogates, values
// past U+10FFFF, controls, noncharacters and the unmapped C1 values.
std::optional<std::uint32_t> numeric_value(std::uint32_t value) {
  if (value >= 0x80 && value <= 0x9F) {
    const std::uint32_t mapped = k_windows_1252[value - 0x80];
    return mapped == 0 ? std::nullopt : std::optional<std::uint32_t>(mapped);
  }
  if (value == 0 || (value < 0x20 && value != '\t' && value != '\n') || value == 0x7F ||
      (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF ||
      (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

// --- character references ---

NumericReference read_numeric_reference(std::string_view in, std::size_t pos) {
  NumericReference ref;
  std::size_t i = pos + 2;
  ref.hex = i < in.size() && (in[i] == 'x' || in[i] == 'X');
  if (ref.hex) {
    ++i;
  }
  const std::size_t digits_start = i;
  while (i < in.size() && (ref.hex ? is_hex_digit(in[i]) : is_digit(in[i]))) {
    const char c = in[i];
    const std::uint32_t digit = is_digit(c) ? static_cast<std::uint32_t>(c - '0')
                                            : static_cast<std::uint32_t>(ascii_lower(c) - 'a' + 10);
    ref.value = std::min<std::uint32_t>(ref.value * (ref.hex ? 16 : 10) + digit, 0x110000);
    ++i;
  }
  ref.digits = i - digits_start;
  ref.terminated = i < in.size() && in[i] == ';';
  ref.end = ref.terminated ? i + 1 : i;
  return ref;
}

std::uint32_t windows_1252_c1(std::uint32_t value) { return k_windows_1252[value - 0x80]; }

std::optional<std::uint32_t> named_reference(std::string_view name) {
  const auto* found = std::lower_bound(
      k_named_references.begin(), k_named_references.end(), name,
      [](const NamedReference& entry, std::string_view key) { return entry.name < key; });
  if (found == k_named_references.end() || found->name != name) {
    return std::nullopt;
  }
  return found->code_point;
}

std::vector<std::string_view> known_named_references() {
  std::vector<std::string_view> names;
  for (const NamedReference& entry : k_named_references) {
    names.push_back(entry.name);
  }
  return names;
}

std::optional<Reference> read_reference(std::string_view in, std::size_t pos) {
  std::size_t i = pos + 1;
  if (i >= in.size() || (!is_alnum(in[i]) && in[i] != '#')) {
    return Reference{pos + 1, '&'};
  }
  if (in[i] == '#') {
    const NumericReference numeric = read_numeric_reference(in, pos);
    // long runs of digits (overflow, leading zeros) are a full parser's business
    if (numeric.digits == 0 || numeric.digits > 8 || !numeric.terminated) {
      return std::nullopt;
    }
    const std::optional<std::uint32_t> code_point = numeric_value(numeric.value);
    if (!code_point) {
      return std::nullopt;
    }
    return Reference{numeric.end, *code_point};
  }
  while (i < in.size() && is_alnum(in[i])) {
    ++i;
  }
  const std::string_view name = in.substr(pos + 1, i - pos - 1);
  if (i < in.size() && in[i] == ';') {
    const std::optional<std::uint32_t> code_point = named_reference(name);
    if (!code_point) {
      return std::nullopt;  // one of the 2,000 names the decoder does not know, or none
    }
    return Reference{i + 1, *code_point};
  }
  if (starts_with_legacy_reference(name)) {
    return std::nullopt;
  }
  return Reference{pos + 1, '&'};  // "&utm_source", "AT&T": no reference, the '&' is text
}

bool decode_references(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t amp = raw.find('&', i);
    if (amp == npos) {
      out.append(raw.substr(i));
      break;
    }
    out.append(raw.substr(i, amp - i));
    const std::optional<Reference> reference = read_reference(raw, amp);
    if (!reference) {
      return false;
    }
    util::append_utf8(out, reference->code_point);
    i = reference->end;
  }
  return true;
}

// --- tags ---

void read_tag(std::string_view in, std::size_t pos, Tag& tag, TagRead read) {
  const bool store = read != TagRead::names_only;
  tag.end_tag = pos + 1 < in.size() && in[pos + 1] == '/';
  tag.name.clear();
  tag.count = 0;
  tag.self_closing = false;
  tag.irregular = 0;
  tag.end = npos;
  const std::size_t n = in.size();
  std::size_t i = pos + (tag.end_tag ? 2 : 1);
  tag.name_from = i;
  while (i < n && !is_tag_space(in[i]) && in[i] != '/' && in[i] != '>') {
    tag.name += ascii_lower(in[i]);
    ++i;
  }
  tag.name_to = i;
  while (true) {
    // before attribute name
    while (i < n && is_tag_space(in[i])) {
      ++i;
    }
    if (i >= n) {
      return;  // eof-in-tag: the tag is dropped
    }
    const char c = in[i];
    if (c == '>') {
      tag.end = i + 1;
      return;
    }
    if (c == '/') {
      if (i + 1 < n && in[i + 1] == '>') {
        tag.self_closing = true;
        tag.end = i + 2;
        return;
      }
      ++i;  // a stray '/' is skipped (parse error)
      continue;
    }
    if (tag.end_tag) {
      tag.irregular |= k_tag_end_tag_attributes;
    }
    // attribute name: its first character may be '=' (parse error)
    const std::size_t name_from = i;
    if (c == '=') {
      tag.irregular |= k_tag_odd_attribute_name;
      ++i;
    }
    while (i < n && !is_tag_space(in[i]) && in[i] != '/' && in[i] != '>' && in[i] != '=') {
      const char ch = in[i];
      if (ch == '"' || ch == '\'' || ch == '<') {
        tag.irregular |= k_tag_odd_attribute_name;
      }
      ++i;
    }
    const std::size_t name_to = i;
    // after attribute name
    while (i < n && is_tag_space(in[i])) {
      ++i;
    }
    std::size_t value_from = name_from;  // without a value: the name, as gumbo records it
    std::size_t value_to = name_to;
    std::size_t raw_from = 0, raw_to = 0;
    bool has_value = false;
    if (i < n && in[i] == '=') {
      ++i;
      while (i < n && is_tag_space(in[i])) {
        ++i;
      }
      if (i >= n) {
        return;
      }
      value_from = i;
      if (in[i] == '"' || in[i] == '\'') {
        const std::size_t close = in.find(in[i], i + 1);
        if (close == npos) {
          return;
        }
        raw_from = i + 1;
        raw_to = close;
        i = close + 1;
      } else if (in[i] == '>') {
        tag.irregular |= k_tag_missing_value;  // "=>": an empty value, and the tag ends
        value_to = value_from;
      } else {
        raw_from = i;
        while (i < n && !is_tag_space(in[i]) && in[i] != '>') {
          const char v = in[i];
          // '&' too: gumbo's original value of an unquoted value loses a leading reference
          if (v == '"' || v == '\'' || v == '<' || v == '=' || v == '`' || v == '&') {
            tag.irregular |= k_tag_odd_unquoted_value;
          }
          ++i;
        }
        raw_to = i;
      }
      if (in[value_from] != '>') {
        value_to = i;
        has_value = true;
      }
    }
    if (!store || tag.end_tag) {
      continue;
    }
    if (tag.count == tag.attributes.size()) {
      tag.attributes.emplace_back();
    }
    Attribute& attribute = tag.attributes[tag.count];
    attribute.name.clear();
    for (std::size_t k = name_from; k < name_to; ++k) {
      attribute.name += ascii_lower(in[k]);
    }
    attribute.name_from = name_from;
    attribute.name_to = name_to;
    attribute.value_from = value_from;
    attribute.value_to = value_to;
    attribute.value.clear();
    if (has_value && read == TagRead::decoded &&
        !decode_references(in.substr(raw_from, raw_to - raw_from), attribute.value)) {
      tag.irregular |= k_tag_undecoded_reference;
    }
    bool duplicate = false;
    for (std::size_t k = 0; k < tag.count && !duplicate; ++k) {
      duplicate = tag.attributes[k].name == attribute.name;
    }
    if (duplicate) {
      tag.irregular |= k_tag_duplicate_attribute;  // the tokenizer drops the second
    } else {
      ++tag.count;
    }
  }
}

// --- comments and raw text ---

std::size_t comment_end(std::string_view in, std::size_t pos) {
  std::string_view body = in.substr(pos + 4);
  if (body.substr(0, 1) == ">") {
    return pos + 5;
  }
  if (body.substr(0, 2) == "->") {
    return pos + 6;
  }
  std::size_t a = in.find("-->", pos + 4);
  std::size_t b = in.find("--!>", pos + 4);
  if (a == npos && b == npos) {
    return npos;
  }
  return a <= b ? a + 3 : b + 4;
}

std::size_t raw_text_end(std::string_view in, std::size_t from, std::string_view name) {
  for (std::size_t i = in.find("</", from); i != npos; i = in.find("</", i + 2)) {
    std::size_t after = i + 2 + name.size();
    if (after < in.size() && util::iequals(in.substr(i + 2, name.size()), name) &&
        (is_tag_space(in[after]) || in[after] == '/' || in[after] == '>')) {
      return i;
    }
  }
  return npos;
}

// --- the token stream ---

// Comments, CDATA sections and bogus markup at m_pos: the rare tokens, out of line.
const Token& Tokenizer::next_markup() {
  Token& token = m_token;
  const std::size_t n = m_in.size();
  const std::size_t lt = m_pos;
  const char next = m_in[lt + 1];
  const auto finish = [&](TokenKind kind, std::size_t end) -> const Token& {
    token.kind = kind;
    token.end = end;
    m_pos = end == npos ? n : end;
    return token;
  };
  if (m_in.compare(lt, 4, "<!--") == 0) {
    const std::size_t body = lt + 4;
    token.body_from = token.body_to = body;
    token.regular = false;
    if (body < n && (m_in[body] == '>' || m_in.compare(body, 2, "->") == 0)) {
      return finish(TokenKind::comment, comment_end(m_in, lt));  // "<!-->", "<!--->"
    }
    const std::size_t dashes = m_in.find("--", body);
    if (dashes != npos && m_in.compare(dashes, 3, "-->") == 0) {
      token.regular = true;
      token.body_to = dashes;
      return finish(TokenKind::comment, dashes + 3);
    }
    return finish(TokenKind::comment, comment_end(m_in, lt));
  }
  if (m_cdata && util::istarts_with(m_in.substr(lt), "<![cdata[")) {
    const std::size_t close = m_in.find("]]>", lt);
    return finish(TokenKind::cdata, close == npos ? npos : close + 3);
  }
  if (next == '/' && lt + 2 >= n) {
    return finish(TokenKind::bogus, npos);  // "</" at the end
  }
  const std::size_t gt = m_in.find('>', lt + 1);  // bogus comment, doctype, "</>", "<?"
  return finish(TokenKind::bogus, gt == npos ? npos : gt + 1);
}

// --- feedparser's sgmllib dialect ---

std::size_t SgmlScanner::tag_end(std::size_t lt) {
  std::size_t i = lt + 1;
  while (i < m_in.size()) {
    const char c = m_in[i];
    if (c == '<' || c == '>') {
      return i;
    }
    if (c == '"' || c == '\'') {
      const std::size_t close = find_quote(c, i + 1);
      if (close == npos || !closes_value(close + 1)) {
        return find_bracket(lt + 1);  // the pattern's other branch: the next '<' or '>'
      }
      i = close + 1;
      continue;
    }
    ++i;
  }
  return npos;
}

std::size_t SgmlScanner::comment_end(std::size_t lt) {
  std::size_t from = lt + 4;
  if (from < m_no_comment_close_from) {
    for (std::size_t dashes = m_in.find("--", from); dashes != npos;
         dashes = m_in.find("--", dashes + 1)) {
      std::size_t j = dashes + 2;
      while (j < m_in.size() && is_sgml_space(m_in[j])) {
        ++j;
      }
      if (j < m_in.size() && m_in[j] == '>') {
        return j + 1;
      }
    }
    m_no_comment_close_from = from;
  }
  const std::size_t dashes = m_in.find("--", from);
  if (dashes == npos) {
    return npos;
  }
  const std::size_t gt = m_in.find('>', dashes + 2);
  return gt == npos ? npos : gt + 1;
}

std::size_t SgmlScanner::find_quote(char quote, std::size_t from) {
  std::size_t& none_from = quote == '"' ? m_no_double_from : m_no_single_from;
  if (from >= none_from) {
    return npos;
  }
  const std::size_t at = m_in.find(quote, from);
  if (at == npos) {
    none_from = from;
  }
  return at;
}

std::size_t SgmlScanner::find_bracket(std::size_t from) {
  if (from >= m_no_bracket_from) {
    return npos;
  }
  const std::size_t at = m_in.find_first_of("<>", from);
  if (at == npos) {
    m_no_bracket_from = from;
  }
  return at;
}

// The lookahead after a quoted value: '>', '/', whitespace, or a word and '='.
bool SgmlScanner::closes_value(std::size_t at) const {
  if (at >= m_in.size()) {
    return false;
  }
  const char c = m_in[at];
  if (c == '>' || c == '/' || is_sgml_space(c)) {
    return true;
  }
  std::size_t j = at;
  while (j < m_in.size() && (is_alnum(m_in[j]) || m_in[j] == '_')) {
    ++j;
  }
  return j > at && j < m_in.size() && m_in[j] == '=';
}

}  // namespace orrery::sanitise::detail
