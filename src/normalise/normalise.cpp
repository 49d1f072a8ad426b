// normalise::normalise — ParsedFeed → Feed, the form the planet stores and renders: clean(),
// then Venus's storage rules (as_stored.cpp), then a projection that adds no rule of its own.

#include "normalise/normalise.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "normalise/as_stored.h"
#include "normalise/sanitise_limits.h"
#include "normalise/scrub.h"
#include "sanitise/sanitise.h"
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

std::string as_html(const std::optional<model::TextConstruct>& construct) {
  return construct ? as_html(*construct) : std::string();
}

// A text construct as text (title_plain…): markup of HTML constructs dropped, entities decoded;
// and no markup left even when the text itself spells a tag (`&lt;img onerror=…&gt;` in a text
// title), since themes put *_plain where readers take text for HTML (RSS titles).
std::string as_text(const model::TextConstruct& construct) {
  return sanitise::text_without_markup(construct.value, sanitise_limits());
}

std::string as_text(const std::optional<model::TextConstruct>& construct) {
  return construct ? as_text(*construct) : std::string();
}

model::TextType type_of(const std::optional<model::TextConstruct>& construct) {
  return construct ? construct->type : model::TextType::text;
}

model::Person person(const model::Person& p) {
  model::Person out;
  out.name = p.name;
  out.email = std::string(util::trim(p.email));
  out.href = std::string(util::trim(p.href));
  return out;
}

model::Person first_author(const model::ParsedCommon& common) {
  if (common.author && !common.author->empty()) {
    return person(*common.author);
  }
  if (!common.authors.empty()) {
    return person(common.authors.front());
  }
  return {};
}

std::vector<model::Person> people(const std::vector<model::Person>& in) {
  std::vector<model::Person> out;
  for (const model::Person& p : in) {
    out.push_back(person(p));
  }
  return out;
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
    std::string term = sanitise::html_to_text(tag.term, sanitise_limits());
    if (!term.empty() && seen.insert(term).second) {
      terms.push_back(std::move(term));
    }
  }
  return terms;
}

std::optional<double> extension_number(const model::ParsedCommon& common, std::string_view key) {
  for (const auto& [name, value] : common.extensions) {
    if (name == key) {
      try {
        double number = std::stod(value);
        return std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

model::Source make_source(const model::ParsedChannel& parsed) {
  model::Source source;
  source.id = std::string(util::trim(parsed.id));
  source.title_html = as_html(parsed.title);
  source.title_plain = as_text(parsed.title);
  source.subtitle_html = as_html(parsed.subtitle);
  source.link = alternate_link(parsed);
  source.links = parsed.links;
  source.icon = parsed.icon;
  source.logo = parsed.logo;
  source.rights_html = as_html(parsed.rights);
  source.author = first_author(parsed);
  source.contributors = people(parsed.contributors);
  source.categories = parsed.tags;
  source.updated = parsed_date(parsed.updated);
  source.language = parsed.language;
  for (const auto& [key, value] : parsed.extensions) {
    if (key.rfind("planet_", 0) == 0) {
      source.planet.emplace_back(key.substr(7), value);
    }
  }
  return source;
}

model::Entry make_entry(const model::ParsedEntry& parsed) {
  model::Entry entry;
  entry.id = parsed.id;
  entry.key = parsed.id;
  entry.link = alternate_link(parsed);
  entry.links = parsed.links;
  if (parsed.title) {
    entry.title_plain = as_text(*parsed.title);
    entry.title_html = parsed.title->type == model::TextType::text
                           ? util::escape_html(util::collapse_whitespace(parsed.title->value))
                           : parsed.title->value;
  }
  entry.title_type = type_of(parsed.title);
  entry.summary_html = as_html(parsed.summary);
  entry.summary_type = type_of(parsed.summary);
  // as_stored keeps the first content only; one of another media type is not text.
  if (!parsed.content.empty() && parsed.content.front().media_type.empty()) {
    entry.content_html = as_html(parsed.content.front());
    entry.content_type = parsed.content.front().type;
  }
  entry.rights_html = as_html(parsed.rights);
  entry.author = first_author(parsed);
  entry.contributors = people(parsed.contributors);
  entry.published = parsed_date(parsed.published);
  entry.updated = parsed_date(parsed.updated);
  entry.categories = parsed.tags;
  entry.tags = tag_terms(parsed.tags);
  for (const model::Enclosure& enclosure : parsed.enclosures) {
    if (!enclosure.href.empty()) {
      entry.enclosures.push_back(enclosure);
    }
  }
  auto latitude = extension_number(parsed, "geo_lat");
  auto longitude = extension_number(parsed, "geo_long");
  if (latitude && longitude) {
    entry.geo = model::GeoPoint{*latitude, *longitude};
  }
  for (const auto& [key, value] : parsed.extensions) {
    if (key == "feedburner_origlink" || key == "dc_date_taken") {
      entry.extensions.emplace_back(key, value);
    }
  }
  entry.language = parsed.language;
  if (parsed.source) {
    entry.source = make_source(*parsed.source);
  }
  return entry;
}

model::Channel make_channel(const model::ParsedChannel& parsed) {
  model::Channel channel;
  channel.title_plain = as_text(parsed.title);
  channel.link = alternate_link(parsed);
  channel.subtitle_plain = as_text(parsed.subtitle);
  channel.id = std::string(util::trim(parsed.id));
  channel.author = first_author(parsed);
  channel.author.name = sanitise::html_to_text(channel.author.name, sanitise_limits());
  channel.icon = parsed.icon;
  channel.logo = !parsed.logo.empty() ? parsed.logo : (parsed.image ? parsed.image->href : "");
  channel.rights_plain = as_text(parsed.rights);
  channel.title_html = as_html(parsed.title);
  channel.subtitle_html = as_html(parsed.subtitle);
  channel.rights_html = as_html(parsed.rights);
  channel.updated = parsed_date(parsed.updated);
  if (!channel.updated) {
    channel.updated = parsed_date(parsed.published);  // RSS 2.0 gives pubDate, not lastBuildDate
  }
  channel.language = parsed.language;
  channel.generator = parsed.generator;
  channel.ttl_minutes = parsed.ttl;
  for (const auto& [key, value] : parsed.extensions) {
    if (key == "sy_updateperiod" && channel.update_period.empty()) {
      channel.update_period = util::trim(value);
    } else if (key == "sy_updatefrequency" && channel.update_frequency.empty()) {
      channel.update_frequency = util::trim(value);
    }
  }
  return channel;
}

}  // namespace

model::Feed to_feed(const model::ParsedFeed& stored) {
  model::Feed feed;
  feed.channel = make_channel(stored.feed);
  for (const model::ParsedEntry& parsed : stored.entries) {
    if (feed.entries.size() >= model::limits::k_max_entries_per_feed) {
      break;
    }
    if (parsed.id.empty()) {
      continue;
    }
    feed.entries.push_back(make_entry(parsed));
  }
  return feed;
}

model::Feed normalise(const model::ParsedFeed& parsed, const config::FeedSettings& settings,
                      const CleanOptions& options) {
  return to_feed(as_stored(clean(scrub(parsed, settings), options), settings));
}

}  // namespace orrery::normalise
