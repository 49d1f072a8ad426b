#pragma once
// The PubSubHubbub ping after a run (Venus's publish step): tells the planet's hub that its
// feeds changed, so subscribers fetch them at once.

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.h"
#include "fetch/fetcher.h"

namespace orrery::app {

// The public URLs of the written files the hub is told about: link + the file's name, for each
// file in `written` whose name is listed in pubsubhubbub_feeds (Venus: every file of output_dir
// with such a name). Empty without pubsubhubbub_hub or link.
std::vector<std::string> hub_topics(const config::PlanetSettings& planet,
                                    const std::vector<std::filesystem::path>& written);

// The form body of one ping: hub.mode=publish, then hub.url=TOPIC for each topic, URL-encoded
// (application/x-www-form-urlencoded).
std::string hub_ping_body(const std::vector<std::string>& topics);

// POSTs one ping for every topic to planet.pubsubhubbub_hub (a URL from the config, trusted like
// a feed URL; feed_timeout bounds it). Logs one info line per topic pinged, or one error line
// naming the hub and the reason; never fails the run (Venus logs and goes on). Nothing is sent
// for no topics.
void ping_hub(const config::PlanetSettings& planet, const std::vector<std::string>& topics,
              const fetch::FetcherOptions& options);

}  // namespace orrery::app
