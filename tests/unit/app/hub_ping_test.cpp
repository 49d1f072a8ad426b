#include "app/hub_ping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace orrery::app {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

config::PlanetSettings planet_with_hub() {
  config::PlanetSettings planet;
  planet.link = "https://planet.example/news/";
  planet.pubsubhubbub_hub = "https://hub.example/";
  return planet;
}

TEST(HubTopics, EveryWrittenFeedListedInPubsubhubbubFeedsUnderLink) {
  std::vector<std::filesystem::path> written{"/out/index.html", "/out/atom.xml", "/out/rss20.xml",
                                             "/out/opml.xml"};
  EXPECT_THAT(
      hub_topics(planet_with_hub(), written),
      ElementsAre("https://planet.example/news/atom.xml", "https://planet.example/news/rss20.xml"));
}

TEST(HubTopics, NoneWithoutAHubOrALink) {
  std::vector<std::filesystem::path> written{"/out/atom.xml"};
  config::PlanetSettings no_hub = planet_with_hub();
  no_hub.pubsubhubbub_hub.clear();
  EXPECT_THAT(hub_topics(no_hub, written), IsEmpty());
  config::PlanetSettings no_link = planet_with_hub();
  no_link.link.clear();
  EXPECT_THAT(hub_topics(no_link, written), IsEmpty());
}

TEST(HubTopics, PubsubhubbubFeedsChoosesTheFiles) {
  config::PlanetSettings planet = planet_with_hub();
  planet.pubsubhubbub_feeds = {"index.html"};
  EXPECT_THAT(hub_topics(planet, {"/out/index.html", "/out/atom.xml"}),
              ElementsAre("https://planet.example/news/index.html"));
}

TEST(HubPingBody, IsAFormWithOneHubUrlPerTopic) {
  EXPECT_EQ(hub_ping_body({"https://p.example/atom.xml", "https://p.example/a b?x=1&y"}),
            "hub.mode=publish&hub.url=https%3A%2F%2Fp.example%2Fatom.xml"
            "&hub.url=https%3A%2F%2Fp.example%2Fa+b%3Fx%3D1%26y");
}

}  // namespace
}  // namespace orrery::app
