#include "render/htmltmpl/context.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "unit/render/fixtures.h"

namespace orrery::render {
namespace {

using htmltmpl::Context;
using htmltmpl::Value;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<Context> loop(const Context& c, std::string_view name) {
  const Value* v = c.find(name);
  EXPECT_NE(v, nullptr) << name;
  EXPECT_EQ(v->kind, Value::Kind::loop) << name;
  return v->loop;
}

std::string text(const Context& c, std::string_view name) {
  const Value* v = c.find(name);
  return v == nullptr ? std::string("<unset>") : v->string;
}

bool truthy(const Context& c, std::string_view name) {
  const Value* v = c.find(name);
  return v != nullptr && v->truthy();
}

std::string render(std::string_view source, const Context& c) {
  util::Result<htmltmpl::Template> t = htmltmpl::Template::parse(source, "t.tmpl", {});
  EXPECT_TRUE(t) << t.error().message;
  return t ? t->render(c) : std::string();
}

bool is_set(const Context& c, std::string_view name) { return c.find(name) != nullptr; }

TEST(BuildContext, PlanetVariablesComeFromTheConfig) {
  test::Planet p;
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(c, "name"), "Planet Test");
  EXPECT_EQ(text(c, "link"), "https://planet.example.org/");
  EXPECT_EQ(text(c, "owner_name"), "Olive Owner");
  EXPECT_EQ(text(c, "owner_email"), "olive@example.org");
  EXPECT_EQ(text(c, "author"), "Olive Owner (olive@example.org)");
  EXPECT_EQ(text(c, "author_name"), "Olive Owner");
  EXPECT_EQ(text(c, "title_plain"), "Planet Test");
  EXPECT_EQ(text(c, "feed"), "https://planet.example.org/atom.xml");
  EXPECT_EQ(text(c, "id"), "https://planet.example.org/atom.xml");
  EXPECT_EQ(text(c, "feedtype"), "atom");
}

TEST(BuildContext, GeneratorIsTheGeneratorUri) {
  test::Planet p;
  EXPECT_EQ(text(build_context(p.input, "index.html"), "generator"), "orrery 0.1.0");
  p.config.planet.generator_uri = "https://example.org/orrery";
  EXPECT_EQ(text(build_context(p.input, "index.html"), "generator"), "https://example.org/orrery");
}

TEST(BuildContext, UrlIsThePageWithoutItsExtensionAndFullurlWithIt) {
  test::Planet p;
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(c, "url"), "https://planet.example.org/index");
  EXPECT_EQ(text(c, "fullurl"), "https://planet.example.org/index.html");
}

TEST(BuildContext, WithoutLinkTheFeedIsUnsetAndUrlsAreRelative) {
  test::Planet p;
  p.config.planet.link.clear();
  Context c = build_context(p.input, "rss20.xml");
  EXPECT_FALSE(is_set(c, "feed"));
  EXPECT_FALSE(is_set(c, "feedtype"));
  EXPECT_FALSE(is_set(c, "link"));
  EXPECT_EQ(text(c, "url"), "rss20");
  EXPECT_EQ(text(c, "fullurl"), "rss20.xml");
}

TEST(BuildContext, FeedIsTheFirstTemplateNamedAtomOrRss) {
  test::Planet p;
  p.config.planet.template_files = {"/t/index.html.tmpl", "/t/rss20.xml.tmpl", "/t/atom.xml.xslt"};
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(c, "feed"), "https://planet.example.org/rss20.xml");
  EXPECT_EQ(text(c, "feedtype"), "rss");
}

TEST(BuildContext, FeedKeyWins) {
  test::Planet p;
  p.config.planet.feed = "https://feeds.example.org/planet";
  EXPECT_EQ(text(build_context(p.input, "index.html"), "feed"), "https://feeds.example.org/planet");
}

TEST(BuildContext, DateIsNowInThePlanetFormatsUtc) {
  test::Planet p;
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(c, "time_zone"), "UTC");
  EXPECT_EQ(text(c, "date"), "July 29, 2023 12:00 PM");
  EXPECT_EQ(text(c, "date_iso"), "2023-07-29T12:00:00+00:00");
  EXPECT_EQ(text(c, "date_822"), "Sat, 29 Jul 2023 12:00:00 +0000");
  EXPECT_EQ(text(c, "last_updated_iso"), "2023-07-29T12:00:00+00:00");
}

TEST(BuildContext, ItemsKeepTheEntryOrder) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(text(items[0], "title_plain"), "NEC Meeting, 25 July 2023");
  EXPECT_EQ(text(items[3], "title_plain"), "Shipping it");
}

