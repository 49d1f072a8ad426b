#include "render/foaf.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "support/golden.h"
#include "unit/render/outputs_fixture.h"

namespace orrery::render {
namespace {

std::vector<pugi::xml_node> agents(const pugi::xml_document& doc) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node member : doc.child("rdf:RDF").child("foaf:Group").children("foaf:member")) {
    out.push_back(member.child("foaf:Agent"));
  }
  return out;
}

TEST(FoafWriter, MatchesGolden) {
  test::Planet p;
  orrery::test::expect_golden("render/outputs/foafroll.xml", write_foaf(p.input).content);
}

TEST(FoafWriter, GroupIsThePlanetWithOneMemberPerSubscription) {
  test::Planet p;
  FoafOutput foaf = write_foaf(p.input);
  EXPECT_TRUE(foaf.notes.empty());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(foaf.content.c_str()));
  pugi::xml_node group = doc.child("rdf:RDF").child("foaf:Group");
  EXPECT_STREQ(group.child_value("foaf:name"), "Planet Test");
  EXPECT_STREQ(group.child("foaf:homepage").attribute("rdf:resource").value(),
               "https://planet.example.org/");
  EXPECT_EQ(agents(doc).size(), 3u);
}

TEST(FoafWriter, AgentHasItsWeblogAndFeedAsVenusWritesThem) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(write_foaf(p.input).content.c_str()));
  pugi::xml_node ann = agents(doc)[0];
  EXPECT_STREQ(ann.child_value("foaf:name"), "Ann's Notes");
  pugi::xml_node weblog = ann.child("foaf:weblog").child("foaf:Document");
  EXPECT_STREQ(weblog.attribute("rdf:about").value(), "https://ann.example.org/");
  EXPECT_STREQ(weblog.child_value("dc:title"), "Ann Black on the Record");
  EXPECT_STREQ(weblog.child("rdfs:seeAlso").child("rss:channel").attribute("rdf:about").value(),
               test::Planet::k_ann);
}

TEST(FoafWriter, WeblogWithoutSiteIsABlankNode) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(write_foaf(p.input).content.c_str()));
  pugi::xml_node gone = agents(doc)[2].child("foaf:weblog").child("foaf:Document");
  EXPECT_FALSE(gone.attribute("rdf:about"));
  EXPECT_STREQ(gone.child_value("dc:title"), "Gone Away");
}

TEST(FoafWriter, SubscriptionWhoseUrlFailsTheLinkPolicyIsLeftOutWithANote) {
  test::Planet p;
  p.config.feeds[0].url = "file:///srv/ann.xml";
  p.config.feeds[2].url = "data:text/xml,<rss/>";
  FoafOutput foaf = write_foaf(p.input);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(foaf.content.c_str()));
  EXPECT_EQ(agents(doc).size(), 1u);
  EXPECT_EQ(foaf.notes, (std::vector<std::string>{
                            "foafroll.xml: 2 subscriptions left out, their URL is not http, "
                            "https or ftp: file:///srv/ann.xml, data:text/xml,<rss/>"}));
}

}  // namespace
}  // namespace orrery::render
