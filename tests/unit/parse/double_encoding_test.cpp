#include "parse/double_encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace orrery::parse {
namespace {

TEST(DoubleEncoding, Utf8ReadAsLatin1IsUndone) {
  // U+00E2 U+0080 U+00A6: the bytes of "…" each read as a Latin-1 character.
  EXPECT_EQ(undo_double_encoding("\xc3\xa2\xc2\x80\xc2\xa6"), "\xe2\x80\xa6");
}

TEST(DoubleEncoding, Utf8ReadAsWindows1252IsUndone) {
  // "â€™": the bytes of "’" read as windows-1252.
  EXPECT_EQ(undo_double_encoding("\xc3\xa2\xe2\x82\xac\xe2\x84\xa2"), "\xe2\x80\x99");
}

TEST(DoubleEncoding, GenuineLatin1TextIsLeftAlone) {
  EXPECT_EQ(undo_double_encoding("caf\xc3\xa9"), std::nullopt);  // "é" alone is not UTF-8
}

TEST(DoubleEncoding, AsciiIsLeftAlone) { EXPECT_EQ(undo_double_encoding("plain"), std::nullopt); }

TEST(DoubleEncoding, TextBeyondWindows1252IsLeftAlone) {
  EXPECT_EQ(undo_double_encoding("\xc3\xa2\xe2\x80\xa6 \xe6\x97\xa5"), std::nullopt);
}

TEST(DoubleEncoding, ProseWithCurlyQuotesIsLeftAlone) {
  // "’" and "—" map to windows-1252 bytes 0x92 and 0x97, which no UTF-8 sequence starts with.
  EXPECT_EQ(undo_double_encoding("it\xe2\x80\x99s \xe2\x80\x94 fine"), std::nullopt);
}

TEST(DoubleEncoding, ASequenceCutShortByAsciiIsLeftAlone) {
  EXPECT_EQ(undo_double_encoding("\xc3\xa2\xc2\x80x"), std::nullopt);  // E2 80 then 'x'
}

TEST(DoubleEncoding, DoublyEncodedTextAmongAsciiIsUndone) {
  EXPECT_EQ(undo_double_encoding("wait\xc3\xa2\xc2\x80\xc2\xa6 ok"), "wait\xe2\x80\xa6 ok");
}

TEST(DoubleEncoding, DoublyEncodedTextAfterALongAsciiRunIsUndone) {
  const std::string ascii(37, 'a');  // more than two scanned blocks, not a multiple of either
  EXPECT_EQ(undo_double_encoding(ascii + "\xc3\xa2\xc2\x80\xc2\xa6" + ascii),
            ascii + "\xe2\x80\xa6" + ascii);
  EXPECT_EQ(undo_double_encoding(ascii + "caf\xc3\xa9" + ascii), std::nullopt);
  EXPECT_EQ(undo_double_encoding(ascii + ascii), std::nullopt);
}

TEST(DoubleEncoding, AppliesToEntryContentOfAFeed) {
  model::ParsedFeed feed;
  model::ParsedEntry entry;
  model::TextConstruct content;
  content.value = "\xc3\xa2\xc2\x80\xc2\xa6";
  entry.content.push_back(content);
  feed.entries.push_back(entry);
  undo_double_encoding(feed);
  EXPECT_EQ(feed.entries[0].content[0].value, "\xe2\x80\xa6");
}

}  // namespace
}  // namespace orrery::parse
