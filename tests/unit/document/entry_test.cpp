// entry_xml(): one entry as Venus caches it, for filters and the spliced document.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "document/document.h"
#include "support/golden.h"
#include "unit/document/fixtures.h"

namespace orrery::document {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

pugi::xml_node parse(pugi::xml_document& doc, const std::string& xml) {
  pugi::xml_parse_result r =
      doc.load_string(xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
  EXPECT_TRUE(r) << r.description() << "\n" << xml;
  return doc.child("entry");
}

TEST(EntryXml, MatchesTheGoldenFile) {
  test::Planet p;
  orrery::test::expect_golden("document/entry.xml", entry_xml(p.entries[0].entry, p.source_of_ann(),
                                                              p.config, p.input.now));
}

TEST(EntryXml, IsAnAtomEntryDeclaringAtomAndPlanetNamespaces) {
  test::Planet p;
  std::string xml = entry_xml(p.entries[0].entry, p.source_of_ann(), p.config, p.input.now);
  EXPECT_THAT(xml, StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entry"));
  pugi::xml_document doc;
  pugi::xml_node entry = parse(doc, xml);
  EXPECT_STREQ(entry.attribute("xmlns").value(), k_atom_ns);
  EXPECT_STREQ(entry.attribute("xmlns:planet").value(), k_planet_ns);
  EXPECT_STREQ(entry.attribute("xml:lang").value(), "en-GB");  // the channel's
  EXPECT_STREQ(entry.child_value("id"), "https://ann.example.org/?p=1");
}

TEST(EntryXml, ChildrenComeInVenusOrder) {
  test::Planet p;
  pugi::xml_document doc;
  pugi::xml_node entry =
      parse(doc, entry_xml(p.entries[0].entry, p.source_of_ann(), p.config, p.input.now));
  std::vector<std::string> names;
  for (pugi::xml_node child : entry.children()) {
    if (child.type() == pugi::node_element) {
      names.emplace_back(child.name());
    }
  }
  EXPECT_THAT(names,
              ::testing::ElementsAre("id", "link", "link", "title", "summary", "content", "updated",
                                     "published", "category", "category", "author", "source"));
}

TEST(EntryXml, WellFormedHtmlBecomesOneXhtmlDivKeepingItsWhitespace) {
  test::Planet p;
  pugi::xml_document doc;
  pugi::xml_node content =
      parse(doc, entry_xml(p.entries[0].entry, p.source_of_ann(), p.config, p.input.now))
          .child("content");
  EXPECT_STREQ(content.attribute("type").value(), "xhtml");
  pugi::xml_node div = content.child("div");
  EXPECT_STREQ(div.attribute("xmlns").value(), k_xhtml_ns);
  EXPECT_STREQ(div.child("pre").child_value(), "  two  spaces");
  EXPECT_TRUE(div.child("p").child("br"));
}

TEST(EntryXml, HtmlWithoutMarkupIsPlainTextWithEntitiesDecoded) {
  test::Planet p;
  pugi::xml_document doc;
  pugi::xml_node summary =
      parse(doc, entry_xml(p.entries[0].entry, p.source_of_ann(), p.config, p.input.now))
          .child("summary");
  EXPECT_FALSE(summary.attribute("type"));
  EXPECT_STREQ(summary.child_value(), "NEC members gathered & talked.");
}

TEST(EntryXml, HtmlWithHtmlOnlyEntitiesIsCarriedAsTypeHtml) {
  test::Planet p;
  pugi::xml_document doc;
  pugi::xml_node summary =
      parse(doc, entry_xml(p.entries[1].entry, p.source_of_ann(), p.config, p.input.now))
          .child("summary");
  EXPECT_STREQ(summary.attribute("type").value(), "html");
  EXPECT_STREQ(summary.child_value(), "<p>The national&nbsp;policy forum.</p>");
}

TEST(EntryXml, MarkupInATitleIsText) {
  test::Planet p;
  std::string xml = entry_xml(p.entries[1].entry, p.source_of_ann(), p.config, p.input.now);
  EXPECT_THAT(xml, Not(HasSubstr("<script>")));
  pugi::xml_document doc;
  pugi::xml_node entry = parse(doc, xml);
  EXPECT_STREQ(entry.child_value("title"), "Tom & Jerry <script>");
  EXPECT_STREQ(entry.attribute("xml:lang").value(), "fr");                        // the entry's own
  EXPECT_STREQ(entry.child_value("id"), "https://ann.example.org/2023/07/npf/");  // the link
}

TEST(EntryXml, UpdatedAndPublishedCarryTheDateFormat) {
  test::Planet p;
  pugi::xml_document doc;
  pugi::xml_node entry =
      parse(doc, entry_xml(p.entries[0].entry, p.source_of_ann(), p.config, p.input.now));
  EXPECT_STREQ(entry.child_value("updated"), "2023-07-29T11:10:00Z");
  EXPECT_STREQ(entry.child("updated").attribute("planet:format").value(), "July 29, 2023 11:10 AM");
  EXPECT_STREQ(entry.child_value("published"), "2023-07-28T09:00:00Z");
}

TEST(EntryXml, WithoutUpdatedTheDateIsPublishedElseNow) {
  test::Planet p;
  model::Entry e = p.entries[0].entry;
  e.updated.reset();
  pugi::xml_document doc;
  EXPECT_STREQ(
      parse(doc, entry_xml(e, p.source_of_ann(), p.config, p.input.now)).child_value("updated"),
      "2023-07-28T09:00:00Z");
  e.published.reset();
  pugi::xml_document doc2;
  EXPECT_STREQ(
      parse(doc2, entry_xml(e, p.source_of_ann(), p.config, p.input.now)).child_value("updated"),
      "2023-07-30T12:00:00Z");
}

TEST(EntryXml, SourceCarriesTheSubscriptionsConfigKeysAsPlanetElements) {
  test::Planet p;
  pugi::xml_document doc;
  pugi::xml_node source =
      parse(doc, entry_xml(p.entries[0].entry, p.source_of_ann(), p.config, p.input.now))
          .child("source");
  EXPECT_STREQ(source.child_value("id"), "tag:ann.example.org,2023:feed");
  EXPECT_STREQ(source.child_value("title"), "Ann Black on the Record");
  EXPECT_STREQ(source.child_value("planet:name"), "Ann's Notes");
  EXPECT_STREQ(source.child_value("planet:css-id"), "ann-s-notes");
  EXPECT_STREQ(source.child_value("planet:face"), "ann.png");
  EXPECT_STREQ(source.child_value("planet:ignore_in_feed"), "tags");
  EXPECT_STREQ(source.child_value("planet:http_status"), "200");
  EXPECT_STREQ(source.child_value("planet:http_etag"), "\"abc\"");
  EXPECT_FALSE(source.child("planet:message"));
  EXPECT_STREQ(source.find_child_by_attribute("link", "rel", "self").attribute("href").value(),
               test::Planet::k_ann);
}

TEST(EntryXml, AFailingFeedsSourceCarriesVenusMessage) {
  test::Planet p;
  Source bob{&p.config.feeds[1], &p.channels[1], test::Planet::k_bob};
  pugi::xml_document doc;
  pugi::xml_node source =
      parse(doc, entry_xml(p.entries[2].entry, bob, p.config, p.input.now)).child("source");
  EXPECT_STREQ(source.child_value("planet:message"), "404: not found");
  EXPECT_STREQ(source.child_value("planet:http_status"), "404");
  // no id, no channel id: the channel's link
  EXPECT_STREQ(source.child_value("id"), "https://bob.example.net/");
}

TEST(EntryXml, AnUnsafeLinkIsLeftOutAndTheIdIsAStableUrn) {
  test::Planet p;
  Source bob{&p.config.feeds[1], &p.channels[1], test::Planet::k_bob};
  std::string xml = entry_xml(p.entries[2].entry, bob, p.config, p.input.now);
  EXPECT_THAT(xml, Not(HasSubstr("javascript:")));
  pugi::xml_document doc;
  pugi::xml_node entry = parse(doc, xml);
  EXPECT_THAT(std::string(entry.child_value("id")), StartsWith("urn:orrery:entry:"));
  EXPECT_EQ(xml, entry_xml(p.entries[2].entry, bob, p.config, p.input.now));
  EXPECT_TRUE(entry.child("title"));  // untitled: an empty title, as Venus writes
  EXPECT_STREQ(entry.child_value("title"), "");
}

TEST(EntryXml, AnAuthorWithoutANameIsNamedAfterTheSubscription) {
  test::Planet p;
  Source bob{&p.config.feeds[1], &p.channels[1], test::Planet::k_bob};
  pugi::xml_document doc;
  pugi::xml_node author =
      parse(doc, entry_xml(p.entries[2].entry, bob, p.config, p.input.now)).child("author");
  EXPECT_STREQ(author.child_value("name"), "Bob Builds");
  EXPECT_STREQ(author.child_value("email"), "bob@example.net");
}

TEST(EntryXml, CharactersXmlCannotCarryAreDropped) {
  test::Planet p;
  model::Entry e = p.entries[0].entry;
  e.title_html = "bell\x07 here";
  e.content_html = "<p>nul&#1;ref</p>";
  std::string xml = entry_xml(e, p.source_of_ann(), p.config, p.input.now);
  EXPECT_THAT(xml, Not(HasSubstr("\x07")));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
  pugi::xml_document doc;
  pugi::xml_node entry = parse(doc, xml);
  EXPECT_STREQ(entry.child_value("title"), "bell here");
}

TEST(EntryXml, AFeedUnknownToTheStoreStillHasASource) {
  test::Planet p;
  Source unknown{nullptr, nullptr, "https://gone.example.com/feed"};
  pugi::xml_document doc;
  pugi::xml_node source =
      parse(doc, entry_xml(p.entries[3].entry, unknown, p.config, p.input.now)).child("source");
  EXPECT_STREQ(source.child_value("id"), "https://gone.example.com/feed");
  EXPECT_STREQ(source.child_value("planet:name"), "https://gone.example.com/feed");
}

TEST(EntryXml, KeepsEveryLinkCategoryContributorAndTheLocation) {
  test::Planet p;
  model::Entry e = p.entries[0].entry;
  e.links = {{"alternate", "text/html", "https://ann.example.org/a", "", "", {}},
             {"related", "", "https://elsewhere.example/", "Elsewhere", "", {}},
             {"enclosure", "audio/mpeg", "javascript:x", "", "", 3}};
  e.categories = {{"NEC", "https://ann.example.org/tags", "The NEC"}};
  e.contributors = {{"Carol", "", "https://carol.example/"}};
  e.rights_html = "CC BY";
  e.geo = model::GeoPoint{51.5, -0.125};
  pugi::xml_document doc;
  pugi::xml_node entry = parse(doc, entry_xml(e, p.source_of_ann(), p.config, p.input.now));
  std::vector<std::string> rels;
  for (pugi::xml_node l : entry.children("link")) {
    rels.emplace_back(l.attribute("rel").value());
  }
  EXPECT_THAT(rels, ::testing::ElementsAre("alternate", "related"));  // javascript: left out
  EXPECT_STREQ(entry.find_child_by_attribute("link", "rel", "related").attribute("title").value(),
               "Elsewhere");
  EXPECT_STREQ(entry.child("category").attribute("scheme").value(), "https://ann.example.org/tags");
  EXPECT_STREQ(entry.child("category").attribute("label").value(), "The NEC");
  EXPECT_STREQ(entry.child("contributor").child_value("uri"), "https://carol.example/");
  EXPECT_STREQ(entry.child_value("rights"), "CC BY");
  EXPECT_STREQ(entry.child_value("geo:lat"), "51.500000");
  EXPECT_STREQ(entry.child_value("geo:long"), "-0.125000");
  EXPECT_STREQ(entry.child("geo:lat").attribute("xmlns:geo").value(), k_geo_ns);
}

TEST(EntryXml, AKeptSourceIsWrittenWithItsOwnPlanetElements) {
  test::Planet p;
  model::Entry e = p.entries[0].entry;
  e.source.id = "tag:aggregated.example,2023:feed";
  e.source.title_plain = "Aggregated";
  e.source.title_html = "Aggregated";
  e.source.planet = {{"name", "Frozen Name"}, {"format", "atom10"}, {"bozo", "false"}};
  pugi::xml_document doc;
  pugi::xml_node source =
      parse(doc, entry_xml(e, p.source_of_ann(), p.config, p.input.now)).child("source");
  EXPECT_STREQ(source.child_value("id"), "tag:aggregated.example,2023:feed");
  EXPECT_STREQ(source.child_value("title"), "Aggregated");
  EXPECT_STREQ(source.child_value("planet:name"), "Frozen Name");
  EXPECT_STREQ(source.child_value("planet:format"), "atom10");
  EXPECT_FALSE(source.child("planet:face"));
}

// A kept source: its constructs carry its language when the feed it came from is not RSS (the
// format among its planet: elements), its links their type.
TEST(EntryXml, AKeptSourceGivesItsConstructsItsLanguageAndItsLinksTypes) {
  test::Planet p;
  model::Entry e = p.entries[0].entry;
  e.source.id = "tag:aggregated.example,2023:feed";
  e.source.title_html = "Aggregiert";
  e.source.language = "de";
  model::Link self;
  self.rel = "self";
  self.href = "https://aggregated.example/feed";
  e.source.links = {self};
  e.source.planet = {{"format", "atom10"}};
  pugi::xml_document doc;
  pugi::xml_node source =
      parse(doc, entry_xml(e, p.source_of_ann(), p.config, p.input.now)).child("source");
  EXPECT_STREQ(source.child("title").attribute("xml:lang").value(), "de");
  EXPECT_STREQ(source.child("link").attribute("type").value(), "application/atom+xml");
  e.source.planet = {{"format", "rss20"}};
  source = parse(doc, entry_xml(e, p.source_of_ann(), p.config, p.input.now)).child("source");
  EXPECT_FALSE(source.child("title").attribute("xml:lang"));
}

}  // namespace
}  // namespace orrery::document
