// excerpt.py as a native filter. The cut follows Python's textwrap, which Venus's excerpt.py
// uses: the first line of a greedy wrap of the text seen so far decides where the excerpt ends.

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "filters/entry_xml.h"
#include "filters/native.h"
#include "util/strings.h"

namespace orrery::filters {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

// The first `n` code points of `s`.
std::string_view prefix_code_points(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i])) {
      if (seen == n) {
        break;
      }
      ++seen;
    }
  }
  return s.substr(0, i);
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// textwrap's expand_tabs (tab stops of 8) and replace_whitespace.
std::string wrap_input(std::string_view text) {
  std::string out;
  std::size_t column = 0;
  for (char c : text) {
    if (c == '\t') {
      std::size_t pad = 8 - column % 8;
      out.append(pad, ' ');
      column += pad;
    } else if (c == '\n' || c == '\r') {
      out += ' ';
      column = 0;
    } else {
      out += is_space(c) ? ' ' : c;
      column += is_continuation(c) ? 0 : 1;
    }
  }
  return out;
}

struct FirstLine {
  std::size_t lines = 0;  // 0, 1, or 2 meaning "more than one"
  std::size_t width = 0;  // code points of the first line
};

// The first line of textwrap.TextWrapper(width).wrap(text): chunks are runs of spaces and of
// other characters; a line takes chunks while they fit, a chunk longer than the width is broken,
// trailing spaces are dropped, and a later line drops its leading spaces.
FirstLine first_line(std::string_view raw, std::size_t width) {
  std::string text = wrap_input(raw);
  std::vector<std::string_view> chunks;
  std::string_view rest = text;
  while (!rest.empty()) {
    bool space = rest.front() == ' ';
    std::size_t n = 0;
    while (n < rest.size() && (rest[n] == ' ') == space) {
      ++n;
    }
    chunks.push_back(rest.substr(0, n));
    rest.remove_prefix(n);
  }
  FirstLine result;
  std::size_t i = 0;
  std::size_t line_len = 0;
  std::size_t trailing_space = 0;
  bool any = false;
  for (; i < chunks.size(); ++i) {
    std::size_t len = code_points(chunks[i]);
    if (line_len + len > width) {
      break;
    }
    line_len += len;
    trailing_space = chunks[i].front() == ' ' ? len : 0;
    any = true;
  }
  std::string_view broken_rest;
  if (i < chunks.size() && code_points(chunks[i]) > width) {
    std::size_t room = width < 1 ? 1 : width - line_len;
    line_len += room;
    trailing_space = 0;
    any = true;
    broken_rest = chunks[i].substr(prefix_code_points(chunks[i], room).size());
    ++i;
  }
  line_len -= trailing_space;
  if (!any || line_len == 0) {
    result.lines = 0;
    return result;
  }
  result.width = line_len;
  bool more = !broken_rest.empty();
  for (std::size_t j = i; j < chunks.size() && !more; ++j) {
    more = chunks[j].front() != ' ';
  }
  result.lines = more ? 2 : 1;
  return result;
}

class Copier {
 public:
  Copier(std::size_t width, std::vector<std::string> omit)
      : m_width(width), m_omit(std::move(omit)) {}

  void copy_children(pugi::xml_node source, pugi::xml_node target) {
    for (pugi::xml_node child : source.children()) {
      if (child.type() == pugi::node_element) {
        copy_element(child, target);
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        copy_text(child.value(), target);
      }
      if (m_full) {
        break;
      }
    }
  }

 private:
  bool omitted(std::string_view name) const {
    return std::find(m_omit.begin(), m_omit.end(), name) != m_omit.end();
  }

  void copy_element(pugi::xml_node source, pugi::xml_node target) {
    std::string_view name = source.name();
    if (omitted(name)) {
      if (name == "img") {
        elide_image(source, target);
      } else {
        copy_children(source, target);
      }
      return;
    }
    pugi::xml_node child = target.append_child(source.name());
    for (pugi::xml_attribute a : source.attributes()) {
      child.append_attribute(a.name()) = a.value();
    }
    copy_children(source, child);
  }

