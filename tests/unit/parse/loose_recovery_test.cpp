// Loose recovery of broken documents (parse/xml_repair.h balance_tags, parse.cpp): entries are
// read one by one, an element left open costing at most itself; a feed inside a wrapper and a
// well-known root without its namespace are read. Fixtures: tests/data/parse/loose/.

#include <gtest/gtest.h>

#include <string>

#include "helpers.h"
#include "model/limits.h"
#include "parse/xml_repair.h"

namespace orrery::parse {
namespace {

using test::parse_fixture;
using test::parse_text;

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

std::string title(const model::ParsedEntry& e) { return e.title ? e.title->value : "(none)"; }
std::string summary(const model::ParsedEntry& e) { return e.summary ? e.summary->value : "(none)"; }

TEST(LooseRecovery, AnUnclosedElementInAnItemCostsAtMostThatElement) {
  model::ParsedFeed f = parse_fixture("loose/unclosed-element-in-item.xml");
  EXPECT_EQ(f.version, "rss20");
  EXPECT_TRUE(f.bozo);
  EXPECT_TRUE(starts_with(f.bozo_exception, "SAXParseException")) << f.bozo_exception;
  EXPECT_NE(f.bozo_exception.find("recovered loosely"), std::string::npos);
  EXPECT_NE(f.bozo_exception.find("5 entries"), std::string::npos) << f.bozo_exception;
  ASSERT_EQ(f.entries.size(), 5u);
  EXPECT_EQ(title(f.entries[0]), "Broad beans");
  // <author> left open: the author is kept and the link and description after it too.
  EXPECT_EQ(title(f.entries[1]), "Leeks");
  EXPECT_EQ(f.entries[1].link, "http://allotment.example.org/leeks");
  EXPECT_EQ(summary(f.entries[1]), "Blanched with collars.");
  ASSERT_TRUE(f.entries[1].author);
  EXPECT_EQ(f.entries[1].author_text, "jo@allotment.example.org (Jo)");
  EXPECT_EQ(title(f.entries[2]), "Rhubarb");
  EXPECT_EQ(summary(f.entries[2]), "Forced under a bucket.");
  EXPECT_EQ(title(f.entries[3]), "Shallots");
  EXPECT_EQ(title(f.entries[4]), "Potatoes");
  EXPECT_EQ(f.entries[4].link, "http://allotment.example.org/potatoes");
}

TEST(LooseRecovery, AnUnclosedTitleEndsAtTheNextElementAndAnUnclosedItemAtTheNextItem) {
  model::ParsedFeed f = parse_fixture("loose/unclosed-title-and-item.xml");
  ASSERT_EQ(f.entries.size(), 3u);
  EXPECT_EQ(title(f.entries[0]), "Monday");
  EXPECT_EQ(f.entries[0].link, "http://tides.example.net/mon");
  EXPECT_EQ(summary(f.entries[0]), "High water 06:12.");
  EXPECT_EQ(title(f.entries[1]), "Tuesday");
  EXPECT_EQ(f.entries[1].link, "http://tides.example.net/tue");
  EXPECT_EQ(title(f.entries[2]), "Wednesday");
  EXPECT_EQ(f.entries[2].link, "http://tides.example.net/wed");
}

TEST(LooseRecovery, AnAtomLinkLeftOpenKeepsTheAuthorAfterIt) {
  model::ParsedFeed f = parse_fixture("loose/atom-unclosed-link.xml");
  EXPECT_EQ(f.version, "atom10");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].link, "http://bells.example.com/1");
  ASSERT_TRUE(f.entries[0].author);
  EXPECT_EQ(f.entries[0].author->name, "Ann");
  EXPECT_EQ(f.entries[0].author->email, "ann@bells.example.com");
  EXPECT_EQ(f.entries[1].link, "http://bells.example.com/2");
}

