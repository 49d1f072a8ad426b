#include "sanitise/refs_as_written.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "sanitise/tokenizer.h"
#include "util/utf8.h"

namespace orrery::sanitise::detail {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_hex(std::string& out, char32_t c) {
  std::string digits;
  do {
    digits.insert(digits.begin(), k_hex[c & 0xf]);
    c >>= 4;
  } while (c != 0);
  out += digits;
}

void append_escaped(std::string& out, char c, RefContext context) {
  switch (c) {
    case '&':
      out += "&amp;";
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '"':
      out += context == RefContext::attribute ? "&quot;" : "\"";
      return;
    default:
      out += c;
  }
}

struct WrittenReference {
  std::size_t length = 0;  // of the reference in the source, 0 when it is none we keep
  char32_t value = 0;      // what it decodes to
  std::string written;     // how feedparser writes it back
};

// A numeric reference `&#…;` at the start of `in`, when it means a character HTML keeps (read
// by the tokenizer's reader: tokenizer.h).
WrittenReference numeric_reference(std::string_view in) {
  const NumericReference numeric = read_numeric_reference(in, 0);
  if (numeric.digits == 0 || !numeric.terminated || numeric.value > 0x10ffff) {
    return {};
  }
  const std::uint32_t value = numeric.value;
  const std::size_t at = numeric.end - 1;  // the ';'
  // NUL, surrogates and C0/C1 controls are replaced or reported by the HTML parser.
  if (value == 0 || (value >= 0xd800 && value <= 0xdfff) ||
      (value < 0x20 && value != '\t' && value != '\n' && value != '\f')) {
    return {};
  }
  WrittenReference ref;
  ref.length = at + 1;
  if (value >= 0x80 && value <= 0x9f) {
    const char32_t meant = windows_1252_c1(value);
    if (meant == 0) {
      return {};
    }
    ref.value = meant;
    ref.written = "&#x";
    append_hex(ref.written, meant);
    ref.written += ';';
    return ref;
  }
  ref.value = value;
  ref.written = "&#";
  for (std::size_t i = 2; i < at; ++i) {
    char c = in[i];
    ref.written += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  ref.written += ';';
  return ref;
}

struct Named {
  std::string_view name;
  char32_t value;
};

// The names feedparser writes back as written: Python's html.entities.name2codepoint (HTML 4's
// 252) and `apos`, sorted for the binary search.
constexpr std::array<Named, 253> k_named = {
    {{"AElig", 0xc6},     {"Aacute", 0xc1},   {"Acirc", 0xc2},     {"Agrave", 0xc0},
     {"Alpha", 0x391},    {"Aring", 0xc5},    {"Atilde", 0xc3},    {"Auml", 0xc4},
     {"Beta", 0x392},     {"Ccedil", 0xc7},   {"Chi", 0x3a7},      {"Dagger", 0x2021},
     {"Delta", 0x394},    {"ETH", 0xd0},      {"Eacute", 0xc9},    {"Ecirc", 0xca},
     {"Egrave", 0xc8},    {"Epsilon", 0x395}, {"Eta", 0x397},      {"Euml", 0xcb},
     {"Gamma", 0x393},    {"Iacute", 0xcd},   {"Icirc", 0xce},     {"Igrave", 0xcc},
     {"Iota", 0x399},     {"Iuml", 0xcf},     {"Kappa", 0x39a},    {"Lambda", 0x39b},
     {"Mu", 0x39c},       {"Ntilde", 0xd1},   {"Nu", 0x39d},       {"OElig", 0x152},
     {"Oacute", 0xd3},    {"Ocirc", 0xd4},    {"Ograve", 0xd2},    {"Omega", 0x3a9},
     {"Omicron", 0x39f},  {"Oslash", 0xd8},   {"Otilde", 0xd5},    {"Ouml", 0xd6},
     {"Phi", 0x3a6},      {"Pi", 0x3a0},      {"Prime", 0x2033},   {"Psi", 0x3a8},
     {"Rho", 0x3a1},      {"Scaron", 0x160},  {"Sigma", 0x3a3},    {"THORN", 0xde},
     {"Tau", 0x3a4},      {"Theta", 0x398},   {"Uacute", 0xda},    {"Ucirc", 0xdb},
     {"Ugrave", 0xd9},    {"Upsilon", 0x3a5}, {"Uuml", 0xdc},      {"Xi", 0x39e},
     {"Yacute", 0xdd},    {"Yuml", 0x178},    {"Zeta", 0x396},     {"aacute", 0xe1},
     {"acirc", 0xe2},     {"acute", 0xb4},    {"aelig", 0xe6},     {"agrave", 0xe0},
     {"alefsym", 0x2135}, {"alpha", 0x3b1},   {"amp", 0x26},       {"and", 0x2227},
     {"ang", 0x2220},     {"apos", 0x27},     {"aring", 0xe5},     {"asymp", 0x2248},
     {"atilde", 0xe3},    {"auml", 0xe4},     {"bdquo", 0x201e},   {"beta", 0x3b2},
     {"brvbar", 0xa6},    {"bull", 0x2022},   {"cap", 0x2229},     {"ccedil", 0xe7},
     {"cedil", 0xb8},     {"cent", 0xa2},     {"chi", 0x3c7},      {"circ", 0x2c6},
     {"clubs", 0x2663},   {"cong", 0x2245},   {"copy", 0xa9},      {"crarr", 0x21b5},
     {"cup", 0x222a},     {"curren", 0xa4},   {"dArr", 0x21d3},    {"dagger", 0x2020},
     {"darr", 0x2193},    {"deg", 0xb0},      {"delta", 0x3b4},    {"diams", 0x2666},
     {"divide", 0xf7},    {"eacute", 0xe9},   {"ecirc", 0xea},     {"egrave", 0xe8},
     {"empty", 0x2205},   {"emsp", 0x2003},   {"ensp", 0x2002},    {"epsilon", 0x3b5},
     {"equiv", 0x2261},   {"eta", 0x3b7},     {"eth", 0xf0},       {"euml", 0xeb},
     {"euro", 0x20ac},    {"exist", 0x2203},  {"fnof", 0x192},     {"forall", 0x2200},
     {"frac12", 0xbd},    {"frac14", 0xbc},   {"frac34", 0xbe},    {"frasl", 0x2044},
     {"gamma", 0x3b3},    {"ge", 0x2265},     {"gt", 0x3e},        {"hArr", 0x21d4},
     {"harr", 0x2194},    {"hearts", 0x2665}, {"hellip", 0x2026},  {"iacute", 0xed},
     {"icirc", 0xee},     {"iexcl", 0xa1},    {"igrave", 0xec},    {"image", 0x2111},
     {"infin", 0x221e},   {"int", 0x222b},    {"iota", 0x3b9},     {"iquest", 0xbf},
     {"isin", 0x2208},    {"iuml", 0xef},     {"kappa", 0x3ba},    {"lArr", 0x21d0},
     {"lambda", 0x3bb},   {"lang", 0x2329},   {"laquo", 0xab},     {"larr", 0x2190},
     {"lceil", 0x2308},   {"ldquo", 0x201c},  {"le", 0x2264},      {"lfloor", 0x230a},
     {"lowast", 0x2217},  {"loz", 0x25ca},    {"lrm", 0x200e},     {"lsaquo", 0x2039},
     {"lsquo", 0x2018},   {"lt", 0x3c},       {"macr", 0xaf},      {"mdash", 0x2014},
     {"micro", 0xb5},     {"middot", 0xb7},   {"minus", 0x2212},   {"mu", 0x3bc},
     {"nabla", 0x2207},   {"nbsp", 0xa0},     {"ndash", 0x2013},   {"ne", 0x2260},
     {"ni", 0x220b},      {"not", 0xac},      {"notin", 0x2209},   {"nsub", 0x2284},
     {"ntilde", 0xf1},    {"nu", 0x3bd},      {"oacute", 0xf3},    {"ocirc", 0xf4},
     {"oelig", 0x153},    {"ograve", 0xf2},   {"oline", 0x203e},   {"omega", 0x3c9},
     {"omicron", 0x3bf},  {"oplus", 0x2295},  {"or", 0x2228},      {"ordf", 0xaa},
     {"ordm", 0xba},      {"oslash", 0xf8},   {"otilde", 0xf5},    {"otimes", 0x2297},
     {"ouml", 0xf6},      {"para", 0xb6},     {"part", 0x2202},    {"permil", 0x2030},
     {"perp", 0x22a5},    {"phi", 0x3c6},     {"pi", 0x3c0},       {"piv", 0x3d6},
     {"plusmn", 0xb1},    {"pound", 0xa3},    {"prime", 0x2032},   {"prod", 0x220f},
     {"prop", 0x221d},    {"psi", 0x3c8},     {"quot", 0x22},      {"rArr", 0x21d2},
     {"radic", 0x221a},   {"rang", 0x232a},   {"raquo", 0xbb},     {"rarr", 0x2192},
     {"rceil", 0x2309},   {"rdquo", 0x201d},  {"real", 0x211c},    {"reg", 0xae},
     {"rfloor", 0x230b},  {"rho", 0x3c1},     {"rlm", 0x200f},     {"rsaquo", 0x203a},
     {"rsquo", 0x2019},   {"sbquo", 0x201a},  {"scaron", 0x161},   {"sdot", 0x22c5},
     {"sect", 0xa7},      {"shy", 0xad},      {"sigma", 0x3c3},    {"sigmaf", 0x3c2},
     {"sim", 0x223c},     {"spades", 0x2660}, {"sub", 0x2282},     {"sube", 0x2286},
     {"sum", 0x2211},     {"sup", 0x2283},    {"sup1", 0xb9},      {"sup2", 0xb2},
     {"sup3", 0xb3},      {"supe", 0x2287},   {"szlig", 0xdf},     {"tau", 0x3c4},
     {"there4", 0x2234},  {"theta", 0x3b8},   {"thetasym", 0x3d1}, {"thinsp", 0x2009},
     {"thorn", 0xfe},     {"tilde", 0x2dc},   {"times", 0xd7},     {"trade", 0x2122},
     {"uArr", 0x21d1},    {"uacute", 0xfa},   {"uarr", 0x2191},    {"ucirc", 0xfb},
     {"ugrave", 0xf9},    {"uml", 0xa8},      {"upsih", 0x3d2},    {"upsilon", 0x3c5},
     {"uuml", 0xfc},      {"weierp", 0x2118}, {"xi", 0x3be},       {"yacute", 0xfd},
     {"yen", 0xa5},       {"yuml", 0xff},     {"zeta", 0x3b6},     {"zwj", 0x200d},
     {"zwnj", 0x200c}}};

const Named* find_name(std::string_view name) {
  const auto* it =
      std::lower_bound(k_named.begin(), k_named.end(), name,
                       [](const Named& n, std::string_view key) { return n.name < key; });
  return it != k_named.end() && it->name == name ? &*it : nullptr;
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

// A named reference at the start of `in` (which starts with '&') as feedparser reads it, or
// length 0 for an '&' that starts none. In text (sgmllib's entityref): a letter, then letters,
// digits, '-' or '.', ended by ';' (consumed) or any other character (not consumed; none at
// the end of the text). In attribute values (feedparser's bare-ampersand rule): word
// characters ended by ';'.
struct NamedReference {
  std::size_t length = 0;  // consumed from the source
  std::string_view name;
  bool semicolon = false;
};

NamedReference named_reference(std::string_view in, RefContext context) {
  std::size_t end = 1;
  if (context == RefContext::text) {
    if (in.size() < 2 || !is_ascii_alpha(in[1])) {
      return {};
    }
    while (end < in.size() && (is_ascii_alnum(in[end]) || in[end] == '-' || in[end] == '.')) {
      ++end;
    }
    if (end == in.size()) {
      return {};
    }
  } else {
    while (end < in.size() && (is_ascii_alnum(in[end]) || in[end] == '_')) {
      ++end;
    }
    if (end == 1 || end == in.size() || in[end] != ';') {
      return {};
    }
  }
  NamedReference ref;
  ref.name = in.substr(1, end - 1);
  ref.semicolon = in[end] == ';';
  ref.length = end + (ref.semicolon ? 1 : 0);
  return ref;
}

}  // namespace

std::optional<std::string> refs_as_written(std::string_view decoded, std::string_view original,
                                           RefContext context) {
  std::string out;
  std::string mine;  // `original` decoded by these rules, to compare with `decoded`
  out.reserve(original.size());
  for (std::size_t at = 0; at < original.size();) {
    std::string_view rest = original.substr(at);
    if (rest.starts_with("&#")) {
      WrittenReference ref = numeric_reference(rest);
      if (ref.length == 0) {
        return std::nullopt;
      }
      util::append_utf8(mine, ref.value);
      out += ref.written;
      at += ref.length;
      continue;
    }
    if (rest[0] == '&') {
      const NamedReference ref = named_reference(rest, context);
      if (ref.length != 0) {
        // A name feedparser knows comes out as `&name;` (with or without ';' in the source);
        // in text another name comes out as `&amp;name` (its ';' dropped), in an attribute
        // value as written. None of them writes a '<' or a quote: `&lt;` stays `&lt;`.
        if (const Named* named = find_name(ref.name)) {
          util::append_utf8(mine, named->value);
          out += '&';
          out += ref.name;
          out += ';';
        } else {
          mine += '&';
          mine += ref.name;
          if (ref.semicolon) {
            mine += ';';
          }
          out += context == RefContext::text ? "&amp;" : "&";
          out += ref.name;
          if (ref.semicolon && context == RefContext::attribute) {
            out += ';';
          }
        }
        at += ref.length;
        continue;
      }
    }
    char c = rest[0];
    if (c == '\r') {  // the parser normalises CR LF and CR to LF
      c = '\n';
      if (rest.size() > 1 && rest[1] == '\n') {
        ++at;
      }
    }
    mine += c;
    append_escaped(out, c, context);
    ++at;
  }
  if (mine != decoded) {
    return std::nullopt;
  }
  return out;
}

}  // namespace orrery::sanitise::detail
