#include "parse/json_feed.h"

#include <nlohmann/json.hpp>

#include "model/limits.h"
#include "parse/context.h"
#include "parse/dates.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::parse {

namespace {

using Json = nlohmann::json;

// nlohmann's parser recurses once per nesting level: refuse documents nested deeper than the
// limit before handing them over (a string of 10^6 '[' must not exhaust the stack).
bool nesting_within_limit(const std::string& text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > model::limits::k_max_json_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::string string_at(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

model::TextConstruct text(std::string value, model::TextType type, const std::string& base) {
  model::TextConstruct tc;
  tc.type = type;
  tc.value = std::move(value);
  tc.base = base;
  return tc;
}

// A feed-level string of JSON Feed: plain text, or HTML when it looks like HTML (feedparser).
model::TextConstruct text_or_html(std::string value, const std::string& base) {
  const model::TextType type =
      text_looks_like_html(value) ? model::TextType::html : model::TextType::text;
  return text(std::move(value), type, base);
}

std::optional<model::Date> date_at(const Json& j, const char* key) {
  std::string raw = string_at(j, key);
  if (raw.empty()) return std::nullopt;
  return model::Date{raw, parse_date(raw)};
}

// JSON Feed 1.1 `authors` (and 1.0's single `author`).
void read_authors(const Json& j, model::ParsedCommon& c) {
  std::vector<const Json*> people;
  if (auto it = j.find("authors"); it != j.end() && it->is_array()) {
    for (const Json& a : *it) people.push_back(&a);
  } else if (auto one = j.find("author"); one != j.end()) {
    people.push_back(&*one);
  }
  for (const Json* a : people) {
    if (!a->is_object()) continue;
    model::Person p{string_at(*a, "name"), {}, string_at(*a, "url")};
    if (util::istarts_with(p.href, "mailto:")) {
      p.email = p.href.substr(
          7, p.href.find('?') == std::string::npos ? std::string::npos : p.href.find('?') - 7);
    }
    if (p.empty()) continue;
    if (!c.author) c.author = p;
    c.authors.push_back(std::move(p));
  }
}

void read_item(const Json& item, const std::string& base, model::ParsedEntry& e) {
  // The spec asks for non-string ids to be read as strings; feedparser writes scalars as
  // JSON would (123, true, null) and ignores objects and arrays.
  e.id = string_at(item, "id");
  if (auto id = item.find("id"); id != item.end() && !id->is_string() && !id->is_structured()) {
    e.id = id->dump();
  }
  e.link = util::resolve_url(base, string_at(item, "url"));
  if (!e.link.empty()) e.links.push_back({"alternate", "text/html", e.link, {}, {}, {}});
  std::string external = string_at(item, "external_url");
  if (!external.empty()) e.links.push_back({"related", "text/html", external, {}, {}, {}});
  if (std::string t = string_at(item, "title"); !t.empty()) {
    e.title = text(t, model::TextType::text, base);
  }
  if (std::string s = string_at(item, "summary"); !s.empty()) {
    e.summary = text(s, model::TextType::text, base);
  }
  if (std::string h = string_at(item, "content_html"); !h.empty()) {
    e.content.push_back(text(h, model::TextType::html, base));
  }
  if (std::string t = string_at(item, "content_text"); !t.empty()) {
    e.content.push_back(text(t, model::TextType::text, base));
  }
  e.published = date_at(item, "date_published");
  e.updated = date_at(item, "date_modified");
  read_authors(item, e);
  if (auto tags = item.find("tags"); tags != item.end() && tags->is_array()) {
    for (const Json& t : *tags) {
      if (t.is_string()) e.tags.push_back({t.get<std::string>(), {}, {}});
    }
  }
  if (auto att = item.find("attachments"); att != item.end() && att->is_array()) {
    for (const Json& a : *att) {
      if (!a.is_object()) continue;
      model::Enclosure enc{util::resolve_url(base, string_at(a, "url")), string_at(a, "mime_type"),
                           std::nullopt};
      if (auto size = a.find("size_in_bytes"); size != a.end() && size->is_number_integer()) {
        enc.length = size->get<std::int64_t>();
      }
      e.enclosures.push_back(std::move(enc));
    }
  }
}

}  // namespace

void parse_json_feed(const std::string& text_in, const ParseHints& hints, model::ParsedFeed& out) {
  auto fail = [&](std::string reason) {
    out.version.clear();
    out.bozo = true;
    if (out.bozo_exception.empty()) out.bozo_exception = std::move(reason);
  };
  if (!nesting_within_limit(text_in)) {
    return fail("JSONDecodeError: nested deeper than " +
                std::to_string(model::limits::k_max_json_depth) + " levels");
  }
  Json doc = Json::parse(text_in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return fail("JSONDecodeError: not a JSON object");
  std::string version = string_at(doc, "version");
  if (util::istarts_with(version, "https://jsonfeed.org/version/1.1")) {
    out.version = "json11";
  } else if (util::istarts_with(version, "https://jsonfeed.org/version/")) {
    out.version = "json1";
  } else {
    return fail("NotAFeed: JSON without a JSON Feed version");
  }
  std::string base = hints.base_url;
  model::ParsedChannel& f = out.feed;
  std::string title(util::trim(string_at(doc, "title")));
  if (!title.empty()) f.title = text_or_html(title, base);
  f.link = util::resolve_url(base, string_at(doc, "home_page_url"));
  if (!f.link.empty()) f.links.push_back({"alternate", "text/html", f.link, {}, {}, {}});
  // The feed's URL is its id too (feedparser), and its self link carries the feed's title.
  if (std::string self(util::trim(string_at(doc, "feed_url"))); !self.empty()) {
    f.id = self;
    f.links.push_back({"self", "application/feed+json", self, title, {}, {}});
  }
  if (std::string next(util::trim(string_at(doc, "next_url"))); !next.empty()) {
    f.links.push_back({"next", "application/feed+json", next, {}, {}, {}});
  }
  if (std::string d(util::trim(string_at(doc, "description"))); !d.empty()) {
    f.subtitle = text_or_html(d, base);
  }
  if (std::string c(util::trim(string_at(doc, "user_comment"))); !c.empty()) {
    f.info = text_or_html(c, base);  // feedparser's feed.info
  }
  f.icon = util::resolve_url(base, string_at(doc, "favicon"));
  f.logo = util::resolve_url(base, string_at(doc, "icon"));
  if (!f.logo.empty()) f.image.emplace().href = f.logo;  // feedparser reports icon as image
  f.language = string_at(doc, "language");
  read_authors(doc, f);
  if (auto items = doc.find("items"); items != doc.end() && items->is_array()) {
    for (const Json& item : *items) {
      if (out.entries.size() >= model::limits::k_max_entries_per_feed) break;
      if (item.is_object()) read_item(item, base, out.entries.emplace_back());
    }
  }
}

}  // namespace orrery::parse
