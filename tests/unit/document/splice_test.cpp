// splice(): the page as one Atom feed, with and without Venus's planet: nodes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>

#include "document/document.h"
#include "support/golden.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "unit/document/fixtures.h"
#include "util/time.h"

namespace orrery::document {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> element_names(pugi::xml_node node) {
  std::vector<std::string> names;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) {
      names.emplace_back(child.name());
    }
  }
  return names;
}

TEST(Splice, MatchesTheGoldenFile) {
  test::Planet p;
  orrery::test::expect_golden("document/splice.xml", splice(p.input));
}

TEST(Splice, WithoutPlanetElementsMatchesTheGoldenAtomFile) {
  test::Planet p;
  p.input.planet_elements = PlanetElements::drop;
  p.input.feed_updated = FeedUpdated::newest_entry;
  orrery::test::expect_golden("document/atom.xml", splice(p.input));
}

TEST(Splice, FeedChildrenComeInVenusOrder) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  EXPECT_THAT(element_names(doc.child("feed")),
              ElementsAre("title", "updated", "generator", "author", "id", "link", "link",
                          "planet:source", "planet:source", "entry", "entry", "entry", "entry"));
}

TEST(Splice, APlanetSourceForEverySubscriptionTheStoreKnowsInConfigOrder) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  std::vector<std::string> names;
  for (pugi::xml_node source : doc.child("feed").children("planet:source")) {
    names.emplace_back(source.child_value("planet:name"));
  }
  EXPECT_THAT(names, ElementsAre("Ann's Notes", "Bob Builds"));  // "Not Yet" was never fetched
}

TEST(Splice, EntrySourceIdsMatchTheirPlanetSourceIds) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node feed = doc.child("feed");
  std::vector<std::string> ids;
  for (pugi::xml_node source : feed.children("planet:source")) {
    ids.emplace_back(source.child_value("id"));
  }
  int matched = 0;
  for (pugi::xml_node entry : feed.children("entry")) {
    std::string id = entry.child("source").child_value("id");
    matched += std::find(ids.begin(), ids.end(), id) != ids.end() ? 1 : 0;
  }
  EXPECT_EQ(matched, 3);  // all but the entry of the feed no longer subscribed
}

TEST(Splice, FeedHeadComesFromThePlanetSettings) {
  test::Planet p;
  p.config.planet.raw["pubsubhubbub_hub"] = "https://hub.example/";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node feed = doc.child("feed");
  EXPECT_STREQ(feed.child_value("title"), "Planet Test");
  EXPECT_STREQ(feed.child_value("updated"), "2023-07-30T12:00:00Z");  // now, as Venus
  EXPECT_STREQ(feed.child_value("generator"), "orrery 0.1.0");
  EXPECT_STREQ(feed.child("generator").attribute("uri").value(), "https://orrery.example/");
  EXPECT_STREQ(feed.child("author").child_value("name"), "Olive Owner");
  EXPECT_STREQ(feed.child_value("id"), "https://planet.example.org/atom.xml");
  EXPECT_STREQ(feed.find_child_by_attribute("link", "rel", "hub").attribute("href").value(),
               "https://hub.example/");
  EXPECT_STREQ(feed.find_child_by_attribute("link", "rel", "alternate").attribute("href").value(),
               "https://planet.example.org/");
}

TEST(Splice, AtomModeHasNoPlanetNodesAndIsDatedByTheNewestEntry) {
  test::Planet p;
  p.input.planet_elements = PlanetElements::drop;
  p.input.feed_updated = FeedUpdated::newest_entry;
  std::string xml = splice(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("planet:")));
  EXPECT_THAT(xml, Not(HasSubstr("planet.intertwingly")));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  EXPECT_STREQ(doc.child("feed").child_value("updated"), "2023-07-29T11:10:00Z");
}

TEST(Splice, AnExcerptFollowsTheSourceAndAtomModeLeavesItOut) {
  test::Planet p;
  p.entries[0].entry.extensions.emplace_back("planet_excerpt", "<p>Short <b>cut</b> …</p>");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node excerpt;
  for (pugi::xml_node entry : doc.child("feed").children("entry")) {
    if (entry.child("planet:excerpt")) {
      excerpt = entry.child("planet:excerpt");
      EXPECT_STREQ(excerpt.previous_sibling().name(), "source");
    }
  }
  ASSERT_TRUE(excerpt);
  EXPECT_STREQ(excerpt.attribute("type").value(), "xhtml");
  EXPECT_STREQ(excerpt.child("div").child("p").child_value("b"), "cut");
  p.input.planet_elements = PlanetElements::drop;
  EXPECT_THAT(splice(p.input), Not(HasSubstr("excerpt")));
}

