#include "util/md5.h"

#include <gtest/gtest.h>

#include <string>

namespace orrery::util {
namespace {

// Test vectors from RFC 1321 §A.5.
TEST(Md5, EmptyInputHasTheRfcDigest) { EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e"); }

TEST(Md5, ShortInputHasTheRfcDigest) {
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
}

TEST(Md5, InputSpanningTwoBlocksHasTheRfcDigest) {
  EXPECT_EQ(
      md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
      "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5, InputWhosePaddingNeedsASecondBlockIsHashedCorrectly) {
  // 56 bytes: the length no longer fits in the first padding block.
  EXPECT_EQ(md5_hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
}

TEST(Md5, BytesAboveAsciiAreHashedAsUnsigned) {
  EXPECT_EQ(md5_hex("D\xc3\xa9tente"), "d957d3c86989efe7582661943c6a1940");
}

}  // namespace
}  // namespace orrery::util
