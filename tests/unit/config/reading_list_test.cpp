#include "config/reading_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/limits.h"
#include "support/temp_dir.h"

namespace orrery::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::string fixture(std::string_view name) {
  return test::slurp(test::data_path("config/reading_lists/" + std::string(name)));
}

std::vector<std::string> urls(const std::vector<ListedFeed>& feeds) {
  std::vector<std::string> out;
  for (const ListedFeed& feed : feeds) {
    out.push_back(feed.url);
  }
  return out;
}

std::vector<ListedFeed> parsed(util::Result<std::vector<ListedFeed>> feeds) {
  EXPECT_TRUE(feeds) << (feeds ? "" : feeds.error().message);
  return feeds ? *feeds : std::vector<ListedFeed>{};
}

TEST(ReadingListFormat, ContentTypeNamesTheFirstFormatItContains) {
  EXPECT_EQ(reading_list_format("opml"), ReadingListFormat::opml);
  EXPECT_EQ(reading_list_format("text/x-OPML"), ReadingListFormat::opml);
  EXPECT_EQ(reading_list_format("application/rdf+xml; foaf"), ReadingListFormat::foaf);
  EXPECT_EQ(reading_list_format("text/csv"), ReadingListFormat::csv);
  EXPECT_EQ(reading_list_format("config"), ReadingListFormat::config);
  EXPECT_EQ(reading_list_format("application/rss+xml"), std::nullopt);
}

TEST(ReadingListOpml, OutlinesWithAFeedUrlOfTypeRssOrAtomInDocumentOrder) {
  auto feeds = parsed(parse_opml(fixture("blogroll.opml")));
  EXPECT_THAT(urls(feeds),
              ElementsAre("https://alpha.example/feed.xml", "https://beta.example/atom",
                          "https://gamma.example/rss", "https://delta.example/feed/",
                          "https://unnamed.example/feed"));
}

TEST(ReadingListOpml, NameIsTextElseTitleAndAbsentWhenNeither) {
  auto feeds = parsed(parse_opml(fixture("blogroll.opml")));
  ASSERT_EQ(feeds.size(), 5u);
  EXPECT_THAT(feeds[0].options, ElementsAre(Pair("name", "Alpha & Co")));
  EXPECT_THAT(feeds[1].options, ElementsAre(Pair("name", "Beta")));
  EXPECT_THAT(feeds[3].options, ElementsAre(Pair("name", "Delta (WordPress)")));
  EXPECT_THAT(feeds[4].options, IsEmpty());
}

TEST(ReadingListOpml, MalformedXmlIsAnErrorNamingTheOffset) {
  auto feeds = parse_opml("<opml><body><outline xmlUrl='https://a.example/'></body>");
  ASSERT_FALSE(feeds);
  EXPECT_THAT(feeds.error().message, HasSubstr("not well-formed XML at byte"));
}

