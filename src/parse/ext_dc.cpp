// Dublin Core elements (http://purl.org/dc/elements/1.1/) and DCMI terms
// (http://purl.org/dc/terms/), mapped onto feedparser's common keys.

#include "parse/dates.h"
#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

std::string text_of(const Element& e) { return std::string(util::trim(xml::own_text(e.node))); }

// dcterms:valid holds a DCMI Period: `start=…; end=…; scheme=W3C-DTF`.
void read_period(const Element& e, Target& t) {
  std::string text = text_of(e);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t semi = text.find(';', pos);
    std::string_view part = std::string_view(text).substr(
        pos, semi == std::string::npos ? std::string::npos : semi - pos);
    std::size_t eq = part.find('=');
    if (eq != std::string_view::npos) {
      std::string name = util::to_lower(util::trim(part.substr(0, eq)));
      std::string value(util::trim(part.substr(eq + 1)));
      if (name == "start") t.common.validity_start = model::Date{value, parse_date(value)};
      if (name == "end") t.common.validity_end = model::Date{value, parse_date(value)};
    }
    if (semi == std::string::npos) break;
    pos = semi + 1;
  }
}

bool dcterms_element(const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "created") {
    t.common.created = read_date(e);
  } else if (n == "issued") {
    t.common.published = read_date(e);
  } else if (n == "modified") {
    t.common.updated = read_date(e);
  } else if (n == "valid") {
    read_period(e, t);
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
    add_text_author(t, text_of(e));
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
