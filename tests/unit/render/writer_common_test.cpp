#include "render/writer_common.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "render/foaf.h"
#include "render/json_feed.h"
#include "render/opml.h"
#include "render/rss10.h"
#include "render/rss20.h"
#include "unit/render/outputs_fixture.h"

namespace orrery::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(LanguageTag, KeepsBcp47TagsAndMendsUnderscores) {
  EXPECT_EQ(language_tag("en"), "en");
  EXPECT_EQ(language_tag(" en-GB "), "en-GB");
  EXPECT_EQ(language_tag("en_US"), "en-US");
  EXPECT_EQ(language_tag("zh-Hant-TW"), "zh-Hant-TW");
}

TEST(LanguageTag, RefusesWhatIsNoTag) {
  EXPECT_EQ(language_tag(""), "");
  EXPECT_EQ(language_tag("English (UK)"), "");
  EXPECT_EQ(language_tag("en--GB"), "");
  EXPECT_EQ(language_tag("-en"), "");
  EXPECT_EQ(language_tag("en-"), "");
  EXPECT_EQ(language_tag("toolongpiece"), "");
}

TEST(EntryId, IsTheIdElseTheSafeLinkElseAStableUrn) {
  test::Planet p;
  EXPECT_EQ(entry_id(p.input.entries[0]), "https://ann.example.org/?p=1");
  EXPECT_EQ(entry_id(p.input.entries[1]), "https://ann.example.org/2023/07/npf/");
  std::string urn = entry_id(p.input.entries[2]);  // javascript: link, no id
  EXPECT_THAT(urn, StartsWith("urn:orrery:entry:"));
  EXPECT_EQ(urn, stable_urn("entry", {test::Planet::k_bob, "b1"}));
}

TEST(StableUrn, PartsAreSeparated) {
  EXPECT_NE(stable_urn("entry", {"ab", "c"}), stable_urn("entry", {"a", "bc"}));
  EXPECT_EQ(stable_urn("entry", {"a"}), stable_urn("entry", {"a"}));
}

TEST(CleanAbsoluteUri, AcceptsOnlyUrisAnRdfParserTakes) {
  EXPECT_TRUE(is_clean_absolute_uri("https://example.org/a?b=c#d"));
  EXPECT_TRUE(is_clean_absolute_uri("tag:example.org,2023:1"));
  EXPECT_FALSE(is_clean_absolute_uri("alpha-post-1"));
  EXPECT_FALSE(is_clean_absolute_uri("https://example.org/a b"));
  EXPECT_FALSE(is_clean_absolute_uri("https://example.org/<x>"));
  EXPECT_FALSE(is_clean_absolute_uri(""));
}

// Every writer, fed markup, quotes, CDATA ends and control characters in every text field,
// still writes a document its parser accepts, with none of the markup live ("]]>" may stand in
// an attribute value, where XML allows it).
TEST(FeedWriters, HostileTextStaysTextInEveryOutput) {
  test::Planet p;
  test::add_feed_details(p);
  const std::string hostile = "a\x01<b>\"q\" 'a' ]]> &amp; <![CDATA[x]]>\xEF\xBF\xBF";
  p.config.planet.name = hostile;
  p.config.planet.owner_name = hostile;
  p.config.feeds[0].name = hostile;
  p.input.channels[1].channel.title_plain = hostile;
  for (model::StoredEntry& s : p.input.entries) {
    s.entry.title_plain = hostile;
    s.entry.author.name = hostile;
    s.entry.tags = {hostile};
    s.entry.content_html = hostile;
    s.entry.language = hostile;
  }
  for (const std::string& xml : {write_rss20(p.input), write_rss10(p.input),
                                 write_opml(p.input).content, write_foaf(p.input).content}) {
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_string(xml.c_str());
    ASSERT_TRUE(r) << r.description() << "\n" << xml;
    EXPECT_THAT(xml, Not(HasSubstr("<b>")));
    EXPECT_THAT(xml, Not(HasSubstr("\x01")));
  }
  pugi::xml_document rss;
  ASSERT_TRUE(rss.load_string(write_rss20(p.input).c_str()));
  // The text comes back as written, less the characters XML cannot carry.
  EXPECT_EQ(std::string(rss.child("rss").child("channel").child_value("title")),
            "a<b>\"q\" 'a' ]]> &amp; <![CDATA[x]]>");
  nlohmann::json feed = nlohmann::json::parse(write_json_feed(p.input), nullptr, false);
  ASSERT_FALSE(feed.is_discarded());
  EXPECT_EQ(feed["title"], hostile);  // JSON carries any text; escaping is the reader's
  EXPECT_FALSE(feed["items"][0].contains("language"));
}

}  // namespace
}  // namespace orrery::render
