#include "render/present.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "render/publishable.h"

namespace orrery::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(PresentContent, DemotesPostHeadingsBelowTheEntryTitle) {
  Presentation options;
  options.top_heading = 5;
  PresentedContent out =
      present_content("<h1 id=\"a\">Big</h1><p>x</p><h2>Less</h2><h6>Least</h6>", options);
  EXPECT_EQ(out.lead, "<h5 id=\"a\">Big</h5><p>x</p><h6>Less</h6><h6>Least</h6>");
  EXPECT_EQ(out.more, "");
}

TEST(PresentContent, KeepsHeadingsWhenNoLevelIsGiven) {
  EXPECT_EQ(present_content("<h1>Big</h1>", {}).lead, "<h1>Big</h1>");
}

TEST(PresentContent, DropsInlineStyles) {
  PresentedContent out = present_content(
      "<p style=\"font-size: 40px; color: red;\" class=\"x\">Loud</p><span style='a:b'>s</span>",
      {});
  EXPECT_EQ(out.lead, "<p class=\"x\">Loud</p><span>s</span>");
}

TEST(PresentContent, LoadsImagesLazilyWithoutReferrer) {
  PresentedContent out =
      present_content("<img alt=\"A chart\" src=\"https://x.test/a.png\" />", {});
  EXPECT_EQ(out.lead,
            "<img alt=\"A chart\" src=\"https://x.test/a.png\" loading=\"lazy\" "
            "referrerpolicy=\"no-referrer\" />");
}

TEST(PresentContent, ScrollingBlocksTakeTheKeyboardFocus) {
  EXPECT_EQ(present_content("<pre>code</pre><table><tr><td>1</td></tr></table>", {}).lead,
            "<pre tabindex=\"0\">code</pre><table tabindex=\"0\"><tr><td>1</td></tr></table>");
}

TEST(PresentContent, AngleBracketInAQuotedAttributeIsNotATag) {
  PresentedContent out = present_content("<a title=\"a > b <h1>\" href=\"#\">t</a>", {5, 0});
  EXPECT_EQ(out.lead, "<a title=\"a > b <h1>\" href=\"#\">t</a>");
}

TEST(PresentContent, FoldsALongPostBetweenTopLevelElements) {
  std::string para = "<p>" + std::string(100, 'a') + "</p>";
  Presentation options;
  options.fold_after = 150;
  PresentedContent out = present_content(para + para + "<p>one two three</p>" + para, options);
  EXPECT_EQ(out.lead, para + para);
  EXPECT_EQ(out.more, "<p>one two three</p>" + para);
  EXPECT_EQ(out.more_words, 4u);
}

TEST(PresentContent, FoldsInsideASingleWrapper) {
  std::string para = "<p>" + std::string(100, 'a') + "</p>";
  Presentation options;
  options.fold_after = 150;
  PresentedContent out =
      present_content("<div class=\"w\">" + para + para + para + "</div>", options);
  EXPECT_EQ(out.lead, "<div class=\"w\">" + para + para + "</div>");
  EXPECT_EQ(out.more, "<div class=\"w\">" + para + "</div>");
}

TEST(PresentContent, DoesNotFoldAShortPostOrAShortRest) {
  std::string para = "<p>" + std::string(100, 'a') + "</p>";
  Presentation options;
  options.fold_after = 150;
  EXPECT_EQ(present_content(para, options).more, "");
  // The rest would be 5 bytes of text: less than a quarter of fold_after, not worth a click.
  EXPECT_EQ(present_content(para + para + "<p>tail.</p>", options).more, "");
}

TEST(FirstWords, TitlesFromTheTextOfTheContent) {
  EXPECT_EQ(first_words("<p>Tom &amp; Jerry&#8217;s <b>big</b>\n day out</p>", 10),
            "Tom & Jerry\u2019s big day out");
  EXPECT_EQ(first_words("<p>one two three four</p>", 3), "one two three…");
  EXPECT_EQ(first_words("<img src=\"x\" />", 3), "");
}

TEST(NoReply, RecognisesAddressesThatOnlyBounce) {
  EXPECT_TRUE(is_no_reply_address("noreply@blogger.com"));
  EXPECT_TRUE(is_no_reply_address("No-Reply@example.org"));
  EXPECT_TRUE(is_no_reply_address("do-not-reply+x@example.org"));
  EXPECT_TRUE(is_no_reply_address("donotreply@example.org"));
  EXPECT_FALSE(is_no_reply_address("reply@example.org"));
  EXPECT_FALSE(is_no_reply_address("ann@example.org"));
  EXPECT_FALSE(is_no_reply_address("noreply"));
}

TEST(MakePublishable, ClearsBounceAddressesAndTitlesUntitledEntries) {
  RenderInput input;
  model::StoredEntry stored;
  stored.entry.author.email = "noreply@blogger.com";
  stored.entry.author.name = "Luke";
  stored.entry.source.author.email = "noreply@blogger.com";
  stored.entry.content_html = "<p>A short note &amp; more</p>";
  input.entries.push_back(stored);
  make_publishable(input);
  const model::Entry& e = input.entries.front().entry;
  EXPECT_EQ(e.author.email, "");
  EXPECT_EQ(e.author.name, "Luke");
  EXPECT_EQ(e.source.author.email, "");
  EXPECT_EQ(e.title_plain, "A short note & more");
  EXPECT_EQ(e.title_html, "A short note &amp; more");
  EXPECT_THAT(e.title_html, Not(HasSubstr("<")));
}

}  // namespace
}  // namespace orrery::render
