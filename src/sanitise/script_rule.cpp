#include "sanitise/script_rule.h"

#include "sanitise/markup_scan.h"
#include "util/strings.h"

namespace orrery::sanitise::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// sgmllib's tag names, plus ':' (namespaced names are one name, not "script" and a rest).
bool is_name_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

bool is_word_char(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }

// Python's \s, which sgmllib's patterns use: the tokenizer's whitespace and vertical tab.
bool is_space(char c) { return is_tag_space(c) || c == '\v'; }

bool is_script_like(std::string_view name) {
  return util::iequals(name, "script") || util::iequals(name, "style") ||
         util::iequals(name, "applet");
}

// The tokenizer. Its searches remember where a search found nothing, so that no byte is
// scanned for the same thing twice and hostile input stays linear.
class Scanner {
 public:
  explicit Scanner(std::string_view in) : m_in(in) {}

  // Where the tag whose '<' is at `lt` ends, by feedparser's patched sgmllib "endbracket": the
  // first '<' or '>' after it, skipping a quoted value when the closing quote is followed by
  // '>', '/', whitespace or the next "name="; npos when there is none (sgmllib then writes the
  // '<' as text).
  std::size_t tag_end(std::size_t lt) {
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

  // One past the end of the comment whose "<!--" is at `lt`: sgmllib's "--", optional
  // whitespace, '>'; else feedparser's fallback, the first '>' after a later "--"; npos when
  // neither exists (feedparser then drops the rest of the fragment).
  std::size_t comment_end(std::size_t lt) {
    std::size_t from = lt + 4;
    if (from < m_no_comment_close_from) {
      for (std::size_t dashes = m_in.find("--", from); dashes != npos;
           dashes = m_in.find("--", dashes + 1)) {
        std::size_t j = dashes + 2;
        while (j < m_in.size() && is_space(m_in[j])) {
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

 private:
  std::size_t find_quote(char quote, std::size_t from) {
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

  std::size_t find_bracket(std::size_t from) {
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
  bool closes_value(std::size_t at) const {
    if (at >= m_in.size()) {
      return false;
    }
    const char c = m_in[at];
    if (c == '>' || c == '/' || is_space(c)) {
      return true;
    }
    std::size_t j = at;
    while (j < m_in.size() && is_word_char(m_in[j])) {
      ++j;
    }
    return j > at && j < m_in.size() && m_in[j] == '=';
  }

  std::string_view m_in;
  std::size_t m_no_double_from = npos;
  std::size_t m_no_single_from = npos;
  std::size_t m_no_bracket_from = npos;
  std::size_t m_no_comment_close_from = npos;
};

// A start tag with no attributes closed by "/>": feedparser rewrites "<script/>" as
// "<script></script>" before tokenizing, so it leaves the counter as it was.
bool is_empty_short_tag(std::string_view tag, std::size_t name_end) {
  std::size_t i = name_end;
  while (i < tag.size() && is_space(tag[i])) {
    ++i;
  }
  return tag.size() - i == 2 && tag.compare(i, 2, "/>") == 0;
}

}  // namespace

bool has_script_like_tag(std::string_view html) { return scan_source(html).script_like; }

std::optional<std::string> apply_script_rule(std::string_view in) {
  Scanner scanner(in);
  std::string out;
  out.reserve(in.size());
  long depth = 0;  // feedparser's counter: start tags minus end tags of the three
  bool changed = false;
  const auto keep = [&](std::size_t from, std::size_t to, bool kept) {
    if (kept) {
      out.append(in, from, to - from);
    } else if (to > from) {
      changed = true;
    }
  };
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t lt = in.find('<', i);
    if (lt == npos) {
      keep(i, in.size(), depth == 0);
      break;
    }
    keep(i, lt, depth == 0);  // text
    i = lt;
    const std::string_view at = in.substr(lt);
    if (at.compare(0, 4, "<!--") == 0) {
      const std::size_t end = scanner.comment_end(lt);
      const std::size_t stop = end == npos ? in.size() : end;
      keep(lt, stop, depth <= 0);
      i = stop;
      continue;
    }
    const bool is_end = at.size() > 2 && at[1] == '/' && is_alpha(at[2]);
    const bool is_start = at.size() > 1 && is_alpha(at[1]);
    // feedparser makes "<!" text unless a doctype, comment or marked section follows, and
    // CDATA markers text before anything else.
    const bool is_declaration =
        at.size() > 1 && ((at[1] == '!' && (util::iequals(at.substr(2, 7), "doctype") ||
                                            (at.size() > 2 && at[2] == '[' &&
                                             at.compare(0, 9, "<![CDATA[") != 0))) ||
                          at[1] == '?');
    std::size_t close = npos;
    if (is_end || is_start || is_declaration) {
      close = scanner.tag_end(lt);
    }
    if (close == npos) {
      // A '<' that opens nothing (or is never closed) is text to sgmllib. Written as a
      // reference, so that it cannot open a tag with what follows once text between is gone.
      if (depth == 0) {
        out += "&lt;";
      }
      changed = true;
      i = lt + 1;
      continue;
    }
    const bool closed_by_gt = in[close] == '>';
    const std::size_t stop = closed_by_gt ? close + 1 : close;
    const std::string_view tag = in.substr(lt, stop - lt);
    // A tag that a '<' ends is closed there for sgmllib; closed here too, so that it cannot
    // run on into what follows once text between is gone ("<scr<script>…</script>ipt>").
    const auto keep_tag = [&](bool kept) {
      keep(lt, stop, kept);
      if (kept && !closed_by_gt) {
        out += '>';
        changed = true;
      }
    };
    if (!is_end && !is_start) {  // doctype, marked section, processing instruction
      keep_tag(depth <= 0);
      i = stop;
      continue;
    }
    const std::size_t name_from = is_end ? 2 : 1;
    std::size_t name_end = name_from;
    while (name_end < tag.size() && is_name_char(tag[name_end])) {
      ++name_end;
    }
    if (is_script_like(tag.substr(name_from, name_end - name_from))) {
      if (is_end) {
        --depth;
      } else if (!is_empty_short_tag(tag, name_end)) {
        ++depth;
      }
      changed = true;  // the three elements' tags never reach the parser
    } else {
      keep_tag(depth <= 0);
    }
    i = stop;
  }
  if (!changed) {
    return std::nullopt;
  }
  return out;
}

std::string_view script_ruled(std::string_view html, std::optional<std::string>& storage,
                              SourceScan& scan) {
  scan = scan_source(html);
  if (!scan.script_like) {
    return html;
  }
  storage = apply_script_rule(html);
  if (!storage) {
    return html;
  }
  scan = scan_source(*storage);
  return *storage;
}

}  // namespace orrery::sanitise::detail
