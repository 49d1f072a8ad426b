#include "parse/encoding.h"

#include <iconv.h>
#include <uchardet/uchardet.h>
#include <cerrno>

#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/limits.h"
#include "parse/single_byte.h"
#include "util/strings.h"
#include "util/utf8.h"
#include "util/utf8_scan.h"

namespace orrery::parse {

namespace {

// iconv_t owned RAII-style; iconv_open's failure value is (iconv_t)-1, mapped to nullptr.
struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

IconvHandle open_to_utf8(const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return nullptr;
  }
  return IconvHandle(cd);
}

// The name glibc's iconv (or single_byte.h) knows for an encoding label. feedparser decodes
// with Python's codecs, so a label is read as Python reads it: case and punctuation ignored
// (`ISO_8859-1:1987`, `iso8859_1` and `latin-1` are one name), then Python's aliases for the
// codecs glibc has under another name.
std::string iconv_name(std::string_view name) {
  // Python's normalize_encoding: runs of anything but letters, digits and '.' are one
  // separator (written '-' here, glibc's spelling).
  std::string n;
  for (char c : util::to_lower(util::trim(name))) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
    if (keep) {
      n += c;
    } else if (!n.empty() && n.back() != '-') {
      n += '-';
    }
  }
  while (!n.empty() && n.back() == '-') n.pop_back();
  const auto digits_after = [&n](std::string_view prefix) -> std::string {
    if (n.size() <= prefix.size() || n.compare(0, prefix.size(), prefix) != 0) return {};
    std::string rest = n.substr(prefix.size());
    if (!rest.empty() && rest.front() == '-') rest.erase(0, 1);
    return !rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos ? rest : "";
  };
  if (!n.empty() && n.find_first_not_of("0123456789") == std::string::npos) {
    return n == "8859" ? "iso-8859-1" : "cp" + n;  // `850`, `1252`
  }
  for (std::string_view prefix : {"cp", "ibm", "csibm", "ms"}) {
    if (std::string number = digits_after(prefix); !number.empty()) {
      if (number == "932" || number == "936" || number == "949" || number == "950" ||
          number == "1125" || number == "1051" || number == "154" || number == "65001") {
        n = "cp" + number;  // named below
        break;
      }
      return "cp" + number;
    }
  }
  // iso8859-15, iso-8859-15, iso-8859-15-1998 (the year of the standard), 8859-15
  for (std::string_view prefix : {"iso8859-", "iso-8859-", "8859-"}) {
    if (n.compare(0, prefix.size(), prefix) == 0) {
      std::string part = n.substr(prefix.size(), n.find('-', prefix.size()) - prefix.size());
      if (!part.empty() && part.find_first_not_of("0123456789") == std::string::npos) {
        return "iso-8859-" + part;
      }
    }
  }
  // latin-N and lN: the ISO 8859 part each Latin alphabet is
  static constexpr std::string_view k_latin_parts[] = {"1",  "2",  "3",  "4",  "9",
                                                       "10", "13", "14", "15", "16"};
  std::string latin = digits_after("latin");
  if (latin.empty()) latin = digits_after("l");
  if (n == "latin" || n == "iso8859") latin = "1";
  if (!latin.empty()) {
    const int number = std::stoi(latin.substr(0, 2));
    if (number >= 1 && number <= 10) return "iso-8859-" + std::string(k_latin_parts[number - 1]);
  }
  struct Alias {
    std::string_view label;
    std::string_view name;
  };
  static constexpr Alias k_aliases[] = {
      {"utf8", "utf-8"},
      {"u8", "utf-8"},
      {"utf", "utf-8"},
      {"cp65001", "utf-8"},
      {"utf8-ucs2", "utf-8"},
      {"utf8-ucs4", "utf-8"},
      {"cp-is", "cp861"},
      {"macintosh", "macintosh"},
      {"macroman", "macintosh"},
      {"mac-roman", "macintosh"},
      {"maccyrillic", "maccyrillic"},
      {"mac-cyrillic", "maccyrillic"},
      {"maciceland", "mac-is"},
      {"mac-iceland", "mac-is"},
      {"maclatin2", "mac-centraleurope"},
      {"mac-latin2", "mac-centraleurope"},
      {"maccentraleurope", "mac-centraleurope"},
      {"mac-centeuro", "mac-centraleurope"},
      {"macturkish", "mac-turkish"},
      {"mac-turkish", "mac-turkish"},
      {"cspc850multilingual", "cp850"},
      {"ibm039", "cp037"},
      {"ebcdic-cp-be", "cp500"},
      {"ebcdic-cp-ch", "cp500"},
      {"gb2312", "gb18030"},  // a superset; feedparser reads gb2312 as gb18030
      {"cp936", "gbk"},
      {"ms936", "gbk"},
      {"cp949", "cp949"},
      {"cp950", "big5"},
      {"ms950", "big5"},
      {"cp932", "cp932"},
      {"ms932", "cp932"},
      {"mskanji", "cp932"},
      {"ms-kanji", "cp932"},
      {"s-jis", "sjis"},
      {"shiftjis", "sjis"},
      {"shift-jis", "sjis"},
      {"csshiftjis", "sjis"},
      {"x-mac-japanese", "sjis"},
      {"shift-jis-2004", "shift_jisx0213"},
      {"shiftjis2004", "shift_jisx0213"},
      {"sjis-2004", "shift_jisx0213"},
      {"s-jis-2004", "shift_jisx0213"},
      {"shift-jisx0213", "shift_jisx0213"},
      {"shiftjisx0213", "shift_jisx0213"},
      {"sjisx0213", "shift_jisx0213"},
      {"s-jisx0213", "shift_jisx0213"},
      {"thai", "iso-8859-11"},
      {"tis620", "tis-620"},
      {"tis-620-0", "tis-620"},
      {"tis-620-2529-0", "tis-620"},
      {"tis-620-2529-1", "tis-620"},
      {"iso-ir-166", "tis-620"},
      {"ptcp154", "pt154"},
      {"cp154", "pt154"},
      {"cyrillic-asian", "pt154"},
      {"csptcp154", "pt154"},
      {"cp1125", "cp1125"},
      {"cp866u", "cp1125"},
      {"ruscii", "cp1125"},
      {"hp-roman8", "hp-roman8"},
      {"roman8", "hp-roman8"},
      {"r8", "hp-roman8"},
      {"cshproman8", "hp-roman8"},
      {"cp1051", "hp-roman8"},
      {"kz1048", "rk1048"},
      {"kz-1048", "rk1048"},
      {"strk1048-2002", "rk1048"},
      {"elot-928", "iso-8859-7"},
      {"greek", "iso-8859-7"},
      {"greek8", "iso-8859-7"},
      {"hebrew", "iso-8859-8"},
      {"arabic", "iso-8859-6"},
      {"cyrillic", "iso-8859-5"},
      {"asmo-708", "iso-8859-6"},
      {"ecma-114", "iso-8859-6"},
      {"ecma-118", "iso-8859-7"},
  };
  for (const Alias& a : k_aliases) {
    if (a.label == n) return std::string(a.name);
  }
  return n;
}