TEST(BuildContext, ItemDateUsesDateFormatInUtc) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[0], "date"), "July 29, 2023 11:10 AM");
  EXPECT_EQ(text(items[0], "date_iso"), "2023-07-29T11:10:00+00:00");
  EXPECT_EQ(text(items[3], "published_iso"), "2023-07-25T20:00:00+00:00");
  EXPECT_FALSE(is_set(items[0], "published"));
}

TEST(BuildContext, NewDateIsSetOnlyWhenTheDayChanges) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[0], "new_date"), "July 29, 2023");
  EXPECT_FALSE(is_set(items[1], "new_date"));
  EXPECT_EQ(text(items[2], "new_date"), "July 26, 2023");
  EXPECT_FALSE(is_set(items[3], "new_date"));
  EXPECT_FALSE(is_set(items[4], "new_date"));
}

// A zone of fixed offset +14:00 (Pacific/Kiritimati's): a TZif v2 file without transitions,
// its footer "<+14>-14" giving the offset.
util::TimeZone plus_fourteen() {
  auto be32 = [](std::string& out, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) {
      out += static_cast<char>((v >> (8 * i)) & 0xff);
    }
  };
  auto block = [&](std::string& out) {
    out += "TZif2";
    out += std::string(15, '\0');
    for (std::uint32_t count : {0u, 0u, 0u, 0u, 1u, 4u}) {  // one type, "+14\0"
      be32(out, count);
    }
  };
  std::string bytes;
  block(bytes);
  be32(bytes, 14 * 3600);
  bytes += std::string("\0\0+14\0", 6);
  block(bytes);
  be32(bytes, 14 * 3600);
  bytes += std::string("\0\0+14\0", 6);
  bytes += "\n<+14>-14\n";
  auto zone = util::TimeZone::from_tzif(bytes, "Test/Plus14");
  EXPECT_TRUE(zone) << zone.error().message;
  return zone ? *zone : util::TimeZone{};
}

TEST(BuildContext, TimeZoneShiftsShownDatesAndDayHeadersButNotMachineDates) {
  test::Planet p;
  p.config.planet.time_zone = plus_fourteen();
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(c, "date"), "July 30, 2023 02:00 AM");
  EXPECT_EQ(text(c, "date_iso"), "2023-07-29T12:00:00+00:00");
  EXPECT_EQ(text(c, "time_zone"), "Test/Plus14");
  std::vector<Context> items = loop(c, "Items");
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(text(items[0], "date"), "July 30, 2023 01:10 AM");
  EXPECT_EQ(text(items[0], "date_iso"), "2023-07-29T11:10:00+00:00");
  EXPECT_EQ(text(items[0], "date_822"), "Sat, 29 Jul 2023 11:10:00 +0000");
  // 26 July 15:47 and 09:00 UTC fall on 27 and 26 July at +14: a day header between them.
  EXPECT_EQ(text(items[0], "new_date"), "July 30, 2023");
  EXPECT_FALSE(is_set(items[1], "new_date"));
  EXPECT_EQ(text(items[2], "new_date"), "July 27, 2023");
  EXPECT_EQ(text(items[3], "new_date"), "July 26, 2023");
  EXPECT_FALSE(is_set(items[4], "new_date"));
}

TEST(BuildContext, NewChannelIsSetWhenTheChannelChanges) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_TRUE(truthy(items[0], "new_channel"));
  EXPECT_FALSE(is_set(items[1], "new_channel"));
  EXPECT_FALSE(is_set(items[3], "new_channel"));
  EXPECT_TRUE(truthy(items[4], "new_channel"));
}

TEST(BuildContext, NewChannelIsSetAgainOnTheFirstItemOfADay) {
  test::Planet p;
  p.input.entries[2].feed_id = 1;  // same channel as the item before, but a new day
  p.input.entries[2].feed_url = test::Planet::k_ann;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_TRUE(truthy(items[2], "new_date"));
  EXPECT_TRUE(truthy(items[2], "new_channel"));
}

TEST(BuildContext, NewChannelIsTheChannelIdElseItsLink) {
  test::Planet p;
  p.input.channels[0].channel.id = "tag:ann.example.org,2023:feed";
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[0], "new_channel"), "tag:ann.example.org,2023:feed");
  EXPECT_EQ(text(items[2], "new_channel"), "https://bob.example.net/");
}

TEST(BuildContext, ChannelNamePrefersTheConfiguredName) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[0], "channel_name"), "Ann's Notes");
  EXPECT_EQ(text(items[0], "channel_title_plain"), "Ann Black on the Record");
  EXPECT_EQ(text(items[0], "channel_link"), "https://ann.example.org/");
  EXPECT_EQ(text(items[0], "channel_url"), test::Planet::k_ann);
}

