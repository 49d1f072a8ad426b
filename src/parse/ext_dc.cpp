// Dublin Core elements (http://purl.org/dc/elements/1.1/) and DCMI terms
// (http://purl.org/dc/terms/), mapped onto feedparser's common keys.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

std::string text_of(const Element& e) { return std::string(util::trim(xml::own_text(e.node))); }

bool dcterms_element(const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "created") {
    t.common.created = read_date(e);
  } else if (n == "issued") {
    t.common.published = read_date(e);
  } else if (n == "modified") {
    t.common.updated = read_date(e);
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool dc_element(Context&, const Element& e, Target& t) {
  if (e.prefix == "dcterms") return dcterms_element(e, t);
  std::string_view n = e.local;
  if (n == "title") {
    t.common.title = rss_text(e, model::TextType::text);
  } else if (n == "creator" || n == "author") {
    add_author(t, text_person(text_of(e)));
  } else if (n == "contributor") {
    model::Person p = text_person(text_of(e));
    if (!p.empty()) t.common.contributors.push_back(std::move(p));
  } else if (n == "publisher") {
    model::Person p = text_person(text_of(e));
    if (!p.empty()) t.common.publisher = std::move(p);
  } else if (n == "subject") {
    std::string term = text_of(e);
    if (!term.empty()) add_tag(t, {term, {}, {}});
  } else if (n == "date") {
    t.common.updated = read_date(e);
  } else if (n == "description") {
    add_summary(t, rss_text(e, model::TextType::html));
  } else if (n == "language") {
    t.common.language = text_of(e);
  } else if (n == "rights") {
    t.common.rights = rss_text(e, model::TextType::text);
  } else {
    return false;
  }
  return true;
}

}  // namespace orrery::parse
