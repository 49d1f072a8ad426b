// htmltmpl lexing: comments, statements and tokens.

#include "render/htmltmpl/lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "util/strings.h"

namespace orrery::render::htmltmpl {

namespace {

// htmltmpl's comment is the regular expression `### .*`: three hashes and a space, then the rest
// of the line up to, not including, its newline. A line holding only a comment is left empty,
// as htmltmpl leaves it; "###" without the space is text.
constexpr std::string_view k_comment = "### ";

}  // namespace

Source strip_comments(std::string_view in) {
  Source src;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < in.size()) {
    ++line_no;
    std::size_t nl = in.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? in.size() : nl;
    std::string_view line = in.substr(pos, end - pos);
    src.starts.push_back(src.text.size());
    src.lines.push_back(line_no);
    src.text.append(line.substr(0, line.find(k_comment)));
    if (nl != std::string_view::npos) {
      src.text += '\n';
    }
    pos = nl == std::string_view::npos ? in.size() : nl + 1;
  }
  return src;
}

namespace {

std::optional<Directive> directive_named(std::string_view word, bool closing) {
  std::string w = util::to_lower(word);
  if (closing) {
    if (w == "tmpl_if") return Directive::end_if;
    if (w == "tmpl_unless") return Directive::end_unless;
    if (w == "tmpl_loop") return Directive::end_loop;
    return std::nullopt;
  }
  if (w == "tmpl_var") return Directive::var;
  if (w == "tmpl_if") return Directive::if_;
  if (w == "tmpl_unless") return Directive::unless;
  if (w == "tmpl_else") return Directive::else_;
  if (w == "tmpl_loop") return Directive::loop;
  if (w == "tmpl_include") return Directive::include;
  return std::nullopt;
}

bool is_valid_magic(std::string_view name) {
  static constexpr std::string_view k_magic[] = {"__FIRST__", "__LAST__", "__INNER__",
                                                 "__ODD__",   "__PASS__", "__PASSTOTAL__"};
  if (std::find(std::begin(k_magic), std::end(k_magic), name) != std::end(k_magic)) {
    return true;
  }
  constexpr std::string_view k_every = "__EVERY__";
  if (name.substr(0, k_every.size()) != k_every || name.size() == k_every.size()) {
    return false;
  }
  std::string_view digits = name.substr(k_every.size());
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         digits.find_first_not_of('0') != std::string_view::npos;
}

// Parses the inside of one statement ("TMPL_VAR name ESCAPE=HTML"), already without its
// brackets and closing slash. Returns the reason on failure.
class StatementParser {
 public:
  StatementParser(std::string_view body, bool closing) : m_body(body), m_closing(closing) {}

  util::Result<Statement> parse() {
    std::string_view word = next_word();
    std::optional<Directive> d = directive_named(word, m_closing);
    if (!d) {
      return util::unexpected(fmt::format("unknown statement <{}{}>", m_closing ? "/" : "", word));
    }
    Statement st;
    st.directive = *d;
    while (true) {
      skip_blanks();
      if (m_pos == m_body.size()) {
        break;
      }
      util::Result<void> r = attribute(st);
      if (!r) {
        return util::unexpected(r.error().message);
      }
    }
    return check(std::move(st), word);
  }

 private:
  util::Result<void> attribute(Statement& st) {
    std::size_t start = m_pos;
    while (m_pos < m_body.size() && !is_space(m_body[m_pos]) && m_body[m_pos] != '=') ++m_pos;
    std::string key(m_body.substr(start, m_pos - start));
    if (m_pos == m_body.size() || m_body[m_pos] != '=') {
      if (!st.name.empty() || m_seen_attribute) {
        return util::unexpected(fmt::format("unexpected \"{}\"", key));
      }
      st.name = key;  // the implicit name: <TMPL_VAR title>
      return {};
    }
    ++m_pos;
    m_seen_attribute = true;
    util::Result<std::string> value = attribute_value();
    if (!value) {
      return util::unexpected(value.error().message);
    }
    return assign(st, util::to_lower(key), *value);
  }

  util::Result<void> assign(Statement& st, const std::string& key, const std::string& value) {
    if (key == "name") {
      st.name = value;
    } else if (key == "escape") {
      std::string v = util::to_lower(value);
      if (v == "html" || v == "1") {
        st.escape = Escape::html;
      } else if (v == "url") {
        st.escape = Escape::url;
      } else if (v == "none" || v == "0") {
        st.escape = Escape::none;
      } else {
        return util::unexpected(fmt::format("ESCAPE=\"{}\" is not HTML, URL or NONE", value));
      }
    } else if (key == "global") {
      // htmltmpl compares the value with "1" and "0"; with global lookup off (Venus), only "1"
      // changes anything.
      st.global = value == "1";
    } else {
      return util::unexpected(fmt::format("unknown attribute {}=", key));
    }
    return {};
  }

  util::Result<std::string> attribute_value() {
    if (m_pos < m_body.size() && (m_body[m_pos] == '"' || m_body[m_pos] == '\'')) {
      char quote = m_body[m_pos++];
      std::size_t close = m_body.find(quote, m_pos);
      if (close == std::string_view::npos) {
        return util::unexpected("unterminated quoted value");
      }
      std::string value(m_body.substr(m_pos, close - m_pos));
      m_pos = close + 1;
      return value;
    }
    std::size_t start = m_pos;
    while (m_pos < m_body.size() && !is_space(m_body[m_pos])) ++m_pos;
    return std::string(m_body.substr(start, m_pos - start));
  }

