// Inline SVG and MathML in RSS descriptions, content and titles, read and cleaned as the
// pipeline reads them (parse, then clean), compared with feedparser 6.0.10's output on the
// same document (tests/data/normalise/inline-svg.rss.xml). Where they differ it is on purpose:
// every element is closed (feedparser leaves `<circle …>` open), a javascript: link is emptied
// (feedparser keeps it in xlink:href) and MathML's annotation-xml is dropped.

#include <gtest/gtest.h>

#include "normalise/normalise.h"
#include "parse/parse.h"
#include "support/temp_dir.h"

namespace orrery::normalise {
namespace {

model::ParsedFeed cleaned_fixture() {
  return clean(parse::parse_document(
      orrery::test::slurp(orrery::test::data_path("normalise/inline-svg.rss.xml")), {}));
}

TEST(InlineSvg, SvgInAnRssDescriptionIsKeptAsFeedparserKeepsIt) {
  model::ParsedFeed f = cleaned_fixture();
  ASSERT_EQ(f.entries.size(), 2u);
  ASSERT_TRUE(f.entries[0].summary);
  EXPECT_EQ(f.entries[0].summary->value,
            "<p>Before</p><svg height=\"50\" viewBox=\"0 0 100 50\" width=\"100\" "
            "xmlns=\"http://www.w3.org/2000/svg\"><circle cx=\"25\" cy=\"25\" fill=\"red\" "
            "r=\"20\"></circle><linearGradient gradientUnits=\"userSpaceOnUse\" id=\"g\"><stop "
            "offset=\"0\" stop-color=\"blue\"></stop></linearGradient><rect height=\"40\" "
            "width=\"40\" x=\"50\" y=\"5\"></rect><a xlink:href=\"\" "
            "xmlns:xlink=\"http://www.w3.org/1999/xlink\"><text x=\"5\" y=\"45\">hi</text></a>"
            "<foreignObject height=\"10\" width=\"10\"><p>inside</p></foreignObject></svg>"
            "<p>After</p>");
}

TEST(InlineSvg, SvgInAnRssTitleIsTextUnlessItLooksLikeHtml) {
  model::ParsedFeed f = cleaned_fixture();
  // feedparser's test: every tag must be an HTML element for untyped RSS text to be HTML.
  ASSERT_TRUE(f.entries[0].title);
  EXPECT_EQ(f.entries[0].title->type, model::TextType::text);
  EXPECT_EQ(f.entries[0].title->value,
            "<svg width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"green\"/>"
            "</svg> Square");
  ASSERT_TRUE(f.entries[1].title);
  EXPECT_EQ(f.entries[1].title->type, model::TextType::html);
  EXPECT_EQ(f.entries[1].title->value,
            "Formula <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi><mo>=</mo>"
            "<mn>2</mn></math>");
}

TEST(InlineSvg, MathmlInContentEncodedKeepsItsAttributesButNoHandlersOrStyle) {
  model::ParsedFeed f = cleaned_fixture();
  ASSERT_EQ(f.entries[1].content.size(), 1u);
  EXPECT_EQ(f.entries[1].content[0].value,
            "<p>Fraction: <math display=\"block\" xmlns=\"http://www.w3.org/1998/Math/MathML\">"
            "<mfrac linethickness=\"2\"><mi mathvariant=\"bold\">a</mi><mi>b</mi></mfrac></math>"
            "</p>");
}

}  // namespace
}  // namespace orrery::normalise
