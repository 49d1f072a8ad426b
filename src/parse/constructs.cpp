// The readers shared by the format handlers: text constructs, people, dates, tags (context.h).

#include <array>
#include <charconv>

#include "model/limits.h"
#include "parse/context.h"
#include "parse/dates.h"
#include "parse/html_entities.h"
#include "parse/namespaces.h"
#include "parse/xml_tree.h"
#include "util/strings.h"
#include "util/url.h"
#include "util/utf8.h"

namespace orrery::parse {

namespace {

using model::TextType;

// feedparser's list of harmless HTML elements: plain text that uses only these is taken for HTML.
bool is_known_html_element(std::string_view name) {
  static constexpr std::array<std::string_view, 94> k_elements{
      "a",        "abbr",     "acronym",  "address",    "area",     "article",  "aside",
      "audio",    "b",        "big",      "blockquote", "br",       "button",   "canvas",
      "caption",  "center",   "cite",     "code",       "col",      "colgroup", "command",
      "datagrid", "datalist", "dd",       "del",        "details",  "dfn",      "dialog",
      "dir",      "div",      "dl",       "dt",         "em",       "fieldset", "figcaption",
      "figure",   "footer",   "font",     "form",       "header",   "h1",       "h2",
      "h3",       "h4",       "h5",       "h6",         "hr",       "i",        "img",
      "input",    "ins",      "keygen",   "kbd",        "label",    "legend",   "li",
      "m",        "map",      "menu",     "meter",      "multicol", "nav",      "nextid",
      "ol",       "output",   "optgroup", "option",     "p",        "pre",      "progress",
      "q",        "s",        "samp",     "section",    "select",   "small",    "sound",
      "source",   "spacer",   "span",     "strike",     "strong",   "sub",      "sup",
      "table",    "tbody",    "td",       "textarea",   "time",     "tfoot",    "th",
      "thead",    "tr",       "tt"};
  static constexpr std::array<std::string_view, 6> k_more{"u",     "ul",       "var",
                                                          "video", "noscript", "event-source"};
  std::string lower = util::to_lower(name);
  for (std::string_view e : k_elements) {
    if (e == lower) return true;
  }
  for (std::string_view e : k_more) {
    if (e == lower) return true;
  }
  return false;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// feedparser's looks_like_html: a close tag or an entity reference, every tag a known HTML
// element and every entity a known HTML entity.
bool looks_like_html(std::string_view s) {
  bool evidence = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      std::size_t j = i + 1;
      bool closing = j < s.size() && s[j] == '/';
      if (closing) ++j;
      std::size_t start = j;
      while (j < s.size() && is_word_char(s[j])) ++j;
      if (j == start) continue;
      if (!is_known_html_element(s.substr(start, j - start))) return false;
      if (closing && j < s.size() && s[j] == '>') evidence = true;
    } else if (s[i] == '&') {
      std::size_t j = i + 1;
      bool numeric = j < s.size() && s[j] == '#';
      if (numeric) ++j;
      std::size_t start = j;
      while (j < s.size() && is_word_char(s[j])) ++j;
      if (j == start || j >= s.size() || s[j] != ';') continue;
      if (!numeric && !html_entity(s.substr(start, j - start))) return false;
      evidence = true;
    }
  }
  return evidence;
}

// The text types for a `type` attribute (Atom 1.0 names, Atom 0.3 / RSS MIME types).
TextType type_for(std::string_view type, std::string& media_type) {
  // feedparser's map_content_type: "plain" (Media RSS's word) is text as well.
  if (type.empty() || type == "text" || type == "plain" || type == "text/plain") {
    return TextType::text;
  }
  if (type == "html" || type == "text/html") return TextType::html;
  if (type == "xhtml" || type == "application/xhtml+xml") return TextType::xhtml;
  media_type = std::string(type);
  return TextType::text;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// RFC 4648 base64, skipping whitespace; stops at padding or the first foreign character.
std::string decode_base64(std::string_view s) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    int v = base64_value(c);
    if (v < 0) {
      if (c == '=') break;
      continue;
    }
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The XHTML value: the content of the wrapping <div> (RFC 4287 §3.1.1.3), else of the element.
std::string xhtml_value(pugi::xml_node node, const std::shared_ptr<const xml::Bindings>& ns) {
  pugi::xml_node only;
  int elements = 0;
  bool text = false;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element) {
      only = c;
      ++elements;
    } else if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
               !util::trim(c.value()).empty()) {
      text = true;
    }
  }
  pugi::xml_node holder = node;
  std::shared_ptr<const xml::Bindings> at_holder = ns;
  if (elements == 1 && !text && xml::split_name(only.name()).local == "div") {
    std::shared_ptr<const xml::Bindings> at_only = xml::Bindings::at(only, ns);
    if (xml::resolve(at_only, xml::split_name(only.name()).prefix) == xml::k_xhtml_ns) {
      holder = only;
      at_holder = std::move(at_only);
    }
  }
  return xml::inner_xml(holder, std::move(at_holder), model::limits::k_max_xml_depth,
                        model::limits::k_max_field_bytes);
}

