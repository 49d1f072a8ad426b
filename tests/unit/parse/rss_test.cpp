#include <gtest/gtest.h>

#include "helpers.h"
#include "util/time.h"

namespace orrery::parse {
namespace {

using test::parse_fixture;
using test::parse_text;

TEST(RssParse, WordPressFeedIsRss20WithItsChannel) {
  model::ParsedFeed f = parse_fixture("wordpress.rss.xml");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.version, "rss20");
  EXPECT_EQ(f.encoding, "utf-8");
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value, "Ada\u2019s Notebook");
  EXPECT_EQ(f.feed.link, "https://ada.example.org");
  EXPECT_EQ(f.feed.language, "en-GB");
  ASSERT_TRUE(f.feed.updated);
  EXPECT_EQ(util::format_rfc3339(*f.feed.updated->parsed), "2026-11-30T18:02:11Z");
  ASSERT_EQ(f.entries.size(), 2u);
}

TEST(RssParse, AtomSelfLinkInsideRssIsReadByNamespace) {
  model::ParsedFeed f = parse_fixture("wordpress.rss.xml");
  ASSERT_FALSE(f.feed.links.empty());
  EXPECT_EQ(f.feed.links[0].rel, "self");
  EXPECT_EQ(f.feed.links[0].href, "https://ada.example.org/feed/");
}

TEST(RssParse, WordPressItemHasContentCreatorCategoriesAndEnclosure) {
  model::ParsedFeed f = parse_fixture("wordpress.rss.xml");
  const model::ParsedEntry& e = f.entries.at(0);
  ASSERT_EQ(e.content.size(), 1u);
  EXPECT_EQ(e.content[0].type, model::TextType::html);
  EXPECT_NE(e.content[0].value.find("<em>polynomials</em>"), std::string::npos);
  ASSERT_TRUE(e.author);
  EXPECT_EQ(e.author->name, "Ada Lovelace");
  ASSERT_EQ(e.tags.size(), 2u);
  EXPECT_EQ(e.tags[1].term, "History");
  ASSERT_EQ(e.enclosures.size(), 1u);
  EXPECT_EQ(e.enclosures[0].type, "audio/mpeg");
  EXPECT_EQ(e.enclosures[0].length, 1234567);
  EXPECT_EQ(e.comments, "https://ada.example.org/2026/11/30/difference-engine/#respond");
}

TEST(RssParse, GuidWithIsPermaLinkFalseIsNotALink) {
  model::ParsedFeed f = parse_fixture("wordpress.rss.xml");
  EXPECT_EQ(f.entries[0].id, "https://ada.example.org/?p=1843");
  EXPECT_FALSE(f.entries[0].guidislink);
  EXPECT_EQ(f.entries[0].link, "https://ada.example.org/2026/11/30/difference-engine/");
}

TEST(RssParse, PermalinkGuidBecomesTheLinkOfAnItemWithoutOne) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><item><guid>http://x.test/1</guid></item></channel></rss>");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_TRUE(f.entries[0].guidislink);
  EXPECT_EQ(f.entries[0].link, "http://x.test/1");
}

TEST(RssParse, PubDateIsParsedAndKeptVerbatim) {
  model::ParsedFeed f = parse_fixture("wordpress.rss.xml");
  ASSERT_TRUE(f.entries[1].published);
  EXPECT_EQ(f.entries[1].published->raw, "Sat, 28 Nov 2026 09:15:00 +0000");
  EXPECT_EQ(util::format_rfc3339(*f.entries[1].published->parsed), "2026-11-28T09:15:00Z");
}

TEST(RssParse, UnparseableDateKeepsItsTextWithoutAnInstant) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><item><pubDate>soon</pubDate></item></channel></rss>");
  ASSERT_TRUE(f.entries.at(0).published);
  EXPECT_EQ(f.entries[0].published->raw, "soon");
  EXPECT_FALSE(f.entries[0].published->parsed);
}

TEST(RssParse, ExtensionElementsAreKeptUnderFeedparserKeys) {
  model::ParsedFeed f = parse_fixture("wordpress.rss.xml");
  const auto& ext = f.entries[0].extensions;
  bool found = false;
  for (const auto& [key, value] : ext) {
    if (key == "slash_comments") found = value == "3";
  }
  EXPECT_TRUE(found);
}

TEST(RssParse, VersionAttributeNamesTheDialect) {
  EXPECT_EQ(parse_text("<rss version='0.91'><channel/></rss>").version, "rss091u");
  EXPECT_EQ(parse_text("<rss version='0.92'><channel/></rss>").version, "rss092");
  EXPECT_EQ(parse_text("<rss version='2.0'><channel/></rss>").version, "rss20");
  EXPECT_EQ(parse_text("<rss><channel/></rss>").version, "rss");
}