// A strict conversion's text; `clean` when it is known to be what util::repair_utf8 would
// return already, so that clean UTF-8 (the usual document) is scanned once, not again after
// the copy.
struct Converted {
  std::string text;
  bool clean = false;
};

// Strict conversion to UTF-8: nullopt on any invalid or incomplete sequence, or an unknown name.
std::optional<Converted> convert_strict(std::string_view bytes, const std::string& encoding) {
  std::string name = iconv_name(encoding);
  if (name == "utf-8") {
    // Clean (valid, no NUL) is the usual case and implies valid; only the rest is judged again.
    if (util::is_clean_utf8(bytes)) return Converted{std::string(bytes), true};
    if (!util::is_valid_utf8(bytes)) return std::nullopt;
    return Converted{std::string(bytes), false};
  }
  if (name == "us-ascii" || name == "ascii") {
    // No early exit, so that the compiler can vectorise: one pass finds the largest and the
    // smallest byte (ASCII when below 0x80, clean when no NUL as well).
    unsigned char high = 0;
    unsigned char low = 0xFF;
    for (char c : bytes) {
      const auto b = static_cast<unsigned char>(c);
      high = b > high ? b : high;
      low = b < low ? b : low;
    }
    if (high >= 0x80) return std::nullopt;
    return Converted{std::string(bytes), low != 0};
  }
  if (has_single_byte_table(name)) {
    std::optional<std::string> text = decode_single_byte(bytes, name);
    if (!text) return std::nullopt;
    return Converted{std::move(*text), false};
  }
  IconvHandle cd = open_to_utf8(name);
  if (!cd) return std::nullopt;
  std::string out;
  std::vector<char> buffer(64 * 1024);
  // iconv's interface takes char**; the input is never written through it.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    char* dst = buffer.data();
    std::size_t dst_left = buffer.size();
    std::size_t r = iconv(static_cast<iconv_t>(cd.get()), &in, &in_left, &dst, &dst_left);
    out.append(buffer.data(), buffer.size() - dst_left);
    if (r != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
    // A character cut off at the very end is truncation, not a wrong encoding.
    if (errno == EINVAL) break;
    // Microsoft's (and Python's) cp932 gives five single bytes glibc refuses: 0x80 is U+0080,
    // 0xA0 and 0xFD–0xFF are U+F8F0–U+F8F3.
    if (name == "cp932" && in_left > 0) {
      const auto b = static_cast<unsigned char>(*in);
      if (b == 0x80 || b == 0xA0 || b >= 0xFD) {
        util::append_utf8(out, b == 0x80 ? 0x80u : b == 0xA0 ? 0xF8F0u : 0xF8F1u + (b - 0xFD));
        ++in;
        --in_left;
        continue;
      }
    }
    return std::nullopt;
  }
  return Converted{std::move(out), false};
}