TEST(ReadingListOpml, DeepNestingIsWalkedWithoutRecursion) {
  std::string deep;
  for (int i = 0; i < 100'000; ++i) deep += "<outline>";
  deep += "<outline xmlUrl='https://deep.example/'/>";
  for (int i = 0; i < 100'000; ++i) deep += "</outline>";
  auto feeds = parsed(parse_opml("<opml><body>" + deep + "</body></opml>"));
  EXPECT_THAT(urls(feeds), ElementsAre("https://deep.example/"));
}

TEST(ReadingListFoaf, EveryWeblogWithASeeAlsoFeedNamedByPersonElseTitle) {
  auto feeds = parsed(parse_foaf(fixture("people.foaf")));
  EXPECT_THAT(urls(feeds),
              ElementsAre("https://ann.example/feed.rss", "https://bob.example/index.atom",
                          "https://carol.example/atom.xml"));
  ASSERT_EQ(feeds.size(), 3u);
  EXPECT_THAT(feeds[0].options, ElementsAre(Pair("name", "Ann Example")));
  EXPECT_THAT(feeds[1].options, ElementsAre(Pair("name", "Bob Example")));  // an attribute
  EXPECT_THAT(feeds[2].options, ElementsAre(Pair("name", "Carol's notes")));
}

TEST(ReadingListFoaf, PrefixesAreResolvedNotMatchedAsWritten) {
  auto feeds = parsed(parse_foaf(
      "<r:RDF xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
      " xmlns:f='http://xmlns.com/foaf/0.1/' xmlns:s='http://www.w3.org/2000/01/rdf-schema#'>"
      "<f:Person><f:name>P</f:name><f:weblog><r:Description r:about='https://p.example/'>"
      "<s:seeAlso r:resource='https://p.example/feed'/></r:Description></f:weblog></f:Person>"
      "<f:Person xmlns:foaf='urn:not-foaf'><foaf:weblog><r:Description>"
      "<s:seeAlso r:resource='https://q.example/feed'/></r:Description></foaf:weblog></f:Person>"
      "</r:RDF>"));
  EXPECT_THAT(urls(feeds), ElementsAre("https://p.example/feed"));
}

TEST(ReadingListCsv, HeaderRowNamesOptionsFirstColumnIsTheUrl) {
  auto feeds = parsed(parse_csv(fixture("subscriptions.csv")));
  EXPECT_THAT(urls(feeds),
              ElementsAre("https://alpha.example/feed.xml", "https://beta.example/atom",
                          "https://gamma.example/rss", "https://delta.example/feed"));
  ASSERT_EQ(feeds.size(), 4u);
  EXPECT_THAT(feeds[0].options,
              UnorderedElementsAre(Pair("name", "Alpha"), Pair("face", "alpha.png")));
  // Quoted cells hold commas, doubled quotes and line breaks; empty cells give no option.
  EXPECT_THAT(feeds[1].options, UnorderedElementsAre(Pair("name", "Beta, \"the second\""),
                                                     Pair("filters", "excerpt.py")));
  EXPECT_THAT(feeds[2].options, IsEmpty());
  EXPECT_THAT(feeds[3].options,
              UnorderedElementsAre(Pair("name", "Delta"), Pair("face", "multi\nline"),
                                   Pair("filters", "x")));
}

TEST(ReadingListCsv, UnterminatedQuoteIsAnError) {
  auto feeds = parse_csv("url,name\n\"https://a.example/,A\n");
  ASSERT_FALSE(feeds);
  EXPECT_THAT(feeds.error().message, HasSubstr("unterminated quoted field"));
}

TEST(ReadingListConfig, SectionsNamedByUrlAreFeedsWithTheirOptions) {
  auto feeds = parsed(parse_config_list(fixture("subscriptions.ini")));
  EXPECT_THAT(urls(feeds),
              ElementsAre("https://alpha.example/feed.xml", "https://beta.example/atom"));
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_THAT(feeds[0].options,
              UnorderedElementsAre(Pair("name", "Alpha"), Pair("face", "alpha.png")));
  EXPECT_THAT(feeds[1].options,
              UnorderedElementsAre(Pair("name", "Beta"), Pair("face", "default.png")));
}

TEST(ReadingListConfig, SyntaxErrorNamesTheLine) {
  auto feeds = parse_config_list("[https://a.example/]\nthis is not a key\n");
  ASSERT_FALSE(feeds);
  EXPECT_THAT(feeds.error().message, HasSubstr("line:2:"));
}

TEST(ReadingListParse, AListNamingNoFeedIsAFailure) {
  auto feeds = parse_reading_list("<opml><body/></opml>", ReadingListFormat::opml);
  ASSERT_FALSE(feeds);
  EXPECT_EQ(feeds.error().message, "no feeds found in it as opml");
}

ReadingListSettings blogroll() {
  ReadingListSettings list;
  list.url = "https://lists.example/dir/blogroll.opml";
  list.line = 7;
  list.raw = {{"face", "list.png"}, {"future_dates", "ignore_entry"}};
  return list;
}

TEST(ReadingListAdd, ListedFeedsTakeTheListsOptionsAsDefaults) {
  Config config;
  auto warnings = add_listed_feeds(config, blogroll(),
                                   {{"https://a.example/feed", {{"name", "A"}, {"face", "a.png"}}},
                                    {"https://b.example/feed", {}}});
  EXPECT_THAT(warnings, IsEmpty());
  ASSERT_EQ(config.feeds.size(), 2u);
  EXPECT_EQ(config.feeds[0].name, "A");
  EXPECT_EQ(config.feeds[0].line, 7);
  EXPECT_EQ(config.feeds[0].reading_list, "https://lists.example/dir/blogroll.opml");
  EXPECT_EQ(config.feeds[0].raw.at("face"), "a.png");
  EXPECT_EQ(config.feeds[0].raw.at("future_dates"), "ignore_entry");
  EXPECT_EQ(config.feeds[1].name, "");
  EXPECT_EQ(config.feeds[1].raw.at("face"), "list.png");
}

TEST(ReadingListAdd, AFeedWrittenInTheConfigKeepsItsOwnSection) {
  Config config;
  config.feeds.push_back(
      FeedSettings{{}, "https://A.example/feed", "Mine", 3, {{"face", "m.png"}}, ""});
  add_listed_feeds(config, blogroll(), {{"https://a.example/feed", {{"name", "Theirs"}}}});
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].name, "Mine");
  EXPECT_EQ(config.feeds[0].reading_list, "");
}

TEST(ReadingListAdd, RelativeUrlsResolveAgainstTheListAndOnlyHttpIsAccepted) {
  Config config;
  auto warnings = add_listed_feeds(config, blogroll(),
                                   {{"../feeds/x.xml", {}},
                                    {"file:///etc/passwd", {}},
                                    {"gopher://g.example/", {}},
                                    {"https://a.example/two\nlines", {}}});
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, "https://lists.example/feeds/x.xml");
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0],
            "reading list https://lists.example/dir/blogroll.opml: feed file:///etc/passwd: "
            "scheme \"file\" is not http or https: left out");
  EXPECT_THAT(warnings[1], HasSubstr("gopher://g.example/"));
  EXPECT_THAT(warnings[2], HasSubstr("feed https://a.example/two?lines: URL contains whitespace"));
}

TEST(ReadingListAdd, AtMostTheFeedLimitIsAddedPerList) {
  using model::limits::k_max_reading_list_feeds;
  std::vector<ListedFeed> many;
  for (std::size_t i = 0; i < k_max_reading_list_feeds + 3; ++i) {
    many.push_back({"https://many.example/" + std::to_string(i), {}});
  }
  Config config;
  auto warnings = add_listed_feeds(config, blogroll(), many);
  EXPECT_EQ(config.feeds.size(), k_max_reading_list_feeds);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("names more than 10000 feeds; 3 left out"));
}

}  // namespace
}  // namespace orrery::config
