#include "normalise/as_stored.h"

#include <string_view>

#include <fmt/format.h>

#include "normalise/sanitise_limits.h"
#include "sanitise/sanitise.h"
#include "util/md5.h"

namespace orrery::normalise {

namespace {

// True when `html` holds a tag, end tag, comment, doctype or processing instruction: what an
// HTML parser would turn into more than one text node.
bool has_markup(std::string_view html) {
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    if (at + 1 >= html.size()) {
      break;
    }
    char next = html[at + 1];
    bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (letter || next == '/' || next == '!' || next == '?') {
      return true;
    }
  }
  return false;
}

// Venus stores HTML that parses to a single text node as text: the value decoded, typed text.
void downgrade(model::TextConstruct& construct) {
  if (construct.type != model::TextType::html || !construct.media_type.empty() ||
      has_markup(construct.value)) {
    return;
  }
  construct.value = sanitise::html_to_text(construct.value, sanitise_limits());
  construct.type = model::TextType::text;
}

void inherit_language(model::TextConstruct& construct, const std::string& language) {
  if (construct.language.empty()) {
    construct.language = language;
  }
}

// Applies `fn` to every text construct of an entry.
template <typename Fn>
void each_construct(model::ParsedEntry& entry, Fn fn) {
  for (auto* construct : {&entry.title, &entry.rights, &entry.summary, &entry.subtitle}) {
    if (*construct) {
      fn(**construct);
    }
  }
  for (model::TextConstruct& construct : entry.content) {
    fn(construct);
  }
}

void clean_name(model::Person& person) {
  if (!person.name.empty()) {
    person.name = sanitise::html_to_text(person.name, sanitise_limits());
  }
}

void clean_people(model::ParsedCommon& common) {
  if (common.author) {
    clean_name(*common.author);
  }
  for (model::Person& person : common.authors) {
    clean_name(person);
  }
  for (model::Person& person : common.contributors) {
    clean_name(person);
  }
  if (common.publisher) {
    clean_name(*common.publisher);
  }
}

std::string hashed_id(const model::TextConstruct& construct) {
  return construct.base + "/" + util::md5_hex(construct.value);
}

std::string entry_id(const model::ParsedEntry& entry) {
  if (!entry.id.empty()) {
    return entry.id;
  }
  if (!entry.link.empty()) {
    return entry.link;
  }
  if (!entry.enclosures.empty() && !entry.enclosures.front().href.empty()) {
    return entry.enclosures.front().href;  // Venus's parser took a podcast's file as its id
  }
  if (entry.title && !entry.title->value.empty()) {
    return hashed_id(*entry.title);
  }
  if (entry.summary && !entry.summary->value.empty()) {
    return hashed_id(*entry.summary);
  }
  if (!entry.content.empty() && !entry.content.front().value.empty()) {
    return hashed_id(entry.content.front());
  }
  return "";
}

bool has_extension(const model::ParsedCommon& common, std::string_view key) {
  for (const auto& [name, value] : common.extensions) {
    if (name == key) {
      return true;
    }
  }
  return false;
}

// Venus stores a GeoRSS location as W3C geo:lat/geo:long: a point, or the first vertex of a
// line or polygon, printed with six decimals.
void add_location(model::ParsedEntry& entry) {
  if (!entry.where || entry.where->coordinates.empty() || has_extension(entry, "geo_lat") ||
      has_extension(entry, "geo_long")) {
    return;
  }
  auto [longitude, latitude] = entry.where->coordinates.front();
  entry.extensions.emplace_back("geo_lat", fmt::format("{:f}", latitude));
  entry.extensions.emplace_back("geo_long", fmt::format("{:f}", longitude));
}

// The parts of the channel Venus copies into each entry's source.
model::ParsedChannel source_from_feed(const model::ParsedChannel& feed) {
  model::ParsedChannel source;
  source.title = feed.title;
  source.subtitle = feed.subtitle;
  source.rights = feed.rights;
  source.id = feed.id;
  source.link = feed.link;
  source.links = feed.links;
  source.logo = feed.logo.empty() && feed.image ? feed.image->href : feed.logo;
  source.icon = feed.icon;
  source.author = feed.author;
  source.author_text = feed.author_text;
  source.authors = feed.authors;
  source.contributors = feed.contributors;
  source.tags = feed.tags;
  source.updated = feed.updated;
  source.language = feed.language;
  source.base = feed.base;
  return source;
}

void complete_source(model::ParsedChannel& source) {
  if (source.links.empty() && !source.href.empty()) {
    model::Link link;
    link.rel = "alternate";
    link.href = source.href;
    link.title = source.title ? source.title->value : "";
    source.links.push_back(std::move(link));
  }
  if (source.id.empty()) {
    source.id = !source.link.empty() ? source.link : source.href;
  }
  if (source.logo.empty() && source.image) {
    source.logo = source.image->href;
  }
  clean_people(source);
}

void store_entry(model::ParsedEntry& entry, const model::ParsedChannel& feed) {
  entry.id = entry_id(entry);
  if (!entry.title) {
    entry.title = model::TextConstruct{};
    entry.title->base = entry.base;
  }
  if (entry.language.empty()) {
    entry.language = feed.language;
  }
  each_construct(entry, [&](model::TextConstruct& construct) {
    downgrade(construct);
    inherit_language(construct, entry.language);
  });
  clean_people(entry);
  if (!entry.updated) {
    entry.updated = entry.published ? entry.published : feed.updated;
  }
  add_location(entry);
  if (!entry.source) {
    entry.source = source_from_feed(feed);
  }
  complete_source(*entry.source);
}

}  // namespace

model::ParsedFeed as_stored(model::ParsedFeed cleaned) {
  for (model::ParsedEntry& entry : cleaned.entries) {
    store_entry(entry, cleaned.feed);
  }
  return cleaned;
}

}  // namespace orrery::normalise
