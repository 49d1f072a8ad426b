#include "render/atom.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <pugixml.hpp>

#include "unit/render/fixtures.h"

namespace orrery::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

struct Parsed {
  pugi::xml_document doc;
  pugi::xml_node feed;
  std::vector<pugi::xml_node> entries;
};

void parse(const std::string& xml, Parsed& out) {
  pugi::xml_parse_result r = out.doc.load_string(xml.c_str());
  ASSERT_TRUE(r) << r.description() << "\n" << xml;
  out.feed = out.doc.child("feed");
  ASSERT_TRUE(out.feed);
  for (pugi::xml_node e : out.feed.children("entry")) {
    out.entries.push_back(e);
  }
}

TEST(AtomWriter, WritesAnAtomFeedWithOneEntryPerInputEntry) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_STREQ(atom.feed.attribute("xmlns").value(), "http://www.w3.org/2005/Atom");
  EXPECT_EQ(atom.entries.size(), 5u);
  EXPECT_STREQ(atom.feed.child_value("title"), "Planet Test");
  EXPECT_STREQ(atom.feed.child_value("id"), "https://planet.example.org/atom.xml");
  // the newest entry's date, not now: an unchanged page gives the same bytes
  EXPECT_STREQ(atom.feed.child_value("updated"), "2023-07-29T11:10:00Z");
  EXPECT_STREQ(atom.feed.child("author").child_value("name"), "Olive Owner");
}

TEST(AtomWriter, DocumentStartsWithAnXmlDeclaration) {
  test::Planet p;
  EXPECT_THAT(write_atom(p.input), StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
}

TEST(AtomWriter, TitleIsPlainTextWithItsMarkupEscaped) {
  test::Planet p;
  std::string xml = write_atom(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("<script>")));
  Parsed atom;
  parse(xml, atom);
  pugi::xml_node title = atom.entries[1].child("title");
  EXPECT_FALSE(title.attribute("type"));  // RFC 4287 §3.1.1: text is the default
  EXPECT_STREQ(title.child_value(), "Tom & Jerry <script>alert(1)</script>");
}

TEST(AtomWriter, WellFormedContentIsCarriedAsXhtml) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  pugi::xml_node content = atom.entries[0].child("content");
  EXPECT_STREQ(content.attribute("type").value(), "xhtml");
  pugi::xml_node div = content.child("div");
  EXPECT_STREQ(div.attribute("xmlns").value(), "http://www.w3.org/1999/xhtml");
  EXPECT_STREQ(div.child_value("p"), "NEC members gathered after an exhausting week.");
}

TEST(AtomWriter, OtherHtmlIsCarriedAsEscapedText) {
  test::Planet p;
  p.input.entries[0].entry.content_html = "<p>a&nbsp;b</p>";
  Parsed atom;
  parse(write_atom(p.input), atom);
  pugi::xml_node content = atom.entries[0].child("content");
  EXPECT_STREQ(content.attribute("type").value(), "html");
  EXPECT_STREQ(content.child_value(), "<p>a&nbsp;b</p>");
}

TEST(AtomWriter, TheSameInputGivesTheSameBytes) {
  test::Planet p;
  std::string first = write_atom(p.input);
  p.input.now += std::chrono::hours(5);
  EXPECT_EQ(write_atom(p.input), first);
}

TEST(AtomWriter, HasNoPlanetNodes) {
  test::Planet p;
  std::string xml = write_atom(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("planet:")));
  EXPECT_THAT(xml, Not(HasSubstr("http://planet.intertwingly.net/")));
}

TEST(AtomWriter, SummaryOnlyEntryHasSummaryAndNoContent) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_FALSE(atom.entries[1].child("content"));
  EXPECT_STREQ(atom.entries[1].child("summary").child("div").child_value("p"),
               "The national policy forum & friends.");
}

TEST(AtomWriter, EachEntryNamesItsChannelInSource) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  pugi::xml_node source = atom.entries[3].child("source");
  EXPECT_STREQ(source.child_value("title"), "Bob <Builds>");
  // Venus: the feed's id, else its link (the subscription URL when it has neither)
  EXPECT_STREQ(source.child_value("id"), "https://bob.example.net/");
  EXPECT_STREQ(source.find_child_by_attribute("link", "rel", "self").attribute("href").value(),
               test::Planet::k_bob);
  EXPECT_STREQ(source.find_child_by_attribute("link", "rel", "alternate").attribute("href").value(),
               "https://bob.example.net/");
}

TEST(AtomWriter, DatesAreRfc3339Utc) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_STREQ(atom.entries[3].child_value("updated"), "2023-07-26T09:00:00Z");
  EXPECT_STREQ(atom.entries[3].child_value("published"), "2023-07-25T20:00:00Z");
}

TEST(AtomWriter, EntryLanguageBecomesXmlLang) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_STREQ(atom.entries[0].attribute("xml:lang").value(), "en-GB");
  EXPECT_FALSE(atom.entries[1].attribute("xml:lang"));
}

TEST(AtomWriter, EntryWithoutLanguageTakesItsChannelLanguage) {
  test::Planet p;
  p.input.channels[1].channel.language = "de";
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_STREQ(atom.entries[3].attribute("xml:lang").value(), "de");
}

TEST(AtomWriter, AuthorsAndCategoriesAreWritten) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_STREQ(atom.entries[0].child("author").child_value("name"), "Ann Black");
  EXPECT_STREQ(atom.entries[0].child("category").attribute("term").value(), "NEC");
}

TEST(AtomWriter, EntryIdFallsBackToLinkThenToAStableUrn) {
  test::Planet p;
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_STREQ(atom.entries[1].child_value("id"), "https://ann.example.org/2023/07/npf/");
  std::string fallback = atom.entries[2].child_value("id");
  EXPECT_THAT(fallback, StartsWith("urn:orrery:entry:"));
  Parsed again;
  parse(write_atom(p.input), again);
  EXPECT_EQ(fallback, again.entries[2].child_value("id"));
}

TEST(AtomWriter, UnsafeLinksAreLeftOut) {
  test::Planet p;
  std::string xml = write_atom(p.input);
  EXPECT_THAT(xml, Not(HasSubstr("javascript:")));
}

TEST(AtomWriter, CharactersXmlCannotCarryAreDropped) {
  test::Planet p;
  p.input.entries[0].entry.title_plain = "bell\x07 and \xEF\xBF\xBF end";
  p.input.entries[0].entry.title_html = p.input.entries[0].entry.title_plain;
  std::string xml = write_atom(p.input);
  Parsed atom;
  parse(xml, atom);
  EXPECT_STREQ(atom.entries[0].child_value("title"), "bell and  end");
}

TEST(AtomWriter, PlanetWithoutLinkGetsAStableUrnAsId) {
  test::Planet p;
  p.config.planet.link.clear();
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_THAT(std::string(atom.feed.child_value("id")), StartsWith("urn:orrery:planet:"));
  EXPECT_FALSE(atom.feed.find_child_by_attribute("link", "rel", "self"));
}

TEST(AtomWriter, EmptyPageIsAValidFeedWithoutEntries) {
  test::Planet p;
  p.input.entries.clear();
  Parsed atom;
  parse(write_atom(p.input), atom);
  EXPECT_TRUE(atom.entries.empty());
}

}  // namespace
}  // namespace orrery::render
