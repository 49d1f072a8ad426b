#include "normalise/normalise.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "util/md5.h"

namespace orrery::normalise {
namespace {

model::TextConstruct text(std::string value, model::TextType type = model::TextType::text) {
  model::TextConstruct c;
  c.type = type;
  c.value = std::move(value);
  return c;
}

model::Date date(int y, int mo, int d, int h, int mi) {
  return model::Date{"(raw)", util::from_civil(y, mo, d, h, mi, 0)};
}

// An entry that gives nothing to identify it by gets an id, so the test sees it stored.
model::Entry one(model::ParsedEntry entry, const model::ParsedChannel& channel = {}) {
  if (entry.id.empty() && entry.link.empty() && !entry.title && !entry.summary &&
      entry.content.empty() && entry.enclosures.empty()) {
    entry.id = "urn:test:1";
  }
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.feed = channel;
  parsed.entries.push_back(entry);
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  EXPECT_EQ(feed.entries.size(), 1u);
  return feed.entries.empty() ? model::Entry{} : feed.entries[0];
}

TEST(Identity, KeyIsTheIdWhenPresent) {
  model::ParsedEntry e;
  e.id = " tag:example.org,2023:1 ";
  e.link = "http://example.org/1";
  EXPECT_EQ(one(e).key, "tag:example.org,2023:1");
  EXPECT_EQ(one(e).id, "tag:example.org,2023:1");
}

TEST(Identity, KeyFallsBackToTheLink) {
  model::ParsedEntry e;
  e.link = "http://example.org/1";
  EXPECT_EQ(one(e).key, "http://example.org/1");
  EXPECT_EQ(one(e).id, "http://example.org/1");
}

// Venus's rule, so that ids in a store made by Venus (import-venus) match: the title's base,
// "/", and the md5 of the title; without a title, of the summary, then of the content.
TEST(Identity, KeyOfAnEntryWithoutIdOrLinkIsVenussMd5OfTheTitle) {
  model::ParsedEntry a;
  a.title = text("Same title");
  a.title->base = "http://example.com/";
  a.summary = text("Same words");
  model::ParsedEntry b = a;
  b.summary = text("Other words");
  model::ParsedEntry c = a;
  c.title = text("Other title");
  EXPECT_EQ(one(a).key, "http://example.com//" + util::md5_hex("Same title"));
  EXPECT_EQ(one(a).key, one(b).key);
  EXPECT_NE(one(a).key, one(c).key);
  model::ParsedEntry summary_only;
  summary_only.summary = text("Words");
  EXPECT_EQ(one(summary_only).key, "/" + util::md5_hex("Words"));
}

TEST(Identity, AnEnclosureIsTheIdBeforeTheLink) {
  model::ParsedEntry e;
  e.link = "http://example.org/post";
  e.enclosures.push_back({"http://example.org/episode.mp3", "audio/mpeg", 1});
  EXPECT_EQ(one(e).key, "http://example.org/episode.mp3");
}

TEST(Identity, AnEntryWithNothingToIdentifyItIsLeftOut) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.entries.resize(2);
  parsed.entries[1].id = "urn:x:2";
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].key, "urn:x:2");
}

// title_plain is text wherever a theme puts it (an RSS <title> a reader renders as HTML): a text
// title that spells a tag keeps its words, never the tag; the HTML form shows it as written.
TEST(Normalise, PlainTitleIsEscapedForHtmlAndItsPlainFormHoldsNoTag) {
  model::ParsedEntry e;
  e.title = text("Fish &  <b>chips</b> <img src=x onerror=alert(1)> 1 < 2");
  model::Entry entry = one(e);
  EXPECT_EQ(entry.title_plain, "Fish & chips 1 < 2");
  EXPECT_EQ(entry.title_html,
            "Fish &amp; &lt;b&gt;chips&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt; 1 &lt; 2");
}

TEST(Normalise, NamesAndTermsLoseMarkupEvenEscapedTwice) {
  model::ParsedEntry e;
  e.author = model::Person{"&lt;script&gt;alert(1)&lt;/script&gt;Ann <b>B</b>", "a@x.test", ""};
  e.tags.push_back(model::Tag{"<img src=x onerror=alert(1)>news", "", "<i>News</i>"});
  model::Entry entry = one(e);
  EXPECT_EQ(entry.author.name, "Ann B");
  ASSERT_EQ(entry.tags.size(), 1u);
  EXPECT_EQ(entry.tags[0], "news");
}

TEST(Normalise, HtmlTitleLosesItsMarkupInThePlainForm) {
  model::ParsedEntry e;
  e.title = text("Fish &amp; <b>chips</b>", model::TextType::html);
  model::Entry entry = one(e);
  EXPECT_EQ(entry.title_plain, "Fish & chips");
  EXPECT_NE(entry.title_html.find("<b>chips</b>"), std::string::npos);
}

