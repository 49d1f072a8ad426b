// Broken XML and hostile input: recovery keeps every readable entry, bounds hold.

#include <gtest/gtest.h>

#include <string>

#include "helpers.h"
#include "model/limits.h"
#include "parse/xml_repair.h"

namespace orrery::parse {
namespace {

using test::parse_text;

TEST(XmlRepair, HtmlEntitiesBecomeNumericReferences) {
  Repaired r = repair_entities("<t>a&nbsp;b&rsquo;c</t>");
  EXPECT_EQ(r.text, "<t>a&#160;b&#8217;c</t>");
  EXPECT_FALSE(r.problem.empty());
}

TEST(XmlRepair, BareAmpersandIsEscaped) {
  Repaired r = repair_entities("<link>http://x/?a=1&b=2</link>");
  EXPECT_EQ(r.text, "<link>http://x/?a=1&amp;b=2</link>");
}

TEST(XmlRepair, CdataAndCommentsAreLeftAlone) {
  std::string text = "<t><![CDATA[a & b &nbsp;]]><!-- & --></t>";
  Repaired r = repair_entities(text);
  EXPECT_EQ(r.text, text);
  EXPECT_TRUE(r.problem.empty());
}

TEST(XmlRepair, WellFormedReferencesAreKept) {
  std::string text = "<t>&amp;&lt;&#160;&#x41;</t>";
  EXPECT_EQ(repair_entities(text).text, text);
}

TEST(XmlRepair, BalancingDropsStrayCloseTagsAndClosesOpenOnes) {
  EXPECT_EQ(balance_tags("<a><b>x</c></b><d>y"), "<a><b>x</b><d>y</d></a>");
}

TEST(XmlRepair, BalancingDropsATagCutOffByTruncation) {
  EXPECT_EQ(balance_tags("<a><b>x</b"), "<a><b>x</b></a>");
}

TEST(BrokenXml, HtmlEntityIsDecodedAndFlagged) {
  model::ParsedFeed f = parse_text("<rss><channel><title>a&eacute;b</title></channel></rss>");
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.bozo_exception.rfind("SAXParseException", 0), 0u);
  EXPECT_EQ(f.feed.title->value, "a\u00e9b");
}

TEST(BrokenXml, MismatchedTagKeepsTheEntriesAfterIt) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><item><title>A</title></item><item><title>B</title>"
      "<description>x</b></description></item><item><title>C</title></item></channel></rss>");
  EXPECT_TRUE(f.bozo);
  ASSERT_EQ(f.entries.size(), 3u);
  EXPECT_EQ(f.entries[2].title->value, "C");
}

TEST(BrokenXml, TruncatedDocumentKeepsTheEntriesReadSoFar) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><title>T</title><item><title>A</title></item><item><tit");
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.version, "rss20");
  ASSERT_GE(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].title->value, "A");
}

TEST(BrokenXml, GarbageAfterTheRootIsIgnored) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><item><title>A</title></item></channel></rss>junk<x>");
  ASSERT_EQ(f.entries.size(), 1u);
}

TEST(HostileInput, BillionLaughsIsNeverExpanded) {
  std::string doc = "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    doc += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doc += "&l" + std::to_string(i - 1) + ";";
    doc += "\">";
  }
  doc += "]><rss><channel><title>&l9;</title></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value, "&l9;");
  EXPECT_TRUE(f.bozo);
}

TEST(HostileInput, ExpansionOfALongEntityStopsAtTheLimit) {
  std::string doc = "<!DOCTYPE r [<!ENTITY a \"" + std::string(100000, 'x') + "\">]><rss><channel>";
  doc += "<title>";
  for (int i = 0; i < 100; ++i) doc += "&a;";
  doc += "</title></channel></rss>";
  model::ParsedFeed f = parse_text(doc);
  ASSERT_TRUE(f.feed.title);
  EXPECT_LE(f.feed.title->value.size(), model::limits::k_max_entity_expansion_bytes);
  EXPECT_TRUE(f.bozo);
  EXPECT_NE(f.bozo_exception.find("entity expansion limit"), std::string::npos);
}

