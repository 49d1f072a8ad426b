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

}  // namespace
}  // namespace orrery::normalise
