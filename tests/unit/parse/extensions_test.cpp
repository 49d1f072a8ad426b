#include <gtest/gtest.h>

#include "helpers.h"

namespace orrery::parse {
namespace {

using test::parse_text;

const char* k_itunes =
    "<rss version='2.0' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel>"
    "<itunes:owner><itunes:name>Owner</itunes:name><itunes:email>o@x.test</itunes:email>"
    "</itunes:owner><itunes:explicit>clean</itunes:explicit><itunes:block>yes</itunes:block>"
    "<itunes:keywords>a, b,a</itunes:keywords><itunes:image href='http://x.test/i.png'/>"
    "<item><itunes:subtitle>Sub</itunes:subtitle><itunes:duration>12:34</itunes:duration>"
    "</item></channel></rss>";

TEST(ItunesExtension, OwnerIsThePublisher) {
  model::ParsedFeed f = parse_text(k_itunes);
  ASSERT_TRUE(f.feed.publisher);
  EXPECT_EQ(f.feed.publisher->name, "Owner");
  EXPECT_EQ(f.feed.publisher->email, "o@x.test");
}

TEST(ItunesExtension, FlagsAreReadAsFeedparserDoes) {
  model::ParsedFeed f = parse_text(k_itunes);
  EXPECT_EQ(f.feed.itunes_block, 1);
  ASSERT_TRUE(f.feed.itunes_explicit);
  EXPECT_EQ(*f.feed.itunes_explicit, std::optional<bool>(false));
}

TEST(ItunesExtension, KeywordsBecomeDistinctTags) {
  model::ParsedFeed f = parse_text(k_itunes);
  ASSERT_EQ(f.feed.tags.size(), 2u);
  EXPECT_EQ(f.feed.tags[1].term, "b");
  EXPECT_EQ(f.feed.tags[1].scheme, "http://www.itunes.com/");
}

TEST(ItunesExtension, ImageAndUnknownElements) {
  model::ParsedFeed f = parse_text(k_itunes);
  ASSERT_TRUE(f.feed.image);
  EXPECT_EQ(f.feed.image->href, "http://x.test/i.png");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].subtitle->value, "Sub");
  ASSERT_FALSE(f.entries[0].extensions.empty());
  EXPECT_EQ(f.entries[0].extensions[0].first, "itunes_duration");
}

TEST(MediaExtension, ContentIsAListOfAttributeDictionaries) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><item>"
      "<media:group><media:content url='http://x.test/a.mp4' type='video/mp4'/>"
      "<media:content url='http://x.test/b.mp4'/></media:group>"
      "<media:category>cat</media:category><media:title>M</media:title></item></channel></rss>");
  const auto& x = f.entries.at(0).extension_elements;
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].key, "media_content");
  EXPECT_TRUE(x[0].repeated);
  EXPECT_EQ(f.entries[0].tags.at(0).scheme, "http://search.yahoo.com/mrss/category_schema");
  EXPECT_EQ(f.entries[0].title->value, "M");
}

TEST(GeoExtension, PointIsLongitudeFirst) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:georss='http://www.georss.org/georss'><channel><item>"
      "<georss:point>45.256 -71.92</georss:point></item></channel></rss>");
  ASSERT_TRUE(f.entries.at(0).where);
  EXPECT_EQ(f.entries[0].where->type, "Point");
  EXPECT_DOUBLE_EQ(f.entries[0].where->coordinates.at(0).first, -71.92);
}

TEST(GeoExtension, PointWithoutCoordinatesIsEmpty) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:georss='http://www.georss.org/georss'><channel><item>"
      "<georss:point> </georss:point></item></channel></rss>");
  ASSERT_TRUE(f.entries.at(0).where);
  EXPECT_EQ(f.entries[0].where->type, "");
}

std::optional<model::Where> where_of(const std::string& item_xml) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:georss='http://www.georss.org/georss' "
      "xmlns:gml='http://www.opengis.net/gml'><channel><item>" +
      item_xml + "</item></channel></rss>");
  return f.entries.at(0).where;
}

TEST(GeoExtension, BoxKeepsItsTwoCornersLongitudeFirst) {
  auto w = where_of("<georss:box>42.9 -71.0 43.0 -69.8</georss:box>");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->type, "Box");
  ASSERT_EQ(w->coordinates.size(), 2u);
  EXPECT_DOUBLE_EQ(w->coordinates[1].first, -69.8);
  EXPECT_DOUBLE_EQ(w->coordinates[1].second, 43.0);
}