TEST(Splice, WithoutALinkTheFeedIdIsAStableUrn) {
  test::Planet p;
  p.config.planet.link.clear();
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  std::string id = doc.child("feed").child_value("id");
  EXPECT_THAT(id, ::testing::StartsWith("urn:orrery:planet:"));
  EXPECT_FALSE(doc.child("feed").find_child_by_attribute("link", "rel", "self"));
}

std::string ann_message(test::Planet& p) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(splice(p.input).c_str()));
  return doc.child("feed").child("planet:source").child_value("planet:message");
}

TEST(Splice, AFeedQuietForLongerThanActivityThresholdSaysSo) {
  test::Planet p;
  p.config.feeds[0].activity_threshold = 3;
  p.channels[0].state.last_fetched = p.input.now - std::chrono::hours(1);
  p.channels[0].newest_entry = p.input.now - std::chrono::days(4);
  EXPECT_EQ(ann_message(p), "no activity in 3 days");
  p.channels[0].newest_entry.reset();  // fetched, but no entry at all
  EXPECT_EQ(ann_message(p), "no activity in 3 days");
  p.channels[0].newest_entry = p.input.now - std::chrono::days(2);
  EXPECT_EQ(ann_message(p), "");
  p.channels[0].newest_entry = p.input.now - std::chrono::days(30);
  p.config.feeds[0].activity_threshold = 0;  // Venus's default: never inactive
  EXPECT_EQ(ann_message(p), "");
}

TEST(Splice, WithActivityThresholdTheSourceCarriesTheNewestEntrysDate) {
  test::Planet p;
  p.channels[0].state.last_fetched = p.input.now - std::chrono::hours(1);
  p.channels[0].newest_entry = *util::parse_rfc3339("2024-03-08T09:30:00Z");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  EXPECT_FALSE(doc.child("feed").child("planet:source").child("planet:updated"));
  p.config.feeds[0].activity_threshold = 3;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  EXPECT_STREQ(doc.child("feed").child("planet:source").child_value("planet:updated"),
               "2024-03-08T09:30:00Z");
}

TEST(Splice, AFailingFeedsMessageWinsOverInactivity) {
  test::Planet p;
  p.config.feeds[1].activity_threshold = 3;
  p.channels[1].state.last_fetched = p.input.now - std::chrono::hours(1);
  p.channels[1].newest_entry = p.input.now - std::chrono::days(10);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  auto sources = doc.child("feed").children("planet:source");
  auto bob = std::next(sources.begin());
  ASSERT_NE(bob, sources.end());
  EXPECT_STREQ(bob->child_value("planet:message"), "404: not found");
}

TEST(Splice, AnEmptyPageIsAFeedWithoutEntries) {
  test::Planet p;
  p.input.entries = {};
  p.input.feed_updated = FeedUpdated::newest_entry;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  EXPECT_FALSE(doc.child("feed").child("entry"));
  EXPECT_STREQ(doc.child("feed").child_value("updated"), "2023-07-30T12:00:00Z");
}

TEST(Splice, APlanetSourceCarriesTheFeedsFormatBozoAndHttpLocationInVenusOrder) {
  test::Planet p;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node ann = doc.child("feed").child("planet:source");
  std::vector<std::string> planet;
  for (const std::string& name : element_names(ann)) {
    if (name.rfind("planet:", 0) == 0) {
      planet.push_back(name);
    }
  }
  EXPECT_THAT(planet, ElementsAre("planet:format", "planet:bozo", "planet:http_status",
                                  "planet:http_location", "planet:http_etag", "planet:name",
                                  "planet:css-id", "planet:face", "planet:ignore_in_feed"));
  EXPECT_STREQ(ann.child_value("planet:format"), "rss20");
  EXPECT_STREQ(ann.child_value("planet:bozo"), "false");
  EXPECT_STREQ(ann.child_value("planet:http_location"), "https://ann.example.org/feed.xml?moved=1");
  // A failing feed keeps what its last parsed copy said.
  pugi::xml_node bob = ann.next_sibling("planet:source");
  EXPECT_STREQ(bob.child_value("planet:format"), "atom10");
  EXPECT_STREQ(bob.child_value("planet:bozo"), "true");
  EXPECT_FALSE(bob.child("planet:http_location"));
}

