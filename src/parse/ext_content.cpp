// RSS 1.0 content module (http://purl.org/rss/1.0/modules/content/): content:encoded holds the
// full entry as escaped HTML.

#include "parse/handlers.h"

namespace orrery::parse {

bool content_element(Context&, const Element& e, Target& t) {
  if (e.local != "encoded" || !t.entry) return false;
  model::TextConstruct tc = rss_text(e, model::TextType::html);
  // Always HTML (a type attribute is no part of the module), unless it holds naked markup.
  if (tc.type != model::TextType::xhtml) tc.type = model::TextType::html;
  t.entry->content.push_back(std::move(tc));
  return true;
}

}  // namespace orrery::parse
