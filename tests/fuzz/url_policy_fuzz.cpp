// libFuzzer target for util/url_policy.h. Beyond not crashing (ASan, UBSan), it checks the
// policy's invariant with a decoder of its own: a URL allowed_url() accepts, read the way a
// browser reads it (numeric and the named references that spell URL punctuation decoded, with
// or without ';', percent-escapes decoded, whitespace and controls removed), either has no
// scheme (and relative URLs were asked for) or has one the use allows; it holds no tab, CR or
// LF. media_type() gives "" or type/subtype tokens in lower case; safe_identifier() never keeps
// an id whose scheme runs script.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "util/url_policy.h"

namespace {

using orrery::util::RelativeUrl;
using orrery::util::UrlUse;

[[noreturn]] void fail(const char* what, std::string_view input, std::string_view output) {
  std::fprintf(stderr, "property violated: %s\ninput: %.*s\noutput: %.*s\n", what,
               static_cast<int>(input.size()), input.data(), static_cast<int>(output.size()),
               output.data());
  std::abort();
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The text before the first ':' as a browser might act on it, or "" when a '/', '?' or '#'
// comes first or there is no ':' (a relative reference). Non-ASCII decodes to '\x80'.
std::string browser_scheme(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '&' && i + 1 < s.size() && s[i + 1] == '#') {
      std::size_t j = i + 2;
      bool is_hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      j += is_hex ? 1 : 0;
      unsigned long v = 0;
      std::size_t start = j;
      while (j < s.size() && (is_hex ? hex(s[j]) >= 0 : (s[j] >= '0' && s[j] <= '9'))) {
        v = std::min<unsigned long>(v * (is_hex ? 16 : 10) + static_cast<unsigned>(hex(s[j])),
                                    0x110000);
        ++j;
      }
      if (j > start) {
        if (j < s.size() && s[j] == ';') ++j;
        c = v < 0x80 ? static_cast<char>(v) : '\x80';
        i = j;
      } else {
        ++i;
      }
    } else if (c == '&') {
      static constexpr std::pair<std::string_view, char> k_names[] = {
          {"colon;", ':'}, {"tab;", '\t'}, {"newline;", '\n'}, {"sol;", '/'}, {"quest;", '?'},
          {"num;", '#'},   {"plus;", '+'}, {"period;", '.'},   {"amp;", '&'}};
      bool matched = false;
      for (auto [name, value] : k_names) {
        std::string_view rest = s.substr(i + 1, name.size());
        bool same = rest.size() == name.size();
        for (std::size_t k = 0; same && k < name.size(); ++k) same = lower(rest[k]) == name[k];
        if (same) {
          c = value;
          i += 1 + name.size();
          matched = true;
          break;
        }
      }
      if (!matched) ++i;
    } else if (c == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      c = static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 3;
    } else {
      ++i;
    }
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;
    if (c == '/' || c == '?' || c == '#') return "";
    if (c == ':') return out;
    out.push_back(lower(c));
  }
  return "";
}

bool allowed(std::string_view scheme, UrlUse use) {
  return scheme == "http" || scheme == "https" || scheme == "ftp" ||
         (use == UrlUse::link && scheme == "mailto");
}

void check_url(std::string_view input, UrlUse use, RelativeUrl relative) {
  std::string out = orrery::util::allowed_url(input, use, relative);
  if (out.empty()) return;
  if (out.find_first_of("\t\r\n") != std::string::npos) fail("tab, CR or LF kept", input, out);
  std::string scheme = browser_scheme(out);
  if (scheme.empty()) {
    if (relative == RelativeUrl::reject) fail("relative URL accepted", input, out);
  } else if (!allowed(scheme, use)) {
    fail("accepted URL has a scheme the use refuses", input, out);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (UrlUse use : {UrlUse::link, UrlUse::resource}) {
    for (RelativeUrl relative : {RelativeUrl::reject, RelativeUrl::keep}) {
      check_url(input, use, relative);
    }
  }
  std::string type = orrery::util::media_type(input);
  if (!type.empty()) {
    std::size_t slash = type.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == type.size() ||
        type.find('/', slash + 1) != std::string::npos ||
        type.find_first_of(" \t\"<>;,()@[]{}=\\?") != std::string::npos) {
      fail("media_type is not type/subtype", input, type);
    }
    for (char c : type) {
      if (c >= 'A' && c <= 'Z') fail("media_type not lower case", input, type);
    }
  }
  std::string id = orrery::util::safe_identifier(input);
  if (!id.empty()) {
    std::string scheme = browser_scheme(id);
    if (scheme == "javascript" || scheme == "vbscript" || scheme == "livescript" ||
        scheme == "data") {
      fail("safe_identifier kept a script scheme", input, id);
    }
  }
  return 0;
}
