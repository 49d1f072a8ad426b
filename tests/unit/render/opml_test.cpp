#include "render/opml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "support/golden.h"
#include "unit/render/outputs_fixture.h"

namespace orrery::render {
namespace {

std::vector<pugi::xml_node> outlines(const pugi::xml_document& doc) {
  pugi::xml_node body = doc.child("opml").child("body");
  return {body.children("outline").begin(), body.children("outline").end()};
}

TEST(OpmlWriter, MatchesGolden) {
  test::Planet p;
  orrery::test::expect_golden("render/outputs/opml.xml", write_opml(p.input).content);
}

TEST(OpmlWriter, HeadNamesThePlanetItsOwnerAndTheNewestEntry) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(write_opml(p.input).content.c_str()));
  pugi::xml_node head = doc.child("opml").child("head");
  EXPECT_STREQ(doc.child("opml").attribute("version").value(), "2.0");
  EXPECT_STREQ(head.child_value("title"), "Planet Test");
  EXPECT_STREQ(head.child_value("dateModified"), "Sat, 29 Jul 2023 11:10:00 +0000");
  EXPECT_STREQ(head.child_value("ownerName"), "Olive Owner");
  EXPECT_STREQ(head.child_value("ownerEmail"), "olive@example.org");
}

TEST(OpmlWriter, OneOutlinePerSubscriptionInConfigOrder) {
  test::Planet p;
  OpmlOutput opml = write_opml(p.input);
  EXPECT_TRUE(opml.notes.empty());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(opml.content.c_str()));
  std::vector<pugi::xml_node> list = outlines(doc);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_STREQ(list[0].attribute("type").value(), "rss");
  EXPECT_STREQ(list[0].attribute("text").value(), "Ann's Notes");
  EXPECT_STREQ(list[0].attribute("title").value(), "Ann Black on the Record");
  EXPECT_STREQ(list[0].attribute("xmlUrl").value(), test::Planet::k_ann);
  EXPECT_STREQ(list[0].attribute("htmlUrl").value(), "https://ann.example.org/");
  EXPECT_STREQ(list[1].attribute("text").value(), "Bob <Builds>");  // no name: the feed title
  EXPECT_STREQ(list[2].attribute("text").value(), "Gone Away");
  EXPECT_STREQ(list[2].attribute("title").value(), "Gone Away");  // never fetched a title
  EXPECT_FALSE(list[2].attribute("htmlUrl"));
}

TEST(OpmlWriter, SubscriptionWhoseUrlFailsTheLinkPolicyIsLeftOutWithANote) {
  test::Planet p;
  p.config.feeds[1].url = "file:///srv/feeds/bob.xml";
  OpmlOutput opml = write_opml(p.input);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(opml.content.c_str()));
  EXPECT_EQ(outlines(doc).size(), 2u);
  EXPECT_EQ(opml.notes,
            (std::vector<std::string>{"opml.xml: 1 subscription left out, its URL is not http, "
                                      "https or ftp: file:///srv/feeds/bob.xml"}));
}

TEST(OpmlWriter, UnsafeSiteLinkIsLeftOut) {
  test::Planet p;
  p.input.channels[0].channel.link = "javascript:alert(1)";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(write_opml(p.input).content.c_str()));
  EXPECT_FALSE(outlines(doc)[0].attribute("htmlUrl"));
}

TEST(OpmlWriter, EmptyPlanetHasNoDateModified) {
  test::Planet p;
  p.input.entries.clear();
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(write_opml(p.input).content.c_str()));
  EXPECT_FALSE(doc.child("opml").child("head").child("dateModified"));
}

}  // namespace
}  // namespace orrery::render
