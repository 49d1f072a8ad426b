#include "sanitise/script_rule.h"

#include "sanitise/tokenizer.h"
#include "util/strings.h"

namespace orrery::sanitise::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_script_like(std::string_view name) {
  return util::iequals(name, "script") || util::iequals(name, "style") ||
         util::iequals(name, "applet");
}

// A start tag with no attributes closed by "/>": feedparser rewrites "<script/>" as
// "<script></script>" before tokenizing, so it leaves the counter as it was.
bool is_empty_short_tag(std::string_view tag, std::size_t name_end) {
  std::size_t i = name_end;
  while (i < tag.size() && is_sgml_space(tag[i])) {
    ++i;
  }
  return tag.size() - i == 2 && tag.compare(i, 2, "/>") == 0;
}

}  // namespace

bool has_script_like_tag(std::string_view html) { return scan_source(html).script_like; }

std::optional<std::string> apply_script_rule(std::string_view in) {
  SgmlScanner scanner(in);
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
    while (name_end < tag.size() && is_sgml_name_char(tag[name_end])) {
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
