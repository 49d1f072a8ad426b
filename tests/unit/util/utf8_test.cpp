#include "util/utf8.h"

#include <gtest/gtest.h>

namespace orrery::util {
namespace {

TEST(Utf8, AcceptsWellFormedAndRejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(Utf8, RepairReplacesEachMaximalSubpartAndDropsNul) {
  EXPECT_EQ(repair_utf8(std::string("a\xE2\x82z\0b", 6)), "a\xEF\xBF\xBDzb");
  EXPECT_EQ(repair_utf8("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, AppendEncodesAndReplacesSurrogates) {
  std::string out;
  append_utf8(out, 0x20AC);
  append_utf8(out, 0xD800);
  EXPECT_EQ(out, "\xE2\x82\xAC\xEF\xBF\xBD");
}

}  // namespace
}  // namespace orrery::util
