#include "render/json_feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/golden.h"
#include "unit/render/outputs_fixture.h"

namespace orrery::render {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

json parse(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << text;
  return doc;
}

TEST(JsonFeedWriter, MatchesGolden) {
  test::Planet p;
  test::add_feed_details(p);
  orrery::test::expect_golden("render/outputs/feed.json", write_json_feed(p.input));
}

TEST(JsonFeedWriter, TopLevelIsJsonFeed11) {
  test::Planet p;
  json feed = parse(write_json_feed(p.input));
  EXPECT_EQ(feed["version"], "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(feed["title"], "Planet Test");
  EXPECT_EQ(feed["home_page_url"], "https://planet.example.org/");
  EXPECT_EQ(feed["feed_url"], "https://planet.example.org/feed.json");
  EXPECT_EQ(feed["authors"], json::parse(R"([{"name": "Olive Owner"}])"));
  EXPECT_EQ(feed["items"].size(), 5u);
}

TEST(JsonFeedWriter, ItemCarriesIdUrlTitleContentAndDates) {
  test::Planet p;
  json items = parse(write_json_feed(p.input))["items"];
  EXPECT_EQ(items[0]["id"], "https://ann.example.org/?p=1");
  EXPECT_EQ(items[0]["url"], "https://ann.example.org/2023/07/nec-meeting/");
  EXPECT_EQ(items[0]["title"], "NEC Meeting, 25 July 2023");
  EXPECT_EQ(items[0]["content_html"], "<p>NEC members gathered after an exhausting week.</p>");
  EXPECT_EQ(items[0]["date_modified"], "2023-07-29T11:10:00Z");
  EXPECT_FALSE(items[0].contains("date_published"));
  EXPECT_EQ(items[0]["tags"], json::parse(R"(["NEC", "reports"])"));
  EXPECT_EQ(items[0]["language"], "en-GB");
  EXPECT_EQ(items[3]["date_published"], "2023-07-25T20:00:00Z");
}

TEST(JsonFeedWriter, TitleIsTextWithoutChannelPrefix) {
  test::Planet p;
  json items = parse(write_json_feed(p.input))["items"];
  EXPECT_EQ(items[1]["title"], "Tom & Jerry <script>alert(1)</script>");
  EXPECT_FALSE(items[2].contains("title"));
}

TEST(JsonFeedWriter, SummaryOnlyEntryHasItAsContentHtml) {
  test::Planet p;
  json items = parse(write_json_feed(p.input))["items"];
  EXPECT_EQ(items[1]["content_html"], "<p>The national policy forum &amp; friends.</p>");
  EXPECT_FALSE(items[1].contains("summary"));
}

TEST(JsonFeedWriter, SummaryBesideContentIsPlainText) {
  test::Planet p;
  test::add_feed_details(p);
  json items = parse(write_json_feed(p.input))["items"];
  EXPECT_EQ(items[3]["content_html"], "<p>It shipped.</p>");
  EXPECT_EQ(items[3]["summary"], "Short: it shipped & works \xE2\x98\xBA");
}

TEST(JsonFeedWriter, AuthorsAreTheEntryAuthorElseItsChannel) {
  test::Planet p;
  json items = parse(write_json_feed(p.input))["items"];
  EXPECT_EQ(items[0]["authors"], json::parse(R"([{"name": "Ann Black"}])"));
  EXPECT_EQ(items[2]["authors"],
            json::parse(R"([{"name": "Bob <Builds>", "url": "https://bob.example.net/"}])"));
}

TEST(JsonFeedWriter, IdFallsBackToAStableUrnAndUnsafeUrlsAreLeftOut) {
  test::Planet p;
  std::string text = write_json_feed(p.input);
  EXPECT_THAT(text, Not(HasSubstr("javascript:")));
  json items = parse(text)["items"];
  EXPECT_THAT(items[2]["id"].get<std::string>(), StartsWith("urn:orrery:entry:"));
  EXPECT_FALSE(items[2].contains("url"));
}

TEST(JsonFeedWriter, AttachmentsHaveUrlAndMimeType) {
  test::Planet p;
  test::add_feed_details(p);
  json items = parse(write_json_feed(p.input))["items"];
  EXPECT_EQ(items[3]["attachments"], json::parse(R"([
    {"url": "https://bob.example.net/ship.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 12345},
    {"url": "https://bob.example.net/notes.txt", "mime_type": "application/octet-stream"}])"));
}

TEST(JsonFeedWriter, UnchangedPlanetWritesIdenticalBytesAtAnotherTime) {
  test::Planet p;
  std::string first = write_json_feed(p.input);
  p.input.now = test::at(2031, 3, 1, 0, 0);
  EXPECT_EQ(write_json_feed(p.input), first);
}

TEST(TextOfHtml, DropsTagsAndDecodesTheCommonReferences) {
  EXPECT_EQ(text_of_html("<p>a &lt;b&gt; &amp;&nbsp;c</p><p>d&#39;e&#x41;</p>"), "a <b> & c d'eA");
}

TEST(TextOfHtml, QuotedGreaterThanInsideATagDoesNotEndIt) {
  EXPECT_EQ(text_of_html("<a title=\"x > y\" href='z'>link</a> after"), "link after");
}

TEST(TextOfHtml, UnknownOrBrokenReferencesStayAsWritten) {
  EXPECT_EQ(text_of_html("&hellip; & &#xZZ; &#;"), "&hellip; & &#xZZ; &#;");
}

TEST(TextOfHtml, ManyAmpersandsWithoutSemicolonStayAsWritten) {
  std::string many(200000, '&');
  EXPECT_EQ(text_of_html(many), many);  // linear: each '&' looks at most 11 bytes ahead
}

}  // namespace
}  // namespace orrery::render