TEST(GeoExtension, MalformedCoordinatesGiveAnEmptyWhere) {
  for (const char* bad : {"<georss:point>45.2 -71.9 3</georss:point>",     // odd count
                          "<georss:point>45.2 north</georss:point>",       // not a number
                          "<georss:point>nan 1</georss:point>",            // not finite
                          "<georss:line>45.2 -71.9</georss:line>",         // one position
                          "<georss:polygon>1 2 3 4 1 2</georss:polygon>",  // three
                          "<georss:box>1 2 3 4 5 6</georss:box>",          // three corners
                          "<georss:where><gml:Point srsDimension='3'><gml:pos>1 2</gml:pos>"
                          "</gml:Point></georss:where>"}) {
    auto w = where_of(bad);
    ASSERT_TRUE(w) << bad;
    EXPECT_EQ(w->type, "") << bad;
    EXPECT_TRUE(w->coordinates.empty()) << bad;
  }
}

TEST(GeoExtension, GmlPointIn3dKeepsItsHeight) {
  auto w = where_of(
      "<georss:where><gml:Point srsDimension='3'><gml:pos>45.2 -71.9 120</gml:pos>"
      "</gml:Point></georss:where>");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->type, "Point");
  EXPECT_DOUBLE_EQ(w->coordinates.at(0).first, -71.9);
  ASSERT_EQ(w->heights.size(), 1u);
  EXPECT_DOUBLE_EQ(w->heights[0], 120);
  EXPECT_EQ(w->srs_dimension, std::optional<int>(3));
}

TEST(GeoExtension, ProjectedEpsgKeepsTheAxesAsWritten) {
  auto w = where_of(
      "<georss:where><gml:Point srsName='EPSG:27700'><gml:pos>530000 180000</gml:pos>"
      "</gml:Point></georss:where>");
  ASSERT_TRUE(w);
  EXPECT_DOUBLE_EQ(w->coordinates.at(0).first, 530000);
  EXPECT_EQ(w->srs_name, std::optional<std::string>("EPSG:27700"));
  auto geographic = where_of(
      "<georss:where><gml:Point srsName='urn:ogc:def:crs:EPSG::4326'><gml:pos>45 -71</gml:pos>"
      "</gml:Point></georss:where>");
  ASSERT_TRUE(geographic);
  EXPECT_DOUBLE_EQ(geographic->coordinates.at(0).first, -71);
}

TEST(GeoExtension, GmlPolygonReadsItsExteriorRing) {
  auto w = where_of(
      "<georss:where><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>"
      "1 2 3 4 5 6 1 2</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
      "</georss:where>");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->type, "Polygon");
  EXPECT_EQ(w->coordinates.size(), 4u);
  EXPECT_EQ(w->coordinates.front(), w->coordinates.back());
}

TEST(GeoExtension, GmlWithoutGeorssWhereIsRead) {
  auto w = where_of("<gml:LineString><gml:posList>1 2 3 4</gml:posList></gml:LineString>");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->type, "LineString");
  EXPECT_DOUBLE_EQ(w->coordinates.at(1).first, 4);
}

TEST(ItunesExtension, ExplicitIgnoresCaseAndSurroundingSpace) {
  for (auto [text, expected] : {std::pair<const char*, std::optional<bool>>{" Yes ", true},
                                {"TRUE", true},
                                {"explicit", true},
                                {"Clean", false},
                                {"no\n", false},
                                {"False", false},
                                {"maybe", std::nullopt}}) {
    model::ParsedFeed f = parse_text(
        std::string("<rss version='2.0' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'>"
                    "<channel><item><itunes:explicit>") +
        text + "</itunes:explicit></item></channel></rss>");
    ASSERT_TRUE(f.entries.at(0).itunes_explicit) << text;
    EXPECT_EQ(*f.entries[0].itunes_explicit, expected) << text;
  }
}

