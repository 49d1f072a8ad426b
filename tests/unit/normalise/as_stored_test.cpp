#include "normalise/as_stored.h"

#include <gtest/gtest.h>

#include <string>

#include "model/limits.h"
#include "util/time.h"

namespace orrery::normalise {
namespace {

model::TextConstruct construct(model::TextType type, std::string value, std::string base = "") {
  model::TextConstruct c;
  c.type = type;
  c.value = std::move(value);
  c.base = std::move(base);
  return c;
}

model::ParsedFeed one_entry(model::ParsedEntry entry) {
  model::ParsedFeed feed;
  feed.version = "rss20";
  feed.entries.push_back(std::move(entry));
  return feed;
}

TEST(AsStored, KeepsTheEntrysOwnId) {
  model::ParsedEntry entry;
  entry.id = "urn:x:1";
  entry.link = "http://example.com/1";
  EXPECT_EQ(as_stored(one_entry(entry)).entries[0].id, "urn:x:1");
}

TEST(AsStored, AnEntryWithoutIdIsNamedByItsLink) {
  model::ParsedEntry entry;
  entry.link = "http://example.com/1";
  EXPECT_EQ(as_stored(one_entry(entry)).entries[0].id, "http://example.com/1");
}

TEST(AsStored, AnEntryWithOnlyATitleIsNamedByBaseAndTheTitlesMd5) {
  model::ParsedEntry entry;
  entry.title = construct(model::TextType::text, "title", "http://example.com/");
  EXPECT_EQ(as_stored(one_entry(entry)).entries[0].id,
            "http://example.com//d5d3db1765287eef77d7927cc956f50a");
}

TEST(AsStored, AnEntryWithOnlyContentIsNamedByTheContentsMd5) {
  model::ParsedEntry entry;
  entry.content.push_back(construct(model::TextType::html, "content", "http://example.com/"));
  EXPECT_EQ(as_stored(one_entry(entry)).entries[0].id,
            "http://example.com//9a0364b9e99bb480dd25e1f0284c8555");
}

TEST(AsStored, AnEntryWithoutTitleGetsAnEmptyOne) {
  model::ParsedFeed stored = as_stored(one_entry({}));
  ASSERT_TRUE(stored.entries[0].title.has_value());
  EXPECT_EQ(stored.entries[0].title->value, "");
}

TEST(AsStored, HtmlWithoutMarkupBecomesDecodedText) {
  model::ParsedEntry entry;
  entry.title = construct(model::TextType::html, "D&eacute;tente");
  model::ParsedFeed stored = as_stored(one_entry(entry));
  EXPECT_EQ(stored.entries[0].title->type, model::TextType::text);
  EXPECT_EQ(stored.entries[0].title->value, "D\xc3\xa9tente");
}

TEST(AsStored, HtmlWithMarkupStaysHtml) {
  model::ParsedEntry entry;
  entry.summary = construct(model::TextType::html, "a <b>bold</b> move");
  model::ParsedFeed stored = as_stored(one_entry(entry));
  EXPECT_EQ(stored.entries[0].summary->type, model::TextType::html);
  EXPECT_EQ(stored.entries[0].summary->value, "a <b>bold</b> move");
}

TEST(AsStored, ALessThanSignAloneIsNotMarkup) {
  model::ParsedEntry entry;
  entry.summary = construct(model::TextType::html, "1 &lt; 2 < 3");
  EXPECT_EQ(as_stored(one_entry(entry)).entries[0].summary->type, model::TextType::text);
}

TEST(AsStored, TextConstructsInheritTheFeedsLanguage) {
  model::ParsedFeed feed = one_entry({});
  feed.feed.language = "en";
  feed.entries[0].content.push_back(construct(model::TextType::text, "hello"));
  model::ParsedFeed stored = as_stored(feed);
  EXPECT_EQ(stored.entries[0].language, "en");
  EXPECT_EQ(stored.entries[0].title->language, "en");
  EXPECT_EQ(stored.entries[0].content[0].language, "en");
}

TEST(AsStored, AnEntrysOwnLanguageWins) {
  model::ParsedFeed feed = one_entry({});
  feed.feed.language = "en";
  feed.entries[0].language = "fr";
  EXPECT_EQ(as_stored(feed).entries[0].title->language, "fr");
}

TEST(AsStored, SourceIsFilledFromTheFeed) {
  model::ParsedFeed feed = one_entry({});
  feed.feed.title = construct(model::TextType::text, "visible name");
  feed.feed.link = "http://example.com/";
  feed.feed.image = model::Image{"http://example.com/logo.jpg", {}, {}, {}, {}, {}};
  model::ParsedFeed stored = as_stored(feed);
  const auto& source = stored.entries[0].source;
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(source->title->value, "visible name");
  EXPECT_EQ(source->id, "http://example.com/");
  EXPECT_EQ(source->logo, "http://example.com/logo.jpg");
}

TEST(AsStored, WithActivityThresholdSourcesCarryTheCopysNewestUpdatedDate) {
  model::ParsedFeed feed = one_entry({});
  for (const char* when : {"2024-03-08T09:30:00Z", "2024-01-02T03:04:05Z"}) {
    model::ParsedEntry entry;
    entry.id = when;
    entry.updated = model::Date{when, util::parse_rfc3339(when)};
    feed.entries.push_back(entry);
  }
  config::FeedSettings settings;
  settings.url = "http://example.com/feed";
  auto planet_updated = [](const model::ParsedFeed& stored) -> std::string {
    for (const auto& [key, value] : stored.entries[1].source->extensions) {
      if (key == "planet_updated") {
        return value;
      }
    }
    return "none";
  };
  EXPECT_EQ(planet_updated(as_stored(feed, settings)), "none");
  settings.activity_threshold = 7;
  EXPECT_EQ(planet_updated(as_stored(feed, settings)), "2024-03-08T09:30:00Z");
}

TEST(AsStored, AnRssSourceBecomesALinkTitledWithItsText) {
  model::ParsedEntry entry;
  entry.source = model::ParsedChannel{};
  entry.source->title = construct(model::TextType::text, "org");
  entry.source->href = "http://www.example.org";
  model::ParsedFeed feed = one_entry(entry);
  feed.feed.title = construct(model::TextType::text, "not this one");
  model::ParsedFeed stored = as_stored(feed);
  const auto& source = stored.entries[0].source;
  ASSERT_EQ(source->links.size(), 1U);
  EXPECT_EQ(source->links[0].href, "http://www.example.org");
  EXPECT_EQ(source->links[0].title, "org");
  EXPECT_EQ(source->title->value, "org");
}

TEST(AsStored, AuthorNamesAreText) {
  model::ParsedEntry entry;
  entry.author = model::Person{"  John &amp; <b>Jane</b>\n Doe ", "", ""};
  EXPECT_EQ(as_stored(one_entry(entry)).entries[0].author->name, "John & Jane Doe");
}

TEST(AsStored, AnUndatedEntryTakesItsPublishedDateAsUpdated) {
  model::ParsedEntry entry;
  entry.published = model::Date{"2004-02-29T02:14:55Z", util::TimePoint{}};
  model::ParsedFeed stored = as_stored(one_entry(entry));
  ASSERT_TRUE(stored.entries[0].updated.has_value());
  EXPECT_EQ(stored.entries[0].updated->raw, "2004-02-29T02:14:55Z");
}

TEST(AsStored, AGeoRssPointBecomesGeoLatAndLong) {
  model::ParsedEntry entry;
  entry.where.emplace();
  entry.where->type = "Point";
  entry.where->coordinates = {{-74.012421, 40.711735}};
  model::ParsedFeed stored = as_stored(one_entry(entry));
  const auto& ext = stored.entries[0].extensions;
  ASSERT_EQ(ext.size(), 2U);
  EXPECT_EQ(ext[0], (std::pair<std::string, std::string>{"geo_lat", "40.711735"}));
  EXPECT_EQ(ext[1], (std::pair<std::string, std::string>{"geo_long", "-74.012421"}));
}

TEST(AsStored, ApplyingItTwiceChangesNothingMore) {
  model::ParsedEntry entry;
  entry.title = construct(model::TextType::html, "D&amp;eacute;tente", "http://example.com/");
  model::ParsedFeed once = as_stored(one_entry(entry));
  model::ParsedFeed twice = as_stored(once);
  EXPECT_EQ(twice.entries[0].id, once.entries[0].id);
  EXPECT_EQ(twice.entries[0].title->value, once.entries[0].title->value);
}

TEST(AsStored, AnEntryGivingOnlyALinkGetsItAsTheAlternateLink) {
  model::ParsedEntry entry;
  entry.id = "http://example.com/1";
  entry.link = "http://example.com/1";
  entry.guidislink = true;
  model::ParsedFeed stored = as_stored(one_entry(entry));
  ASSERT_EQ(stored.entries[0].links.size(), 1u);
  EXPECT_EQ(stored.entries[0].links[0].rel, "alternate");
  EXPECT_EQ(stored.entries[0].links[0].href, "http://example.com/1");
}

TEST(AsStored, AnUndatedEntryTakesTheChannelsDateRssPubDateIncluded) {
  model::ParsedFeed feed = one_entry({});
  feed.feed.published = model::Date{"raw", util::from_civil(2006, 6, 21, 13, 16, 41)};
  model::ParsedFeed stored = as_stored(feed);
  ASSERT_TRUE(stored.entries[0].updated.has_value());
  EXPECT_EQ(stored.entries[0].updated->parsed, util::from_civil(2006, 6, 21, 13, 16, 41));
  EXPECT_EQ(stored.entries[0].source->updated->parsed, util::from_civil(2006, 6, 21, 13, 16, 41));
}

TEST(AsStored, AnRssPubDateIsTheUpdatedDateAsVenusReadIt) {
  model::ParsedEntry entry;
  entry.published = model::Date{"raw", util::from_civil(2006, 6, 21, 13, 16, 41)};
  model::ParsedFeed rss = as_stored(one_entry(entry));  // one_entry's feed is rss20
  EXPECT_FALSE(rss.entries[0].published.has_value());
  EXPECT_EQ(rss.entries[0].updated->parsed, util::from_civil(2006, 6, 21, 13, 16, 41));
  model::ParsedFeed atom_feed = one_entry(entry);
  atom_feed.version = "atom10";
  model::ParsedFeed atom = as_stored(atom_feed);
  ASSERT_TRUE(atom.entries[0].published.has_value());
  EXPECT_EQ(atom.entries[0].updated->parsed, util::from_civil(2006, 6, 21, 13, 16, 41));
}

TEST(AsStored, CategoriesWithoutATermAreDropped) {
  model::ParsedEntry entry;
  entry.tags = {{"", "http://example.com/s", "blank"}, {"kept", "", ""}};
  model::ParsedFeed stored = as_stored(one_entry(entry));
  ASSERT_EQ(stored.entries[0].tags.size(), 1u);
  EXPECT_EQ(stored.entries[0].tags[0].term, "kept");
}

TEST(AsStored, FlickrsDateTakenIsKept) {
  model::ParsedEntry entry;
  entry.extensions = {{"dc_date.taken", "2010-10-15T16:10:05-01:00"}};
  model::ParsedFeed stored = as_stored(one_entry(entry));
  ASSERT_EQ(stored.entries[0].extensions.size(), 1u);
  EXPECT_EQ(stored.entries[0].extensions[0].first, "dc_date_taken");
}

TEST(AsStored, AnAuthorWithoutANameTakesThePlanetName) {
  model::ParsedEntry entry;
  entry.author = model::Person{"", "john@example.com", ""};
  model::ParsedFeed feed = one_entry(entry);
  config::FeedSettings settings;
  settings.raw = {{"name", "John Doe"}};
  model::ParsedFeed stored = as_stored(feed, settings);
  EXPECT_EQ(stored.entries[0].author->name, "John Doe");
  EXPECT_EQ(stored.entries[0].author->email, "john@example.com");
}

// Each entry stores a copy of its source: a feed with huge metadata is not copied whole into
// every entry. What does not fit in k_max_source_bytes is left out, by precedence.
TEST(AsStored, TheSourceCopiedIntoEachEntryIsBounded) {
  model::ParsedFeed feed = one_entry({});
  feed.entries.push_back({});
  feed.feed.id = "urn:feed";
  feed.feed.title = construct(model::TextType::text, "Title");
  feed.feed.subtitle =
      construct(model::TextType::text, std::string(model::limits::k_max_source_bytes, 'x'));
  for (int i = 0; i < 10000; ++i) {
    feed.feed.tags.push_back({"tag" + std::to_string(i), "", ""});
  }
  model::ParsedFeed stored = as_stored(feed);
  for (const model::ParsedEntry& entry : stored.entries) {
    const model::ParsedChannel& source = *entry.source;
    EXPECT_EQ(source.id, "urn:feed");
    ASSERT_TRUE(source.title.has_value());
    EXPECT_FALSE(source.subtitle.has_value());
    EXPECT_GT(source.tags.size(), 0u);
    std::size_t bytes = 0;
    for (const model::Tag& tag : source.tags) bytes += tag.term.size();
    EXPECT_LE(bytes, model::limits::k_max_source_bytes);
    EXPECT_LT(source.tags.size(), 10000u);
  }
}

TEST(AsStored, CssIdIsThePlanetNameAsVenusMakesIt) {
  config::FeedSettings settings;
  settings.raw = {{"name", "Sam Ruby's  Blog!"}};
  model::ParsedFeed stored = as_stored(one_entry({}), settings);
  std::string css;
  for (const auto& [key, value] : stored.entries[0].source->extensions) {
    if (key == "planet_css-id") css = value;
  }
  EXPECT_EQ(css, "sam-ruby-s-blog");
}

}  // namespace
}  // namespace orrery::normalise
