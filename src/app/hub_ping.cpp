#include "app/hub_ping.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "model/limits.h"
#include "util/url.h"

namespace orrery::app {

namespace {

// application/x-www-form-urlencoded (WHATWG URL §5.2): unreserved bytes as they are, space as
// '+', every other byte percent-encoded.
std::string form_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '*';
    if (plain) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> hub_topics(const config::PlanetSettings& planet,
                                    const std::vector<std::filesystem::path>& written) {
  std::vector<std::string> topics;
  if (planet.pubsubhubbub_hub.empty() || planet.link.empty()) {
    return topics;
  }
  const auto& names = planet.pubsubhubbub_feeds;
  for (const std::filesystem::path& file : written) {
    std::string name = file.filename().string();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      continue;
    }
    std::string topic = util::resolve_url(planet.link, name);
    if (std::find(topics.begin(), topics.end(), topic) == topics.end()) {
      topics.push_back(std::move(topic));
    }
  }
  return topics;
}

std::string hub_ping_body(const std::vector<std::string>& topics) {
  std::string body = "hub.mode=publish";
  for (const std::string& topic : topics) {
    body += "&hub.url=" + form_encode(topic);
  }
  return body;
}

void ping_hub(const config::PlanetSettings& planet, const std::vector<std::string>& topics,
              const fetch::FetcherOptions& options) {
  if (topics.empty()) {
    return;
  }
  model::FetchRequest request;
  request.url = planet.pubsubhubbub_hub;
  request.post_form = hub_ping_body(topics);
  request.limits.total_timeout = planet.feed_timeout;
  request.limits.max_body_bytes = model::limits::k_max_hub_response_bytes;
  request.private_networks = planet.allow_private_networks ? model::PrivateNetworks::allow
                                                           : model::PrivateNetworks::trust_origin;
  fetch::Fetcher fetcher(options);
  fetcher.run({request}, [&](model::FetchResult&& result) {
    if (!result.ok()) {
      spdlog::error("pubsubhubbub_hub {}: ping: {}", planet.pubsubhubbub_hub, result.error);
      return;
    }
    for (const std::string& topic : topics) {
      spdlog::info("published {} to {}", topic, planet.pubsubhubbub_hub);
    }
  });
}

}  // namespace orrery::app