TEST(MediaExtension, DescriptionIsTheSummaryOfAnEntryWithNoOtherText) {
  model::ParsedFeed f = parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:media='http://search.yahoo.com/mrss/'>"
      "<entry><id>yt:1</id><media:group><media:title>Video</media:title>"
      "<media:thumbnail url='https://i.test/1.jpg'/>"
      "<media:description>What the video is</media:description></media:group></entry></feed>");
  const model::ParsedEntry& e = f.entries.at(0);
  ASSERT_TRUE(e.summary);
  EXPECT_EQ(e.summary->value, "What the video is");
  EXPECT_EQ(e.title->value, "Video");
  ASSERT_EQ(e.extension_elements.size(), 1u);
  EXPECT_EQ(e.extension_elements[0].key, "media_thumbnail");
}

TEST(MediaExtension, DescriptionAfterASummaryIsPlainContent) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><item>"
      "<description>Own</description><media:group><media:description>Media</media:description>"
      "</media:group></item></channel></rss>");
  const model::ParsedEntry& e = f.entries.at(0);
  EXPECT_EQ(e.summary->value, "Own");
  ASSERT_EQ(e.content.size(), 1u);
  EXPECT_EQ(e.content[0].value, "Media");
  EXPECT_EQ(e.content[0].type, model::TextType::text);
}

TEST(DublinCore, PeriodGivesValidityStartAndEnd) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:dcterms='http://purl.org/dc/terms/'><channel><dcterms:valid>"
      "start=2002-10-13T09:00+01:00;end=2002-10-17T17:00+01:00;scheme=W3C-DTF</dcterms:valid>"
      "</channel></rss>");
  ASSERT_TRUE(f.feed.validity_start);
  ASSERT_TRUE(f.feed.validity_end);
  EXPECT_TRUE(f.feed.validity_end->parsed);
}

TEST(UnknownNamespace, ElementsAreKeptUnderTheDocumentPrefix) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:Foo='http://foo.test/ns'><channel><Foo:Bar>baz</Foo:Bar>"
      "</channel></rss>");
  ASSERT_EQ(f.feed.extensions.size(), 1u);
  EXPECT_EQ(f.feed.extensions[0].first, "foo_bar");
  EXPECT_EQ(f.feed.extensions[0].second, "baz");
}

TEST(Chapters, OnlyTheFirstChapterListIsKept) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0' xmlns:psc='http://podlove.org/simple-chapters'><channel><item>"
      "<psc:chapters version='1.1'><psc:chapter start='00:00:12' title='A'/></psc:chapters>"
      "<psc:chapters version='1.1'><psc:chapter start='1' title='B'/></psc:chapters>"
      "</item></channel></rss>");
  ASSERT_TRUE(f.entries.at(0).psc_chapters);
  ASSERT_EQ(f.entries[0].psc_chapters->chapters.size(), 1u);
  EXPECT_EQ(f.entries[0].psc_chapters->chapters[0].title, "A");
}

TEST(Cdf, ChannelAndItemsAreRead) {
  model::ParsedFeed f = parse_text(
      "<CHANNEL HREF='http://x.test/' BASE='http://x.test/'><TITLE>T</TITLE><ITEM HREF='/1' "
      "LASTMOD='2004-04-06T23:05:43-05:00'><ABSTRACT>A</ABSTRACT></ITEM></CHANNEL>");
  EXPECT_EQ(f.version, "cdf");
  EXPECT_EQ(f.feed.link, "http://x.test/");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].link, "http://x.test/1");
  EXPECT_TRUE(f.entries[0].updated->parsed);
}

TEST(JsonFeed, Version11ItemsMapOntoEntries) {
  model::ParsedFeed f = parse_text(R"({
    "version": "https://jsonfeed.org/version/1.1", "title": "J",
    "home_page_url": "https://j.test/",
    "authors": [{"name": "Jay"}],
    "items": [{"id": "1", "url": "https://j.test/1", "content_html": "<p>x</p>",
               "date_published": "2026-11-30T10:00:00Z", "tags": ["t"],
               "attachments": [{"url": "https://j.test/a.mp3", "mime_type": "audio/mpeg",
                                "size_in_bytes": 5}]}]})");
  EXPECT_EQ(f.version, "json11");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.feed.title->value, "J");
  EXPECT_EQ(f.feed.author->name, "Jay");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].link, "https://j.test/1");
  EXPECT_EQ(f.entries[0].content.at(0).type, model::TextType::html);
  EXPECT_TRUE(f.entries[0].published->parsed);
  EXPECT_EQ(f.entries[0].enclosures.at(0).length, 5);
}

