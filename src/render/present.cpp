#include "render/present.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "util/strings.h"
#include "util/utf8.h"

namespace orrery::render {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_void(std::string_view name) {
  static constexpr std::string_view k_void[] = {"area",   "br",    "col",   "embed",
                                                "hr",     "img",   "input", "keygen",
                                                "source", "track", "wbr",   "command"};
  return std::find(std::begin(k_void), std::end(k_void), name) != std::end(k_void);
}

struct Attribute {
  std::string_view name;
  std::string_view value;  // as written, quotes included; "" when the attribute has no value
};

struct Tag {
  std::size_t end = std::string_view::npos;  // one past '>'
  bool closing = false;
  bool self_closing = false;
  std::string_view name;
  std::vector<Attribute> attributes;
};

// Reads the tag at `pos` ('<' then a letter or '/'): the sanitiser writes double-quoted values,
// single quotes and bare values are read too.
Tag read_tag(std::string_view in, std::size_t pos) {
  Tag tag;
  std::size_t i = pos + 1;
  if (i < in.size() && in[i] == '/') {
    tag.closing = true;
    ++i;
  }
  std::size_t start = i;
  while (i < in.size() && !is_space(in[i]) && in[i] != '>' && in[i] != '/') {
    ++i;
  }
  tag.name = in.substr(start, i - start);
  while (i < in.size()) {
    while (i < in.size() && is_space(in[i])) {
      ++i;
    }
    if (i >= in.size()) {
      break;
    }
    if (in[i] == '>') {
      tag.end = i + 1;
      return tag;
    }
    if (in[i] == '/') {
      tag.self_closing = true;
      ++i;
      continue;
    }
    std::size_t name_start = i;
    while (i < in.size() && !is_space(in[i]) && in[i] != '>' && in[i] != '=' && in[i] != '/') {
      ++i;
    }
    Attribute attribute{in.substr(name_start, i - name_start), {}};
    if (i < in.size() && in[i] == '=') {
      std::size_t value_start = ++i;
      if (i < in.size() && (in[i] == '"' || in[i] == '\'')) {
        std::size_t close = in.find(in[i], i + 1);
        i = close == std::string_view::npos ? in.size() : close + 1;
      } else {
        while (i < in.size() && !is_space(in[i]) && in[i] != '>') {
          ++i;
        }
      }
      attribute.value = in.substr(value_start, i - value_start);
    }
    tag.self_closing = false;
    tag.attributes.push_back(attribute);
  }
  return tag;  // unterminated: end stays npos
}

// "h1".."h6" → its level, else 0.
int heading_level(std::string_view name) {
  if (name.size() == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6') {
    return name[1] - '0';
  }
  return 0;
}

std::string element_name(std::string_view name, const Presentation& options) {
  int level = heading_level(name);
  if (level == 0 || options.top_heading <= 1) {
    return std::string(name);
  }
  int shown = std::min(6, level + options.top_heading - 1);
  return "h" + std::to_string(shown);
}

bool has_attribute(const Tag& tag, std::string_view name) {
  return std::any_of(tag.attributes.begin(), tag.attributes.end(),
                     [&](const Attribute& a) { return a.name == name; });
}

// The start tag as the page shows it: no style, images lazy and without a Referer.
std::string write_start_tag(const Tag& tag, const Presentation& options) {
  std::string out = "<" + element_name(tag.name, options);
  for (const Attribute& a : tag.attributes) {
    if (util::to_lower(a.name) == "style") {
      continue;
    }
    out += ' ';
    out += a.name;
    if (!a.value.empty()) {
      out += '=';
      out += a.value;
    }
  }
  // A table or a pre scrolls sideways inside the column when it is wider: it must take the
  // keyboard focus to be scrolled without a pointer (WCAG 2.1.1; axe's
  // scrollable-region-focusable).
  if ((tag.name == "pre" || tag.name == "table") && !has_attribute(tag, "tabindex")) {
    out += " tabindex=\"0\"";
  }
  if (tag.name == "img") {
    if (!has_attribute(tag, "loading")) {
      out += " loading=\"lazy\"";
    }
    if (!has_attribute(tag, "referrerpolicy")) {
      out += " referrerpolicy=\"no-referrer\"";
    }
  }
  out += tag.self_closing ? " />" : ">";
  return out;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    if (is_space(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

// A place between two elements at depth 0 or 1, with the text written before it.
struct Boundary {
  std::size_t offset;  // in the output
  std::size_t text;    // text bytes before it
  std::size_t depth;
};

struct Walk {
  std::string out;
  std::vector<Boundary> boundaries;
  std::size_t text = 0;
  // The fragment's first top-level element: its written start tag and name, and whether it
  // closes only at the very end (a wrapper).
  std::string first_start_tag;
  std::string first_name;
  std::size_t top_elements = 0;
  bool top_text = false;  // text other than whitespace at depth 0
};

Walk walk(std::string_view in, const Presentation& options) {
  Walk w;
  w.out.reserve(in.size() + 64);
  std::vector<std::string> open;  // written names
  std::size_t i = 0;
  auto boundary = [&]() {
    if (open.size() <= 1) {
      w.boundaries.push_back({w.out.size(), w.text, open.size()});
    }
  };
  while (i < in.size()) {
    if (in[i] != '<') {
      std::size_t next = in.find('<', i);
      std::string_view text = in.substr(i, next == std::string_view::npos ? next : next - i);
      w.text += text.size();
      if (open.empty() && count_words(text) > 0) {
        w.top_text = true;
      }
      w.out += text;
      i += text.size();
      continue;
    }
    if (in.compare(i, 4, "<!--") == 0) {
      std::size_t close = in.find("-->", i + 4);
      std::size_t end = close == std::string_view::npos ? in.size() : close + 3;
      w.out += in.substr(i, end - i);
      i = end;
      continue;
    }
    Tag tag = read_tag(in, i);
    if (tag.end == std::string_view::npos || tag.name.empty()) {
      w.out += in.substr(i);  // not sanitiser output: leave the rest as it is
      break;
    }
    i = tag.end;
    if (tag.closing) {
      std::string name = element_name(tag.name, options);
      w.out += "</" + name + ">";
      if (!open.empty()) {
        open.pop_back();
      }
      boundary();
      continue;
    }
    std::string start = write_start_tag(tag, options);
    if (open.empty()) {
      if (w.top_elements++ == 0) {
        w.first_start_tag = start;
        w.first_name = element_name(tag.name, options);
      }
    }
    w.out += start;
    if (tag.self_closing || is_void(tag.name)) {
      boundary();
    } else {
      open.push_back(std::string(tag.name));
    }
  }
  return w;
}

std::optional<Boundary> cut_at(const Walk& w, std::size_t depth, std::size_t fold_after) {
  for (const Boundary& b : w.boundaries) {
    if (b.depth == depth && b.text >= fold_after && w.text - b.text >= fold_after / 4 &&
        b.offset < w.out.size()) {
      return b;
    }
  }
  return std::nullopt;
}

}  // namespace

PresentedContent present_content(std::string_view html, const Presentation& options) {
  Walk w = walk(html, options);
  PresentedContent result;
  result.text_bytes = w.text;
  if (options.fold_after > 0 && w.text > options.fold_after) {
    if (std::optional<Boundary> top = cut_at(w, 0, options.fold_after)) {
      result.lead = w.out.substr(0, top->offset);
      result.more = w.out.substr(top->offset);
    } else if (w.top_elements == 1 && !w.top_text) {
      // One element wraps the whole post: cut inside it, closing and reopening it.
      if (std::optional<Boundary> inner = cut_at(w, 1, options.fold_after)) {
        result.lead = w.out.substr(0, inner->offset) + "</" + w.first_name + ">";
        result.more = w.first_start_tag + w.out.substr(inner->offset);
      }
    }
  }
  if (result.more.empty()) {
    result.lead = std::move(w.out);
    return result;
  }
  std::string more_text;
  std::size_t i = 0;
  while (i < result.more.size()) {
    std::size_t lt = result.more.find('<', i);
    more_text.append(result.more, i, (lt == std::string::npos ? result.more.size() : lt) - i);
    if (lt == std::string::npos) {
      break;
    }
    std::size_t gt = result.more.find('>', lt);
    i = gt == std::string::npos ? result.more.size() : gt + 1;
    more_text += ' ';
  }
  result.more_words = count_words(more_text);
  return result;
}

namespace {

// The character references the sanitiser writes: &amp; &lt; &gt; &quot; &#39; and numeric
// references kept as written; &nbsp; as a space.
std::size_t decode_reference(std::string_view in, std::size_t pos, std::string& out) {
  std::size_t semi = in.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 12) {
    out += '&';
    return pos + 1;
  }
  std::string_view ref = in.substr(pos + 1, semi - pos - 1);
  if (ref == "amp") {
    out += '&';
  } else if (ref == "lt") {
    out += '<';
  } else if (ref == "gt") {
    out += '>';
  } else if (ref == "quot") {
    out += '"';
  } else if (ref == "apos") {
    out += '\'';
  } else if (ref == "nbsp") {
    out += ' ';
  } else if (ref.size() > 1 && ref[0] == '#') {
    bool hex = ref[1] == 'x' || ref[1] == 'X';
    std::string digits(ref.substr(hex ? 2 : 1));
    std::uint32_t cp = 0;
    for (char c : digits) {
      int v = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : 99;
      if (v >= (hex ? 16 : 10) || cp > 0x10FFFF) {
        cp = 0xFFFD;
        break;
      }
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    if (digits.empty() || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD;
    }
    util::append_utf8(out, cp);
  } else {
    out.append(in, pos, semi - pos + 1);
  }
  return semi + 1;
}

}  // namespace

std::string first_words(std::string_view html, std::size_t max_words) {
  std::string text;
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t gt = html.compare(i, 4, "<!--") == 0 ? html.find("-->", i) : html.find('>', i);
      i = gt == std::string_view::npos ? html.size() : gt + (html[gt] == '-' ? 3 : 1);
      text += ' ';
    } else if (c == '&') {
      i = decode_reference(html, i, text);
    } else {
      text += c;
      ++i;
    }
  }
  std::vector<std::string> words = util::split_whitespace(text);
  if (words.empty()) {
    return {};
  }
  std::string out;
  for (std::size_t w = 0; w < words.size() && w < max_words; ++w) {
    if (!out.empty()) {
      out += ' ';
    }
    out += words[w];
  }
  if (words.size() > max_words) {
    out += "…";
  }
  return out;
}

}  // namespace orrery::render