TEST(BuildContext, ChannelNameFallsBackToTheFeedTitle) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[2], "channel_name"), "Bob <Builds>");
}

TEST(BuildContext, ConfigKeysOfTheFeedBecomeChannelVariables) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[0], "channel_face"), "ann.png");
  EXPECT_EQ(text(items[0], "channel_css-id"), "ann-s-notes");
}

TEST(BuildContext, EntryIsMatchedToItsChannelByFeedIdFirst) {
  test::Planet p;
  p.input.entries[3].feed_url = "https://bob.example.net/old-feed-url";
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[3], "channel_name"), "Bob <Builds>");
  EXPECT_EQ(text(items[3], "channel_url"), test::Planet::k_bob);
}

TEST(BuildContext, EntryOfAnUnsubscribedFeedHasNoChannelName) {
  test::Planet p;
  p.input.entries[0].feed_id = 99;
  p.input.entries[0].feed_url = "https://old.example/feed";
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_FALSE(is_set(items[0], "channel_name"));
  EXPECT_EQ(text(items[0], "new_channel"), "https://old.example/feed");
}

TEST(BuildContext, ContentFallsBackToTheSummary) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_EQ(text(items[1], "content"), "<p>The national policy forum &amp; friends.</p>");
  EXPECT_EQ(items[1].find("content")->kind, Value::Kind::html);
}

TEST(BuildContext, UnsafeLinksAreDropped) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  EXPECT_FALSE(is_set(items[2], "link"));
}

TEST(BuildContext, ItemWithoutLinkDoesNotInheritThePlanetLink) {
  test::Planet p;
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(render("<TMPL_LOOP Items>[<TMPL_VAR link>]</TMPL_LOOP>", c),
            "[https://ann.example.org/2023/07/nec-meeting/][https://ann.example.org/2023/07/npf/]"
            "[][https://bob.example.net/shipping][https://ann.example.org/earlier]");
}

