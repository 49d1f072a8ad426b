#include "util/atomic_file.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace orrery::util {
namespace {

TEST(AtomicFile, TargetAppearsOnlyOnCommit) {
  test::TempDir dir;
  auto target = dir / "index.html";
  {
    AtomicFile file(target);
    file.write("<p>new</p>");
    EXPECT_FALSE(std::filesystem::exists(target));
    file.commit();
  }
  EXPECT_EQ(test::slurp(target), "<p>new</p>");
}

TEST(AtomicFile, DestructorWithoutCommitKeepsOldContentAndLeavesNoTemporary) {
  test::TempDir dir;
  auto target = dir.write("index.html", "old");
  {
    AtomicFile file(target);
    file.write("half a pa");
  }
  EXPECT_EQ(test::slurp(target), "old");
  int files = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST(AtomicFile, ThrowsWhenDirectoryIsMissing) {
  test::TempDir dir;
  EXPECT_THROW(AtomicFile(dir / "missing" / "x"), std::system_error);
}

TEST(ReadFile, RefusesFilesOverTheLimitNamingTheFile) {
  test::TempDir dir;
  auto p = dir.write("big.xml", std::string(100, 'x'));
  auto r = read_file(p, 10);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("big.xml"), std::string::npos);
  EXPECT_EQ(read_file(p, 100).value(), std::string(100, 'x'));
}

}  // namespace
}  // namespace orrery::util
