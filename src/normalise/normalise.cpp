// normalise::normalise — ParsedFeed → Feed, the form the planet stores and renders.

#include "normalise/normalise.h"

#include <algorithm>
#include <set>

#include "normalise/sanitise_limits.h"
#include "sanitise/sanitise.h"
#include "util/hash.h"
#include "util/strings.h"

namespace orrery::normalise {

namespace {

// A text construct as HTML for the page: plain text escaped, HTML already sanitised by clean().
std::string as_html(const model::TextConstruct& construct) {
  if (construct.type == model::TextType::text) {
    return util::escape_html(construct.value);
  }
  return construct.value;
}

// A text construct as text: markup of HTML constructs dropped, entities decoded.
std::string as_text(const model::TextConstruct& construct) {
  if (construct.type == model::TextType::text) {
    return util::collapse_whitespace(construct.value);
  }
  return sanitise::html_to_text(construct.value, sanitise_limits());
}

std::string as_text(const std::optional<model::TextConstruct>& construct) {
  return construct ? as_text(*construct) : std::string();
}

// The richest content body: HTML or XHTML before plain text (a feed giving both, like some
// podcast feeds, means the HTML one for the page); content of other media types is not text.
const model::TextConstruct* best_content(const std::vector<model::TextConstruct>& contents) {
  const model::TextConstruct* best = nullptr;
  for (const model::TextConstruct& c : contents) {
    if (!c.media_type.empty() || c.value.empty()) {
      continue;
    }
    if (best == nullptr ||
        (best->type == model::TextType::text && c.type != model::TextType::text)) {
      best = &c;
    }
  }
  return best;
}

// A person's name as text (names arrive with entities and, in the wild, markup).
model::Person clean_person(const model::Person& person) {
  model::Person out;
  out.name = sanitise::html_to_text(person.name, sanitise_limits());
  out.email = std::string(util::trim(person.email));
  out.href = std::string(util::trim(person.href));
  if (out.name.empty()) {
    out.name = out.email;
  }
  return out;
}

model::Person first_author(const model::ParsedCommon& common) {
  if (common.author && !common.author->empty()) {
    return clean_person(*common.author);
  }
  if (!common.authors.empty()) {
    return clean_person(common.authors.front());
  }
  return {};
}

// The alternate link: the document's `link`, else the first rel="alternate" of `links`.
std::string alternate_link(const model::ParsedCommon& common) {
  if (!common.link.empty()) {
    return common.link;
  }
  for (const model::Link& link : common.links) {
    if (link.rel == "alternate" && !link.href.empty()) {
      return link.href;
    }
  }
  return {};
}

std::optional<util::TimePoint> parsed_date(const std::optional<model::Date>& date) {
  return date ? date->parsed : std::nullopt;
}

std::vector<std::string> tag_terms(const std::vector<model::Tag>& tags) {
  std::vector<std::string> terms;
  std::set<std::string> seen;
  for (const model::Tag& tag : tags) {
    std::string term =
        sanitise::html_to_text(tag.term.empty() ? tag.label : tag.term, sanitise_limits());
    if (!term.empty() && seen.insert(term).second) {
      terms.push_back(std::move(term));
    }
  }
  return terms;
}

// Identity within the feed: the id, else the permalink, else a hash of what the entry says.
// Prefixed so that an id that happens to equal another entry's link stays distinct.
std::string identity_key(const model::Entry& entry) {
  if (!entry.id.empty()) {
    return "id:" + entry.id;
  }
  if (!entry.link.empty()) {
    return "link:" + entry.link;
  }
  return "hash:" +
         util::stable_hash_hex({entry.title_plain, entry.summary_html, entry.content_html});
}

model::Entry make_entry(const model::ParsedEntry& parsed, const model::ParsedChannel& channel) {
  model::Entry entry;
  entry.id = std::string(util::trim(parsed.id));
  entry.link = alternate_link(parsed);
  if (parsed.title) {
    entry.title_plain = as_text(*parsed.title);
    entry.title_html = parsed.title->type == model::TextType::text
                           ? util::escape_html(entry.title_plain)
                           : parsed.title->value;
  }
  if (parsed.summary) {
    entry.summary_html = as_html(*parsed.summary);
  }
  if (const model::TextConstruct* content = best_content(parsed.content)) {
    entry.content_html = as_html(*content);
  }
  entry.author = first_author(parsed);
  if (entry.author.name.empty()) {
    entry.author = first_author(channel);  // RSS and Atom: the feed's author is the default
  }
  entry.published = parsed_date(parsed.published);
  entry.updated = parsed_date(parsed.updated);
  if (!entry.updated) {
    entry.updated = entry.published;
  }
  entry.tags = tag_terms(parsed.tags);
  for (const model::Enclosure& enclosure : parsed.enclosures) {
    if (!enclosure.href.empty()) {
      entry.enclosures.push_back(enclosure);
    }
  }
  entry.language = parsed.language.empty() ? channel.language : parsed.language;
  entry.key = identity_key(entry);
  return entry;
}

model::Channel make_channel(const model::ParsedChannel& parsed) {
  model::Channel channel;
  channel.title_plain = as_text(parsed.title);
  channel.link = alternate_link(parsed);
  channel.subtitle_plain = as_text(parsed.subtitle);
  channel.id = std::string(util::trim(parsed.id));
  channel.author = first_author(parsed);
  channel.icon = parsed.icon;
  channel.logo = !parsed.logo.empty() ? parsed.logo : (parsed.image ? parsed.image->href : "");
  channel.rights_plain = as_text(parsed.rights);
  channel.updated = parsed_date(parsed.updated);
  if (!channel.updated) {
    channel.updated = parsed_date(parsed.published);  // RSS 2.0 gives pubDate, not lastBuildDate
  }
  channel.language = parsed.language;
  channel.generator = parsed.generator;
  return channel;
}

}  // namespace

model::Feed normalise(const model::ParsedFeed& raw, const config::FeedSettings& /*settings*/,
                      util::TimePoint /*now*/) {
  model::ParsedFeed parsed = clean(raw);
  model::Feed feed;
  feed.channel = make_channel(parsed.feed);
  std::size_t count = std::min(parsed.entries.size(), model::limits::k_max_entries_per_feed);
  feed.entries.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    feed.entries.push_back(make_entry(parsed.entries[i], parsed.feed));
  }
  return feed;
}

}  // namespace orrery::normalise
