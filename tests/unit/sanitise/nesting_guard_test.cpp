#include "sanitise/nesting_guard.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

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

TEST(NestingGuard, IsWithinTheLimitOnlyWithFewerTagsThanTheDepth) {
  EXPECT_TRUE(is_within_nesting_limit("<p>a <b>b</b></p>", 5));
  EXPECT_FALSE(is_within_nesting_limit("<p>a <b>b</b></p>", 4));
  EXPECT_FALSE(is_within_nesting_limit("a<IFRAME>b", 10));
  EXPECT_FALSE(is_within_nesting_limit("a</noscript>b", 10));
}

// Tag soup whose tags the guard pops, reopens and removes.
std::string guard_soup(std::mt19937& random) {
  static const std::vector<std::string> pieces{
      "<div>", "</div>", "<b>",  "</b>",    "<i>", "</i>",    "<p>",   "</p>",     "<li>",
      "<td>",  "<tr>",   "<a>",  "</a>",    "x",   "<br>",    "<svg>", "</svg>",   "<form>",
      "<!--",  "-->",    "<td ", "title='", "'>",  "<table>", "<dd>",  "<script>", "</script>"};
  std::uniform_int_distribution<std::size_t> length(1, 14);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string soup;
  for (std::size_t n = length(random); n > 0; --n) {
    soup += pieces[pick(random)];
  }
  return soup;
}

TEST(NestingGuard, WithinTheLimitTheGuardChangesNothing) {
  std::mt19937 random(31);  // fixed seed: failures are reproducible
  std::uniform_int_distribution<std::size_t> depth(1, 12);
  int within = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string soup = guard_soup(random);
    const std::size_t max_depth = depth(random);
    if (is_within_nesting_limit(soup, max_depth)) {
      ++within;
      ASSERT_EQ(limit_nesting(soup, max_depth), soup) << "depth " << max_depth << ": " << soup;
    }
  }
  EXPECT_GT(within, 1000);  // the property was exercised
}

}  // namespace
}  // namespace orrery::sanitise::detail
