#include "util/url.h"

#include <optional>

#include "util/strings.h"

namespace orrery::util {

namespace {

// The five components of RFC 3986 §3; optional where "absent" differs from "empty".
struct Parts {
  std::optional<std::string> scheme;
  std::optional<std::string> authority;
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;
};

bool is_scheme_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) {
    return alpha;
  }
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

std::size_t scheme_length(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':') {
      return i;
    }
    if (!is_scheme_char(s[i], i == 0)) {
      return 0;
    }
  }
  return 0;
}

Parts split(std::string_view s) {
  Parts p;
  if (std::size_t n = scheme_length(s); n > 0) {
    p.scheme = to_lower(s.substr(0, n));
    s.remove_prefix(n + 1);
  }
  if (std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.fragment = std::string(s.substr(hash + 1));
    s = s.substr(0, hash);
  }
  if (std::size_t q = s.find('?'); q != std::string_view::npos) {
    p.query = std::string(s.substr(q + 1));
    s = s.substr(0, q);
  }
  if (s.substr(0, 2) == "//") {
    s.remove_prefix(2);
    std::size_t slash = s.find('/');
    p.authority = std::string(s.substr(0, slash));
    s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash);
  }
  p.path = std::string(s);
  return p;
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../" || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      std::size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      std::size_t start = in[0] == '/' ? 1 : 0;
      std::size_t next = in.find('/', start);
      std::size_t len = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, len));
      in.remove_prefix(len);
    }
  }
  return out;
}

// RFC 3986 §5.2.3.
std::string merge(const Parts& base, const std::string& ref_path) {
  if (base.authority && base.path.empty()) {
    return "/" + ref_path;
  }
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) {
    return ref_path;
  }
  return base.path.substr(0, slash + 1) + ref_path;
}

// RFC 3986 §5.3.
std::string recompose(const Parts& p) {
  std::string out;
  if (p.scheme) {
    out += *p.scheme + ":";
  }
  if (p.authority) {
    out += "//" + *p.authority;
  }
  out += p.path;
  if (p.query) {
    out += "?" + *p.query;
  }
  if (p.fragment) {
    out += "#" + *p.fragment;
  }
  return out;
}

}  // namespace

std::string url_scheme(std::string_view url) {
  url = trim(url);
  std::size_t n = scheme_length(url);
  return n == 0 ? std::string() : to_lower(url.substr(0, n));
}

bool is_absolute_url(std::string_view url) { return scheme_length(trim(url)) > 0; }

std::string resolve_url(std::string_view base_text, std::string_view ref_text) {
  base_text = trim(base_text);
  ref_text = trim(ref_text);
  if (is_absolute_url(ref_text) || !is_absolute_url(base_text)) {
    return std::string(ref_text);
  }
  Parts base = split(base_text);
  Parts ref = split(ref_text);
  Parts t;
  t.scheme = base.scheme;
  if (ref.authority) {
    t.authority = ref.authority;
    t.path = remove_dot_segments(ref.path);
    t.query = ref.query;
  } else {
    t.authority = base.authority;
    if (ref.path.empty()) {
      t.path = base.path;
      t.query = ref.query ? ref.query : base.query;
    } else {
      t.path = ref.path[0] == '/' ? remove_dot_segments(ref.path)
                                  : remove_dot_segments(merge(base, ref.path));
      t.query = ref.query;
    }
  }
  t.fragment = ref.fragment;
  // An http(s) URL with an authority always has at least "/" as its path.
  if (t.authority && t.path.empty() && (t.scheme == "http" || t.scheme == "https")) {
    t.path.push_back('/');  // (not `= "/"`: GCC 12 -Wrestrict false positive, PR 105329)
  }
  return recompose(t);
}

std::string url_host(std::string_view url) {
  Parts p = split(trim(url));
  if (!p.authority) {
    return {};
  }
  std::string_view a = *p.authority;
  if (std::size_t at = a.rfind('@'); at != std::string_view::npos) {
    a.remove_prefix(at + 1);
  }
  if (!a.empty() && a[0] == '[') {
    std::size_t close = a.find(']');
    return to_lower(a.substr(0, close == std::string_view::npos ? a.size() : close + 1));
  }
  return to_lower(a.substr(0, a.find(':')));
}

std::string url_origin(std::string_view url) {
  Parts p = split(trim(url));
  if (!p.scheme || !p.authority) {
    return {};
  }
  std::string_view a = *p.authority;
  if (std::size_t at = a.rfind('@'); at != std::string_view::npos) {
    a.remove_prefix(at + 1);
  }
  return *p.scheme + "://" + to_lower(a);
}

}  // namespace orrery::util
