// The bounds of model/limits.h on the XML tree: each applied in one linear pass, named in the
// bozo exception, and leaving what fits readable. No timing assertions: the families of
// pathological documents are timed by bench/parse_bounds_bench.cpp (docs/performance.md).

#include <gtest/gtest.h>

#include <string>

#include "helpers.h"
#include "model/limits.h"
#include "parse/feedparser_json.h"

namespace orrery::parse {
namespace {

using model::limits::k_max_attributes_per_element;
using model::limits::k_max_namespace_declarations;
using test::parse_text;

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

TEST(Bounds, AnElementWithTooManyAttributesKeepsTheFirstOnes) {
  std::string doc = "<rss version='2.0'><channel><title>T</title><item><title>x</title><enclosure";
  doc += " url='http://example.com/a.mp3' type='audio/mpeg'";
  for (int i = 0; i < 100'000; ++i) doc += " a" + std::to_string(i) + "='v'";
  doc += "/></item></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  EXPECT_TRUE(f.bozo);
  EXPECT_TRUE(starts_with(f.bozo_exception, "AttributeLimitExceeded")) << f.bozo_exception;
  EXPECT_NE(f.bozo_exception.find("k_max_attributes_per_element"), std::string::npos);
  ASSERT_EQ(f.entries.size(), 1u);
  ASSERT_EQ(f.entries[0].enclosures.size(), 1u);
  EXPECT_EQ(f.entries[0].enclosures[0].href, "http://example.com/a.mp3");
}

TEST(Bounds, AttributesUpToTheLimitAreNoProblem) {
  std::string doc = "<rss version='2.0'><channel><title";
  for (std::size_t i = 0; i < k_max_attributes_per_element; ++i) {
    doc += " a" + std::to_string(i) + "='v'";
  }
  doc += ">T</title></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.feed.title->value, "T");
}

TEST(Bounds, NamespaceDeclarationsPastTheLimitAreDropped) {
  // One declaration per element, so that no element is over the attribute limit.
  std::string doc =
      "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
      "<item><title>first</title>";
  for (std::size_t i = 0; i < k_max_namespace_declarations + 10; ++i) {
    doc += "<x xmlns:n" + std::to_string(i) + "='urn:n" + std::to_string(i) + "'/>";
  }
  doc +=
      "</item><item><title>second</title><dc:creator>c</dc:creator>"
      "<y:z xmlns:y='urn:late'>kept by its prefix</y:z></item></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  EXPECT_TRUE(f.bozo);
  EXPECT_TRUE(starts_with(f.bozo_exception, "NamespaceLimitExceeded")) << f.bozo_exception;
  EXPECT_NE(f.bozo_exception.find("k_max_namespace_declarations"), std::string::npos);
  ASSERT_EQ(f.entries.size(), 2u);
  // The declaration that came first (on the root) still binds dc: everywhere.
  ASSERT_TRUE(f.entries[1].author);
  EXPECT_EQ(f.entries[1].author->name, "c");
}

// A generator that declares its namespaces again on every item costs nothing extra.
TEST(Bounds, RepeatedDeclarationsOnEveryItemAreRead) {
  std::string doc = "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>";
  for (int i = 0; i < 1000; ++i) {
    doc +=
        "<item xmlns:dc='http://purl.org/dc/elements/1.1/'><title>t</title>"
        "<dc:creator>c</dc:creator></item>";
  }
  doc += "</channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  ASSERT_EQ(f.entries.size(), 1000u);
  ASSERT_TRUE(f.entries.back().author);
  EXPECT_EQ(f.entries.back().author->name, "c");
}

TEST(Bounds, ManyDeclarationsOnTheRootStayLinearAndBounded) {
  std::string doc = "<rss version='2.0'";
  for (int i = 0; i < 100'000; ++i) {
    doc += " xmlns:n" + std::to_string(i) + "='urn:n" + std::to_string(i) + "'";
  }
  doc += "><channel><title>T</title></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  EXPECT_TRUE(f.bozo);
  EXPECT_LE(f.namespaces.size(), k_max_attributes_per_element);
  EXPECT_EQ(f.feed.title->value, "T");
  std::string json = to_feedparser_json(f);
  EXPECT_NE(json.find("\"n0\":\"urn:n0\""), std::string::npos);
}

// Declarations are moved before the other attributes of their element; the namespaces they
// bind are unchanged, on the element itself and below it.
TEST(Bounds, DeclarationsAfterOtherAttributesStillBind) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:a='urn:wrong'><channel><title>T</title>"
      "<item rdf:about='http://example.com/1' xmlns:rdf='http://www.w3.org/1999/02/22-rdf-"
      "syntax-ns#' xmlns:a='http://purl.org/dc/elements/1.1/'><a:creator>me</a:creator>"
      "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
      "&lt;p&gt;x&lt;/p&gt;</content:encoded></item></channel></rss>");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].id, "http://example.com/1");
  ASSERT_TRUE(f.entries[0].author);
  EXPECT_EQ(f.entries[0].author->name, "me");
  ASSERT_EQ(f.entries[0].content.size(), 1u);
  EXPECT_EQ(f.entries[0].content[0].value, "<p>x</p>");
}

// An attribute's prefix bound to the namespace looked for by a nearer declaration than one
// binding it elsewhere: the nearest declaration wins, once per call whatever the count.
TEST(Bounds, PrefixedAttributesResolveByTheNearestDeclaration) {
  std::string doc =
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
      "xmlns='http://purl.org/rss/1.0/' xmlns:r='urn:not-rdf'><channel><title>T</title>"
      "</channel><item xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#'";
  for (int i = 0; i < 200; ++i) doc += " p" + std::to_string(i) + ":about='wrong'";
  doc += " r:about='http://example.com/right'><title>x</title></item></rdf:RDF>";
  model::ParsedFeed f = parse_text(doc);
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].id, "http://example.com/right");
}

TEST(Bounds, ThousandsOfDistinctUnknownElementsAreAllKept) {
  std::string doc = "<rss version='2.0'><channel><title>T</title><item>";
  for (int i = 0; i < 50'000; ++i) {
    doc += "<x" + std::to_string(i) + ">v</x" + std::to_string(i) + ">";
  }
  doc += "</item></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  std::string json = to_feedparser_json(f);
  EXPECT_NE(json.find("\"x0\":\"v\""), std::string::npos);
  EXPECT_NE(json.find("\"x49999\":\"v\""), std::string::npos);
}

}  // namespace
}  // namespace orrery::parse
