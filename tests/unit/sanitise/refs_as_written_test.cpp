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
  EXPECT_EQ(text("\"", "&quot;"), "\"");
  EXPECT_EQ(refs_as_written("\"", "&quot;", RefContext::attribute), "&quot;");
}

TEST(RefsAsWritten, CarriageReturnsAreNormalisedLikeTheParser) {
  EXPECT_EQ(text("a\nb\n", "a\r\nb\r"), "a\nb\n");
}

TEST(RefsAsWritten, AnotherNamedReferenceGivesUp) {
  EXPECT_EQ(text("\xc3\xa9", "&eacute;"), std::nullopt);
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