// Byte-order marks and the UTF-16/32 patterns of "<?" (XML 1.0 Appendix F).
struct Sniffed {
  std::string encoding;  // "" when nothing was recognised
  std::size_t bom_bytes = 0;
};

Sniffed sniff(std::string_view b) {
  auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
  using namespace std::string_view_literals;
  if (starts("\x00\x00\xfe\xff"sv)) return {"utf-32be", 4};
  if (starts("\xff\xfe\x00\x00"sv)) return {"utf-32le", 4};
  if (starts("\xfe\xff"sv)) return {"utf-16be", 2};
  if (starts("\xff\xfe"sv)) return {"utf-16le", 2};
  if (starts("\xef\xbb\xbf"sv)) return {"utf-8", 3};
  if (starts("\x00\x00\x00\x3c"sv)) return {"utf-32be", 0};
  if (starts("\x3c\x00\x00\x00"sv)) return {"utf-32le", 0};
  if (starts("\x00\x3c\x00\x3f"sv)) return {"utf-16be", 0};
  if (starts("\x3c\x00\x3f\x00"sv)) return {"utf-16le", 0};
  if (starts("\x4c\x6f\xa7\x94"sv)) return {"cp037", 0};  // "<?xm" in EBCDIC
  return {};
}

struct MediaType {
  std::string type;     // lower case, without parameters
  std::string charset;  // lower case, quotes removed
};

MediaType parse_content_type(std::string_view value) {
  MediaType m;
  std::size_t semi = value.find(';');
  m.type = util::to_lower(util::trim(value.substr(0, semi)));
  while (semi != std::string_view::npos) {
    std::string_view rest = value.substr(semi + 1);
    semi = rest.find(';');
    std::string_view param = util::trim(rest.substr(0, semi));
    value = rest;
    std::size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (util::to_lower(util::trim(param.substr(0, eq))) != "charset") continue;
    std::string v(util::trim(param.substr(eq + 1)));
    std::string cleaned;
    for (char c : v) {
      if (c != '"' && c != '\'') cleaned += c;
    }
    m.charset = util::to_lower(cleaned);
  }
  return m;
}