TEST(Normalise, PlainSummaryBecomesEscapedHtml) {
  model::ParsedEntry e;
  e.summary = text("1 < 2 & 3");
  EXPECT_EQ(one(e).summary_html, "1 &lt; 2 &amp; 3");
}

TEST(Normalise, TheFirstContentIsKeptAsVenusKeepsIt) {
  model::ParsedEntry e;
  e.content.push_back(text("<p>rich body</p>", model::TextType::html));
  e.content.push_back(text("plain body"));
  model::Entry entry = one(e);
  EXPECT_EQ(entry.content_html, "<p>rich body</p>");
  EXPECT_EQ(entry.content_type, model::TextType::html);
}

TEST(Normalise, HtmlWithoutMarkupIsStoredAsText) {
  model::ParsedEntry e;
  e.title = text("AT&amp;T", model::TextType::html);
  e.summary = text("A <b>very</b> bad day", model::TextType::html);
  model::Entry entry = one(e);
  EXPECT_EQ(entry.title_type, model::TextType::text);
  EXPECT_EQ(entry.title_plain, "AT&T");
  EXPECT_EQ(entry.title_html, "AT&amp;T");
  EXPECT_EQ(entry.summary_type, model::TextType::html);
}

TEST(Normalise, PlainSummaryKeepsItsNewlines) {
  model::ParsedEntry e;
  e.summary = text("line one\nline <two>");
  EXPECT_EQ(one(e).summary_html, "line one\nline &lt;two&gt;");
}

TEST(Normalise, HtmlTitleHtmlIsSanitised) {
  model::ParsedEntry e;
  e.title = text("Hi<script>alert(1)</script> <i onclick=x>there</i>", model::TextType::html);
  model::Entry entry = one(e);
  EXPECT_EQ(entry.title_html, "Hi <i>there</i>");
  EXPECT_EQ(entry.title_plain, "Hi there");
}

TEST(Normalise, HtmlSummaryAndContentAreSanitisedAgainstTheirBase) {
  model::ParsedEntry e;
  e.summary = text("<a href=\"x\" onclick=\"y\">s</a>", model::TextType::html);
  e.summary->base = "http://example.org/a/";
  e.content.push_back(text("<p>c<script>z</script></p>", model::TextType::xhtml));
  model::Entry entry = one(e);
  EXPECT_EQ(entry.summary_html, "<a href=\"http://example.org/a/x\">s</a>");
  EXPECT_EQ(entry.content_html, "<p>c</p>");
}

model::ParsedFeed with_embed() {
  model::ParsedEntry e;
  e.id = "urn:test:embed";
  e.content.push_back(
      text("<p>Watch:</p><iframe src=\"https://video.example.org/embed/1\">"
           "</iframe><p>after</p>",
           model::TextType::html));
  model::ParsedFeed parsed;
  parsed.version = "atom10";
  parsed.entries.push_back(e);
  return parsed;
}

TEST(Normalise, EmbedsStayWithoutATraceUnlessThePlanetAsks) {
  // The default (and `orrery parse --json`, which calls clean() with no options): feedparser's
  // output, the iframe gone without a trace.
  model::Feed plain = normalise(with_embed(), config::FeedSettings{});
  ASSERT_EQ(plain.entries.size(), 1u);
  EXPECT_EQ(plain.entries[0].content_html, "<p>Watch:</p><p>after</p>");
  EXPECT_EQ(clean(with_embed()).entries[0].content[0].value, "<p>Watch:</p><p>after</p>");
  // The planet's store path (app/cycle sets embeds_as_links): a link to what it embedded.
  CleanOptions planet;
  planet.embeds_as_links = true;
  model::Feed linked = normalise(with_embed(), config::FeedSettings{}, planet);
  ASSERT_EQ(linked.entries.size(), 1u);
  EXPECT_EQ(linked.entries[0].content_html,
            "<p>Watch:</p><a href=\"https://video.example.org/embed/1\">"
            "https://video.example.org/embed/1</a> <p>after</p>");
}

TEST(Identity, AScriptLinkIsNoIdentity) {
  model::ParsedEntry e;
  e.link = "javascript:alert(1)";
  e.title = text("t");
  model::Entry entry = one(e);
  EXPECT_EQ(entry.link, "");
  EXPECT_EQ(entry.key, "/" + util::md5_hex("t"));
}

TEST(Normalise, UpdatedFallsBackToPublishedAndUndatedStaysUndated) {
  model::ParsedEntry dated;
  dated.published = date(2023, 7, 29, 11, 10);
  EXPECT_EQ(one(dated).updated, util::from_civil(2023, 7, 29, 11, 10, 0));
  model::ParsedEntry undated;
  undated.title = text("no date");
  EXPECT_FALSE(one(undated).updated.has_value());
  EXPECT_FALSE(one(undated).published.has_value());
}