TEST(BuildContext, TitleMarkupNeverReachesThePage) {
  test::Planet p;
  p.input.entries[1].entry.title_html = "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;";
  Context c = build_context(p.input, "index.html");
  std::string out = render(
      "<TMPL_LOOP Items><TMPL_VAR title>|<TMPL_VAR title_plain ESCAPE=\"NONE\">|"
      "<TMPL_VAR title_plain ESCAPE=\"HTML\">|<TMPL_VAR channel_name>|"
      "<TMPL_VAR channel_title></TMPL_LOOP>",
      c);
  EXPECT_THAT(out, Not(HasSubstr("<script>")));
  EXPECT_THAT(out, Not(HasSubstr("<Builds>")));
  EXPECT_THAT(out, HasSubstr("Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST(BuildContext, ChannelsAreTheFetchedSubscriptionsSortedByNameInByteOrder) {
  test::Planet p;
  p.config.feeds[1].name = "ann lowercase";  // sorts after "Gone Away": byte order, not case
  std::vector<Context> channels = loop(build_context(p.input, "index.html"), "Channels");
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(text(channels[0], "name"), "Ann's Notes");
  EXPECT_EQ(text(channels[1], "name"), "Gone Away");
  EXPECT_EQ(text(channels[2], "name"), "ann lowercase");
  EXPECT_EQ(text(channels[2], "url"), test::Planet::k_bob);
  EXPECT_EQ(text(channels[2], "link"), "https://bob.example.net/");
}

TEST(BuildContext, SubscriptionNeverFetchedIsNotAChannel) {
  test::Planet p;
  p.input.channels[1].state.last_fetched.reset();
  std::vector<Context> channels = loop(build_context(p.input, "index.html"), "Channels");
  ASSERT_EQ(channels.size(), 2u);
  EXPECT_EQ(text(channels[1], "name"), "Gone Away");
}

TEST(BuildContext, FailingChannelCarriesVenusMessage) {
  test::Planet p;
  std::vector<Context> channels = loop(build_context(p.input, "index.html"), "Channels");
  EXPECT_EQ(text(channels[2], "message"), "410: gone");
  EXPECT_EQ(text(channels[2], "http_status"), "410");
  EXPECT_FALSE(is_set(channels[0], "message"));
}

const Context* channel_named(const std::vector<Context>& channels, std::string_view name) {
  for (const Context& c : channels) {
    if (text(c, "name") == name) {
      return &c;
    }
  }
  return nullptr;
}

TEST(BuildContext, InactiveChannelCarriesVenusMessage) {
  test::Planet p;
  p.config.feeds[0].activity_threshold = 3;
  p.input.channels[0].newest_entry = p.input.now - std::chrono::days(3) - std::chrono::seconds(1);
  std::vector<Context> channels = loop(build_context(p.input, "index.html"), "Channels");
  const Context* ann = channel_named(channels, "Ann's Notes");
  ASSERT_NE(ann, nullptr);
  EXPECT_EQ(text(*ann, "message"), "no activity in 3 days");

  p.input.channels[0].newest_entry = p.input.now - std::chrono::days(3);  // just within
  channels = loop(build_context(p.input, "index.html"), "Channels");
  ann = channel_named(channels, "Ann's Notes");
  ASSERT_NE(ann, nullptr);
  EXPECT_FALSE(is_set(*ann, "message"));
}

TEST(BuildContext, FailureMessageWinsOverInactivity) {
  test::Planet p;
  p.config.feeds[2].activity_threshold = 3;
  p.input.channels[2].newest_entry = p.input.now - std::chrono::days(10);
  std::vector<Context> channels = loop(build_context(p.input, "index.html"), "Channels");
  const Context* gone = channel_named(channels, "Gone Away");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(text(*gone, "message"), "410: gone");
}

TEST(BuildContext, FailureWithoutHttpStatusCarriesOrreryMessage) {
  test::Planet p;
  p.input.channels[2].state.last_status = 0;
  p.input.channels[2].state.last_error = "fetch: could not resolve host";
  std::vector<Context> channels = loop(build_context(p.input, "index.html"), "Channels");
  EXPECT_EQ(text(channels[2], "message"), "fetch: could not resolve host");
}

TEST(BuildContext, ConfigKeysAreNotTopLevelVariables) {
  // Venus's htmltmpl sees no [Planet] or template-section key but those tmpl.py names.
  test::Planet p;
  p.config.planet.raw = {{"name", "raw name"}, {"theme_colour", "teal"}};
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(c, "name"), "Planet Test");
  EXPECT_FALSE(is_set(c, "theme_colour"));
}

TEST(BuildContext, OrreryExtrasAreGone) {
  test::Planet p;
  std::vector<Context> items = loop(build_context(p.input, "index.html"), "Items");
  for (const char* name :
       {"category", "summary", "channel_entry_count", "channel_generator", "channel_language"}) {
    EXPECT_FALSE(is_set(items[0], name)) << name;
  }
}

TEST(BuildContext, ChannelUrlIsTheSubscriptionAsConfigured) {
  // The operator's URL, file: included; a feed's own self link would pass the link policy.
  test::Planet p;
  p.config.feeds[0].url = "file:///srv/feeds/ann.xml";
  p.input.channels[0].state.url = "file:///srv/feeds/ann.xml";
  p.input.entries[0].feed_url = "file:///srv/feeds/ann.xml";
  Context c = build_context(p.input, "index.html");
  EXPECT_EQ(text(loop(c, "Channels")[0], "url"), "file:///srv/feeds/ann.xml");
  EXPECT_EQ(text(loop(c, "Items")[0], "channel_url"), "file:///srv/feeds/ann.xml");
}

TEST(BuildContext, StoredSourceSelfLinkPassesThePolicyUnlessItIsTheSubscription) {
  test::Planet p;
  model::Source& source = p.input.entries[0].entry.source;
  source.id = "tag:ann.example.org,2023:feed";
  source.links = {model::Link{"self", "", "file:///etc/passwd", "", "", std::nullopt}};
  EXPECT_FALSE(truthy(loop(build_context(p.input, "index.html"), "Items")[0], "channel_url"));
  source.links[0].href = test::Planet::k_ann;
  EXPECT_EQ(text(loop(build_context(p.input, "index.html"), "Items")[0], "channel_url"),
            test::Planet::k_ann);
}

TEST(CssId, LowercasesAndJoinsWordsWithDashes) {
  EXPECT_EQ(css_id("Ann's Notes"), "ann-s-notes");
  EXPECT_EQ(css_id("  --Planet  X!! "), "planet-x");
  EXPECT_EQ(css_id("Se\xc3\xb1or_Frog 2"), "se\xc3\xb1or_frog-2");
}

TEST(SafeLink, KeepsWebUrlsAndDropsScriptUrls) {
  EXPECT_EQ(safe_link("https://x.example/a?b=c"), "https://x.example/a?b=c");
  EXPECT_EQ(safe_link(" JavaScript:alert(1)"), "");
  EXPECT_EQ(safe_link("data:text/html,<p>"), "");
  EXPECT_EQ(safe_link("relative/path"), "");
}

}  // namespace
}  // namespace orrery::render