bool is_utf16_or_32_label(std::string_view e) {
  static constexpr std::array<std::string_view, 14> k_labels{
      "u16",    "utf-16",          "utf16",           "utf_16", "u32",       "utf-32", "utf32",
      "utf_32", "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2",  "ucs-4"};
  for (std::string_view l : k_labels) {
    if (l == e) return true;
  }
  return false;
}

struct Proposal {
  std::string encoding;  // RFC 3023's answer
  bool acceptable = false;
  bool json = false;
};

// feedparser's reading of RFC 3023 §3: which encoding the media type and declarations imply.
Proposal propose(const MediaType& m, bool has_type, const std::string& xml_encoding,
                 std::string_view body) {
  bool app_xml = m.type == "application/xml" || m.type == "application/xml-dtd" ||
                 m.type == "application/xml-external-parsed-entity" ||
                 (util::istarts_with(m.type, "application/") && m.type.size() > 4 &&
                  m.type.substr(m.type.size() - 4) == "+xml");
  bool text_xml = m.type == "text/xml" || m.type == "text/xml-external-parsed-entity" ||
                  (util::istarts_with(m.type, "text/") && m.type.size() > 4 &&
                   m.type.substr(m.type.size() - 4) == "+xml");
  std::string_view lead = util::trim(body.substr(0, 64));
  if (app_xml)
    return {!m.charset.empty()      ? m.charset
            : !xml_encoding.empty() ? xml_encoding
                                    : "utf-8",
            true, false};
  if (text_xml) return {!m.charset.empty() ? m.charset : "us-ascii", true, false};
  if (m.type == "application/feed+json" || m.type == "application/json" ||
      (!has_type && !lead.empty() && lead.front() == '{')) {
    return {!m.charset.empty() ? m.charset : "utf-8", true, true};
  }
  if (util::istarts_with(m.type, "text/"))
    return {!m.charset.empty() ? m.charset : "us-ascii", false, false};
  return {!xml_encoding.empty() ? xml_encoding : "utf-8", !has_type, false};
}

// The encoding libuchardet guesses from the first k_max_charset_detection_bytes of `body`
// (lower case), "" when it has no answer.
std::string detect_charset(std::string_view body) {
  std::string_view sample = body.substr(0, model::limits::k_max_charset_detection_bytes);
  // Too few non-ASCII bytes are no evidence: one windows-1252 quote in English text reads as
  // anything (uchardet has called "It\x92s" Mac Central European). The detector is asked only
  // when the text holds a few characters' worth; else the fallbacks decide (windows-1252).
  constexpr std::size_t k_min_evidence_bytes = 8;
  std::size_t high = 0;
  for (char c : sample) high += static_cast<unsigned char>(c) >= 0x80 ? 1 : 0;
  if (high < k_min_evidence_bytes) return {};
  std::unique_ptr<uchardet, decltype(&uchardet_delete)> detector(uchardet_new(), &uchardet_delete);
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* charset = uchardet_get_charset(detector.get());
  std::string name = util::to_lower(charset ? charset : "");
  if (name == "ascii") return "us-ascii";
  if (name == "gb2312") return "gb18030";  // the superset, as for a declared gb2312
  // uchardet tells logical from visual Hebrew by final letters, and short texts often look
  // visual; feeds are written in logical order, in windows-1255 (a superset of ISO-8859-8's
  // letters).
  if (name == "iso-8859-8") return "windows-1255";
  // A Latin-1 guess is windows-1252, its superset: what the WHATWG Encoding Standard reads for
  // the label, what feedparser's own fallback names undeclared Western text, and what the
  // demoroniser reads bytes 0x80-0x9F as anyway. The text decodes the same; the name agrees.
  if (name == "iso-8859-1") return "windows-1252";
  return name;
}

// The candidate that stands for the detector's guess, made only when the candidates before it
// failed (feedparser's lazy chardet).
constexpr std::string_view k_detect =
    "\x01"
    "detect";

