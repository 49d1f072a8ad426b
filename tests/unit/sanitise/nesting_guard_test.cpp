#include "sanitise/nesting_guard.h"

#include <gtest/gtest.h>

namespace orrery::sanitise::detail {
namespace {

TEST(NestingGuard, LeavesShallowMarkupUntouched) {
  const char* inputs[] = {
      "<div><p>a<p>b</div>",
      "<ul><li>a<li>b<li>c</ul>",
      "<!-- <div><div><div> --> text",
      "<script>'<div><div><div>'</script>",
      "<a title='<div><div><div>'>x</a>",
  };
  for (const char* input : inputs) {
    EXPECT_EQ(limit_nesting(input, 2), input) << input;
  }
}

TEST(NestingGuard, RemovesStartTagsBeyondTheLimitAndTheirEndTags) {
  EXPECT_EQ(limit_nesting("<div><div><div>x</div></div></div>", 2), "<div><div>x</div></div>");
}

TEST(NestingGuard, CountsImpliedEndTagsAsClosing) {
  std::string many_paragraphs;
  for (int i = 0; i < 100; ++i) {
    many_paragraphs += "<p>para";
  }
  EXPECT_EQ(limit_nesting(many_paragraphs, 3), many_paragraphs);
}

TEST(NestingGuard, DoesNotCountVoidOrSelfClosedForeignElements) {
  std::string flat = "<svg>";
  for (int i = 0; i < 100; ++i) {
    flat += "<path d='M0'/>";
  }
  flat += "</svg>";
  for (int i = 0; i < 100; ++i) {
    flat += "<br><img src=x>";
  }
  EXPECT_EQ(limit_nesting(flat, 3), flat);
}

TEST(NestingGuard, CountsFormattingElementsTheParserWouldReopen) {
  // </div> closes the <b>, but the tree builder reopens it in the next <div>, before the <i>.
  EXPECT_EQ(limit_nesting("<div><b>x</div><div><i>y</i></div>", 2), "<div><b>x</div><div>y</div>");
}

TEST(NestingGuard, TreatsCommentEndVariantsAsTheTokenizerDoes) {
  EXPECT_EQ(limit_nesting("<!-- a --!><div><div>x", 1), "<!-- a --!><div>x");
  EXPECT_EQ(limit_nesting("<!--><div><div>x", 1), "<!--><div>x");
}

TEST(NestingGuard, RemovesFallbackElementTagsSoTheirContentIsParsed) {
  EXPECT_EQ(limit_nesting("a<iframe src=x><b>b</b></IFRAME>c<noembed>d</noembed>", 10),
            "a<b>b</b>cd");
}

}  // namespace
}  // namespace orrery::sanitise::detail
