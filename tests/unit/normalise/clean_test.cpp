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

TEST(Clean, SanitisesHtmlContentAgainstItsOwnBase) {
  model::ParsedFeed feed;
  feed.version = "atom10";
  model::ParsedEntry entry;
  entry.content.push_back(construct(model::TextType::html,
                                    "<p onclick=\"x()\">Hi <a href=\"p/1\">there</a></p>"
                                    "<script>alert(1)</script>",
                                    "http://example.org/blog/"));
  feed.entries.push_back(entry);
  model::ParsedFeed cleaned = clean(feed);
  const std::string& html = cleaned.entries[0].content[0].value;
  EXPECT_EQ(html.find("script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"http://example.org/blog/p/1\""), std::string::npos) << html;
}

TEST(Clean, LeavesPlainTextAlone) {
  model::ParsedFeed feed;
  feed.feed.title = construct(model::TextType::text, "Fish & <chips>");
  model::ParsedFeed cleaned = clean(feed);
  EXPECT_EQ(cleaned.feed.title->value, "Fish & <chips>");
}

TEST(Clean, SanitisesHtmlTitlesAndSubtitles) {
  model::ParsedFeed feed;
  feed.feed.subtitle = construct(model::TextType::html, "<b>bold</b><iframe src=\"x\"></iframe>");
  model::ParsedFeed cleaned = clean(feed);
  EXPECT_EQ(cleaned.feed.subtitle->value.find("iframe"), std::string::npos);
  EXPECT_NE(cleaned.feed.subtitle->value.find("<b>bold</b>"), std::string::npos);
}

TEST(Clean, SanitisesXhtmlConstructsLikeHtml) {
  model::ParsedFeed feed;
  model::ParsedEntry entry;
  entry.summary =
      construct(model::TextType::xhtml, "<div>ok<object data=\"x.swf\"></object></div>");
  entry.rights = construct(model::TextType::html, "&copy; <a href=\"javascript:x\">me</a>");
  feed.entries.push_back(entry);
  model::ParsedFeed cleaned = clean(feed);
  EXPECT_EQ(cleaned.entries[0].summary->value, "<div>ok</div>");
  // named references are written back as written, as feedparser writes them
  EXPECT_EQ(cleaned.entries[0].rights->value, "&copy; <a href=\"\">me</a>");
}

TEST(Clean, ResolvesLinksAgainstTheirBaseAndDropsScriptSchemes) {
  model::ParsedFeed feed;
  feed.feed.base = "http://example.org/";
  feed.feed.link = "blog/";
  feed.feed.icon = "javascript:alert(1)";
  model::ParsedEntry entry;
  entry.base = "http://example.org/blog/";
  entry.link = "2024/post";
  entry.links = {{"alternate", "", "2024/post", "", "", {}},
                 {"related", "", "vbscript:msgbox", "", "", {}}};
  entry.enclosures = {{"ep1.mp3", "audio/mpeg", 1}, {"data:text/html,x", "", {}}};
  entry.author = model::Person{"Ann", "", "javascript:x"};
  feed.entries.push_back(entry);
  model::ParsedFeed cleaned = clean(feed);
  EXPECT_EQ(cleaned.feed.link, "http://example.org/blog/");
  EXPECT_EQ(cleaned.feed.icon, "");
  const model::ParsedEntry& e = cleaned.entries[0];
  EXPECT_EQ(e.link, "http://example.org/blog/2024/post");
  ASSERT_EQ(e.links.size(), 1u);
  EXPECT_EQ(e.links[0].href, "http://example.org/blog/2024/post");
  ASSERT_EQ(e.enclosures.size(), 1u);
  EXPECT_EQ(e.enclosures[0].href, "http://example.org/blog/ep1.mp3");
  EXPECT_EQ(e.author->href, "");
}

TEST(Clean, EveryUrlValuedFieldPassesThePolicyAfterDecoding) {
  model::ParsedFeed feed;
  feed.feed.base = "javascript:alert(1)//";
  feed.feed.generator_href = "java&#x09;script&colon;alert(1)";
  feed.feed.image = model::Image{"data:text/html,x", "", "", "", {}, {}};
  model::ParsedEntry entry;
  entry.base = "http://example.org/";
  entry.link = "javascript&colon;alert(1)";
  entry.comments = "vbscript:x";
  entry.image = model::Image{"  \x01javascript:x", "", "", "", {}, {}};
  entry.summary = construct(model::TextType::html, "<p>x</p>", "data:text/html,x");
  feed.entries.push_back(entry);
  model::ParsedFeed cleaned = clean(feed);
  EXPECT_EQ(cleaned.feed.base, "");
  EXPECT_EQ(cleaned.feed.generator_href, "");
  EXPECT_EQ(cleaned.feed.image->href, "");
  const model::ParsedEntry& e = cleaned.entries[0];
  EXPECT_EQ(e.link, "");
  EXPECT_EQ(e.comments, "");
  EXPECT_EQ(e.image->href, "");
  EXPECT_EQ(e.summary->base, "");
}

TEST(Clean, TextFieldsLoseMarkupAndMediaTypesMustBeTypeSlashSubtype) {
  model::ParsedFeed feed;
  feed.feed.generator = "<b>Gen</b>";
  model::ParsedEntry entry;
  entry.author = model::Person{"&lt;script&gt;x&lt;/script&gt;Ann", "a@x.test<img src=x>", ""};
  entry.author_text = "<script>x</script>Ann";
  entry.tags = {{"<img src=x onerror=alert(1)>news", "", "<i>News</i>"},
                {"<script></script>", "", ""}};
  entry.enclosures = {{"http://x.test/a.mp3", "\"><script>alert(1)</script>", 1},
                      {"http://x.test/b.mp3", " Audio/MPEG; q=1", 2}};
  feed.entries.push_back(entry);
  model::ParsedFeed cleaned = clean(feed);
  EXPECT_EQ(cleaned.feed.generator, "Gen");
  const model::ParsedEntry& e = cleaned.entries[0];
  EXPECT_EQ(e.author->name, "Ann");
  EXPECT_EQ(e.author->email, "a@x.test");
  EXPECT_EQ(e.author_text, "Ann (a@x.test)");
  ASSERT_EQ(e.tags.size(), 1u);
  EXPECT_EQ(e.tags[0].term, "news");
  EXPECT_EQ(e.tags[0].label, "News");
  EXPECT_EQ(e.enclosures.at(0).type, "");
  EXPECT_EQ(e.enclosures.at(1).type, "audio/mpeg");
}

TEST(Clean, AnAuthorWrittenWithItsEmailInAngleBracketsIsKept) {
  model::ParsedFeed feed;
  model::ParsedEntry entry;
  entry.author = model::Person{"Ann", "ann@x.test", ""};
  entry.author_text = "Ann <ann@x.test>";
  feed.entries.push_back(entry);
  EXPECT_EQ(clean(feed).entries[0].author_text, "Ann <ann@x.test>");
}

}  // namespace
}  // namespace orrery::normalise
