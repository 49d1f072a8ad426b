#include "parse/feedparser_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "support/golden.h"

namespace orrery::parse {
namespace {

using Json = nlohmann::json;
using test::parse_fixture;
using test::parse_text;

Json json_of(const model::ParsedFeed& f) { return Json::parse(to_feedparser_json(f)); }

TEST(FeedparserJson, WordPressFixtureMatchesItsGoldenFile) {
  orrery::test::expect_golden("parse/wordpress.expected.json",
                              json_of(parse_fixture("wordpress.rss.xml")).dump(2) + "\n");
}

TEST(FeedparserJson, BloggerFixtureMatchesItsGoldenFile) {
  orrery::test::expect_golden("parse/blogger.expected.json",
                              json_of(parse_fixture("blogger.atom.xml")).dump(2) + "\n");
}

TEST(FeedparserJson, TopLevelKeysArePresent) {
  Json j = json_of(parse_text("<rss version='2.0'><channel/></rss>"));
  EXPECT_EQ(j["bozo"], false);
  EXPECT_FALSE(j.contains("bozo_exception"));
  EXPECT_EQ(j["encoding"], "utf-8");
  EXPECT_EQ(j["version"], "rss20");
  EXPECT_TRUE(j["namespaces"].is_object());
  EXPECT_TRUE(j["feed"].is_object());
  EXPECT_TRUE(j["entries"].is_array());
}

TEST(FeedparserJson, BozoCarriesTheException) {
  Json j = json_of(parse_text("<rss><channel><title>a & b</title></channel></rss>"));
  EXPECT_EQ(j["bozo"], true);
  EXPECT_EQ(j["bozo_exception"].get<std::string>().rfind("SAXParseException: ", 0), 0u);
}

TEST(FeedparserJson, KeysTheDocumentDoesNotGiveAreAbsent) {
  Json j =
      json_of(parse_text("<rss version='2.0'><channel><item><title>x</title></item>"
                         "</channel></rss>"));
  const Json& e = j["entries"][0];
  EXPECT_FALSE(e.contains("link"));
  EXPECT_FALSE(e.contains("summary"));
  EXPECT_FALSE(e.contains("published"));
  EXPECT_FALSE(e.contains("author"));
  EXPECT_FALSE(e["title_detail"].contains("language"));
}

TEST(FeedparserJson, DetailTypesUseMediaTypeNames) {
  Json j = json_of(parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><subtitle type='html'>s"
      "</subtitle><rights type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>r</div></rights>"
      "</feed>"));
  EXPECT_EQ(j["feed"]["title_detail"]["type"], "text/plain");
  EXPECT_EQ(j["feed"]["subtitle_detail"]["type"], "text/html");
  EXPECT_EQ(j["feed"]["rights_detail"]["type"], "application/xhtml+xml");
}

TEST(FeedparserJson, DatesAreVerbatimWithUtcRfc3339Parsed) {
  Json j =
      json_of(parse_text("<rss version='2.0'><channel><item><pubDate>Wed, 31 Dec 2003 "
                         "10:14:55 +0100</pubDate></item></channel></rss>"));
  EXPECT_EQ(j["entries"][0]["published"], "Wed, 31 Dec 2003 10:14:55 +0100");
  EXPECT_EQ(j["entries"][0]["published_parsed"], "2003-12-31T09:14:55Z");
}

TEST(FeedparserJson, UnparsedDateHasANullInstant) {
  Json j =
      json_of(parse_text("<rss version='2.0'><channel><item><pubDate>2003-13-45"
                         "</pubDate></item></channel></rss>"));
  EXPECT_EQ(j["entries"][0]["published"], "2003-13-45");
  EXPECT_TRUE(j["entries"][0]["published_parsed"].is_null());
}

TEST(FeedparserJson, AuthorWithNameAndEmailIsWrittenFeedparserStyle) {
  Json j = json_of(parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom'><author><name>A</name><email>a@x.test</email>"
      "</author></feed>"));
  EXPECT_EQ(j["feed"]["author"], "A (a@x.test)");
  EXPECT_EQ(j["feed"]["author_detail"]["email"], "a@x.test");
}

TEST(FeedparserJson, RssAuthorTextIsKeptVerbatim) {
  Json j =
      json_of(parse_text("<rss version='2.0'><channel><item><author>me@x.test (Me)</author>"
                         "</item></channel></rss>"));
  EXPECT_EQ(j["entries"][0]["author"], "me@x.test (Me)");
  EXPECT_EQ(j["entries"][0]["author_detail"]["name"], "Me");
}

TEST(FeedparserJson, TagsHaveNullSchemeAndLabelWhenAbsent) {
  Json j = json_of(parse_text(
      "<rss version='2.0'><channel><item><category>c</category></item></channel></rss>"));
  EXPECT_EQ(j["entries"][0]["tags"][0]["term"], "c");
  EXPECT_TRUE(j["entries"][0]["tags"][0]["scheme"].is_null());
}

TEST(FeedparserJson, EnclosureLengthIsAString) {
  Json j = json_of(parse_fixture("wordpress.rss.xml"));
  EXPECT_EQ(j["entries"][0]["enclosures"][0]["length"], "1234567");
}

TEST(FeedparserJson, NotAFeedHasAnEmptyVersion) {
  Json j = json_of(parse_text("<html/>"));
  EXPECT_EQ(j["version"], "");
  EXPECT_EQ(j["bozo"], true);
}