TEST(Splice, AFeedNeverParsedHasNoFormatNorBozo) {
  test::Planet p;
  p.channels[0].state.format.clear();
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node ann = doc.child("feed").child("planet:source");
  EXPECT_FALSE(ann.child("planet:format"));
  EXPECT_FALSE(ann.child("planet:bozo"));
}

// Venus's default spider gives feedparser the error body of a failed fetch; with no cached copy
// to fall back on, its sources/ file says bozo (no feed in that body) and no format.
TEST(Splice, AFeedFetchedButNeverReadIsBozoWithoutAFormat) {
  test::Planet p;
  p.channels[1].state.format.clear();
  p.channels[1].state.bozo = false;
  p.channels[1].state.last_fetched = test::at(2023, 7, 30, 11, 0);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node bob = doc.child("feed").child("planet:source").next_sibling("planet:source");
  EXPECT_FALSE(bob.child("planet:format"));
  EXPECT_STREQ(bob.child_value("planet:bozo"), "true");
  EXPECT_STREQ(bob.child_value("planet:http_status"), "404");
  EXPECT_STREQ(bob.child_value("planet:message"), "404: not found");
}

TEST(Splice, AFeedReadBeforeItsFormatWasKeptHasNoBozo) {
  test::Planet p;
  p.channels[0].state.format.clear();
  p.channels[0].state.last_fetched = test::at(2023, 7, 30, 11, 0);
  p.channels[0].state.last_success = test::at(2023, 7, 30, 11, 0);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node ann = doc.child("feed").child("planet:source");
  EXPECT_FALSE(ann.child("planet:format"));
  EXPECT_FALSE(ann.child("planet:bozo"));
}

// feedparser types every link (self: application/atom+xml, any other: text/html) and gives each
// text construct the xml:lang in scope; Venus writes both back into planet:source. RSS's
// <language> never reaches feedparser's constructs.
TEST(Splice, APlanetSourceTypesItsLinksAndGivesAnAtomFeedsConstructsItsLanguage) {
  test::Planet p;
  p.channels[1].channel.language = "de-AT";
  p.channels[1].channel.subtitle_html = "Bauen";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node ann = doc.child("feed").child("planet:source");
  pugi::xml_node bob = ann.next_sibling("planet:source");
  EXPECT_STREQ(bob.find_child_by_attribute("link", "rel", "alternate").attribute("type").value(),
               "text/html");
  EXPECT_STREQ(bob.find_child_by_attribute("link", "rel", "self").attribute("type").value(),
               "application/atom+xml");
  EXPECT_STREQ(bob.child("title").attribute("xml:lang").value(), "de-AT");
  EXPECT_STREQ(bob.child("subtitle").attribute("xml:lang").value(), "de-AT");
  // ann is rss20 with <language>en-GB</language>: its constructs carry none.
  EXPECT_FALSE(ann.child("title").attribute("xml:lang"));
  EXPECT_FALSE(ann.child("subtitle").attribute("xml:lang"));
}

TEST(Splice, AnHttpLocationThatFailsTheUrlPolicyIsLeftOut) {
  test::Planet p;
  p.channels[0].state.http_location = "javascript:alert(1)";
  EXPECT_THAT(splice(p.input), Not(HasSubstr("javascript:")));
}

TEST(Splice, FeedTitleSubtitleAndRightsKeepTheirMarkupAsVenusDoes) {
  test::Planet p;
  p.channels[0].channel.title_html = "Ann <b>Black</b>";
  p.channels[0].channel.rights_html = "&lt;c&gt; Ann";  // text, escaped
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node ann = doc.child("feed").child("planet:source");
  EXPECT_STREQ(ann.child("title").attribute("type").value(), "xhtml");
  EXPECT_STREQ(ann.child("title").child("div").child_value("b"), "Black");
  EXPECT_STREQ(ann.child("subtitle").attribute("type").value(), "xhtml");
  EXPECT_STREQ(ann.child("subtitle").child("div").child_value("em"), "minutes");
  EXPECT_FALSE(ann.child("rights").attribute("type"));
  EXPECT_STREQ(ann.child_value("rights"), "<c> Ann");
  // A channel stored before schema 8 has only its text.
  pugi::xml_node bob = ann.next_sibling("planet:source");
  EXPECT_STREQ(bob.child_value("title"), "Bob <Builds>");
  EXPECT_FALSE(bob.child("title").attribute("type"));
}

