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

}  // namespace
}  // namespace orrery::parse