TEST(XmlRepair, DeclaredPlainEntitiesAreExpanded) {
  model::ParsedFeed f = parse_text(
      "<!DOCTYPE rss [<!ENTITY planet \"Planet Earth\"><!ENTITY dash \"&#8212;\">]><rss>"
      "<channel><title>&planet;&dash;</title></channel></rss>");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.feed.title->value, "Planet Earth\u2014");
}

TEST(HostileInput, ExternalEntitiesAreNeverResolved) {
  model::ParsedFeed f = parse_text(
      "<!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><rss><channel><title>&x;</title>"
      "</channel></rss>");
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value.find("root:"), std::string::npos);
}

TEST(HostileInput, MillionDeepNestingNeitherCrashesNorRecursesUnbounded) {
  std::string deep = "<rss><channel><item><title>t</title><description>";
  for (int i = 0; i < 1000000; ++i) deep += "<a>";
  for (int i = 0; i < 1000000; ++i) deep += "</a>";
  deep += "</description></item><foo>";
  for (int i = 0; i < 100000; ++i) deep += "<x>";
  deep += "</channel></rss>";
  model::ParsedFeed f = parse_text(deep);
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].title->value, "t");
}

TEST(HostileInput, BinaryGarbageIsNotAFeed) {
  std::string garbage;
  unsigned state = 12345;
  for (int i = 0; i < 100000; ++i) {
    state = state * 1103515245u + 12345u;
    garbage += static_cast<char>(state >> 16);
  }
  model::ParsedFeed f = parse_text(garbage);
  EXPECT_EQ(f.version, "");
  EXPECT_TRUE(f.bozo);
}

TEST(HostileInput, EntriesBeyondTheLimitAreDropped) {
  std::string many = "<rss><channel>";
  for (std::size_t i = 0; i < model::limits::k_max_entries_per_feed + 5; ++i) {
    many += "<item><title>x</title></item>";
  }
  many += "</channel></rss>";
  model::ParsedFeed f = parse_text(many);
  EXPECT_EQ(f.entries.size(), model::limits::k_max_entries_per_feed);
  EXPECT_TRUE(f.bozo);
}

TEST(HostileInput, OverlongDocumentIsReadUpToTheLimitAndFlagged) {
  std::string big = "<rss><channel><title>T</title><description>";
  big.append(model::limits::k_max_document_bytes, 'x');
  big += "</description></channel></rss>";
  model::ParsedFeed f = parse_text(big);
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.version, "rss");
  EXPECT_EQ(f.feed.title->value, "T");
}

TEST(HostileInput, TooDeepJsonIsRefusedBeforeParsing) {
  std::string deep = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"x\":";
  deep.append(model::limits::k_max_json_depth + 10, '[');
  model::ParsedFeed f = parse_text(deep);
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.version, "");
}

TEST(NotAFeed, HtmlPageHasNoVersion) {
  model::ParsedFeed f = parse_text("<html><body><p>hello</p></body></html>");
  EXPECT_EQ(f.version, "");
  EXPECT_TRUE(f.bozo);
}

}  // namespace
}  // namespace orrery::parse

namespace orrery::parse {
namespace {

TEST(XmlRepair, ReferencesToForbiddenCharactersBecomeReplacementCharacters) {
  Repaired r = repair_entities("<t>a&#0;b&#xD800;c&#1114112;</t>");
  EXPECT_EQ(r.text, "<t>a&#65533;b&#65533;c&#65533;</t>");
  EXPECT_FALSE(r.problem.empty());
}

TEST(XmlRepair, ReferencesToC1ControlsMeanWindows1252) {
  Repaired r = repair_entities("<t>don&#146;t</t>");
  EXPECT_EQ(r.text, "<t>don&#8217;t</t>");
  EXPECT_TRUE(r.problem.empty());
}

TEST(XmlRepair, UpperCaseHexReferenceIsRepaired) {
  EXPECT_EQ(repair_entities("<t>&#X41;</t>").text, "<t>&#65;</t>");
}

}  // namespace
}  // namespace orrery::parse