TEST(Normalise, UnparsedDateIsAbsentNotAGuess) {
  model::ParsedEntry e;
  e.updated = model::Date{"sometime last week", std::nullopt};
  EXPECT_FALSE(one(e).updated.has_value());
}

// As Venus: the feed's author is the source's, not the entry's.
TEST(Normalise, AuthorNameIsTextAndTheFeedAuthorIsTheSources) {
  model::ParsedEntry e;
  e.author = model::Person{"Ann &amp; <i>Co</i>", "ann@example.org", "http://example.org/ann"};
  model::Entry entry = one(e);
  EXPECT_EQ(entry.author.name, "Ann & Co");
  EXPECT_EQ(entry.author.email, "ann@example.org");
  EXPECT_EQ(entry.author.href, "http://example.org/ann");
  model::ParsedChannel channel;
  channel.author = model::Person{"Feed Author", "", ""};
  model::Entry undersigned = one(model::ParsedEntry{}, channel);
  EXPECT_EQ(undersigned.author.name, "");
  EXPECT_EQ(undersigned.source.author.name, "Feed Author");
}

TEST(Normalise, ContributorsRightsAndCategoriesAreKept) {
  model::ParsedEntry e;
  e.contributors = {{"Bo", "bo@example.org", ""}};
  e.rights = text("&copy; 2006", model::TextType::html);
  e.tags = {{"inbox", "http://example.com/categories", "Inbox"}};
  model::Entry entry = one(e);
  ASSERT_EQ(entry.contributors.size(), 1u);
  EXPECT_EQ(entry.contributors[0].email, "bo@example.org");
  EXPECT_EQ(entry.rights_html, "\u00a9 2006");
  ASSERT_EQ(entry.categories.size(), 1u);
  EXPECT_EQ(entry.categories[0].scheme, "http://example.com/categories");
  EXPECT_EQ(entry.categories[0].label, "Inbox");
}

TEST(Normalise, TagsAreDistinctTextTerms) {
  model::ParsedEntry e;
  e.tags = {{"news", "", ""}, {"news", "", ""}, {"", "", "Label only"}};
  EXPECT_EQ(one(e).tags, (std::vector<std::string>{"news"}));  // Venus drops termless ones
}

TEST(Normalise, EntriesAreCappedAtTheLimit) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.entries.resize(model::limits::k_max_entries_per_feed + 5);
  for (std::size_t i = 0; i < parsed.entries.size(); ++i) {
    parsed.entries[i].id = "urn:x:" + std::to_string(i);
  }
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  EXPECT_EQ(feed.entries.size(), model::limits::k_max_entries_per_feed);
}

TEST(Normalise, ChannelTakesAlternateLinkAndPlainTitle) {
  model::ParsedFeed parsed;
  parsed.version = "atom10";
  parsed.feed.title = text("Beta &amp; <em>Blog</em>", model::TextType::html);
  parsed.feed.links = {{"self", "", "http://b/feed", "", "", {}},
                       {"alternate", "", "http://b/", "", "", {}}};
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  EXPECT_EQ(feed.channel.title_plain, "Beta & Blog");
  EXPECT_EQ(feed.channel.link, "http://b/");
}

TEST(Normalise, ChannelUpdatedFallsBackToPublished) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.feed.published = date(2024, 1, 2, 3, 4);
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  EXPECT_EQ(feed.channel.updated, util::from_civil(2024, 1, 2, 3, 4, 0));
}

// For the schedule (docs/schedule.md): RSS <ttl> and the syndication module, as written.
TEST(Normalise, ChannelCarriesTtlAndTheSyndicationModule) {
  model::ParsedFeed parsed;
  parsed.version = "rss10";
  parsed.feed.ttl = 90;
  parsed.feed.extensions = {{"sy_updateperiod", " hourly "}, {"sy_updatefrequency", "2"}};
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  EXPECT_EQ(feed.channel.ttl_minutes, 90);
  EXPECT_EQ(feed.channel.update_period, "hourly");
  EXPECT_EQ(feed.channel.update_frequency, "2");
}

TEST(Normalise, ChannelKeepsOnlySafeIconAndLinks) {
  model::ParsedFeed parsed;
  parsed.version = "atom10";
  parsed.feed.base = "http://b.example/";
  parsed.feed.icon = "favicon.ico";
  parsed.feed.logo = "javascript:alert(1)";
  parsed.feed.link = "vbscript:x";
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  EXPECT_EQ(feed.channel.icon, "http://b.example/favicon.ico");
  EXPECT_EQ(feed.channel.logo, "");
  EXPECT_EQ(feed.channel.link, "");
}