// True when `bytes` is valid UTF-8 and holds at least one multi-byte sequence: text that no
// single-byte or legacy multi-byte encoding plausibly produced by accident.
bool is_multibyte_utf8(std::string_view bytes) {
  bool high = false;
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      high = true;
      break;
    }
  }
  return high && util::is_valid_utf8(bytes);
}

// Demoronising (feedparser's name for it): the C1 control characters U+0080–U+009F never
// stand for themselves in a feed; they come from windows-1252 text (smart quotes, dashes, the
// euro sign) labelled Latin-1 or another ISO 8859 part, which put controls at bytes 0x80–0x9F.
// Each becomes the windows-1252 character of its byte; the five bytes windows-1252 leaves
// undefined stay as they are. One pass, in place when nothing changes.
void demoronise(std::string& text) {
  static constexpr std::array<std::uint16_t, 32> k_c1_as_1252{
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  const auto is_c1 = [&text](std::size_t at) {
    if (at + 1 >= text.size() || text[at] != '\xC2') return false;
    const auto next = static_cast<unsigned char>(text[at + 1]);
    return next >= 0x80 && next <= 0x9F && k_c1_as_1252[next - 0x80] != 0;
  };
  std::size_t at = text.find('\xC2');
  while (at != std::string::npos && !is_c1(at)) at = text.find('\xC2', at + 1);
  if (at == std::string::npos) return;
  std::string out(text, 0, at);
  out.reserve(text.size() + text.size() / 16);
  while (at < text.size()) {
    if (is_c1(at)) {
      util::append_utf8(out, k_c1_as_1252[static_cast<unsigned char>(text[at + 1]) - 0x80]);
      at += 2;
    } else {
      out += text[at++];
    }
  }
  text = std::move(out);
}

// Decodes `body` with the first candidate that reads it strictly; false when none does.
bool decode_first(std::string_view body, std::vector<std::string> candidates, Decoded& d) {
  std::vector<std::string> tried;
  for (std::string& candidate : candidates) {
    if (candidate == k_detect) candidate = detect_charset(body);
    if (candidate.empty()) continue;
    bool seen = false;
    for (const std::string& t : tried) seen = seen || t == candidate;
    if (seen) continue;
    tried.push_back(candidate);
    if (std::optional<Converted> converted = convert_strict(body, candidate)) {
      d.text = converted->clean ? std::move(converted->text)
                                : util::repaired_utf8(std::move(converted->text));
      d.encoding = candidate;
      demoronise(d.text);
      return true;
    }
  }
  return false;
}

// The encoding name in an XML declaration read through cp037 from a document in some EBCDIC
// code page: the value after `encoding=` between any two equal non-name characters.
std::string declared_ebcdic_encoding(std::string_view text) {
  std::string_view decl = text.substr(0, text.find("?>"));
  std::size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return {};
  pos = decl.find_first_not_of(" \t\r\n", pos + 8);
  if (pos == std::string_view::npos || decl[pos] != '=') return {};
  pos = decl.find_first_not_of(" \t\r\n", pos + 1);
  if (pos == std::string_view::npos) return {};
  // The quote as cp037 read it: one character, which may take two bytes in UTF-8.
  const std::size_t quote = static_cast<unsigned char>(decl[pos]) >= 0xC0 ? 2 : 1;
  std::size_t start = pos + quote;
  std::size_t end = start;
  while (end < decl.size() && static_cast<unsigned char>(decl[end]) < 0x80 &&
         (std::isalnum(static_cast<unsigned char>(decl[end])) != 0 || decl[end] == '-' ||
          decl[end] == '_' || decl[end] == '.')) {
    ++end;
  }
  if (end == start || decl.substr(end, quote) != decl.substr(pos, quote)) return {};
  return util::to_lower(decl.substr(start, end - start));
}

}  // namespace

