// The iTunes podcast namespace (http://www.itunes.com/dtds/podcast-1.0.dtd): authors, owner,
// keywords and categories as tags, the image, block and explicit flags; the rest (duration,
// episode, …) as itunes_* extensions.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

constexpr const char* k_itunes_scheme = "http://www.itunes.com/";

void read_keywords(const Element& e, Target& t) {
  std::string text = xml::own_text(e.node);
  for (char& c : text) {
    if (c == ',') c = ' ';
  }
  for (const std::string& word : util::split_whitespace(text)) {
    add_tag(t, {word, k_itunes_scheme, {}});
  }
}

void set_image(const Element& e, Target& t, std::string href) {
  if (href.empty()) return;  // <itunes:image/> without a URL must not hide the RSS image
  model::Image* image = nullptr;
  if (t.entry) {
    image = &t.entry->image.emplace();
  } else if (t.channel) {
    image = &t.channel->image.emplace();
  }
  if (image) image->href = resolve(e, href);
}

void read_owner(Context& ctx, const Element& e, Target& t) {
  model::Person p;
  for (pugi::xml_node c : e.node.children()) {
    if (c.type() != pugi::node_element) continue;
    Element child = ctx.element(c, e.scope);
    std::string value(util::trim(xml::own_text(c)));
    if (child.local == "name") p.name = value;
    if (child.local == "email") p.email = value;
  }
  if (!p.empty()) t.common.publisher = std::move(p);
}

// feedparser's reading, case and surrounding space aside: true for yes/true/explicit, false
// for no/clean/false, null otherwise.
std::optional<bool> explicit_flag(std::string_view text) {
  std::string v = util::to_lower(util::trim(text));
  if (v == "yes" || v == "true" || v == "explicit") return true;
  if (v == "no" || v == "clean" || v == "false") return false;
  return std::nullopt;
}

model::TextConstruct plain(const Element& e) {
  model::TextConstruct tc = rss_text(e, model::TextType::text);
  return tc;
}

}  // namespace

bool itunes_element(Context& ctx, const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "author") {
    add_text_author(t, xml::own_text(e.node));
  } else if (n == "owner") {
    read_owner(ctx, e, t);
  } else if (n == "category") {
    std::string term(util::trim(xml::attribute(e.node, "text")));
    if (!term.empty()) add_tag(t, {term, k_itunes_scheme, {}});
    for (pugi::xml_node c : e.node.children()) {
      if (c.type() == pugi::node_element) itunes_element(ctx, ctx.element(c, e.scope), t);
    }
  } else if (n == "keywords") {
    read_keywords(e, t);
  } else if (n == "image") {
    const char* href = xml::find_attribute(e.node, "href");
    if (!href) href = xml::find_attribute(e.node, "url");
    set_image(e, t, href ? href : "");
  } else if (n == "link") {
    if (xml::attribute(e.node, "rel") != "image") return false;
    set_image(e, t, xml::attribute(e.node, "href"));
  } else if (n == "block") {
    std::string v = xml::own_text(e.node);
    t.common.itunes_block = (v == "yes" || v == "Yes") ? 1 : 0;
  } else if (n == "explicit") {
    t.common.itunes_explicit = explicit_flag(xml::own_text(e.node));
  } else if (n == "summary") {
    if (t.entry) {
      if (!t.entry->summary) t.entry->summary = plain(e);
    } else if (t.channel && !t.channel->subtitle) {
      t.channel->subtitle = plain(e);
    }
  } else if (n == "subtitle") {
    if (t.entry) {
      t.entry->subtitle = plain(e);
    } else if (t.channel && !t.channel->subtitle) {
      t.channel->subtitle = plain(e);
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace orrery::parse
