#include "render/rss20.h"

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
  pugi::xml_node channel;
  std::vector<pugi::xml_node> items;
};

void parse(const std::string& xml, Parsed& out) {
  pugi::xml_parse_result r = out.doc.load_string(xml.c_str());
  ASSERT_TRUE(r) << r.description() << "\n" << xml;
  ASSERT_STREQ(out.doc.child("rss").attribute("version").value(), "2.0");
  out.channel = out.doc.child("rss").child("channel");
  for (pugi::xml_node item : out.channel.children("item")) {
    out.items.push_back(item);
  }
}

TEST(Rss20Writer, MatchesGolden) {
  test::Planet p;
  test::add_feed_details(p);
  orrery::test::expect_golden("render/outputs/rss20.xml", write_rss20(p.input));
}

TEST(Rss20Writer, ChannelCarriesThePlanetAndASelfLink) {
  test::Planet p;
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_STREQ(rss.channel.child_value("title"), "Planet Test");
  EXPECT_STREQ(rss.channel.child_value("link"), "https://planet.example.org/");
  EXPECT_STREQ(rss.channel.child_value("description"), "Planet Test - https://planet.example.org/");
  EXPECT_STREQ(rss.channel.child("atom:link").attribute("href").value(),
               "https://planet.example.org/rss20.xml");
  EXPECT_STREQ(rss.channel.child_value("generator"), "orrery 0.1.0");
  EXPECT_EQ(rss.items.size(), 5u);
}

TEST(Rss20Writer, LastBuildDateIsTheNewestEntryNotNow) {
  test::Planet p;
  std::string first = write_rss20(p.input);
  p.input.now = test::at(2030, 1, 1, 0, 0);
  EXPECT_EQ(write_rss20(p.input), first);
  Parsed rss;
  parse(first, rss);
  EXPECT_STREQ(rss.channel.child_value("lastBuildDate"), "Sat, 29 Jul 2023 11:10:00 +0000");
}

TEST(Rss20Writer, EmptyPageHasNoLastBuildDateAndNoItems) {
  test::Planet p;
  p.input.entries.clear();
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_FALSE(rss.channel.child("lastBuildDate"));
  EXPECT_TRUE(rss.items.empty());
}

TEST(Rss20Writer, ItemTitleIsChannelThenTitleAsTextWithMarkupEscaped) {
  test::Planet p;
  std::string xml = write_rss20(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("<script>")));
  Parsed rss;
  parse(xml, rss);
  EXPECT_STREQ(rss.items[1].child_value("title"),
               "Ann's Notes: Tom & Jerry <script>alert(1)</script>");
  EXPECT_STREQ(rss.items[2].child_value("title"), "Bob <Builds>");  // untitled: the channel
}

TEST(Rss20Writer, GuidIsAPermaLinkOnlyWhenItIsTheLink) {
  test::Planet p;
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_STREQ(rss.items[0].child_value("guid"), "https://ann.example.org/?p=1");
  EXPECT_STREQ(rss.items[0].child("guid").attribute("isPermaLink").value(), "false");
  EXPECT_STREQ(rss.items[1].child_value("guid"), "https://ann.example.org/2023/07/npf/");
  EXPECT_STREQ(rss.items[1].child("guid").attribute("isPermaLink").value(), "true");
  EXPECT_THAT(std::string(rss.items[2].child_value("guid")), StartsWith("urn:orrery:entry:"));
}

TEST(Rss20Writer, UnsafeLinksAreLeftOut) {
  test::Planet p;
  test::add_feed_details(p);
  std::string xml = write_rss20(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("javascript:")));
  Parsed rss;
  parse(xml, rss);
  EXPECT_FALSE(rss.items[2].child("link"));
}

TEST(Rss20Writer, DescriptionIsTheContentElseTheSummaryAsEscapedHtml) {
  test::Planet p;
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_STREQ(rss.items[0].child_value("description"),
               "<p>NEC members gathered after an exhausting week.</p>");
  EXPECT_STREQ(rss.items[1].child_value("description"),
               "<p>The national policy forum &amp; friends.</p>");
  EXPECT_FALSE(rss.items[0].child("description").child("p"));
}

TEST(Rss20Writer, AuthorIsEmailAndNameElseDcCreator) {
  test::Planet p;
  test::add_feed_details(p);
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_STREQ(rss.items[3].child_value("author"), "bob@example.net (Bob)");
  EXPECT_FALSE(rss.items[3].child("dc:creator"));
  EXPECT_STREQ(rss.items[0].child_value("dc:creator"), "Ann Black");
  EXPECT_FALSE(rss.items[0].child("author"));
}

TEST(Rss20Writer, EnclosuresHaveAllThreeAttributes) {
  test::Planet p;
  test::add_feed_details(p);
  Parsed rss;
  parse(write_rss20(p.input), rss);
  std::vector<pugi::xml_node> enclosures(rss.items[3].children("enclosure").begin(),
                                         rss.items[3].children("enclosure").end());
  ASSERT_EQ(enclosures.size(), 2u);  // the javascript: one is left out
  EXPECT_STREQ(enclosures[0].attribute("length").value(), "12345");
  EXPECT_STREQ(enclosures[0].attribute("type").value(), "audio/mpeg");
  EXPECT_STREQ(enclosures[1].attribute("length").value(), "0");
  EXPECT_STREQ(enclosures[1].attribute("type").value(), "application/octet-stream");
}

TEST(Rss20Writer, CategoriesAndSourceAreWritten) {
  test::Planet p;
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_STREQ(rss.items[0].child_value("category"), "NEC");
  EXPECT_STREQ(rss.items[0].child_value("source"), "Ann's Notes");
  EXPECT_STREQ(rss.items[0].child("source").attribute("url").value(), test::Planet::k_ann);
}

TEST(Rss20Writer, CharactersXmlCannotCarryAreDropped) {
  test::Planet p;
  p.input.entries[0].entry.title_plain = "bell\x07 end\xEF\xBF\xBE";
  Parsed rss;
  parse(write_rss20(p.input), rss);
  EXPECT_STREQ(rss.items[0].child_value("title"), "Ann's Notes: bell end");
}

}  // namespace
}  // namespace orrery::render
