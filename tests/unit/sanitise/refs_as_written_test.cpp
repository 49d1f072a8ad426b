#include "sanitise/refs_as_written.h"

#include <gtest/gtest.h>

namespace orrery::sanitise::detail {
namespace {

std::optional<std::string> text(std::string_view decoded, std::string_view original) {
  return refs_as_written(decoded, original, RefContext::text);
}

TEST(RefsAsWritten, ADecimalReferenceIsKeptAsWritten) { EXPECT_EQ(text("&", "&#38;"), "&#38;"); }

TEST(RefsAsWritten, AHexReferenceIsKeptLowerCased) { EXPECT_EQ(text("&", "&#X26;"), "&#x26;"); }

TEST(RefsAsWritten, AWindows1252ReferenceIsWrittenAsTheCharacterItMeant) {
  EXPECT_EQ(text("don\xe2\x80\x99t", "don&#146;t"), "don&#x2019;t");
}

TEST(RefsAsWritten, LiteralMarkupCharactersAreEscaped) {
  EXPECT_EQ(text("a < b & c", "a < b & c"), "a &lt; b &amp; c");
}

TEST(RefsAsWritten, NamedAmpStaysAmp) { EXPECT_EQ(text("&", "&amp;"), "&amp;"); }

TEST(RefsAsWritten, QuotesAreEscapedOnlyInAttributes) {
  EXPECT_EQ(text("\"", "\""), "\"");
  EXPECT_EQ(refs_as_written("\"", "\"", RefContext::attribute), "&quot;");
}

TEST(RefsAsWritten, CarriageReturnsAreNormalisedLikeTheParser) {
  EXPECT_EQ(text("a\nb\n", "a\r\nb\r"), "a\nb\n");
}

TEST(RefsAsWritten, ANameFeedparserKnowsIsWrittenAsWritten) {
  EXPECT_EQ(text("\xc3\xa9\xc2\xa9\xc2\xa0\"'", "&eacute;&copy;&nbsp;&quot;&apos;"),
            "&eacute;&copy;&nbsp;&quot;&apos;");
  EXPECT_EQ(refs_as_written("\xc3\xa9\"", "&eacute;&quot;", RefContext::attribute),
            "&eacute;&quot;");
}

TEST(RefsAsWritten, AKnownNameWithoutSemicolonInTextGetsOne) {
  EXPECT_EQ(text("\xc3\xa9 \xc2\xa9x", "&eacute &copy;x"), "&eacute; &copy;x");
}

TEST(RefsAsWritten, EscapesStayEscapes) {
  EXPECT_EQ(text("<script>", "&lt;script&gt;"), "&lt;script&gt;");
  EXPECT_EQ(refs_as_written("\"><b", "&quot;&gt;&lt;b", RefContext::attribute), "&quot;&gt;&lt;b");
}

TEST(RefsAsWritten, AnUnknownNameInTextLosesItsSemicolonLikeFeedparser) {
  EXPECT_EQ(text("&foo; &bar x", "&foo; &bar x"), "&amp;foo &amp;bar x");
}

TEST(RefsAsWritten, AnUnknownNameInAnAttributeIsWrittenAsWritten) {
  EXPECT_EQ(refs_as_written("&foo; &bar", "&foo; &bar", RefContext::attribute), "&foo; &amp;bar");
}

TEST(RefsAsWritten, ANameTheParserReadOtherwiseGivesUp) {
  // the HTML parser reads the legacy `&not` in `&notin ` (no ';'), feedparser the whole name
  EXPECT_EQ(text("\xc2\xacin ", "&notin "), std::nullopt);
  // an HTML5 name Python does not know
  EXPECT_EQ(text("\xe2\x89\xaa", "&Lt;"), std::nullopt);
}

TEST(RefsAsWritten, AReferenceWithoutSemicolonGivesUp) {
  EXPECT_EQ(text("&", "&#38"), std::nullopt);
}

TEST(RefsAsWritten, AReferenceTheParserReplacedGivesUp) {
  EXPECT_EQ(text("\xef\xbf\xbd", "&#0;"), std::nullopt);
}

TEST(RefsAsWritten, SourceThatDecodesDifferentlyGivesUp) {
  EXPECT_EQ(text("something else", "&#38;"), std::nullopt);
}

}  // namespace
}  // namespace orrery::sanitise::detail
