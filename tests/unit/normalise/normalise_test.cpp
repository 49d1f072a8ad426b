#include "normalise/normalise.h"

#include <gtest/gtest.h>

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

model::Entry one(const model::ParsedEntry& entry, const model::ParsedChannel& channel = {}) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.feed = channel;
  parsed.entries.push_back(entry);
  model::Feed feed = normalise(parsed, config::FeedSettings{}, util::from_unix(0));
  EXPECT_EQ(feed.entries.size(), 1u);
  return feed.entries.empty() ? model::Entry{} : feed.entries[0];
}

TEST(Identity, KeyIsTheIdWhenPresent) {
  model::ParsedEntry e;
  e.id = " tag:example.org,2023:1 ";
  e.link = "http://example.org/1";
  EXPECT_EQ(one(e).key, "id:tag:example.org,2023:1");
}

TEST(Identity, KeyFallsBackToTheLink) {
  model::ParsedEntry e;
  e.link = "http://example.org/1";
  EXPECT_EQ(one(e).key, "link:http://example.org/1");
}

TEST(Identity, KeyOfAnEntryWithoutIdOrLinkIsAStableContentHash) {
  model::ParsedEntry a;
  a.title = text("Same title");
  a.summary = text("Same words");
  model::ParsedEntry b = a;
  model::ParsedEntry c = a;
  c.summary = text("Other words");
  EXPECT_EQ(one(a).key.rfind("hash:", 0), 0u);
  EXPECT_EQ(one(a).key, one(b).key);
  EXPECT_NE(one(a).key, one(c).key);
}

TEST(Normalise, PlainTitleIsEscapedForHtmlAndKeptAsText) {
  model::ParsedEntry e;
  e.title = text("Fish &  <b>chips</b>");
  model::Entry entry = one(e);
  EXPECT_EQ(entry.title_plain, "Fish & <b>chips</b>");
  EXPECT_EQ(entry.title_html, "Fish &amp; &lt;b&gt;chips&lt;/b&gt;");
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

TEST(Normalise, HtmlContentIsPreferredOverPlainContent) {
  model::ParsedEntry e;
  e.content.push_back(text("plain body"));
  e.content.push_back(text("<p>rich body</p>", model::TextType::html));
  EXPECT_EQ(one(e).content_html, "<p>rich body</p>");
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

TEST(Identity, AScriptLinkIsNoIdentity) {
  model::ParsedEntry e;
  e.link = "javascript:alert(1)";
  e.title = text("t");
  model::Entry entry = one(e);
  EXPECT_EQ(entry.link, "");
  EXPECT_EQ(entry.key.rfind("hash:", 0), 0u);
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

TEST(Normalise, AuthorNameIsTextAndFallsBackToTheFeedAuthor) {
  model::ParsedEntry e;
  e.author = model::Person{"Ann &amp; <i>Co</i>", "", ""};
  EXPECT_EQ(one(e).author.name, "Ann & Co");
  model::ParsedChannel channel;
  channel.author = model::Person{"Feed Author", "", ""};
  EXPECT_EQ(one(model::ParsedEntry{}, channel).author.name, "Feed Author");
}

TEST(Normalise, TagsAreDistinctTextTerms) {
  model::ParsedEntry e;
  e.tags = {{"news", "", ""}, {"news", "", ""}, {"", "", "Label only"}};
  EXPECT_EQ(one(e).tags, (std::vector<std::string>{"news", "Label only"}));
}

TEST(Normalise, EntriesAreCappedAtTheLimit) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.entries.resize(model::limits::k_max_entries_per_feed + 5);
  model::Feed feed = normalise(parsed, config::FeedSettings{}, util::from_unix(0));
  EXPECT_EQ(feed.entries.size(), model::limits::k_max_entries_per_feed);
}

TEST(Normalise, ChannelTakesAlternateLinkAndPlainTitle) {
  model::ParsedFeed parsed;
  parsed.version = "atom10";
  parsed.feed.title = text("Beta &amp; <em>Blog</em>", model::TextType::html);
  parsed.feed.links = {{"self", "", "http://b/feed", "", "", {}},
                       {"alternate", "", "http://b/", "", "", {}}};
  model::Feed feed = normalise(parsed, config::FeedSettings{}, util::from_unix(0));
  EXPECT_EQ(feed.channel.title_plain, "Beta & Blog");
  EXPECT_EQ(feed.channel.link, "http://b/");
}

TEST(Normalise, ChannelUpdatedFallsBackToPublished) {
  model::ParsedFeed parsed;
  parsed.version = "rss20";
  parsed.feed.published = date(2024, 1, 2, 3, 4);
  model::Feed feed = normalise(parsed, config::FeedSettings{}, util::from_unix(0));
  EXPECT_EQ(feed.channel.updated, util::from_civil(2024, 1, 2, 3, 4, 0));
}

TEST(Normalise, ChannelKeepsOnlySafeIconAndLinks) {
  model::ParsedFeed parsed;
  parsed.version = "atom10";
  parsed.feed.base = "http://b.example/";
  parsed.feed.icon = "favicon.ico";
  parsed.feed.logo = "javascript:alert(1)";
  parsed.feed.link = "vbscript:x";
  model::Feed feed = normalise(parsed, config::FeedSettings{}, util::from_unix(0));
  EXPECT_EQ(feed.channel.icon, "http://b.example/favicon.ico");
  EXPECT_EQ(feed.channel.logo, "");
  EXPECT_EQ(feed.channel.link, "");
}

}  // namespace
}  // namespace orrery::normalise