TEST(Source, TheFeedIsTheSourceOfItsEntriesWithThePlanetMetadata) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.feed.title = text("Alice's blog");
  parsed.feed.link = "http://alice.example/";
  parsed.feed.published = date(2024, 1, 2, 3, 4);
  parsed.entries.resize(1);
  parsed.entries[0].id = "urn:x:1";
  config::FeedSettings settings;
  settings.url = "http://alice.example/feed";
  settings.name = "Alice";
  settings.raw = {{"name", "Alice"}, {"face", "alice.png"}};
  model::Feed feed = normalise(parsed, settings);
  ASSERT_EQ(feed.entries.size(), 1u);
  const model::Source& source = feed.entries[0].source;
  EXPECT_EQ(source.id, "http://alice.example/");
  EXPECT_EQ(source.title_plain, "Alice's blog");
  EXPECT_EQ(source.updated, util::from_civil(2024, 1, 2, 3, 4, 0));
  EXPECT_EQ(source.author.name, "Alice");  // the planet name stands in for a missing author
  std::map<std::string, std::string> planet(source.planet.begin(), source.planet.end());
  EXPECT_EQ(planet["name"], "Alice");
  EXPECT_EQ(planet["face"], "alice.png");
  EXPECT_EQ(planet["format"], "rss20");
  EXPECT_EQ(planet["bozo"], "false");
  EXPECT_EQ(planet["css-id"], "alice");
  bool self = false;
  for (const model::Link& link : source.links) {
    self |= link.rel == "self" && link.href == "http://alice.example/feed" &&
            link.type == "application/rss+xml";
  }
  EXPECT_TRUE(self);
  // Undated entries take the feed's date, as Venus's spider gave them.
  EXPECT_EQ(feed.entries[0].updated, util::from_civil(2024, 1, 2, 3, 4, 0));
}

TEST(Source, AnEntrysOwnSourceIsKeptAndNamesTheFeedItCameThrough) {
  model::ParsedFeed parsed;
  parsed.version = "atom10";
  parsed.feed.id = "urn:planet:feed";
  parsed.entries.resize(1);
  parsed.entries[0].id = "urn:x:1";
  parsed.entries[0].source = model::ParsedChannel{};
  parsed.entries[0].source->id = "urn:origin";
  parsed.entries[0].source->tags = {{"t", "s", "l"}, {"", "s", "no term"}};
  model::Feed feed = normalise(parsed, config::FeedSettings{});
  const model::Source& source = feed.entries[0].source;
  EXPECT_EQ(source.id, "urn:origin");
  ASSERT_EQ(source.categories.size(), 1u);
  EXPECT_EQ(source.categories[0].label, "l");
  std::map<std::string, std::string> planet(source.planet.begin(), source.planet.end());
  EXPECT_EQ(planet["id"], "urn:planet:feed");
  EXPECT_EQ(planet["format"], "atom10");
}

TEST(Normalise, TheExtensionsVenusKeepsAreKept) {
  model::ParsedEntry e;
  e.extensions = {{"feedburner_origlink", "http://origin.example/1"},
                  {"dc_date.taken", "2010-10-15T16:10:05-01:00"},
                  {"slash_comments", "3"}};
  EXPECT_EQ(one(e).extensions, (std::vector<std::pair<std::string, std::string>>{
                                   {"feedburner_origlink", "http://origin.example/1"},
                                   {"dc_date_taken", "2010-10-15T16:10:05-01:00"}}));
}

model::Where where(std::string type, std::vector<std::pair<double, double>> coordinates) {
  model::Where w;
  w.type = std::move(type);
  w.coordinates = std::move(coordinates);
  return w;
}

TEST(Geo, APointTheCentreOfABoxOrTheFirstVertex) {
  model::ParsedEntry point;
  point.where = where("Point", {{-118.432212, 34.05261}});
  ASSERT_TRUE(one(point).geo.has_value());
  EXPECT_DOUBLE_EQ(one(point).geo->latitude, 34.05261);
  EXPECT_DOUBLE_EQ(one(point).geo->longitude, -118.432212);
  model::ParsedEntry box;
  box.where = where("Box", {{-71.032, 42.943}, {-69.856, 43.039}});
  EXPECT_NEAR(one(box).geo->latitude, 42.991, 1e-6);
  EXPECT_NEAR(one(box).geo->longitude, -70.444, 1e-6);
  model::ParsedEntry line;
  line.where = where("LineString", {{1, 2}, {3, 4}});
  EXPECT_DOUBLE_EQ(one(line).geo->latitude, 2);
  model::ParsedEntry none;
  EXPECT_FALSE(one(none).geo.has_value());
}

}  // namespace
}  // namespace orrery::normalise
