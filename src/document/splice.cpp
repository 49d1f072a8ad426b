// The spliced document (Venus's splice.splice()): planet metadata, a planet:source per
// subscription, then the page's entries.

#include <algorithm>
#include <map>

#include "document/build.h"
#include "util/url.h"

namespace orrery::document {

namespace {

using detail::text_element;

std::string raw_value(const config::PlanetSettings& planet, const char* key) {
  auto it = planet.raw.find(key);
  return it == planet.raw.end() ? std::string() : it->second;
}

// Matches entries and subscriptions with their config and status: by the store's feed id, else
// by the subscription URL.
class Sources {
 public:
  explicit Sources(const SpliceInput& input) {
    for (const model::ChannelStatus& status : input.channels) {
      m_status_by_url.emplace(status.state.url, &status);
      if (status.state.id != 0) {
        m_status_by_id.emplace(status.state.id, &status);
      }
    }
    for (const config::FeedSettings& feed : input.config->feeds) {
      m_settings_by_url.emplace(feed.url, &feed);
    }
  }

  Source of(const config::FeedSettings& feed) const {
    return Source{&feed, find(m_status_by_url, feed.url), feed.url};
  }

  Source of(const model::StoredEntry& stored) const {
    const model::ChannelStatus* status = nullptr;
    if (auto it = m_status_by_id.find(stored.feed_id); it != m_status_by_id.end()) {
      status = it->second;
    } else {
      status = find(m_status_by_url, stored.feed_url);
    }
    std::string url = status != nullptr ? status->state.url : stored.feed_url;
    return Source{find(m_settings_by_url, url), status, url};
  }

 private:
  template <typename T>
  static const T* find(const std::map<std::string, const T*>& map, const std::string& key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  }

  std::map<std::string, const model::ChannelStatus*> m_status_by_url;
  std::map<std::int64_t, const model::ChannelStatus*> m_status_by_id;
  std::map<std::string, const config::FeedSettings*> m_settings_by_url;
};

util::TimePoint updated_of(const model::StoredEntry& stored) {
  return stored.entry.updated.value_or(stored.entry.published.value_or(stored.first_seen));
}

util::TimePoint feed_updated(const SpliceInput& input) {
  if (input.feed_updated == FeedUpdated::now || input.entries.empty()) {
    return input.now;
  }
  util::TimePoint newest = updated_of(input.entries.front());
  for (const model::StoredEntry& stored : input.entries) {
    newest = std::max(newest, updated_of(stored));
  }
  return newest;
}

void feed_head(pugi::xml_node feed, const SpliceInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  text_element(feed, "title", planet.name);
  detail::date_element(feed, "updated", feed_updated(input), *input.config, input.planet_elements);
  std::string generator = raw_value(planet, "generator");
  pugi::xml_node gen =
      text_element(feed, "generator", generator.empty() ? input.generator : generator);
  if (std::string uri = detail::safe_link(raw_value(planet, "generator_uri")); !uri.empty()) {
    gen.append_attribute("uri") = uri.c_str();
  }
  // RFC 4287 §4.1.1: entries without an author take the feed's, so there always is one.
  pugi::xml_node author = feed.append_child("author");
  text_element(author, "name", planet.owner_name.empty() ? planet.name : planet.owner_name);
  if (!planet.owner_email.empty()) {
    text_element(author, "email", planet.owner_email);
  }
  std::string self = detail::safe_link(raw_value(planet, "feed"), util::UrlUse::resource);
  if (self.empty() && !planet.link.empty()) {
    self = detail::safe_link(util::resolve_url(planet.link, "atom.xml"), util::UrlUse::resource);
  }
  text_element(feed, "id", !self.empty() ? self : detail::stable_urn("planet", {planet.name}));
  if (!self.empty()) {
    pugi::xml_node link = feed.append_child("link");
    link.append_attribute("rel") = "self";
    link.append_attribute("href") = self.c_str();
    link.append_attribute("type") =
        self.find("rss") != std::string::npos ? "application/rss+xml" : "application/atom+xml";
  }
  if (std::string hub =
          detail::safe_link(raw_value(planet, "pubsubhubbub_hub"), util::UrlUse::resource);
      !hub.empty()) {
    pugi::xml_node link = feed.append_child("link");
    link.append_attribute("rel") = "hub";
    link.append_attribute("href") = hub.c_str();
  }
  if (std::string alternate = detail::safe_link(planet.link); !alternate.empty()) {
    pugi::xml_node link = feed.append_child("link");
    link.append_attribute("rel") = "alternate";
    link.append_attribute("href") = alternate.c_str();
  }
}

}  // namespace

std::string splice(const SpliceInput& input) {
  pugi::xml_document doc;
  pugi::xml_node feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = k_atom_ns;
  bool keep = input.planet_elements == PlanetElements::keep;
  if (keep) {
    feed.append_attribute("xmlns:planet") = k_planet_ns;
  }
  feed_head(feed, input);
  Sources sources(input);
  if (keep) {
    // Venus: one planet:source per subscription with a sources/ file, i.e. fetched at least once.
    for (const config::FeedSettings& settings : input.config->feeds) {
      Source source = sources.of(settings);
      if (source.status != nullptr) {
        detail::source_children(feed.append_child("planet:source"), source, *input.config,
                                input.planet_elements, input.now);
      }
    }
  }
  for (const model::StoredEntry& stored : input.entries) {
    detail::entry_element(feed, stored.entry, sources.of(stored), *input.config,
                          input.planet_elements, updated_of(stored), input.now);
  }
  return detail::save(doc);
}

std::vector<std::string> splice_warnings(const config::Config& config) {
  std::vector<std::string> warnings;
  for (const config::FeedSettings& feed : config.feeds) {
    for (const auto& [key, value] : feed.raw) {
      if (!detail::is_xml_name(key)) {
        warnings.push_back("feed " + feed.url + ": key \"" + key +
                           "\" is not an XML name; XSLT themes and filters do not see it as "
                           "planet:" +
                           key);
      }
    }
  }
  return warnings;
}

}  // namespace orrery::document
