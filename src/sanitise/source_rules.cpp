#include "sanitise/source_rules.h"

#include "sanitise/tokenizer.h"
#include "util/strings.h"

namespace orrery::sanitise::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// At a "<!": true unless a comment, a doctype or a marked section opens there.
bool is_bare_declaration_open(std::string_view html, std::size_t lt) {
  const std::string_view rest = html.substr(lt + 2);
  return !(rest.substr(0, 2) == "--" || rest.substr(0, 1) == "[" ||
           util::iequals(rest.substr(0, 7), "doctype"));
}

// At a '<': where the name of a short tag of a non-void element ends, else npos.
std::size_t short_tag_name_end(std::string_view html, std::size_t lt) {
  std::size_t i = lt + 1;
  if (i >= html.size() || !is_alpha(html[i])) {
    return npos;
  }
  while (i < html.size() && (is_alnum(html[i]) || html[i] == '-')) {
    ++i;
  }
  const std::size_t name_end = i;
  while (i < html.size() && is_tag_space(html[i])) {
    ++i;
  }
  if (html.compare(i, 2, "/>") != 0) {
    return npos;
  }
  // feedparser's elements without an end tag
  static constexpr std::string_view k_void[] = {
      "area",  "base",    "basefont", "br",   "col",  "command", "embed",  "frame", "hr", "img",
      "input", "isindex", "keygen",   "link", "meta", "param",   "source", "track", "wbr"};
  const std::string_view name = html.substr(lt + 1, name_end - lt - 1);
  for (std::string_view v : k_void) {
    if (util::iequals(name, v)) {
      return npos;
    }
  }
  return name_end;
}

// At a "</": one past the end of a "</br>" end tag, else npos.
std::size_t br_end_tag_end(std::string_view html, std::size_t lt) {
  if (lt + 4 > html.size() || !util::iequals(html.substr(lt + 2, 2), "br")) {
    return npos;
  }
  if (lt + 4 < html.size()) {
    const char after = html[lt + 4];
    if (after != '>' && after != '/' && !is_tag_space(after)) {
      return npos;  // </bra>
    }
  }
  const std::size_t gt = html.find('>', lt + 4);
  return gt == npos ? npos : gt + 1;
}

bool is_script_like_name(std::string_view html, std::size_t name) {
  if (name >= html.size()) {
    return false;
  }
  const char first = static_cast<char>(html[name] | 0x20);  // ASCII lower case
  if (first != 's' && first != 'a') {
    return false;  // most tags: one comparison
  }
  const std::string_view rest = html.substr(name);
  return util::iequals(rest.substr(0, 6), "script") || util::iequals(rest.substr(0, 6), "applet") ||
         util::iequals(rest.substr(0, 5), "style");
}

}  // namespace

SourceScan scan_source(std::string_view html) {
  SourceScan scan;
  for_each_lt(html, [&](std::size_t lt) {
    if (lt + 1 >= html.size()) {
      return false;
    }
    const char next = html[lt + 1];
    if (next == '!') {
      scan.rewrites = scan.rewrites || is_bare_declaration_open(html, lt);
    } else if (next == '/') {
      scan.script_like = scan.script_like || is_script_like_name(html, lt + 2);
      scan.rewrites = scan.rewrites || br_end_tag_end(html, lt) != npos;
    } else if (is_alpha(next)) {
      scan.script_like = scan.script_like || is_script_like_name(html, lt + 1);
      scan.rewrites = scan.rewrites || short_tag_name_end(html, lt) != npos;
    }
    return !(scan.script_like && scan.rewrites);
  });
  return scan;
}

void apply_source_rewrites(std::string& text) {
  std::string out;
  std::size_t from = 0;  // text[from, …) not yet copied to out
  for_each_lt(text, [&](std::size_t lt) {
    if (lt < from || lt + 1 >= text.size()) {
      return lt + 1 < text.size();
    }
    if (text[lt + 1] == '!' && is_bare_declaration_open(text, lt)) {
      out.append(text, from, lt - from).append("&lt;");
      from = lt + 1;
    } else if (const std::size_t name_end = short_tag_name_end(text, lt); name_end != npos) {
      const std::string_view name(text.data() + lt + 1, name_end - lt - 1);
      out.append(text, from, lt - from).append("<").append(name).append("></").append(name);
      out += '>';
      from = text.find("/>", name_end) + 2;
    } else if (const std::size_t end = text[lt + 1] == '/' ? br_end_tag_end(text, lt) : npos;
               end != npos) {
      out.append(text, from, lt - from);  // </br>: dropped
      from = end;
    }
    return true;
  });
  if (from == 0) {
    return;  // nothing rewritten
  }
  out.append(text, from, std::string::npos);
  text = std::move(out);
}

}  // namespace orrery::sanitise::detail