TEST(RssParse, ImageTitleAndLinkDoNotBleedIntoTheChannel) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><title>C</title><link>http://c.test/</link><image>"
      "<title>I</title><link>http://i.test/</link><url>http://i.test/i.png</url></image>"
      "</channel></rss>");
  EXPECT_EQ(f.feed.title->value, "C");
  EXPECT_EQ(f.feed.link, "http://c.test/");
  ASSERT_TRUE(f.feed.image);
  EXPECT_EQ(f.feed.image->href, "http://i.test/i.png");
}

TEST(RssParse, AuthorTextIsSplitIntoNameAndEmail) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><item><author>me@example.com (Ada)</author></item>"
      "</channel></rss>");
  ASSERT_TRUE(f.entries.at(0).author);
  EXPECT_EQ(f.entries[0].author->name, "Ada");
  EXPECT_EQ(f.entries[0].author->email, "me@example.com");
}

TEST(RdfParse, Rss10ItemsAreSiblingsOfTheChannel) {
  model::ParsedFeed f = parse_fixture("rss10.rdf");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.version, "rss10");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].id, "http://one.example.net/a");
  EXPECT_EQ(f.entries[0].author->name, "One Person");
  EXPECT_EQ(f.entries[0].tags.at(0).term, "rdf");
  EXPECT_EQ(util::format_rfc3339(*f.entries[0].updated->parsed), "2026-11-30T10:00:00Z");
  ASSERT_TRUE(f.feed.image);
  EXPECT_EQ(f.feed.image->href, "http://planet.example.net/logo.png");
}

TEST(RdfParse, Rss090NamespaceIsRecognised) {
  model::ParsedFeed f = parse_text(
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
      "xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel><title>T</title></channel>"
      "<item><title>I</title><link>http://x.test/</link></item></rdf:RDF>");
  EXPECT_EQ(f.version, "rss090");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].link, "http://x.test/");
}

// Naked markup (elements where RSS expects text or escaped HTML) is XHTML whatever the element
// declared, as feedparser reports it; escaped HTML stays HTML. (feedparser 6.0.10 on the same
// document gives application/xhtml+xml for every naked value.)
TEST(RssParse, NakedMarkupIsXhtmlWhateverTheElementDeclared) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'"
      " xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
      "<title>Naked <b>bold</b></title><description>chan <i>desc</i></description>"
      "<item><title>T <em>x</em></title><description>text <b>b</b> tail</description>"
      "<content:encoded><p>para</p></content:encoded></item>"
      "<item><description type='text'><p>typed</p></description>"
      "<dc:description><p>dc</p></dc:description></item>"
      "<item><title>&lt;b&gt;escaped&lt;/b&gt;</title><description type='application/xml'>"
      "<x>declared xml</x></description><content:encoded>&lt;p&gt;e&lt;/p&gt;"
      "</content:encoded></item></channel></rss>");
  ASSERT_TRUE(f.feed.title && f.feed.subtitle);
  EXPECT_EQ(f.feed.title->type, model::TextType::xhtml);
  EXPECT_EQ(f.feed.title->value, "Naked <b>bold</b>");
  EXPECT_EQ(f.feed.subtitle->type, model::TextType::xhtml);
  ASSERT_EQ(f.entries.size(), 3u);
  const model::ParsedEntry& first = f.entries[0];
  EXPECT_EQ(first.title->type, model::TextType::xhtml);
  EXPECT_EQ(first.summary->type, model::TextType::xhtml);
  EXPECT_EQ(first.summary->value, "text <b>b</b> tail");
  ASSERT_EQ(first.content.size(), 1u);
  EXPECT_EQ(first.content[0].type, model::TextType::xhtml);
  EXPECT_EQ(f.entries[1].summary->type, model::TextType::xhtml);  // type='text' notwithstanding
  const model::ParsedEntry& last = f.entries[2];
  EXPECT_EQ(last.title->type, model::TextType::html);      // escaped markup that looks like HTML
  EXPECT_EQ(last.summary->media_type, "application/xml");  // an XML type stays
  EXPECT_EQ(last.content[0].type, model::TextType::html);
}

// Media RSS's type="plain" is text, as feedparser's map_content_type reads it.
TEST(RssParse, TypePlainIsText) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><item>"
      "<media:description type='plain'>a &lt;b&gt; c</media:description></item></channel></rss>");
  ASSERT_TRUE(f.entries[0].summary);
  EXPECT_EQ(f.entries[0].summary->type, model::TextType::text);
  EXPECT_TRUE(f.entries[0].summary->media_type.empty());
}

}  // namespace
}  // namespace orrery::parse