  util::Result<Statement> check(Statement st, std::string_view word) const {
    bool needs_name = st.directive == Directive::var || st.directive == Directive::if_ ||
                      st.directive == Directive::unless || st.directive == Directive::loop ||
                      st.directive == Directive::include;
    if (needs_name && st.name.empty()) {
      return util::unexpected(fmt::format("<{}> without a name", word));
    }
    if (!needs_name && !st.name.empty()) {
      return util::unexpected(fmt::format("<{}{}> takes no name", m_closing ? "/" : "", word));
    }
    if (st.escape != Escape::unset && st.directive != Directive::var) {
      return util::unexpected(fmt::format("ESCAPE= on <{}>", word));
    }
    if (st.name.substr(0, 2) == "__" && st.directive != Directive::include &&
        !is_valid_magic(st.name)) {
      return util::unexpected(fmt::format("unknown magic variable {}", st.name));
    }
    return st;
  }

  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void skip_blanks() {
    while (m_pos < m_body.size() && is_space(m_body[m_pos])) ++m_pos;
  }
  std::string_view next_word() {
    skip_blanks();
    std::size_t start = m_pos;
    while (m_pos < m_body.size() && !is_space(m_body[m_pos])) ++m_pos;
    return m_body.substr(start, m_pos - start);
  }

  std::string_view m_body;
  bool m_closing;
  std::size_t m_pos = 0;
  bool m_seen_attribute = false;
};

// If a statement starts at `lt` (a '<'), fills `token` and returns the offset just past it;
// returns 0 when the '<' starts ordinary text.
util::Result<std::size_t> statement_at(const Source& source, const std::string& name,
                                       std::size_t lt, Token& token) {
  std::string_view t = source.text;
  std::size_t p = lt + 1;
  bool comment = t.compare(lt, 4, "<!--") == 0;  // <!-- TMPL_VAR name -->
  if (comment) {
    p = lt + 4;
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
  }
  bool closing = p < t.size() && t[p] == '/';
  if (closing) ++p;
  if (!util::istarts_with(t.substr(p), "tmpl_")) {
    return std::size_t{0};
  }
  int line = line_of(source, lt);
  std::string_view terminator = comment ? "-->" : ">";
  std::size_t end = t.find(terminator, p);
  std::size_t next_lt = t.find('<', p);
  if (end == std::string_view::npos || (next_lt != std::string_view::npos && next_lt < end)) {
    return util::unexpected(
        fmt::format("{}:{}: statement without its closing \"{}\"", name, line, terminator));
  }
  StatementParser parser(util::trim(t.substr(p, end - p)), closing);
  util::Result<Statement> st = parser.parse();
  if (!st) {
    return util::unexpected(fmt::format("{}:{}: {}", name, line, st.error().message));
  }
  token.is_statement = true;
  token.statement = std::move(*st);
  token.statement.line = line;
  return end + terminator.size();
}

// The end of the literal text before a statement at `pos`: htmltmpl drops the blanks before a
// statement that is the first thing on its line.
std::size_t text_end_before(std::string_view t, std::size_t segment, std::size_t pos) {
  std::size_t end = pos;
  while (end > segment && (t[end - 1] == ' ' || t[end - 1] == '\t')) --end;
  return (end == 0 || t[end - 1] == '\n') ? end : pos;
}

}  // namespace

int line_of(const Source& source, std::size_t offset) {
  auto it = std::upper_bound(source.starts.begin(), source.starts.end(), offset);
  if (it == source.starts.begin()) {
    return source.lines.empty() ? 1 : source.lines.front();
  }
  return source.lines[static_cast<std::size_t>(it - source.starts.begin()) - 1];
}

const char* directive_tag(Directive d) {
  switch (d) {
    case Directive::var:
      return "<TMPL_VAR>";
    case Directive::if_:
      return "<TMPL_IF>";
    case Directive::unless:
      return "<TMPL_UNLESS>";
    case Directive::else_:
      return "<TMPL_ELSE>";
    case Directive::loop:
      return "<TMPL_LOOP>";
    case Directive::include:
      return "<TMPL_INCLUDE>";
    case Directive::end_if:
      return "</TMPL_IF>";
    case Directive::end_unless:
      return "</TMPL_UNLESS>";
    case Directive::end_loop:
      return "</TMPL_LOOP>";
  }
  return "";
}

util::Result<std::vector<Token>> tokenize(const Source& source, const std::string& name) {
  const std::string& t = source.text;
  std::vector<Token> tokens;
  std::size_t segment = 0;
  std::size_t pos = 0;
  while ((pos = t.find('<', pos)) != std::string::npos) {
    Token token;
    util::Result<std::size_t> after = statement_at(source, name, pos, token);
    if (!after) {
      return util::unexpected(after.error().message);
    }
    if (*after == 0) {
      ++pos;
      continue;
    }
    std::size_t text_end = text_end_before(t, segment, pos);
    if (text_end > segment) {
      tokens.push_back(Token{false, t.substr(segment, text_end - segment), {}});
    }
    tokens.push_back(std::move(token));
    std::size_t next = *after;
    if (t.compare(next, 1, "\n") == 0) {
      next += 1;
    } else if (t.compare(next, 2, "\r\n") == 0) {
      next += 2;
    }
    segment = pos = next;
  }
  if (segment < t.size()) {
    tokens.push_back(Token{false, t.substr(segment), {}});
  }
  return tokens;
}

}  // namespace orrery::render::htmltmpl
