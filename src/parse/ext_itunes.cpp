// The iTunes podcast namespace (http://www.itunes.com/dtds/podcast-1.0.dtd): authors, keywords
// and categories as tags, the image as the feed image; the rest as itunes_* extensions.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

bool itunes_element(Context& ctx, const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "author") {
    add_author(t, text_person(util::trim(xml::own_text(e.node))));
    return true;
  }
  if (n == "category") {
    std::string term(util::trim(xml::attribute(e.node, "text")));
    if (!term.empty()) add_tag(t, {term, "http://www.itunes.com/", {}});
    for (pugi::xml_node c : e.node.children()) {
      if (c.type() == pugi::node_element) itunes_element(ctx, ctx.element(c, e.scope), t);
    }
    return true;
  }
  if (n == "keywords") {
    for (const std::string& word : util::split_whitespace(xml::own_text(e.node))) {
      std::string term(util::trim(word));
      while (!term.empty() && term.back() == ',') term.pop_back();
      if (!term.empty()) add_tag(t, {term, "http://www.itunes.com/", {}});
    }
    return true;
  }
  if (n == "image") {
    std::string href = resolve(e, xml::attribute(e.node, "href"));
    if (t.channel && !href.empty() && !t.channel->image) t.channel->image.emplace().href = href;
    t.common.extensions.emplace_back("itunes_image", href);
    return true;
  }
  return false;
}

}  // namespace orrery::parse