TEST(Splice, AFeedWhoseLastCopyListedNoEntrySaysNoData) {
  test::Planet p;
  p.channels[0].state.no_data = true;
  p.config.feeds[0].activity_threshold = 3;  // "no data" says more than inactivity
  p.channels[0].state.last_fetched = p.input.now;
  p.channels[0].newest_entry = p.input.now - std::chrono::days(30);
  EXPECT_EQ(ann_message(p), "no data");
}

TEST(DuplicateSubscriptions, TheSameFeedIdOrAddressMarksTheLaterSubscription) {
  test::Planet p;
  p.channels[1].state.consecutive_failures = 0;
  p.channels[1].state.last_status = 200;
  p.channels[1].channel.id = p.channels[0].channel.id;  // bob's feed is ann's, by id
  std::vector<std::string> lines = mark_duplicate_subscriptions(p.config, p.channels);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr(test::Planet::k_bob));
  EXPECT_THAT(lines[0], HasSubstr(test::Planet::k_ann));
  EXPECT_EQ(p.channels[0].duplicate_of, "");
  EXPECT_EQ(p.channels[1].duplicate_of, test::Planet::k_ann);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(splice(p.input).c_str()));
  pugi::xml_node bob = doc.child("feed").child("planet:source").next_sibling("planet:source");
  EXPECT_STREQ(bob.child_value("planet:message"),
               "duplicate subscription: https://ann.example.org/feed.xml");
  // By address: bob's fetch ended where ann's did.
  p.channels[1].channel.id = "tag:bob";
  p.channels[1].state.http_location = p.channels[0].state.http_location;
  mark_duplicate_subscriptions(p.config, p.channels);
  EXPECT_EQ(p.channels[1].duplicate_of, test::Planet::k_ann);
  // Distinct feeds: cleared.
  p.channels[1].state.http_location = "https://bob.example.net/atom.xml";
  EXPECT_TRUE(mark_duplicate_subscriptions(p.config, p.channels).empty());
  EXPECT_EQ(p.channels[1].duplicate_of, "");
}

TEST(DuplicateSubscriptions, AFailingFeedsMessageWinsOverDuplicate) {
  test::Planet p;
  p.channels[1].channel.id = p.channels[0].channel.id;
  mark_duplicate_subscriptions(p.config, p.channels);
  EXPECT_EQ(model::planet_message(p.channels[1], 0, p.input.now), "404: not found");
}

TEST(SpliceWarnings, NameConfigKeysThatCannotBeElementNames) {
  test::Planet p;
  p.config.feeds[0].raw["2fa"] = "x";
  p.config.feeds[0].raw["a b"] = "x";
  std::vector<std::string> warnings = splice_warnings(p.config);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_THAT(warnings[0], HasSubstr(test::Planet::k_ann));
  EXPECT_THAT(warnings[0], HasSubstr("\"2fa\""));
  EXPECT_THAT(splice(p.input), Not(HasSubstr("planet:2fa")));
}

// Independent validators: xmllint (libxml2) for well-formedness and namespaces, Python's
// feedparser for the Atom feed (bozo must stay 0).
class SpliceValidated : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& name, const std::string& content) {
    std::filesystem::path path = m_dir.path() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  orrery::test::TempDir m_dir;
};

TEST_F(SpliceValidated, TheSplicedDocumentIsWellFormedForXmllint) {
  test::Planet p;
  std::filesystem::path path = write("splice.xml", splice(p.input));
  orrery::test::ProcessResult r =
      orrery::test::run_process({"/usr/bin/xmllint", "--noout", "--nonet", path.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(SpliceValidated, AtomXmlParsesWithFeedparserWithoutBozo) {
  test::Planet p;
  p.input.planet_elements = PlanetElements::drop;
  std::filesystem::path path = write("atom.xml", splice(p.input));
  orrery::test::ProcessResult r =
      orrery::test::run_process({"/usr/bin/python3", "-c",
                                 "import sys, feedparser\n"
                                 "d = feedparser.parse(sys.argv[1])\n"
                                 "assert not d.bozo, d.get('bozo_exception')\n"
                                 "assert d.version == 'atom10', d.version\n"
                                 "print(len(d.entries), d.entries[0].source.title)\n",
                                 path.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "4 Ann Black on the Record\n");
}

}  // namespace
}  // namespace orrery::document
