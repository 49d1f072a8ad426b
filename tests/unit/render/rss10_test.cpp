#include "render/rss10.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "support/golden.h"
#include "unit/render/outputs_fixture.h"

namespace orrery::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

struct Parsed {
  pugi::xml_document doc;
  pugi::xml_node rdf;
  pugi::xml_node channel;
  std::vector<pugi::xml_node> items;
  std::vector<std::string> seq;
};

void parse(const std::string& xml, Parsed& out) {
  pugi::xml_parse_result r = out.doc.load_string(xml.c_str());
  ASSERT_TRUE(r) << r.description() << "\n" << xml;
  out.rdf = out.doc.child("rdf:RDF");
  ASSERT_STREQ(out.rdf.attribute("xmlns").value(), "http://purl.org/rss/1.0/");
  out.channel = out.rdf.child("channel");
  for (pugi::xml_node item : out.rdf.children("item")) {
    out.items.push_back(item);
  }
  for (pugi::xml_node li : out.channel.child("items").child("rdf:Seq").children("rdf:li")) {
    out.seq.push_back(li.attribute("rdf:resource").value());
  }
}

TEST(Rss10Writer, MatchesGolden) {
  test::Planet p;
  test::add_feed_details(p);
  orrery::test::expect_golden("render/outputs/rss10.xml", write_rss10(p.input));
}

TEST(Rss10Writer, ChannelIsAboutTheFileAndListsEveryItemInOrder) {
  test::Planet p;
  Parsed rss;
  parse(write_rss10(p.input), rss);
  EXPECT_STREQ(rss.channel.attribute("rdf:about").value(), "https://planet.example.org/rss10.xml");
  EXPECT_STREQ(rss.channel.child_value("title"), "Planet Test");
  EXPECT_STREQ(rss.channel.child_value("link"), "https://planet.example.org/");
  EXPECT_STREQ(rss.channel.child_value("dc:date"), "2023-07-29T11:10:00Z");
  ASSERT_EQ(rss.items.size(), 5u);
  ASSERT_EQ(rss.seq.size(), 5u);
  for (std::size_t i = 0; i < rss.items.size(); ++i) {
    EXPECT_EQ(rss.seq[i], rss.items[i].attribute("rdf:about").value());
  }
}

TEST(Rss10Writer, ItemIsAboutItsIdElseItsLinkElseAStableUrn) {
  test::Planet p;
  p.input.entries[3].entry.id = "not a uri";
  Parsed rss;
  parse(write_rss10(p.input), rss);
  EXPECT_STREQ(rss.items[0].attribute("rdf:about").value(), "https://ann.example.org/?p=1");
  EXPECT_STREQ(rss.items[1].attribute("rdf:about").value(), "https://ann.example.org/2023/07/npf/");
  EXPECT_THAT(std::string(rss.items[2].attribute("rdf:about").value()),
              StartsWith("urn:orrery:entry:"));
  EXPECT_THAT(std::string(rss.items[3].attribute("rdf:about").value()),
              StartsWith("urn:orrery:entry:"));
  Parsed again;
  parse(write_rss10(p.input), again);
  EXPECT_STREQ(rss.items[2].attribute("rdf:about").value(),
               again.items[2].attribute("rdf:about").value());
}

TEST(Rss10Writer, IdWithAnUnsafeSchemeIsNotTheSubject) {
  test::Planet p;
  p.input.entries[0].entry.id = "javascript:alert(1)";
  p.input.entries[1].entry.id = "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66";
  std::string xml = write_rss10(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("javascript:")));
  Parsed rss;
  parse(xml, rss);
  EXPECT_THAT(std::string(rss.items[0].attribute("rdf:about").value()),
              StartsWith("urn:orrery:entry:"));
  EXPECT_STREQ(rss.items[1].attribute("rdf:about").value(),
               "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66");
}

TEST(Rss10Writer, EveryItemHasALinkFallingBackToItsChannelSite) {
  test::Planet p;
  std::string xml = write_rss10(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("javascript:")));
  Parsed rss;
  parse(xml, rss);
  EXPECT_STREQ(rss.items[2].child_value("link"), "https://bob.example.net/");
}

TEST(Rss10Writer, ItemCarriesDublinCoreAndEncodedContent) {
  test::Planet p;
  test::add_feed_details(p);
  Parsed rss;
  parse(write_rss10(p.input), rss);
  pugi::xml_node first = rss.items[0];
  EXPECT_STREQ(first.child_value("title"), "Ann's Notes: NEC Meeting, 25 July 2023");
  EXPECT_STREQ(first.child_value("dc:date"), "2023-07-29T11:10:00Z");
  EXPECT_STREQ(first.child_value("dc:creator"), "Ann Black");
  EXPECT_STREQ(first.child_value("dc:subject"), "NEC");
  EXPECT_STREQ(first.child_value("dc:source"), test::Planet::k_ann);
  EXPECT_STREQ(first.child_value("dc:language"), "en-GB");
  EXPECT_STREQ(rss.items[1].child_value("dc:language"), "en");  // the channel's
  EXPECT_STREQ(first.child_value("content:encoded"),
               "<p>NEC members gathered after an exhausting week.</p>");
  EXPECT_STREQ(rss.items[1].child_value("content:encoded"),
               "<p>The national policy forum &amp; friends.</p>");
}

TEST(Rss10Writer, UnchangedPlanetWritesIdenticalBytesAtAnotherTime) {
  test::Planet p;
  std::string first = write_rss10(p.input);
  p.input.now = test::at(2031, 3, 1, 0, 0);
  EXPECT_EQ(write_rss10(p.input), first);
}

TEST(Rss10Writer, PlanetWithoutLinkIsAboutAStableUrn) {
  test::Planet p;
  p.config.planet.link.clear();
  p.input.entries.clear();
  Parsed rss;
  parse(write_rss10(p.input), rss);
  EXPECT_THAT(std::string(rss.channel.attribute("rdf:about").value()),
              StartsWith("urn:orrery:planet:"));
  EXPECT_FALSE(rss.channel.child("dc:date"));
  EXPECT_TRUE(rss.items.empty());
}

}  // namespace
}  // namespace orrery::render
