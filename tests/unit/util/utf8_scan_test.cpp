#include "util/utf8_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "util/utf8.h"

namespace orrery::util {
namespace {

TEST(Utf8Scan, LongAsciiAndWellFormedMultibyteTextIsClean) {
  EXPECT_TRUE(is_clean_utf8("plain ASCII text longer than one word of eight bytes"));
  EXPECT_TRUE(
      is_clean_utf8("caf\xC3\xA9 au lait, \xE2\x82\xAC"
                    "5, \xF0\x9F\x98\x80 and more"));
  EXPECT_TRUE(is_clean_utf8(""));
}

TEST(Utf8Scan, NulAnywhereIsNotClean) {
  EXPECT_FALSE(is_clean_utf8(std::string("0123456789\0abcdef", 17)));  // inside a word
  EXPECT_FALSE(is_clean_utf8(std::string("ab\0", 3)));                 // in the tail
}

TEST(Utf8Scan, IllFormedSequencesAfterAsciiWordsAreNotClean) {
  EXPECT_FALSE(is_clean_utf8("0123456789abcdef\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_clean_utf8("0123456789abcdef\xE2\x82 z"));    // truncated before ASCII
  EXPECT_FALSE(is_clean_utf8("0123456789abcdef\xED\xA0\x80"));  // surrogate
}

TEST(Utf8Scan, AgreesWithRepairOnRandomBytes) {
  std::mt19937 random(7);  // fixed seed: failures are reproducible
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<int> any_byte(0, 255);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (int n = length(random); n > 0; --n) {
      s += kind(random) < 7 ? 'a' : static_cast<char>(any_byte(random));
    }
    ASSERT_EQ(is_clean_utf8(s), repair_utf8(s) == s) << "case " << i;
    ASSERT_EQ(repaired_utf8(s), repair_utf8(s)) << "case " << i;
  }
}

}  // namespace
}  // namespace orrery::util