TEST(LooseRecovery, ATruncatedDocumentKeepsWhatItHolds) {
  model::ParsedFeed f = parse_fixture("loose/truncated.xml");
  EXPECT_TRUE(f.bozo);
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(summary(f.entries[0]), "-3 degrees at dawn.");
  EXPECT_EQ(title(f.entries[1]), "Fog");
}

TEST(LooseRecovery, AnAtomFeedInsideBrokenHtmlIsFound) {
  model::ParsedFeed f = parse_fixture("loose/atom-in-html.html");
  EXPECT_EQ(f.version, "atom10");
  EXPECT_TRUE(f.bozo);
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value, "Choir news");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[1].link, "http://choir.example.org/carols");
}

TEST(LooseRecovery, AnRssFeedInsideWellFormedHtmlIsFoundAndSaidSo) {
  model::ParsedFeed f = parse_fixture("loose/rss-in-wellformed-html.xml");
  EXPECT_EQ(f.version, "rss20");
  EXPECT_TRUE(f.bozo);
  EXPECT_TRUE(starts_with(f.bozo_exception, "NonFeedRoot")) << f.bozo_exception;
  EXPECT_NE(f.bozo_exception.find("<html>"), std::string::npos);
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].id, "http://moths.example.com/1");
}

TEST(LooseRecovery, HtmlWithoutAFeedIsStillNotAFeed) {
  model::ParsedFeed f = parse_text("<html><body><p>no feed <b>here</b></p></body></html>");
  EXPECT_EQ(f.version, "");
  EXPECT_TRUE(starts_with(f.bozo_exception, "NotAFeed")) << f.bozo_exception;
}

TEST(LooseRecovery, AnRdfRootWithoutItsNamespaceIsRss10) {
  for (const char* file :
       {"loose/rdf-without-namespace.xml", "loose/RDF-uppercase-without-namespace.xml"}) {
    model::ParsedFeed f = parse_fixture(file);
    EXPECT_EQ(f.version, "rss10") << file;
    EXPECT_TRUE(f.bozo) << file;
    EXPECT_TRUE(starts_with(f.bozo_exception, "NonFeedRoot")) << f.bozo_exception;
    ASSERT_FALSE(f.entries.empty()) << file;
    EXPECT_FALSE(f.entries[0].link.empty()) << file;
  }
  model::ParsedFeed f = parse_fixture("loose/rdf-without-namespace.xml");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.feed.title->value, "Lighthouse log");
  EXPECT_EQ(f.entries[1].link, "http://lights.example.org/2");
}

TEST(LooseRecovery, AFeedRootWithoutTheAtomNamespaceIsAtom) {
  model::ParsedFeed f = parse_fixture("loose/feed-without-namespace.xml");
  EXPECT_EQ(f.version, "atom");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].link, "http://bees.example.org/swarm");
}

// balance_tags on pathological input: one pass, whatever the shape (no timing assertion:
// these would take minutes if any step searched the open-element stack or rescanned quotes).
TEST(LooseRecovery, BalancingIsLinearOnPathologicalShapes) {
  std::string deep_then_unmatched;
  for (int i = 0; i < 100'000; ++i) deep_then_unmatched += "<a" + std::to_string(i % 7) + ">";
  for (int i = 0; i < 100'000; ++i) deep_then_unmatched += "</nomatch>";
  std::string out = balance_tags(deep_then_unmatched);
  EXPECT_EQ(out.find("nomatch"), std::string::npos);

  std::string quotes;
  for (int i = 0; i < 100'000; ++i) quotes += "<a b=\"x ";
  EXPECT_LE(balance_tags(quotes).size(), quotes.size() * 2);

  std::string items;
  for (int i = 0; i < 100'000; ++i) items += "<item><title>t";
  std::string balanced = balance_tags("<rss><channel>" + items);
  EXPECT_TRUE(balanced.ends_with("</title></item></channel></rss>"));
  model::ParsedFeed f = parse_text("<rss version='2.0'><channel>" + items);
  EXPECT_EQ(f.entries.size(), model::limits::k_max_entries_per_feed);
}

}  // namespace
}  // namespace orrery::parse