// The feed-level fields feedparser maps: feed_url is the id and the self link (titled), next_url
// a link, user_comment the info, HTML-looking titles HTML, mailto: authors an email; scalar ids
// are written as JSON writes them.
TEST(JsonFeed, FeedLevelFieldsAsFeedparserMapsThem) {
  model::ParsedFeed f = parse_text(R"({
    "version": "https://jsonfeed.org/version/1.1", "title": "My <b>Feed</b>",
    "feed_url": "https://j.test/feed.json", "next_url": "https://j.test/2.json",
    "user_comment": "For readers", "description": "About",
    "authors": [{"name": "Ann", "url": "mailto:ann@j.test?subject=hi"}],
    "items": [{"id": 123}, {"id": true}, {"id": {"no": 1}}, {"id": 1.5}]})");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  EXPECT_EQ(f.feed.id, "https://j.test/feed.json");
  EXPECT_EQ(f.feed.title->type, model::TextType::html);
  EXPECT_EQ(f.feed.subtitle->type, model::TextType::text);
  ASSERT_EQ(f.feed.links.size(), 2u);
  EXPECT_EQ(f.feed.links[0].rel, "self");
  EXPECT_EQ(f.feed.links[0].title, "My <b>Feed</b>");
  EXPECT_EQ(f.feed.links[1].rel, "next");
  ASSERT_TRUE(f.feed.info);
  EXPECT_EQ(f.feed.info->value, "For readers");
  EXPECT_EQ(f.feed.author->email, "ann@j.test");
  ASSERT_EQ(f.entries.size(), 4u);
  EXPECT_EQ(f.entries[0].id, "123");
  EXPECT_EQ(f.entries[1].id, "true");
  EXPECT_EQ(f.entries[2].id, "");
  EXPECT_EQ(f.entries[3].id, "1.5");
}

TEST(JsonFeed, InvalidJsonIsBozoAndNotAFeed) {
  model::ParsedFeed f = parse_text("{\"version\": ");
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.version, "");
}

// feedparser's loose parser reads an undeclared prefix by its name: a feed that forgets
// xmlns:dc still has a Dublin Core author, and one that forgets xmlns:georss a location.
TEST(UndeclaredPrefix, WellKnownPrefixesKeepTheirMeaning) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><item><title>x</title><dc:creator>Bob</dc:creator>"
      "<georss:point>45.256 -71.92</georss:point>"
      "<content:encoded>&lt;p&gt;hi&lt;/p&gt;</content:encoded><foo:bar>baz</foo:bar>"
      "</item></channel></rss>");
  EXPECT_TRUE(f.bozo);
  EXPECT_NE(f.bozo_exception.find("UndeclaredNamespace"), std::string::npos);
  ASSERT_EQ(f.entries.size(), 1u);
  const model::ParsedEntry& e = f.entries[0];
  ASSERT_TRUE(e.author);
  EXPECT_EQ(e.author->name, "Bob");
  ASSERT_TRUE(e.where);
  EXPECT_EQ(e.where->type, "Point");
  ASSERT_EQ(e.content.size(), 1u);
  EXPECT_EQ(e.content[0].value, "<p>hi</p>");
  bool kept_unknown = false;
  for (const auto& [key, value] : e.extensions) {
    kept_unknown = kept_unknown || (key == "foo_bar" && value == "baz");
  }
  EXPECT_TRUE(kept_unknown);
}

// Google Reader re-published feeds with its own ids and the publisher's in gr:original-id;
// Planet Venus keeps the publisher's.
TEST(GoogleReader, OriginalIdWins) {
  model::ParsedFeed f = parse_text(
      "<feed xmlns='http://www.w3.org/2005/Atom'>"
      "<entry xmlns:gr='http://www.google.com/schemas/reader/atom/'>"
      "<id gr:original-id='http://example.com/2'>http://example.com/1</id></entry>"
      "<entry><id original-id='http://example.com/4'>http://example.com/3</id></entry></feed>");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].id, "http://example.com/2");
  EXPECT_EQ(f.entries[1].id, "http://example.com/3");  // not in Reader's namespace
}

}  // namespace
}  // namespace orrery::parse
