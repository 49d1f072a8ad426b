#include "filters/spec.h"

#include "util/strings.h"

namespace orrery::filters {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

void add_pair(Options& options, std::string_view pair) {
  auto eq = pair.find('=');
  if (eq == std::string_view::npos || eq + 1 == pair.size()) {
    return;  // parse_qsl without keep_blank_values drops these
  }
  options[unquote_plus(pair.substr(0, eq))] = unquote_plus(pair.substr(eq + 1));
}

}  // namespace

std::string unquote_plus(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

FilterSpec parse_spec(std::string_view written, TeeSyntax tee) {
  FilterSpec spec;
  spec.written = std::string(written);
  std::string_view rest = written;
  if (tee == TeeSyntax::allowed) {
    // Venus splits at the first '>' that is not the first character.
    if (auto gt = rest.find('>'); gt != std::string_view::npos && gt > 0) {
      spec.tee = std::string(util::trim(rest.substr(gt + 1)));
      rest = util::trim(rest.substr(0, gt));
    }
  }
  auto q = rest.find('?');
  spec.name = std::string(rest.substr(0, q));
  if (q == std::string_view::npos) {
    return spec;
  }
  std::string_view query = rest.substr(q + 1);
  std::size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find_first_of("&;", start);
    if (end == std::string_view::npos) {
      end = query.size();
    }
    add_pair(spec.query, query.substr(start, end - start));
    start = end + 1;
  }
  return spec;
}

}  // namespace orrery::filters
