#include <gtest/gtest.h>

#include "sanitise/sanitise.h"

namespace orrery::sanitise {
namespace {

TEST(HtmlToText, RemovesTagsAndDecodesEntities) {
  EXPECT_EQ(html_to_text("<b>AT&amp;T</b> &lt;rocks&gt; &eacute;"), "AT&T <rocks> \xC3\xA9");
}

TEST(HtmlToText, DropsScriptAndStyleContent) {
  EXPECT_EQ(html_to_text("a<script>alert(1)</script><style>p{}</style>b"), "ab");
}

TEST(HtmlToText, CollapsesWhitespaceAndSeparatesBlocks) {
  EXPECT_EQ(html_to_text("  one\n\n  two <p>three</p><p>four</p>five<br>six "),
            "one two three four five six");
}

TEST(HtmlToText, KeepsMarkupLookingPlainTextAsText) {
  EXPECT_EQ(html_to_text("5 < 6 and 7 > 3"), "5 < 6 and 7 > 3");
}

TEST(HtmlToText, DropsComments) { EXPECT_EQ(html_to_text("a<!-- hidden -->b"), "ab"); }

TEST(HtmlToText, HandlesDeeplyNestedElements) {
  std::string deep;
  for (int i = 0; i < 200000; ++i) {
    deep += "<b>";
  }
  EXPECT_EQ(html_to_text(deep + "text"), "text");
}

}  // namespace
}  // namespace orrery::sanitise
