// Media RSS (http://search.yahoo.com/mrss/): categories and keywords as tags, the title when the
// entry has none, media:description as a description, media:content, media:thumbnail and
// media:credit as lists of attribute dictionaries, media:player, media:rating, media:license and
// media:restriction as one dictionary each (with the text as `content`), media:group read as its
// children: whatever it holds attaches to the entry (or the channel) it is in, as in feedparser.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

constexpr const char* k_default_category_scheme = "http://search.yahoo.com/mrss/category_schema";

// Media RSS §"media:title": type="plain" (the default) or "html".
model::TextConstruct media_title(const Element& e) {
  std::string type = util::to_lower(util::trim(xml::attribute(e.node, "type")));
  model::TextConstruct tc;
  tc.type = type == "html" ? model::TextType::html : model::TextType::text;
  tc.value = std::string(util::trim(xml::own_text(e.node)));
  tc.language = e.scope.language;
  tc.base = e.scope.base;
  return tc;
}

// An element kept as an attribute dictionary whose text, when it has any, is its `content`
// (media:credit, media:rating, media:license, media:restriction, media:player). `shape`: a list
// of dictionaries (credit), one where the first element's attributes stay and later text
// replaces the content (feedparser's setdefault), or one where the last element wins whole
// (player). `plain_key` receives the text as well (feedparser's `credit`, `rating`,
// `restriction`), "" for none. Each element is one record: the JSON writer merges them by key
// through its index, so a document of many such elements stays linear.
enum class Shape { list, first_wins, last_wins };

model::ExtensionElement& keep_with_content(const Element& e, Target& t, std::string_view local,
                                           Shape shape, std::string_view plain_key) {
  std::string text(util::trim(xml::own_text(e.node)));
  keep_attributes(e, t, "media_" + std::string(local), shape == Shape::list);
  model::ExtensionElement& x = t.common.extension_elements.back();
  x.first_wins = shape == Shape::first_wins;
  // After an attribute of the same name: the later pair wins in the JSON, as the text wins in
  // feedparser.
  if (!text.empty() || shape == Shape::last_wins) x.attributes.emplace_back("content", text);
  if (!plain_key.empty()) t.common.extensions.emplace_back(std::string(plain_key), std::move(text));
  return x;
}

}  // namespace

bool media_element(Context& ctx, const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "category") {
    std::string scheme = xml::attribute(e.node, "scheme");
    if (scheme.empty()) scheme = k_default_category_scheme;
    std::string term(util::trim(xml::own_text(e.node)));
    if (!term.empty()) add_tag(t, {term, scheme, xml::attribute(e.node, "label")});
  } else if (n == "title") {
    if (!t.common.title) t.common.title = media_title(e);
  } else if (n == "keywords") {
    // Comma-separated terms, each a tag without scheme (and the text kept as media_keywords).
    std::string text(util::trim(xml::own_text(e.node)));
    std::string_view rest = text;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view term = util::trim(rest.substr(0, comma));
      if (!term.empty()) add_tag(t, {std::string(term), {}, {}});
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    t.common.extensions.emplace_back("media_keywords", std::move(text));
  } else if (n == "credit") {
    keep_with_content(e, t, n, Shape::list, "credit");
  } else if (n == "rating") {
    keep_with_content(e, t, n, Shape::first_wins, n);
  } else if (n == "restriction") {
    // Its content is a list of lower-case tokens (country codes, URIs, sharing): the text as well.
    model::ExtensionElement& x = keep_with_content(e, t, n, Shape::first_wins, n);
    for (std::string& token : util::split_whitespace(xml::own_text(e.node))) {
      x.content_list.push_back(util::to_lower(token));
    }
  } else if (n == "license") {
    // Its text is a licence's name, not the URL the contract's `license` holds: not copied there.
    keep_with_content(e, t, n, Shape::first_wins, "");
  } else if (n == "player") {
    keep_with_content(e, t, n, Shape::last_wins, "");
  } else if (n == "content" || n == "thumbnail") {
    keep_attributes(e, t, "media_" + std::string(n), true);
    if (n == "thumbnail" && xml::attribute(e.node, "url").empty()) {
      // A thumbnail written as <media:thumbnail>URL</media:thumbnail>: the text is its url.
      std::string text(util::trim(xml::own_text(e.node)));
      if (!text.empty()) t.common.extension_elements.back().attributes.emplace_back("url", text);
    }
    if (xml::has_element_children(e.node)) ctx.walk_children(e, t);
  } else if (n == "description") {
    // feedparser reads media:description as a description: the summary (YouTube's only text),
    // or another content value (plain text unless typed) when the entry already has one.
    if (t.entry && t.entry->summary) {
      t.entry->content.push_back(rss_text(e, model::TextType::text));
    } else {
      add_summary(t, rss_text(e, model::TextType::html));
    }
  } else if (n == "group") {
    ctx.walk_children(e, t);
  } else {
    return false;
  }
  return true;
}

}  // namespace orrery::parse