std::string declared_xml_encoding(std::string_view text) {
  if (text.substr(0, 5) != "<?xml") return {};
  std::size_t end = text.find("?>");
  std::string_view decl = text.substr(0, end);
  std::size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return {};
  pos = decl.find_first_not_of(" \t\r\n", pos + 8);
  if (pos == std::string_view::npos || decl[pos] != '=') return {};
  pos = decl.find_first_not_of(" \t\r\n", pos + 1);
  if (pos == std::string_view::npos || (decl[pos] != '"' && decl[pos] != '\'')) return {};
  std::size_t close = decl.find(decl[pos], pos + 1);
  if (close == std::string_view::npos) return {};
  return util::to_lower(decl.substr(pos + 1, close - pos - 1));
}

Decoded decode_document(std::string_view bytes, std::string_view content_type,
                        std::string_view forced_encoding) {
  Decoded d;
  Sniffed bom = sniff(bytes);
  std::string_view body = bytes.substr(bom.bom_bytes);
  // The declaration is read from the sniffed transcoding (UTF-16 documents declare in UTF-16).
  std::string head(body.substr(0, 512));
  if (!bom.encoding.empty() && bom.encoding != "utf-8") {
    std::optional<Converted> converted =
        convert_strict(body.substr(0, 512 - 512 % 4), bom.encoding);
    head = converted ? std::move(converted->text) : std::string();
  }
  std::string xml_encoding = declared_xml_encoding(head);
  // EBCDIC code pages agree on letters, digits and `<?=` but not on the quote marks: read the
  // declaration with whatever character quotes its value.
  if (bom.encoding == "cp037" && xml_encoding.empty())
    xml_encoding = declared_ebcdic_encoding(head);
  if (!bom.encoding.empty() && is_utf16_or_32_label(xml_encoding)) xml_encoding = bom.encoding;
  if (xml_encoding == "gb2312") xml_encoding = "gb18030";
  // XML 1.0 Appendix F: without a declaration the byte-order mark decides.
  if (xml_encoding.empty()) xml_encoding = bom.encoding;

  MediaType media = parse_content_type(content_type);
  Proposal p = propose(media, !media.type.empty(), xml_encoding, body);
  if (p.encoding == "gb2312") p.encoding = "gb18030";
  d.json = p.json;
  if (!media.type.empty() && !p.acceptable) {
    d.bozo_exception =
        "NonXMLContentType: " + std::string(content_type) + " is not an XML media type";
  }

  // feedparser's order of trial: the RFC 3023 answer, the declaration, the BOM, then the
  // encodings most feeds that lie are really in.
  std::vector<std::string> candidates;
  if (!forced_encoding.empty()) candidates.push_back(util::to_lower(forced_encoding));
  // A declaration the bytes contradict: the declared encoding is a legacy one, yet the bytes
  // are UTF-8 with multi-byte characters (a prolog copied from a template over a UTF-8 body).
  // What the bytes are wins, reported as an override; read as declared, every accented
  // letter would come out as two (`CafÃ©`).
  const std::string declared = iconv_name(p.encoding);
  if (forced_encoding.empty() && bom.encoding.empty() && declared != "utf-8" &&
      !is_utf16_or_32_label(declared) && declared.compare(0, 6, "utf-16") != 0 &&
      declared.compare(0, 6, "utf-32") != 0 && is_multibyte_utf8(body)) {
    candidates.emplace_back("utf-8");
  }
  for (const std::string& c :
       {p.encoding, xml_encoding, bom.encoding, std::string(k_detect), std::string("utf-8"),
        std::string("windows-1252"), std::string("iso-8859-2")}) {
    if (!c.empty()) candidates.push_back(c);
  }
  if (decode_first(body, std::move(candidates), d)) {
    if (d.encoding != p.encoding && forced_encoding.empty()) {
      d.bozo_exception = "CharacterEncodingOverride: document declared as " + p.encoding +
                         ", but parsed as " + d.encoding;
    }
    return d;
  }
  d.text = util::repair_utf8(body);
  d.encoding = "";
  d.bozo_exception = "CharacterEncodingUnknown: document encoding unknown, I tried " + p.encoding +
                     ", " + xml_encoding + ", utf-8, windows-1252, and iso-8859-2";
  return d;
}

}  // namespace orrery::parse
