#include "normalise/as_stored.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "model/limits.h"
#include "normalise/sanitise_limits.h"
#include "sanitise/sanitise.h"
#include "util/md5.h"
#include "util/strings.h"
#include "util/time.h"

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

void each_optional(std::initializer_list<std::optional<model::TextConstruct>*> constructs,
                   void (*fn)(model::TextConstruct&)) {
  for (auto* construct : constructs) {
    if (*construct) {
      fn(**construct);
    }
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

// Venus writes a category only when it has a term.
void drop_termless_categories(model::ParsedCommon& common) {
  std::erase_if(common.tags, [](const model::Tag& tag) { return tag.term.empty(); });
}

std::string hashed_id(const model::TextConstruct& construct) {
  return construct.base + "/" + util::md5_hex(construct.value);
}

// Venus's id rule (reconstitute.id), with its parser's: an enclosure's URL is the id of an entry
// that gives no id of its own.
std::string entry_id(const model::ParsedEntry& entry) {
  if (std::string_view id = util::trim(entry.id); !id.empty()) {
    return std::string(id);
  }
  if (!entry.enclosures.empty() && !entry.enclosures.front().href.empty()) {
    return entry.enclosures.front().href;
  }
  if (!entry.link.empty()) {
    return entry.link;
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

const std::string* find_extension(const model::ParsedCommon& common, std::string_view key) {
  for (const auto& [name, value] : common.extensions) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

void set_extension(model::ParsedCommon& common, std::string_view key, std::string value) {
  for (auto& [name, existing] : common.extensions) {
    if (name == key) {
      existing = std::move(value);
      return;
    }
  }
  common.extensions.emplace_back(std::string(key), std::move(value));
}

std::optional<double> number(const std::string* text) {
  if (text == nullptr) {
    return std::nullopt;
  }
  try {
    std::size_t used = 0;
    double value = std::stod(*text, &used);
    return used > 0 && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Venus's location: the document's own geo:lat/geo:long, else a GeoRSS point, the centre of a
// box, or the first vertex of a line or polygon; written as geo_lat/geo_long with six decimals.
void add_location(model::ParsedEntry& entry) {
  std::optional<double> latitude = number(find_extension(entry, "geo_lat"));
  std::optional<double> longitude = number(find_extension(entry, "geo_long"));
  if ((!latitude || !longitude) && entry.where && !entry.where->coordinates.empty()) {
    const auto& c = entry.where->coordinates;
    if (entry.where->type == "Box" && c.size() == 2) {
      longitude = (c[0].first + c[1].first) / 2;
      latitude = (c[0].second + c[1].second) / 2;
    } else {
      longitude = c.front().first;
      latitude = c.front().second;
    }
  }
  if (latitude && longitude) {
    set_extension(entry, "geo_lat", fmt::format("{:f}", *latitude));
    set_extension(entry, "geo_long", fmt::format("{:f}", *longitude));
  }
}

// dc:date.Taken (Flickr) is kept under the name Venus writes it back as.
void keep_date_taken(model::ParsedEntry& entry) {
  for (auto& [name, value] : entry.extensions) {
    if (name == "dc_date.taken") {
      name = "dc_date_taken";
    }
  }
}

// The date feedparser 4 called `updated`: RSS's pubDate is a modification date there.
std::optional<model::Date> updated_date(const model::ParsedCommon& common) {
  if (common.updated && common.updated->parsed) {
    return common.updated;
  }
  if (common.published && common.published->parsed) {
    return common.published;
  }
  return std::nullopt;
}

// Venus's cssid(): runs of characters other than letters, digits and '_' become '-', ASCII
// lowered, leading and trailing '-' dropped.
std::string css_id(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    bool word = c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                (c >= 'A' && c <= 'Z');
    if (!word) {
      dash = true;
      continue;
    }
    if (dash && !out.empty()) {
      out += '-';
    }
    dash = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
  }
  return out;
}

std::string feed_type(std::string_view version) {
  if (version == "rss090" || version == "rss10") {
    return "application/rdf+xml";
  }
  if (version.substr(0, 3) == "rss") {
    return "application/rss+xml";
  }
  return "application/atom+xml";
}

// The feed-level part of the spider's work: the subscription's config keys and its own
// bookkeeping as planet_* extensions, and its address as the self link.
void add_planet_metadata(model::ParsedFeed& feed, const config::FeedSettings& settings) {
  model::ParsedChannel& channel = feed.feed;
  if (!settings.url.empty() && !feed.version.empty()) {
    auto self = std::find_if(channel.links.begin(), channel.links.end(),
                             [](const model::Link& link) { return link.rel == "self"; });
    if (self != channel.links.end()) {
      self->type = feed_type(feed.version);
    } else {
      model::Link link;
      link.rel = "self";
      link.type = feed_type(feed.version);
      link.href = settings.url;
      channel.links.push_back(std::move(link));
    }
  }
  for (const auto& [key, value] : settings.raw) {
    set_extension(channel, "planet_" + key, value);
  }
  if (!settings.name.empty() && settings.raw.count("name") == 0) {
    set_extension(channel, "planet_name", settings.name);
  }
  // With activity_threshold, the spider notes the newest entry's updated date of the copy it
  // read (planet_updated, ISO 8601 in UTC); the entries' sources carry it as the other planet_*.
  if (settings.activity_threshold > 0) {
    std::optional<util::TimePoint> newest;
    for (const model::ParsedEntry& entry : feed.entries) {
      if (entry.updated && entry.updated->parsed && (!newest || *entry.updated->parsed > *newest)) {
        newest = entry.updated->parsed;
      }
    }
    if (newest) {
      set_extension(channel, "planet_updated",
                    util::format_strftime(*newest, "%Y-%m-%dT%H:%M:%SZ"));
    }
  }
}

// The planet_* extensions of a channel, in order.
std::vector<std::pair<std::string, std::string>> planet_extensions(
    const model::ParsedChannel& channel) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& extension : channel.extensions) {
    if (extension.first.rfind("planet_", 0) == 0) {
      out.push_back(extension);
    }
  }
  return out;
}

// A source keeps what fits in k_max_source_bytes of text, in this order: id, links, title,
// icon, logo, language and base, the planet: elements and other extensions, author, authors,
// updated date, subtitle, rights, image, categories, contributors. A field or list item that
// does not fit is left out whole (never cut), and later smaller ones may still fit.
void bound_source(model::ParsedChannel& source) {
  std::size_t budget = model::limits::k_max_source_bytes;
  auto fits = [&budget](std::size_t bytes) {
    if (bytes > budget) {
      return false;
    }
    budget -= bytes;
    return true;
  };
  auto keep = [&fits](std::string& text) {
    if (!fits(text.size())) {
      text.clear();
    }
  };
  auto keep_construct = [&fits](std::optional<model::TextConstruct>& c) {
    if (c && !fits(c->value.size() + c->base.size() + c->language.size() + c->src.size() +
                   c->media_type.size())) {
      c.reset();
    }
  };
  auto person_bytes = [](const model::Person& p) {
    return p.name.size() + p.email.size() + p.href.size();
  };
  keep(source.id);
  keep(source.link);
  keep(source.href);
  std::erase_if(source.links, [&fits](const model::Link& l) {
    return !fits(l.rel.size() + l.type.size() + l.href.size() + l.title.size() + l.hreflang.size());
  });
  keep_construct(source.title);
  keep(source.icon);
  keep(source.logo);
  keep(source.language);
  keep(source.base);
  std::erase_if(source.extensions, [&fits](const std::pair<std::string, std::string>& e) {
    return !fits(e.first.size() + e.second.size());
  });
  if (source.author && !fits(person_bytes(*source.author))) {
    source.author.reset();
  }
  keep(source.author_text);
  std::erase_if(source.authors, [&](const model::Person& p) { return !fits(person_bytes(p)); });
  if (source.updated && !fits(source.updated->raw.size())) {
    source.updated->raw.clear();
  }
  keep_construct(source.subtitle);
  keep_construct(source.rights);
  if (source.image && !fits(source.image->href.size() + source.image->title.size() +
                            source.image->link.size() + source.image->description.size())) {
    source.image.reset();
  }
  std::erase_if(source.tags, [&fits](const model::Tag& t) {
    return !fits(t.term.size() + t.scheme.size() + t.label.size());
  });
  std::erase_if(source.contributors,
                [&](const model::Person& p) { return !fits(person_bytes(p)); });
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
  source.logo = feed.logo;
  source.image = feed.image;
  source.icon = feed.icon;
  source.author = feed.author;
  source.author_text = feed.author_text;
  source.authors = feed.authors;
  source.contributors = feed.contributors;
  source.tags = feed.tags;
  source.updated = updated_date(feed);
  source.language = feed.language;
  source.base = feed.base;
  source.extensions = planet_extensions(feed);
  return source;
}

void complete_source(model::ParsedChannel& source, const model::ParsedFeed& feed,
                     const model::ParsedEntry& entry) {
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
  if (!source.updated || !source.updated->parsed) {
    source.updated = updated_date(source);
  }
  bound_source(source);
  each_optional({&source.title, &source.subtitle, &source.rights}, downgrade);
  clean_people(source);
  drop_termless_categories(source);
  set_extension(source, "planet_format", feed.version);
  set_extension(source, "planet_bozo", feed.bozo ? "true" : "false");
  // A copy: set_extension may grow the extensions the pointer points into.
  const std::string* found = find_extension(source, "planet_name");
  std::optional<std::string> name;
  if (found != nullptr) {
    name = *found;
  }
  if (name && find_extension(source, "planet_css-id") == nullptr) {
    set_extension(source, "planet_css-id", css_id(*name));
  }
  // The subscription's name stands in for a source author without one, when the entry's own
  // author has no name either.
  bool entry_named = entry.author && !entry.author->name.empty();
  bool source_named = source.author && !source.author->name.empty();
  if (name && !entry_named && !source_named) {
    if (!source.author) {
      source.author = model::Person{};
    }
    source.author->name = *name;
    if (source.authors.empty()) {
      source.authors.push_back(*source.author);
    } else {
      source.authors.front().name = *name;
    }
  }
}

void store_entry(model::ParsedEntry& entry, const model::ParsedFeed& feed) {
  const model::ParsedChannel& channel = feed.feed;
  entry.id = entry_id(entry);
  if (entry.links.empty() && !entry.link.empty()) {
    model::Link link;
    link.rel = "alternate";
    link.href = entry.link;
    entry.links.push_back(std::move(link));
  }
  if (!entry.title) {
    entry.title = model::TextConstruct{};
    entry.title->base = entry.base;
  }
  if (entry.content.size() > 1) {
    entry.content.resize(1);
  }
  if (entry.language.empty()) {
    entry.language = channel.language;
  }
  auto construct = [&](model::TextConstruct& c) {
    downgrade(c);
    inherit_language(c, entry.language);
  };
  for (auto* c : {&entry.title, &entry.rights, &entry.summary, &entry.subtitle}) {
    if (*c) {
      construct(**c);
    }
  }
  for (model::TextConstruct& c : entry.content) {
    construct(c);
  }
  clean_people(entry);
  drop_termless_categories(entry);
  const std::string* planet_name = find_extension(channel, "planet_name");
  if (planet_name != nullptr && entry.author && entry.author->name.empty()) {
    entry.author->name = *planet_name;
    if (!entry.authors.empty() && entry.authors.front().name.empty()) {
      entry.authors.front().name = *planet_name;
    }
  }
  // Venus's parser read RSS's pubDate as the entry's updated date: an RSS entry has none
  // published (a pubDate is its updated date when it gives no dc:date).
  if (feed.version.rfind("rss", 0) == 0 && entry.published) {
    if (!entry.updated || !entry.updated->parsed) {
      entry.updated = entry.published;
    }
    entry.published.reset();
  }
  if (!entry.updated || !entry.updated->parsed) {
    if (entry.published && entry.published->parsed) {
      entry.updated = entry.published;
    } else if (auto date = updated_date(channel)) {
      entry.updated = date;
    }
  }
  keep_date_taken(entry);
  add_location(entry);
  if (entry.source) {
    for (auto& [key, value] : planet_extensions(channel)) {
      set_extension(*entry.source, key, value);
    }
    // planet_id: the feed it came through (a source that is that feed itself needs none).
    if (!channel.id.empty() && entry.source->id != channel.id) {
      set_extension(*entry.source, "planet_id", channel.id);
    }
  } else {
    entry.source = source_from_feed(channel);
  }
  complete_source(*entry.source, feed, entry);
}

}  // namespace

model::ParsedFeed as_stored(model::ParsedFeed cleaned, const config::FeedSettings& settings) {
  add_planet_metadata(cleaned, settings);
  for (model::ParsedEntry& entry : cleaned.entries) {
    store_entry(entry, cleaned);
  }
  return cleaned;
}

}  // namespace orrery::normalise
