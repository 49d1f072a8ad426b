#include "util/hash.h"

#include <gtest/gtest.h>

namespace orrery::util {
namespace {

TEST(StableHash, IsFnv1a64WithPartSeparators) {
  // FNV-1a 64 of "a" is af63dc4c8601ec8c; the separator multiplies by the prime once more.
  EXPECT_EQ(stable_hash({}), 14695981039346656037ULL);
  EXPECT_EQ(stable_hash_hex({"a"}), "089be207b544f1e4");
}

TEST(StableHash, MovingTextBetweenPartsChangesTheHash) {
  EXPECT_NE(stable_hash({"ab", "c"}), stable_hash({"a", "bc"}));
  EXPECT_EQ(stable_hash({"ab", "c"}), stable_hash({"ab", "c"}));
}

}  // namespace
}  // namespace orrery::util
