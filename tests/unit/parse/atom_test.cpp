#include <gtest/gtest.h>

#include "helpers.h"
#include "util/time.h"

namespace orrery::parse {
namespace {

using test::parse_fixture;
using test::parse_text;

TEST(AtomParse, BloggerFeedIsAtom10) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.version, "atom10");
  EXPECT_EQ(f.feed.id, "tag:blogger.com,1999:blog-1234567890");
  EXPECT_EQ(f.feed.title->value, "Grace's Log");
  EXPECT_EQ(f.feed.subtitle->type, model::TextType::html);
  EXPECT_EQ(f.feed.subtitle->value, "Bugs <i>found</i> in relays");
  EXPECT_EQ(f.feed.generator, "Blogger");
  EXPECT_EQ(f.feed.generator_version, "7.00");
  ASSERT_EQ(f.entries.size(), 2u);
}

TEST(AtomParse, LinksResolveAgainstNestedXmlBase) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  EXPECT_EQ(f.feed.link, "https://grace.example.com/");
  EXPECT_EQ(f.entries[0].link, "https://grace.example.com/2026/11/moth.html");
  EXPECT_EQ(f.entries[0].base, "https://grace.example.com/2026/11/");
  EXPECT_EQ(f.feed.author->href, "https://grace.example.com/profile/42");
}

TEST(AtomParse, LinkRelationsAreKeptInOrder) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  const auto& links = f.entries[0].links;
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].rel, "replies");
  EXPECT_EQ(links[0].title, "2 Comments");
  EXPECT_EQ(links[2].rel, "enclosure");
  EXPECT_EQ(links[2].length, 20480);
  ASSERT_EQ(f.entries[0].enclosures.size(), 1u);
  EXPECT_EQ(f.entries[0].enclosures[0].href, "https://grace.example.com/2026/11/moth.jpg");
}

TEST(AtomParse, XhtmlContentIsTheInnerXmlOfTheDiv) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  const model::TextConstruct& c = f.entries[0].content.at(0);
  EXPECT_EQ(c.type, model::TextType::xhtml);
  EXPECT_EQ(c.value, "<p>A moth, taped into the <a href=\"log.html\">log book</a>.</p>");
  EXPECT_EQ(c.language, "en-US");
}

TEST(AtomParse, XmlLangIsInheritedFromTheFeed) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  EXPECT_EQ(f.feed.language, "en");
  EXPECT_EQ(f.entries[1].title->language, "en");
}

TEST(AtomParse, HtmlTextConstructIsUnescapedOnce) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  EXPECT_EQ(f.entries[1].title->type, model::TextType::html);
  EXPECT_EQ(f.entries[1].title->value, "Nanoseconds &amp; wire");
  EXPECT_EQ(f.entries[1].content.at(0).value, "<p>A nanosecond is <b>11.8 inches</b> of wire.</p>");
}

TEST(AtomParse, DatesWithFractionsAndOffsetsAreParsed) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  EXPECT_EQ(util::format_rfc3339(*f.entries[0].published->parsed), "2026-11-30T17:00:00Z");
  EXPECT_EQ(util::format_rfc3339(*f.entries[0].updated->parsed), "2026-11-30T18:14:55Z");
}

TEST(AtomParse, CategoriesAuthorsAndContributors) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  EXPECT_EQ(f.entries[0].tags.at(0).term, "debugging");
  EXPECT_EQ(f.entries[0].tags.at(0).scheme, "http://www.blogger.com/atom/ns#");
  EXPECT_EQ(f.entries[0].author->name, "Grace Hopper");
  EXPECT_EQ(f.entries[1].contributors.at(0).name, "Mary Hawes");
}

TEST(AtomParse, InReplyToIsKeptAsAttributes) {
  model::ParsedFeed f = parse_fixture("blogger.atom.xml");
  const auto& x = f.entries[1].extension_elements;
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].key, "thr_in-reply-to");
  EXPECT_EQ(x[0].attributes.at(0).first, "ref");
}

TEST(AtomParse, NamespacesAreMatchedByUriNotPrefix) {
  model::ParsedFeed f = parse_text(
      "<a:feed xmlns:a='http://www.w3.org/2005/Atom'><a:title>T</a:title>"
      "<a:entry><a:title>E</a:title></a:entry></a:feed>");
  EXPECT_EQ(f.version, "atom10");
  EXPECT_EQ(f.feed.title->value, "T");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].title->value, "E");
}

TEST(AtomParse, Atom03IsRecognisedWithItsElementNames) {
  model::ParsedFeed f = parse_text(
      "<feed version='0.3' xmlns='http://purl.org/atom/ns#'><tagline>S</tagline>"
      "<entry><issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T00:00:00Z</modified>"
      "<content mode='escaped' type='text/html'>&lt;b&gt;x&lt;/b&gt;</content></entry></feed>");
  EXPECT_EQ(f.version, "atom03");
  EXPECT_EQ(f.feed.subtitle->value, "S");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_TRUE(f.entries[0].published->parsed);
  EXPECT_TRUE(f.entries[0].updated->parsed);
  EXPECT_EQ(f.entries[0].content.at(0).value, "<b>x</b>");
}

TEST(AtomParse, DocumentBaseComesFromHints) {
  ParseHints hints;
  hints.base_url = "http://example.org/feeds/atom.xml";
  model::ParsedFeed f = parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom'><link href='../index.html'/></feed>", hints);
  EXPECT_EQ(f.feed.link, "http://example.org/index.html");
}

TEST(AtomParse, UnsafeContentLocationIsNotUsedAsBase) {
  ParseHints hints;
  hints.base_url = "http://example.org/atom.xml";
  hints.content_location = "javascript:alert(1)";
  model::ParsedFeed f =
      parse_text("<feed xmlns='http://www.w3.org/2005/Atom'><link href='a.html'/></feed>", hints);
  EXPECT_EQ(f.feed.link, "http://example.org/a.html");
}

}  // namespace
}  // namespace orrery::parse

namespace orrery::parse {
namespace {

TEST(AtomParse, Base64ContentIsDecodedToValidUtf8) {
  // "\xff\xfeA" in base64: bytes that are not UTF-8 must not leak out of parse.
  model::ParsedFeed f = test::parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='application/octet-stream'>"
      "//5B</content></entry></feed>");
  ASSERT_EQ(f.entries.at(0).content.size(), 1u);
  EXPECT_EQ(f.entries[0].content[0].value,
            "\xEF\xBF\xBD\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(f.entries[0].content[0].media_type, "application/octet-stream");
}

TEST(AtomParse, AnUnsafeXmlBaseIsIgnoredAndTheBaseInScopeStays) {
  model::ParsedFeed f = test::parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://example.org/'>"
      "<entry xml:base='javascript:alert(1)//'><id>1</id><link href='post.html'/>"
      "<content type='html' xml:base='data:text/html,x'>x</content></entry>"
      "</feed>");
  const model::ParsedEntry& e = f.entries.at(0);
  EXPECT_EQ(e.base, "http://example.org/");
  EXPECT_EQ(e.link, "http://example.org/post.html");
  EXPECT_EQ(e.content.at(0).base, "http://example.org/");
}

}  // namespace
}  // namespace orrery::parse
