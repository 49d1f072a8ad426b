// Media RSS (http://search.yahoo.com/mrss/): categories as tags, the title when the entry has
// none, media:description as a description, media:content and media:thumbnail as lists of
// attribute dictionaries, media:group read as its children (they attach to the entry).

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
  } else if (n == "content" || n == "thumbnail") {
    keep_attributes(e, t, "media_" + std::string(n), true);
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