  // An omitted image becomes a link to it showing its alt text ("<img>" without one), or just
  // the text inside a link already or without a src.
  void elide_image(pugi::xml_node source, pugi::xml_node target) {
    std::string alt = source.attribute("alt").value();
    if (alt.empty()) {
      alt = "<img>";
    }
    std::string src = source.attribute("src").value();
    if (std::string_view(target.name()) == "a" || src.empty()) {
      copy_text(alt, target);
      return;
    }
    pugi::xml_node a = target.append_child("a");
    a.append_attribute("href") = src.c_str();
    copy_text(alt, a);
  }

  void copy_text(std::string_view source, pugi::xml_node target) {
    if (!strip(source).empty()) {
      if (!m_text.empty()) {
        m_text += ' ';
      }
      m_text += strip(source);
    }
    FirstLine line = first_line(m_text, m_width);
    if (line.lines == 1) {
      target.append_child(pugi::node_pcdata).set_value(std::string(source).c_str());
      m_textlen = line.width;
    } else if (line.lines > 1) {
      // As excerpt.py: the part of this text node that fills the first line (Python's slice
      // semantics for a negative length).
      long keep = static_cast<long>(line.width) - static_cast<long>(m_textlen);
      long total = static_cast<long>(code_points(source));
      if (keep < 0) {
        keep = std::max(0L, total + keep);
      }
      std::string cut(prefix_code_points(source, static_cast<std::size_t>(keep)));
      cut += " \u2026";
      target.append_child(pugi::node_pcdata).set_value(cut.c_str());
      m_full = true;
    }
  }

  std::size_t m_width;
  std::vector<std::string> m_omit;
  std::string m_text;  // the stripped texts seen so far, joined by spaces
  std::size_t m_textlen = 0;
  bool m_full = false;
};

pugi::xml_node find_atom_element(pugi::xml_node root, std::string_view name) {
  return root.find_node([name](pugi::xml_node n) {
    return n.type() == pugi::node_element && local_name(n) == name && namespace_of(n) == k_atom_ns;
  });
}

std::string option(const Options& options, const std::string& key, std::string fallback) {
  auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

}  // namespace

Outcome excerpt(std::string_view entry, const Options& options) {
  std::string width_text(util::trim(option(options, "width", "500")));
  std::size_t width = 0;
  auto [end, ec] = std::from_chars(width_text.data(), width_text.data() + width_text.size(), width);
  if (ec != std::errc() || end != width_text.data() + width_text.size()) {
    return Outcome::failure("width: \"" + width_text + "\" is not a number");
  }
  std::string target = option(options, "target", "planet:excerpt");
  pugi::xml_document doc;
  if (auto loaded = load_document(doc, entry); !loaded) {
    return Outcome::failure(loaded.error().message);
  }
  pugi::xml_node root = doc.document_element();
  pugi::xml_node source = find_atom_element(doc, "summary");
  if (!source) {
    source = find_atom_element(doc, "content");
  }
  if (!source) {
    return Outcome::output(std::string(entry));
  }
  if (util::istarts_with(target, "planet:")) {
    pugi::xml_attribute ns = root.attribute("xmlns:planet");
    (ns ? ns : root.append_attribute("xmlns:planet")) = std::string(k_planet_ns).c_str();
  }
  if (target.rfind("atom:", 0) == 0) {
    target = target.substr(5);
  }
  pugi::xml_node parent = source.parent();
  pugi::xml_node result = parent.append_child(target.c_str());
  // Declarations on the source element itself stay in scope for the copied markup.
  for (pugi::xml_attribute a : source.attributes()) {
    if (util::istarts_with(a.name(), "xmlns")) {
      result.append_attribute(a.name()) = a.value();
    }
  }
  Copier(width, util::split_whitespace(option(options, "omit", ""))).copy_children(source, result);
  if (std::string_view(source.name()) == result.name()) {
    parent.remove_child(source);
  }
  return Outcome::output(save_document(doc));
}

}  // namespace orrery::filters
