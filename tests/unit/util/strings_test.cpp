#include "util/strings.h"

#include <gtest/gtest.h>

namespace orrery::util {
namespace {

TEST(Strings, EscapeHtmlEscapesMarkupAndQuotes) {
  EXPECT_EQ(escape_html("a < b & \"c\" > d"), "a &lt; b &amp; &quot;c&quot; &gt; d");
}

TEST(Strings, EscapeHtmlEscapesApostrophesOnlyOnRequest) {
  EXPECT_EQ(escape_html("it's"), "it's");
  EXPECT_EQ(escape_html("it's <x>", Apostrophes::escape), "it&#39;s &lt;x&gt;");
}

TEST(Strings, CollapseWhitespaceJoinsRunsAndTrims) {
  EXPECT_EQ(collapse_whitespace("  one \n\t two  "), "one two");
}

TEST(Strings, SplitWhitespaceDropsEmptyPieces) {
  EXPECT_EQ(split_whitespace(" index.html.tmpl  atom.xml.tmpl "),
            (std::vector<std::string>{"index.html.tmpl", "atom.xml.tmpl"}));
}

TEST(Strings, CaseInsensitiveComparisonsAreAsciiOnly) {
  EXPECT_TRUE(iequals("Content-Type", "content-type"));
  EXPECT_TRUE(istarts_with("HTTP/1.1", "http/"));
  EXPECT_FALSE(istarts_with("ht", "http"));
}

}  // namespace
}  // namespace orrery::util
