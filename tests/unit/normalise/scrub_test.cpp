#include "normalise/scrub.h"

#include <gtest/gtest.h>

#include "normalise/normalise.h"

namespace orrery::normalise {
namespace {

model::TextConstruct construct(model::TextType type, std::string value, std::string base = "") {
  model::TextConstruct c;
  c.type = type;
  c.value = std::move(value);
  c.base = std::move(base);
  return c;
}

model::ParsedFeed feed_with(model::ParsedEntry entry) {
  model::ParsedFeed feed;
  feed.version = "atom10";
  feed.feed.link = "http://feed.example/";
  feed.feed.language = "fr";
  feed.feed.id = "urn:feed";
  feed.entries.push_back(std::move(entry));
  return feed;
}

TEST(Scrub, NothingToDoLeavesTheDocumentAsItIs) {
  model::ParsedEntry entry;
  entry.id = "urn:x:1";
  entry.title = construct(model::TextType::html, "<b>t</b>");
  model::ParsedFeed scrubbed = scrub(feed_with(entry), config::FeedOptions{});
  EXPECT_EQ(scrubbed.entries[0].title->value, "<b>t</b>");
  EXPECT_EQ(scrubbed.entries[0].id, "urn:x:1");
}

TEST(Scrub, IgnoreInFeedRemovesTheElementsFromTheFeedAndEveryEntry) {
  model::ParsedEntry entry;
  entry.id = "urn:x:1";
  entry.author = model::Person{"Ann", "", ""};
  entry.authors = {*entry.author};
  entry.updated = model::Date{"raw", util::from_unix(1000)};
  entry.language = "de";
  entry.title = construct(model::TextType::text, "t");
  entry.title->language = "de";
  entry.extensions = {{"georss_point", "1 2"}, {"dc_subject", "kept"}};
  model::ParsedFeed feed = feed_with(entry);
  feed.feed.author = model::Person{"Feed", "", ""};
  config::FeedOptions options;
  options.ignore_in_feed = {"author", "updated", "language", "georss_point"};
  model::ParsedFeed scrubbed = scrub(feed, options);
  const model::ParsedEntry& e = scrubbed.entries[0];
  EXPECT_FALSE(e.author.has_value());
  EXPECT_TRUE(e.authors.empty());
  EXPECT_FALSE(e.updated.has_value());
  EXPECT_EQ(e.language, "");
  EXPECT_EQ(e.title->language, "");
  ASSERT_EQ(e.extensions.size(), 1u);
  EXPECT_EQ(e.extensions[0].first, "dc_subject");
  EXPECT_FALSE(scrubbed.feed.author.has_value());
  EXPECT_EQ(scrubbed.feed.language, "");
  EXPECT_EQ(e.id, "urn:x:1");
}

// A feed whose ids change on every poll: ignore_in_feed = id makes Venus's id rule fall back
// to the link.
TEST(Scrub, IgnoringIdsGivesTheLinkAsTheStoredId) {
  model::ParsedEntry entry;
  entry.id = "urn:uuid:changes-every-time";
  entry.link = "http://feed.example/1";
  config::FeedSettings settings;
  settings.ignore_in_feed = {"id"};
  model::Feed feed = normalise(feed_with(entry), settings);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].key, "http://feed.example/1");
}

TEST(Scrub, TypeOverridesReadTheConstructsAsThatType) {
  model::ParsedEntry entry;
  entry.id = "urn:x:1";
  entry.title = construct(model::TextType::text, "Fish &amp; <i>chips</i>");
  entry.summary = construct(model::TextType::html, "<p>as text</p>");
  entry.content = {construct(model::TextType::text, "<p>body</p>"),
                   construct(model::TextType::text, "second")};
  config::FeedSettings settings;
  settings.title_type = config::TextType::html;
  settings.summary_type = config::TextType::text;
  settings.content_type = config::TextType::html;
  model::ParsedFeed scrubbed = scrub(feed_with(entry), settings);
  EXPECT_EQ(scrubbed.entries[0].title->type, model::TextType::html);
  EXPECT_EQ(scrubbed.entries[0].summary->type, model::TextType::text);
  EXPECT_EQ(scrubbed.entries[0].content[0].type, model::TextType::html);
  EXPECT_EQ(scrubbed.entries[0].content[1].type, model::TextType::text);  // the first only
  model::Feed feed = normalise(feed_with(entry), settings);
  EXPECT_EQ(feed.entries[0].title_plain, "Fish & chips");
  EXPECT_EQ(feed.entries[0].summary_html, "&lt;p&gt;as text&lt;/p&gt;");
  EXPECT_EQ(feed.entries[0].content_html, "<p>body</p>");
}

TEST(Scrub, XmlBaseMovesWhereRelativeUrlsPoint) {
  model::ParsedEntry entry;
  entry.id = "urn:x:1";
  entry.link = "http://feed.example/posts/1";
  entry.content = {
      construct(model::TextType::html, "<a href=\"img.png\">i</a>", "http://wrong.example/dir/")};
  entry.summary = construct(model::TextType::text, "plain", "http://wrong.example/dir/");
  config::FeedSettings settings;
  auto content_with = [&](config::XmlBase::Mode mode, std::string uri = "") {
    settings.xml_base = config::XmlBase{mode, std::move(uri)};
    return normalise(feed_with(entry), settings).entries.at(0).content_html;
  };
  EXPECT_EQ(content_with(config::XmlBase::Mode::feed_alternate),
            "<a href=\"http://feed.example/img.png\">i</a>");
  EXPECT_EQ(content_with(config::XmlBase::Mode::entry_alternate),
            "<a href=\"http://feed.example/posts/img.png\">i</a>");
  EXPECT_EQ(content_with(config::XmlBase::Mode::uri, "../other/"),
            "<a href=\"http://wrong.example/other/img.png\">i</a>");
  settings.xml_base = config::XmlBase{config::XmlBase::Mode::entry_alternate, ""};
  EXPECT_EQ(scrub(feed_with(entry), settings).entries[0].summary->base,
            "http://wrong.example/dir/");  // text has no URLs to move
}

}  // namespace
}  // namespace orrery::normalise
