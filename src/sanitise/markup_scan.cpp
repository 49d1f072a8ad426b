#include "sanitise/markup_scan.h"

#include "util/strings.h"

namespace orrery::sanitise::detail {

TagToken read_tag(std::string_view in, std::size_t pos) {
  TagToken token;
  std::size_t i = pos + (in[pos + 1] == '/' ? 2 : 1);
  while (i < in.size() && !is_tag_space(in[i]) && in[i] != '/' && in[i] != '>') {
    token.name.push_back(in[i]);
    ++i;
  }
  token.name = util::to_lower(token.name);
  enum class State {
    between,
    name,
    after_name,
    before_value,
    quoted,
    unquoted
  } state = State::between;
  char quote = 0;
  for (; i < in.size(); ++i) {
    char c = in[i];
    switch (state) {
      case State::between:
      case State::after_name:
        if (c == '>') {
          token.end = i + 1;
          return token;
        }
        if (c == '/') {
          token.self_closing = i + 1 < in.size() && in[i + 1] == '>';
          state = State::between;
        } else if (c == '=' && state == State::after_name) {
          state = State::before_value;
        } else if (!is_tag_space(c)) {
          state = State::name;
        }
        break;
      case State::name:
        if (c == '>') {
          token.end = i + 1;
          return token;
        }
        if (c == '=') {
          state = State::before_value;
        } else if (is_tag_space(c) || c == '/') {
          state = c == '/' ? State::between : State::after_name;
          token.self_closing = c == '/' && i + 1 < in.size() && in[i + 1] == '>';
        }
        break;
      case State::before_value:
        if (c == '"' || c == '\'') {
          quote = c;
          state = State::quoted;
        } else if (c == '>') {
          token.end = i + 1;
          return token;
        } else if (!is_tag_space(c)) {
          state = State::unquoted;
        }
        break;
      case State::quoted:
        if (c == quote) {
          state = State::between;
        }
        break;
      case State::unquoted:
        if (c == '>') {
          token.end = i + 1;
          return token;
        }
        if (is_tag_space(c)) {
          state = State::between;
        }
        break;
    }
  }
  return token;
}

}  // namespace orrery::sanitise::detail