// media:group's children attach to the entry as feedparser attaches them (expected values are
// feedparser 6.0.10's on the same document).
TEST(FeedparserJson, MediaGroupChildrenAttachToTheEntry) {
  Json j = json_of(parse_fixture("media/group.rss.xml"));
  const Json& e = j["entries"][0];
  ASSERT_EQ(e["media_content"].size(), 2u);
  EXPECT_EQ(e["media_content"][0]["url"], "http://example.org/v/1-hi.mp4");
  EXPECT_EQ(e["media_content"][0]["isdefault"], "true");
  EXPECT_EQ(e["media_content"][1]["width"], "640");
  EXPECT_EQ(e["media_thumbnail"], Json::parse(R"([{"url": "http://example.org/t/1.jpg",
                                                  "width": "120", "height": "90"}])"));
  EXPECT_EQ(e["title"], "Item one");  // the item's own title wins over media:title
  EXPECT_EQ(e["summary"], "A short clip about <things>.");
  EXPECT_EQ(e["summary_detail"]["type"], "text/plain");
  EXPECT_EQ(e["media_credit"],
            Json::parse(R"([{"role": "author", "scheme": "urn:ebu", "content": "Jane Doe"}])"));
  EXPECT_EQ(e["credit"], "Jane Doe");
  EXPECT_EQ(e["media_player"], Json::parse(R"({"url": "http://example.org/player/1",
                                              "width": "400", "height": "300", "content": ""})"));
  EXPECT_EQ(e["media_rating"], Json::parse(R"({"scheme": "urn:simple", "content": "nonadult"})"));
  EXPECT_EQ(e["rating"], "nonadult");
  EXPECT_EQ(e["media_license"], Json::parse(R"({"type": "text/html",
      "href": "http://example.org/license", "content": "CC BY"})"));
  EXPECT_EQ(e["media_restriction"], Json::parse(R"({"relationship": "allow", "type": "country",
                                                   "content": ["fr", "de"]})"));
  EXPECT_EQ(e["restriction"], "FR de");
  EXPECT_EQ(e["tags"], Json::parse(R"([{"term": "alpha", "scheme": null, "label": null},
      {"term": "beta", "scheme": null, "label": null},
      {"term": "gamma", "scheme": null, "label": null},
      {"term": "Music/Jazz", "scheme": "urn:cat", "label": null}])"));

  const Json& second = j["entries"][1];
  EXPECT_EQ(second["title"], "Item two");
  EXPECT_EQ(second["summary"], "Own description");
  ASSERT_EQ(second["content"].size(), 1u);  // the group's description is a second text
  EXPECT_EQ(second["content"][0]["value"], "Second description");
  EXPECT_EQ(second["media_credit"], Json::parse(R"([{"content": "Anonymous"}])"));
  EXPECT_EQ(second["media_content"][0]["filesize"], "1234");
  // Thumbnails inside and outside the group are one list.
  ASSERT_EQ(second["media_thumbnail"].size(), 2u);
  EXPECT_EQ(second["media_thumbnail"][1]["url"], "http://example.org/t/2b.jpg");
}

TEST(FeedparserJson, MediaGroupInAtomGivesTheSummaryAndThumbnails) {
  Json j = json_of(parse_fixture("media/group.atom.xml"));
  const Json& e = j["entries"][0];
  EXPECT_EQ(e["title"], "Video");
  EXPECT_EQ(e["media_thumbnail"][0]["url"], "https://example.org/vi/abc/hq.jpg");
  EXPECT_EQ(e["media_content"][0]["type"], "application/x-shockwave-flash");
  EXPECT_EQ(e["summary_detail"]["type"], "text/html");
  EXPECT_EQ(e["summary"].get<std::string>().rfind("Line one\nLine two", 0), 0u);
  // Unknown media elements inside the group: empty ones with attributes are dictionaries.
  EXPECT_EQ(e["media_starrating"], Json::parse(R"({"count": "12", "average": "4.5",
                                                  "min": "1", "max": "5"})"));
  EXPECT_EQ(e["media_statistics"], Json::parse(R"({"views": "99"})"));
}

TEST(FeedparserJson, MediaElementsRepeatAsFeedparserMergesThem) {
  Json j = json_of(
      parse_text("<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel>"
                 "<media:credit role='owner'>Owner</media:credit><item><media:group>"
                 "<media:credit role='editor'/><media:credit> Spaced </media:credit>"
                 "<media:player url='http://x.test/p'>fallback</media:player>"
                 "<media:rating scheme='urn:mpaa'>pg</media:rating><media:rating "
                 "scheme='urn:v'>tv-y7</media:rating>"
                 "<media:thumbnail>http://x.test/t.jpg</media:thumbnail>"
                 "<media:keywords> , x </media:keywords></media:group></item></channel></rss>"));
  EXPECT_EQ(j["feed"]["media_credit"], Json::parse(R"([{"role": "owner", "content": "Owner"}])"));
  const Json& e = j["entries"][0];
  EXPECT_EQ(e["media_credit"], Json::parse(R"([{"role": "editor"}, {"content": "Spaced"}])"));
  EXPECT_EQ(e["credit"], "Spaced");
  EXPECT_EQ(e["media_player"], Json::parse(R"({"url": "http://x.test/p", "content": "fallback"})"));
  // The first rating's attributes stay, the last text is the content (feedparser's setdefault).
  EXPECT_EQ(e["media_rating"], Json::parse(R"({"scheme": "urn:mpaa", "content": "tv-y7"})"));
  EXPECT_EQ(e["media_thumbnail"], Json::parse(R"([{"url": "http://x.test/t.jpg"}])"));
  EXPECT_EQ(e["tags"], Json::parse(R"([{"term": "x", "scheme": null, "label": null}])"));
}

}  // namespace
}  // namespace orrery::parse
