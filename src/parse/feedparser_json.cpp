#include "parse/feedparser_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "util/time.h"

namespace orrery::parse {

namespace {

using Json = nlohmann::ordered_json;

std::string type_name(const model::TextConstruct& tc) {
  if (!tc.media_type.empty()) return tc.media_type;
  switch (tc.type) {
    case model::TextType::html:
      return "text/html";
    case model::TextType::xhtml:
      return "application/xhtml+xml";
    case model::TextType::text:
      break;
  }
  return "text/plain";
}

// feedparser's *_detail: {type, value, language, base}; language only when in scope.
Json detail(const model::TextConstruct& tc) {
  Json j = Json::object();
  j["type"] = type_name(tc);
  j["value"] = tc.value;
  if (!tc.language.empty()) j["language"] = tc.language;
  j["base"] = tc.base;
  if (!tc.src.empty()) j["src"] = tc.src;
  return j;
}

void put_text(Json& j, const std::string& key, const std::optional<model::TextConstruct>& tc) {
  if (!tc) return;
  j[key] = tc->value;
  j[key + "_detail"] = detail(*tc);
}

// `Name (email)` as feedparser writes a person with both.
std::string person_text(const model::Person& p) {
  if (!p.name.empty() && !p.email.empty()) return p.name + " (" + p.email + ")";
  return p.name.empty() ? p.email : p.name;
}

Json person(const model::Person& p) {
  Json j = Json::object();
  if (!p.name.empty()) j["name"] = p.name;
  if (!p.email.empty()) j["email"] = p.email;
  if (!p.href.empty()) j["href"] = p.href;
  return j;
}

void put_person(Json& j, const std::string& key, const std::optional<model::Person>& p) {
  if (!p || p->empty()) return;
  j[key] = person_text(*p);
  j[key + "_detail"] = person(*p);
}

void put_people(Json& j, const std::string& key, const std::vector<model::Person>& people) {
  if (people.empty()) return;
  Json list = Json::array();
  for (const model::Person& p : people) list.push_back(person(p));
  j[key] = std::move(list);
}

void put_date(Json& j, const std::string& key, const std::optional<model::Date>& d) {
  if (!d) return;
  j[key] = d->raw;
  // null, not absent: the text was not understood (readers must not re-parse it and guess).
  j[key + "_parsed"] = d->parsed ? Json(util::format_rfc3339(*d->parsed)) : Json(nullptr);
}

void put_string(Json& j, const std::string& key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

Json link(const model::Link& l) {
  Json j = Json::object();
  j["rel"] = l.rel;
  if (!l.type.empty()) j["type"] = l.type;
  j["href"] = l.href;
  if (!l.title.empty()) j["title"] = l.title;
  if (l.length) j["length"] = std::to_string(*l.length);
  if (!l.hreflang.empty()) j["hreflang"] = l.hreflang;
  return j;
}

Json tag(const model::Tag& t) {
  Json j = Json::object();
  j["term"] = t.term;
  j["scheme"] = t.scheme.empty() ? Json(nullptr) : Json(t.scheme);
  j["label"] = t.label.empty() ? Json(nullptr) : Json(t.label);
  return j;
}

// GeoJSON geometry: a Point's coordinates are one position, a LineString's and a Box's a list
// of positions, a Polygon's a list of rings (one here); GML adds srsName and srsDimension.
Json where(const model::Where& w) {
  Json j = Json::object();
  if (w.srs_dimension) {
    j["srsName"] = w.srs_name ? Json(*w.srs_name) : Json(nullptr);
    j["srsDimension"] = *w.srs_dimension;
  }
  if (w.type.empty()) return j;
  j["type"] = w.type;
  Json positions = Json::array();
  for (std::size_t i = 0; i < w.coordinates.size(); ++i) {
    Json position = Json::array({w.coordinates[i].first, w.coordinates[i].second});
    if (i < w.heights.size()) position.push_back(w.heights[i]);
    positions.push_back(std::move(position));
  }
  if (w.type == "Point") {
    j["coordinates"] = positions.at(0);
  } else if (w.type == "Polygon") {
    j["coordinates"] = Json::array({std::move(positions)});
  } else {
    j["coordinates"] = std::move(positions);
  }
  return j;
}

void put_common(Json& j, const model::ParsedCommon& c) {
  // Unknown elements first, so that the keys feedparser defines win over an extension of the
  // same name.
  // A document may hold 10^5 distinct unknown elements: each key is found through a hash
  // index, not ordered_json's linear lookup.
  auto& pairs = static_cast<Json::object_t::Container&>(j.get_ref<Json::object_t&>());
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < pairs.size(); ++i) index.emplace(pairs[i].first, i);
  const auto slot = [&](const std::string& key) -> Json& {
    auto [it, fresh] = index.try_emplace(key, pairs.size());
    if (fresh) pairs.emplace_back(key, Json());
    return pairs[it->second].second;
  };
  for (const auto& [key, value] : c.extensions) slot(key) = value;
  for (const model::ExtensionElement& x : c.extension_elements) {
    Json::object_t attributes;
    auto& attribute_pairs = static_cast<Json::object_t::Container&>(attributes);
    for (const auto& [name, value] : x.attributes) {
      // Later duplicates win, as with operator[] (a handful: bounded per element).
      auto same = std::find_if(attribute_pairs.begin(), attribute_pairs.end(),
                               [&name = name](const auto& p) { return p.first == name; });
      if (same != attribute_pairs.end()) {
        same->second = value;
      } else {
        attribute_pairs.emplace_back(name, value);
      }
    }
    if (!x.content_list.empty()) {
      Json list = Json::array();
      for (const std::string& item : x.content_list) list.push_back(item);
      attributes["content"] = std::move(list);
    }
    Json& target = slot(x.key);
    if (x.first_wins && target.is_object()) {
      auto content = attributes.find("content");
      if (content != attributes.end()) target["content"] = std::move(content->second);
    } else if (!x.repeated) {
      target = std::move(attributes);
    } else {
      if (!target.is_array()) target = Json::array();
      target.push_back(std::move(attributes));
    }
  }
  put_text(j, "title", c.title);
  put_string(j, "id", c.id);
  put_string(j, "link", c.link);
  if (!c.links.empty()) {
    Json list = Json::array();
    for (const model::Link& l : c.links) list.push_back(link(l));
    j["links"] = std::move(list);
  }
  put_person(j, "author", c.author);
  if (c.author && !c.author_text.empty()) j["author"] = c.author_text;
  put_people(j, "authors", c.authors);
  put_people(j, "contributors", c.contributors);
  put_person(j, "publisher", c.publisher);
  if (!c.tags.empty()) {
    Json list = Json::array();
    for (const model::Tag& t : c.tags) list.push_back(tag(t));
    j["tags"] = std::move(list);
  }
  put_date(j, "published", c.published);
  put_date(j, "updated", c.updated);
  put_date(j, "created", c.created);
  put_date(j, "validity_start", c.validity_start);
  put_date(j, "validity_end", c.validity_end);
  put_text(j, "rights", c.rights);
  put_string(j, "license", c.license);
  put_string(j, "language", c.language);
  if (c.where) j["where"] = where(*c.where);
  if (c.itunes_block) j["itunes_block"] = *c.itunes_block;
  if (c.itunes_explicit) {
    j["itunes_explicit"] = *c.itunes_explicit ? Json(**c.itunes_explicit) : Json(nullptr);
  }
}

Json image(const model::Image& i) {
  Json img = Json::object();
  put_string(img, "href", i.href);
  put_string(img, "title", i.title);
  put_string(img, "link", i.link);
  put_string(img, "description", i.description);
  if (i.width) img["width"] = *i.width;
  if (i.height) img["height"] = *i.height;
  return img;
}

Json channel(const model::ParsedChannel& f) {
  Json j = Json::object();
  put_common(j, f);
  put_text(j, "subtitle", f.subtitle);
  put_text(j, "info", f.info);
  if (!f.generator.empty() || !f.generator_href.empty()) {
    j["generator"] = f.generator;
    Json g = Json::object();
    if (!f.generator.empty()) g["name"] = f.generator;
    if (!f.generator_href.empty()) g["href"] = f.generator_href;
    if (!f.generator_version.empty()) g["version"] = f.generator_version;
    j["generator_detail"] = std::move(g);
  }
  put_string(j, "icon", f.icon);
  put_string(j, "logo", f.logo);
  put_string(j, "href", f.href);
  if (f.image) j["image"] = image(*f.image);
  if (f.ttl) j["ttl"] = std::to_string(*f.ttl);
  put_string(j, "docs", f.docs);
  if (f.textinput) {
    Json t = Json::object();
    put_string(t, "title", f.textinput->title);
    put_string(t, "description", f.textinput->description);
    put_string(t, "name", f.textinput->name);
    put_string(t, "link", f.textinput->link);
    j["textinput"] = std::move(t);
  }
  if (!f.cloud.empty()) {
    Json c = Json::object();
    for (const auto& [k, v] : f.cloud) c[k] = v;
    j["cloud"] = std::move(c);
  }
  put_date(j, "expired", f.expired);
  return j;
}

Json entry(const model::ParsedEntry& e) {
  Json j = Json::object();
  put_common(j, e);
  if (!e.id.empty()) j["guidislink"] = e.guidislink;
  put_text(j, "summary", e.summary);
  put_text(j, "subtitle", e.subtitle);
  if (e.image) j["image"] = image(*e.image);
  if (!e.content.empty()) {
    Json list = Json::array();
    for (const model::TextConstruct& tc : e.content) list.push_back(detail(tc));
    j["content"] = std::move(list);
  }
  if (!e.enclosures.empty()) {
    Json list = Json::array();
    for (const model::Enclosure& enc : e.enclosures) {
      Json x = Json::object();
      x["href"] = enc.href;
      if (!enc.type.empty()) x["type"] = enc.type;
      if (enc.length) x["length"] = std::to_string(*enc.length);
      list.push_back(std::move(x));
    }
    j["enclosures"] = std::move(list);
  }
  put_string(j, "comments", e.comments);
  put_date(j, "expired", e.expired);
  if (e.source) j["source"] = channel(*e.source);
  if (e.psc_chapters) {
    Json list = Json::array();
    for (const model::Chapter& c : e.psc_chapters->chapters) {
      Json x = Json::object();
      x["start"] = c.start;
      x["title"] = c.title;
      put_string(x, "href", c.href);
      put_string(x, "image", c.image);
      list.push_back(std::move(x));
    }
    j["psc_chapters"] = Json{{"version", e.psc_chapters->version}, {"chapters", std::move(list)}};
  }
  return j;
}

}  // namespace

std::string to_feedparser_json(const model::ParsedFeed& feed) {
  Json j = Json::object();
  j["bozo"] = feed.bozo;
  if (feed.bozo) j["bozo_exception"] = feed.bozo_exception;
  j["encoding"] = feed.encoding;
  j["version"] = feed.version;
  // The map's keys are unique already: appended as they are, not looked up one by one (an
  // ordered_json lookup is linear, so operator[] per key would be quadratic).
  Json::object_t namespaces;
  auto& pairs = static_cast<Json::object_t::Container&>(namespaces);
  pairs.reserve(feed.namespaces.size());
  for (const auto& [prefix, uri] : feed.namespaces) pairs.emplace_back(prefix, uri);
  j["namespaces"] = std::move(namespaces);
  j["feed"] = channel(feed.feed);
  Json entries = Json::array();
  for (const model::ParsedEntry& e : feed.entries) entries.push_back(entry(e));
  j["entries"] = std::move(entries);
  // Values are valid UTF-8 by ParsedFeed's contract; `replace` keeps a broken invariant from
  // turning into an exception here.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace orrery::parse