namespace orrery::parse {
namespace {

TEST(HostileInput, UnknownElementsNestedPastTheDepthLimitAreIgnored) {
  std::string doc = "<rss><channel>";
  for (std::size_t i = 0; i < model::limits::k_max_xml_depth * 4; ++i) doc += "<x>";
  for (std::size_t i = 0; i < model::limits::k_max_xml_depth * 4; ++i) doc += "</x>";
  doc += "<title>T</title></channel></rss>";
  model::ParsedFeed f = test::parse_text(doc);
  EXPECT_EQ(f.feed.title->value, "T");
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.bozo_exception.rfind("DepthLimitExceeded", 0), 0u);
}

TEST(HostileInput, OneFieldIsCutAtTheFieldLimit) {
  std::string doc = "<rss><channel><title>";
  doc.append(model::limits::k_max_field_bytes + 1000, 'x');
  doc += "</title></channel></rss>";
  model::ParsedFeed f = test::parse_text(doc);
  EXPECT_LE(f.feed.title->value.size(), model::limits::k_max_field_bytes);
}

TEST(HostileInput, AttributeDictionariesAreBounded) {
  std::string doc = "<rss xmlns:t='http://t.test/'><channel><item><t:x";
  for (std::size_t i = 0; i < model::limits::k_max_attributes_per_element + 50; ++i) {
    doc += " a" + std::to_string(i) + "='v'";
  }
  doc += "/></item></channel></rss>";
  model::ParsedFeed f = test::parse_text(doc);
  ASSERT_EQ(f.entries.at(0).extension_elements.size(), 1u);
  EXPECT_EQ(f.entries[0].extension_elements[0].attributes.size(),
            model::limits::k_max_attributes_per_element);
}

TEST(XmlRepair, RepairThatWouldGrowPastTheLimitIsNotApplied) {
  std::string ampersands(10000, '&');
  Repaired r = repair_entities(ampersands);
  EXPECT_EQ(r.text, ampersands);
  EXPECT_FALSE(r.problem.empty());
}

}  // namespace
}  // namespace orrery::parse

namespace orrery::parse {
namespace {

TEST(HostileInput, DeclarationsPastTheLimitAreIgnored) {
  std::string doc = "<!DOCTYPE r [";
  for (std::size_t i = 0; i <= model::limits::k_max_entity_declarations; ++i) {
    doc += "<!ENTITY e" + std::to_string(i) + " \"v\">";
  }
  std::string last = "&e" + std::to_string(model::limits::k_max_entity_declarations) + ";";
  doc += "]><rss><channel><title>&e0;" + last + "</title></channel></rss>";
  model::ParsedFeed f = test::parse_text(doc);
  EXPECT_EQ(f.feed.title->value, "v" + last);
  EXPECT_TRUE(f.bozo);
}

}  // namespace
}  // namespace orrery::parse

namespace orrery::parse {
namespace {

TEST(XmlRepair, ADocumentNeedingNoRepairComesBackAsItWas) {
  // References at every offset of the scanned blocks, literals holding what would otherwise
  // be repaired, a processing instruction and a lone '<!' at the very end.
  std::string text = "<?xml version='1.0'?><!DOCTYPE r><r>";
  for (int i = 0; i < 40; ++i) {
    text += std::string(static_cast<std::size_t>(i % 17), 'x') + "&amp;&#233;&#x2019;&lt;";
  }
  text += "<![CDATA[a & b &nbsp;]]><!-- &c --><?pi & ?></r><!";
  Repaired r = repair_entities(text);
  EXPECT_EQ(r.text, text);
  EXPECT_TRUE(r.problem.empty());
}

TEST(XmlRepair, RepairsAfterALongCleanRunKeepTheTextAroundThem) {
  const std::string run(45, 'x');
  Repaired r = repair_entities("<t>" + run + "&nbsp;" + run + "&#x41;&X" + run + "</t>");
  EXPECT_EQ(r.text, "<t>" + run + "&#160;" + run + "&#x41;&amp;X" + run + "</t>");
  EXPECT_EQ(r.problem, "undefined entity &nbsp;");
}

TEST(XmlRepair, DeclaredEntitiesAreExpandedAmongKeptText) {
  const std::string run(20, 'x');
  Repaired r = repair_entities("<!DOCTYPE r [<!ENTITY e \"&#X41;\">]><r>" + run + "&e;&amp;" + run +
                               "&e;</r>");
  EXPECT_EQ(r.text,
            "<!DOCTYPE r [<!ENTITY e \"&#X41;\">]><r>" + run + "&#65;&amp;" + run + "&#65;</r>");
}

}  // namespace
}  // namespace orrery::parse