// Markup inside a construct that declared itself text or escaped HTML. A lone <div> holding
// only text is a wrapper (TypePad writes escaped HTML inside one): its text is the value.
// Anything else is really inline XHTML, as feedparser concludes.
void inline_markup(pugi::xml_node node, const std::shared_ptr<const xml::Bindings>& ns,
                   model::TextConstruct& tc) {
  pugi::xml_node only;
  int elements = 0;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element) {
      only = c;
      ++elements;
    }
  }
  if (elements == 1 && xml::split_name(only.name()).local == "div" &&
      !xml::has_element_children(only)) {
    tc.value = xml::own_text(only);
    return;
  }
  tc.type = TextType::xhtml;
  tc.media_type.clear();
  tc.value =
      xml::inner_xml(node, ns, model::limits::k_max_xml_depth, model::limits::k_max_field_bytes);
}

}  // namespace

bool text_looks_like_html(std::string_view s) { return looks_like_html(s); }

model::Date read_date(const Element& e) {
  model::Date d;
  d.raw = std::string(util::trim(xml::own_text(e.node)));
  d.parsed = parse_date(d.raw);
  return d;
}

model::TextConstruct atom_text(const Element& e) {
  model::TextConstruct tc;
  tc.language = e.scope.language;
  tc.base = e.scope.base;
  if (const char* src = xml::find_attribute(e.node, "src")) tc.src = resolve(e, src);
  std::string type = util::to_lower(util::trim(xml::attribute(e.node, "type")));
  std::string mode = util::to_lower(util::trim(xml::attribute(e.node, "mode")));
  tc.type = type_for(type, tc.media_type);
  bool other_type = !tc.media_type.empty() && !util::istarts_with(tc.media_type, "text/") &&
                    tc.media_type.find("xml") == std::string::npos;
  if (mode == "base64" || other_type) {
    // RFC 4287 §4.1.3.3: other media types are base64 (Atom 0.3 says so with mode="base64").
    // Decoded as feedparser does, then made valid UTF-8 whatever the bytes were.
    tc.value = util::repair_utf8(decode_base64(xml::own_text(e.node)));
  } else if (tc.type == TextType::xhtml) {
    // Only Atom 1.0 wraps XHTML in a <div> that is not part of the value (RFC 4287 §3.1.1.3).
    tc.value = e.dialect == Dialect::atom10
                   ? xhtml_value(e.node, e.scope.ns)
                   : xml::inner_xml(e.node, e.scope.ns, model::limits::k_max_xml_depth,
                                    model::limits::k_max_field_bytes);
  } else if (mode == "escaped" || !xml::has_element_children(e.node)) {
    tc.value = xml::own_text(e.node);
  } else {
    inline_markup(e.node, e.scope.ns, tc);
  }
  tc.value = std::string(util::trim(tc.value));
  return tc;
}

model::TextConstruct rss_text(const Element& e, TextType default_type) {
  model::TextConstruct tc;
  tc.language = e.scope.language;
  tc.base = e.scope.base;
  std::string type = util::to_lower(util::trim(xml::attribute(e.node, "type")));
  tc.type = type.empty() ? default_type : type_for(type, tc.media_type);
  tc.value = std::string(util::trim(xml::content(e.node, e.scope.ns)));
  if (xml::has_element_children(e.node)) {
    // Naked markup: the element holds elements where RSS expects text or escaped HTML, so it
    // is XHTML, whatever it declared, unless it declared an XML type (feedparser: "element
    // declared itself as escaped markup, but it isn't really").
    if (tc.type != TextType::xhtml && !tc.media_type.ends_with("xml")) {
      tc.type = TextType::xhtml;
      tc.media_type.clear();
    }
    return tc;
  }
  if (tc.type == TextType::text && tc.media_type.empty() && looks_like_html(tc.value)) {
    tc.type = TextType::html;
  }
  return tc;
}

model::Person atom_person(const Context& ctx, const Element& e) {
  model::Person p;
  for (pugi::xml_node c : e.node.children()) {
    if (c.type() != pugi::node_element) continue;
    Element child = ctx.element(c, e.scope);
    std::string value(util::trim(xml::own_text(c)));
    if (!child.prefix.empty()) continue;
    if (child.local == "name") {
      p.name = value;
    } else if (child.local == "email") {
      p.email = value;
    } else if (child.local == "uri" || child.local == "url" || child.local == "homepage") {
      p.href = resolve(child, value);
    }
  }
  return p;
}

namespace {

bool is_email_local(char c) { return is_word_char(c) || c == '-' || c == '.' || c == '+'; }
bool is_email_domain(char c) { return is_word_char(c) || c == '-' || c == '.'; }

}  // namespace

model::Person text_person(std::string_view text) {
  model::Person p;
  std::string s(util::trim(text));
  std::size_t at = s.find('@');
  if (at != std::string::npos) {
    std::size_t begin = at, end = at + 1;
    while (begin > 0 && is_email_local(s[begin - 1])) --begin;
    while (end < s.size() && is_email_domain(s[end])) ++end;
    while (end > at + 1 && s[end - 1] == '.') --end;
    std::string_view domain = std::string_view(s).substr(at + 1, end - at - 1);
    if (begin < at && domain.find('.') != std::string_view::npos) {
      p.email = s.substr(begin, end - begin);
      if (begin >= 7 && util::iequals(std::string_view(s).substr(begin - 7, 7), "mailto:")) {
        begin -= 7;
      }
      s.erase(begin, end - begin);
      util::replace_all(s, "()", "");
      util::replace_all(s, "<>", "");
      s = std::string(util::trim(s));
      if (!s.empty() && s.front() == '(') s.erase(0, 1);
      if (!s.empty() && s.back() == ')') s.pop_back();
    }
  }
  p.name = std::string(util::trim(s));
  return p;
}

void add_author(Target& t, model::Person person) {
  if (person.empty()) return;
  if (!t.common.author) t.common.author = person;
  t.common.authors.push_back(std::move(person));
}

void add_text_author(Target& t, std::string_view text) {
  model::Person person = text_person(text);
  if (person.empty()) return;
  if (!t.common.author) t.common.author_text = std::string(util::trim(text));
  add_author(t, std::move(person));
}

void add_tag(Target& t, model::Tag tag) {
  for (const model::Tag& existing : t.common.tags) {
    if (existing.term == tag.term && existing.scheme == tag.scheme && existing.label == tag.label) {
      return;
    }
  }
  t.common.tags.push_back(std::move(tag));
}

std::string collapse_authority_slashes(std::string url) {
  // `http:///example.com/` → `http://example.com/`, as feedparser repairs it before joining.
  std::size_t sep = url.find("://");
  if (sep == std::string::npos || sep == 0 || !util::is_absolute_url(url)) return url;
  std::size_t extra = sep + 3;
  while (extra < url.size() && url[extra] == '/') ++extra;
  url.erase(sep + 3, extra - sep - 3);
  return url;
}

std::string resolve(const Element& e, std::string_view url) {
  return collapse_authority_slashes(util::resolve_url(e.scope.base, util::trim(url)));
}

void add_link(Target& t, model::Link link) {
  if (link.rel.empty()) link.rel = "alternate";
  if (link.type.empty()) link.type = link.rel == "self" ? "application/atom+xml" : "text/html";
  if (link.rel == "alternate" && t.common.link.empty() &&
      (link.type == "text/html" || link.type == "application/xhtml+xml")) {
    t.common.link = link.href;
  }
  if (link.rel == "enclosure" && t.entry) {
    t.entry->enclosures.push_back({link.href, link.type, link.length});
  }
  if (link.rel == "license" && t.common.license.empty()) {
    t.common.license = link.href;
  }
  t.common.links.push_back(std::move(link));
}

void add_summary(Target& t, model::TextConstruct text) {
  if (!t.entry) {
    if (t.channel && !t.channel->subtitle) t.channel->subtitle = std::move(text);
    return;
  }
  if (!t.entry->summary) {
    t.entry->summary = std::move(text);
  } else {
    t.entry->content.push_back(std::move(text));
  }
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::string_view s = util::trim(text);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

}  // namespace orrery::parse
